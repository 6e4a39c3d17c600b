package io.intelligencesuite.transforms.datatests;

import io.intelligencesuite.schemas.Column;
import io.intelligencesuite.schemas.Relationship;
import io.intelligencesuite.schemas.Severity;
import io.intelligencesuite.schemas.TableDef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The generic tests of one registry table (dbt's built-ins): primary key unique, required columns
 * not null, accepted values, non-negative numbers, relationships. Each failing row starts with the
 * table's primary key, so the sample names the bad rows.
 */
public final class TableTests {
  private TableTests() {}

  public static List<DataTest> of(TableDef t) {
    List<DataTest> tests = new ArrayList<>();
    tests.add(unique(t));
    tests.add(notNull(t));
    for (Column c : t.columns()) {
      if (c.acceptedValues() != null) {
        tests.add(acceptedValues(t, c));
      }
    }
    nonNegative(t).ifPresent(tests::add);
    for (Relationship r : t.relationships()) {
      tests.add(relationship(t, r));
    }
    return tests;
  }

  static DataTest unique(TableDef t) {
    String key = Sql.columns(t.primaryKey(), null);
    return onTable(
        "unique_" + t.name(),
        TestKind.UNIQUE,
        t,
        t.primaryKey(),
        Severity.ERROR,
        "SELECT "
            + key
            + ", count(*) AS rows_with_key FROM "
            + t.name()
            + " GROUP BY "
            + key
            + " HAVING count(*) > 1",
        "duplicate primary keys: the pipeline's dedupe or its window replace is broken");
  }

  static DataTest notNull(TableDef t) {
    List<String> required =
        t.columns().stream().filter(Column::required).map(Column::name).toList();
    String firstNull =
        required.stream()
            .map(c -> "WHEN " + c + " IS NULL THEN '" + c + "'")
            .collect(Collectors.joining(" "));
    return onTable(
        "not_null_" + t.name(),
        TestKind.NOT_NULL,
        t,
        required,
        Severity.ERROR,
        "SELECT "
            + Sql.columns(t.primaryKey(), null)
            + ", CASE "
            + firstNull
            + " END AS null_column FROM "
            + t.name()
            + " WHERE "
            + required.stream().map(c -> c + " IS NULL").collect(Collectors.joining(" OR ")),
        "a required column is empty: the warehouse accepted a row its registry schema forbids");
  }

  static DataTest acceptedValues(TableDef t, Column c) {
    return onTable(
        "accepted_values_" + t.name() + "_" + c.name(),
        TestKind.ACCEPTED_VALUES,
        t,
        List.of(c.name()),
        c.acceptedValues().severity(),
        rowsWhere(
            t,
            List.of(c.name()),
            c.name() + " NOT IN (" + Sql.literals(c.acceptedValues().values()) + ")"),
        "unexpected "
            + c.name()
            + " value: add it to the registry (Tables.java) with its meaning, or fix the source mapping");
  }

  static Optional<DataTest> nonNegative(TableDef t) {
    List<String> columns =
        t.columns().stream().filter(Column::nonNegative).map(Column::name).toList();
    if (columns.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        onTable(
            "non_negative_" + t.name(),
            TestKind.NON_NEGATIVE,
            t,
            columns,
            Severity.ERROR,
            rowsWhere(
                t,
                columns,
                columns.stream().map(c -> c + " < 0").collect(Collectors.joining(" OR "))),
            "a negative amount or count where the registry says it cannot be"));
  }

  static DataTest relationship(TableDef t, Relationship r) {
    return new DataTest(
        "relationships_" + t.name() + "_" + r.column(),
        TestKind.RELATIONSHIPS,
        t.name(),
        List.of(r.column()),
        r.severity(),
        "SELECT "
            + keyAnd(t, List.of(r.column()), "child")
            + " FROM "
            + t.name()
            + " AS child"
            + " LEFT JOIN (SELECT DISTINCT "
            + r.toColumn()
            + " FROM "
            + r.toTable()
            + ") AS parent"
            + " ON child."
            + r.column()
            + " = parent."
            + r.toColumn()
            + " WHERE child."
            + r.column()
            + " IS NOT NULL AND parent."
            + r.toColumn()
            + " IS NULL",
        List.of(t.name(), r.toTable()),
        r.column()
            + " has no row in "
            + r.toTable()
            + "."
            + r.toColumn()
            + ": the rows were built from different snapshots or identity resolution dropped the key");
  }

  /** A test that reads {@code t} alone. */
  private static DataTest onTable(
      String name,
      TestKind kind,
      TableDef t,
      List<String> columns,
      Severity severity,
      String sql,
      String message) {
    return new DataTest(name, kind, t.name(), columns, severity, sql, List.of(t.name()), message);
  }

  /** The key and {@code columns} of the rows of {@code t} that match {@code condition}. */
  private static String rowsWhere(TableDef t, List<String> columns, String condition) {
    return "SELECT " + keyAnd(t, columns, null) + " FROM " + t.name() + " WHERE " + condition;
  }

  /**
   * The primary key, then the other columns named (no column twice: BigQuery rejects duplicate
   * output names).
   */
  static String keyAnd(TableDef t, List<String> columns, String prefix) {
    Set<String> all = new LinkedHashSet<>(t.primaryKey());
    all.addAll(columns);
    return Sql.columns(all, prefix);
  }
}
