package io.intelligencesuite.transforms.warehouse;

import io.intelligencesuite.schemas.Column;
import io.intelligencesuite.schemas.TableDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How an existing warehouse table's columns differ from its registry definition, and which of the
 * differences a run applies by itself: the one home of the schema-evolution rule, for both sinks,
 * the launcher's statements and the DuckDB reader.
 *
 * <ul>
 *   <li>Additive, applied at run time: a NULLABLE registry column the table lacks is added (the
 *       existing rows read NULL, which is what a nullable column promises); a column the table
 *       holds as REQUIRED that the registry now calls NULLABLE is relaxed.
 *   <li>Breaking, refused before the table changes, naming the column and the fix: a column the
 *       registry no longer has (removed or renamed), a changed type, a NULLABLE column made
 *       REQUIRED, a new REQUIRED column (the existing rows have no value for it).
 * </ul>
 *
 * <p>Column order is not compared: a column added to a live table lands at its end on both
 * warehouses, so every write names its columns ({@link ReplaceWindow#insertStaged}) and every read
 * selects them by name.
 */
final class SchemaDrift {
  /** A column as the warehouse reports it: its type in the warehouse's own words. */
  record Existing(String name, String type, boolean nullable) {}

  private final TableDef table;
  private final String where;
  private final Function<Column, String> typeOf;
  private final List<Column> added = new ArrayList<>();
  private final List<Column> relaxed = new ArrayList<>();
  private final List<String> breaking = new ArrayList<>();
  private final List<String> breakingForReads = new ArrayList<>();

  /**
   * Compares {@code existing} with the registry. {@code where} names the table in messages (e.g.
   * {@code duckdb:/path/warehouse.duckdb} or {@code `project.dataset.table`}); {@code typeOf} gives
   * a registry column's type in the warehouse's words, compared after {@link #normalType}.
   */
  SchemaDrift(
      TableDef table, String where, List<Existing> existing, Function<Column, String> typeOf) {
    this.table = table;
    this.where = where;
    this.typeOf = typeOf;
    Map<String, Existing> byName = new LinkedHashMap<>();
    for (Existing e : existing) {
      byName.put(e.name(), e);
    }
    List<Column> missing = new ArrayList<>();
    for (Column c : table.columns()) {
      Existing e = byName.get(c.name());
      if (e == null) {
        missing.add(c);
        if (c.required()) {
          String problem =
              c.name()
                  + " is REQUIRED in the registry but the table has no such column, so its"
                  + " existing rows have no value for it. Fix: declare it .nullable(...) in"
                  + " Tables.java (then it is added automatically), or rebuild the table: "
                  + rebuild();
          breaking.add(problem);
          breakingForReads.add(problem);
        } else {
          added.add(c);
        }
        continue;
      }
      String expected = typeOf.apply(c);
      if (!normalType(expected).equals(normalType(e.type()))) {
        String problem =
            c.name()
                + " is "
                + e.type()
                + " in the table but "
                + expected
                + " in the registry. Fix: convert it where the warehouse allows it (ALTER TABLE "
                + table.name()
                + " ALTER COLUMN "
                + c.name()
                + " SET DATA TYPE "
                + expected
                + "), or rebuild the table: "
                + rebuild()
                + ", or change the registry back";
        breaking.add(problem);
        breakingForReads.add(problem);
      } else if (c.required() && e.nullable()) {
        breaking.add(
            c.name()
                + " is NULLABLE in the table but REQUIRED in the registry, and existing rows may"
                + " hold NULL. Fix: keep it .nullable(...) in Tables.java, or rebuild the table: "
                + rebuild());
      } else if (!c.required() && !e.nullable()) {
        relaxed.add(c);
      }
    }
    for (Existing e : existing) {
      if (table.column(e.name()).isEmpty()) {
        breaking.add(
            e.name()
                + " is in the table but no longer in the registry"
                + renamedTo(e, missing, typeOf).map(n -> " (renamed to " + n + "?)").orElse("")
                + ". Fix: if it was renamed, rename it in the warehouse (ALTER TABLE "
                + table.name()
                + " RENAME COLUMN "
                + e.name()
                + " TO "
                + renamedTo(e, missing, typeOf).orElse("new_name")
                + "); if it was removed, drop it, losing its values (ALTER TABLE "
                + table.name()
                + " DROP COLUMN "
                + e.name()
                + "); or put it back in Tables.java");
      }
    }
  }

  /** The one missing registry column of the same type, when there is exactly one. */
  private static Optional<String> renamedTo(
      Existing gone, List<Column> missing, Function<Column, String> typeOf) {
    List<String> candidates =
        missing.stream()
            .filter(c -> normalType(typeOf.apply(c)).equals(normalType(gone.type())))
            .map(Column::name)
            .toList();
    return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
  }

  private String rebuild() {
    return "DROP TABLE " + table.name() + " and rerun its pipeline over its whole history";
  }

  /**
   * One spelling per type: BigQuery's API answers with legacy names (INTEGER, FLOAT, BOOLEAN) for
   * what GoogleSQL calls INT64, FLOAT64, BOOL.
   */
  static String normalType(String type) {
    String t = type.trim().toUpperCase(Locale.ROOT);
    return switch (t) {
      case "INTEGER" -> "INT64";
      case "FLOAT" -> "FLOAT64";
      case "BOOLEAN" -> "BOOL";
      default -> t;
    };
  }

  /** A registry column's type in the warehouse's words. */
  String typeOf(Column column) {
    return typeOf.apply(column);
  }

  /** NULLABLE registry columns the table lacks: added by the run, in registry order. */
  List<Column> added() {
    return added;
  }

  /** Columns the table holds as REQUIRED that the registry now calls NULLABLE: relaxed. */
  List<Column> relaxed() {
    return relaxed;
  }

  boolean isBreaking() {
    return !breaking.isEmpty();
  }

  /** Throws, naming every breaking change and its fix, unless there is none. */
  void refuseBreaking(String action) {
    refuse(breaking, action);
  }

  /**
   * Throws when a reader of the registry columns cannot read them: a changed type or a missing
   * REQUIRED column. A column the registry no longer has is not read, and a missing NULLABLE one
   * reads as NULL, so neither stops a read.
   */
  void refuseUnreadable(String action) {
    refuse(breakingForReads, action);
  }

  private void refuse(List<String> problems, String action) {
    if (problems.isEmpty()) {
      return;
    }
    throw new IllegalStateException(
        "Schema change refused: "
            + table.name()
            + " in "
            + where
            + " differs from the registry (schemas/.../Tables.java) in a way a run does not apply"
            + " by itself; "
            + action
            + ".\n  - "
            + String.join("\n  - ", problems));
  }

  /** For logs: what a run applies, e.g. "adds tax_behavior; relaxes amount". */
  String describeAdditive() {
    List<String> parts = new ArrayList<>();
    if (!added.isEmpty()) {
      parts.add("adds " + String.join(", ", added.stream().map(Column::name).toList()));
    }
    if (!relaxed.isEmpty()) {
      parts.add("relaxes " + String.join(", ", relaxed.stream().map(Column::name).toList()));
    }
    return String.join("; ", parts);
  }
}
