package io.intelligencesuite.transforms.datatests;

import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every data test of {@code suite check}, generated from the registry: per table the generic tests
 * ({@link TableTests}) and, for staging tables, freshness from the last load ({@link LoadTests})
 * and from the source's own newest time ({@link SourceFreshnessTests}); then the cross-table {@link
 * Invariants}. Freshness compares with {@code now}, passed in so the SQL is reproducible.
 */
public final class DataTests {
  private DataTests() {}

  public static List<DataTest> all(Instant now) {
    return forTables(Tables.all(), now);
  }

  public static List<DataTest> forTables(List<TableDef> tables, Instant now) {
    List<DataTest> tests = new ArrayList<>();
    for (TableDef t : tables) {
      tests.addAll(forTable(t, now));
    }
    List<String> names = tables.stream().map(TableDef::name).toList();
    Invariants.all().stream().filter(i -> names.containsAll(i.needs())).forEach(tests::add);
    return tests;
  }

  /** One table's tests: generic tests, then freshness when the table has thresholds. */
  public static List<DataTest> forTable(TableDef t, Instant now) {
    List<DataTest> tests = new ArrayList<>(TableTests.of(t));
    if (t.freshness().isPresent()) {
      tests.addAll(LoadTests.freshness(t, now));
    }
    if (t.sourceFreshness().isPresent()) {
      tests.addAll(SourceFreshnessTests.of(t, now));
    }
    return tests;
  }
}
