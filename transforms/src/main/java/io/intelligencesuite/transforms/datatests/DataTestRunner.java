package io.intelligencesuite.transforms.datatests;

import io.intelligencesuite.schemas.MetricParameters;
import io.intelligencesuite.schemas.Severity;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.datatests.DataTestResult.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Runs the registry's data tests against one warehouse: first whether each table is loaded, then
 * every test whose tables exist (the others are counted as skipped; the missing table already has
 * its own result), and records the results in {@code data_test_results}.
 */
public final class DataTestRunner {
  /** Failing rows kept per test: enough to name the bad keys, small enough to print. */
  static final int SAMPLE_SIZE = 5;

  private final CheckWarehouse warehouse;
  private final WarehouseReader reader;

  /** The SQL tests only (no volume checks). */
  public DataTestRunner(CheckWarehouse warehouse) {
    this(warehouse, null);
  }

  /**
   * The SQL tests on {@code warehouse}, and the volume checks ({@link VolumeChecks}) reading daily
   * counts through {@code reader} (the same warehouse; null leaves them out).
   */
  public DataTestRunner(CheckWarehouse warehouse, WarehouseReader reader) {
    this.warehouse = warehouse;
    this.reader = reader;
  }

  /**
   * Every registry table's tests, the invariants and the volume checks, as of {@code now}, results
   * appended.
   */
  public CheckRun runAll(Instant now) throws Exception {
    CheckRun run = run(Tables.all(), DataTests.all(now), now);
    if (reader != null) {
      List<DataTestResult> results = new ArrayList<>(run.results());
      results.addAll(VolumeChecks.of(MetricParameters.defaults()).run(reader, Tables.all(), now));
      run = new CheckRun(run.runId(), run.checkedAt(), results, run.skipped());
    }
    record(run);
    return run;
  }

  /** The given tests over the given tables (not recorded: see {@link #record}). */
  public CheckRun run(List<TableDef> tables, List<DataTest> tests, Instant now) throws Exception {
    Set<String> names = new LinkedHashSet<>();
    tables.forEach(t -> names.add(t.name()));
    tests.forEach(t -> names.addAll(t.needs()));
    Map<String, Boolean> exists = new HashMap<>();
    for (String name : names) {
      exists.put(name, warehouse.tableExists(name));
    }
    List<DataTestResult> results = new ArrayList<>();
    for (TableDef t : tables) {
      // The check creates its own results table; it is not a table anything else loads.
      if (!exists.get(t.name()) && !t.equals(Tables.DATA_TEST_RESULTS)) {
        results.add(missingTable(t, exists.get(Tables.PIPELINE_RUNS.name())));
      }
    }
    int skipped = 0;
    for (DataTest test : tests) {
      if (!test.needs().stream().allMatch(exists::get)) {
        skipped++;
        continue;
      }
      results.add(execute(test));
    }
    return new CheckRun(newRunId(now), now, results, skipped);
  }

  /** Appends the run's results to {@code data_test_results}. */
  public void record(CheckRun run) throws Exception {
    warehouse.append(
        Tables.DATA_TEST_RESULTS,
        run.results().stream().map(r -> r.toRow(run.runId(), run.checkedAt())).toList());
  }

  private DataTestResult execute(DataTest test) {
    try {
      return DataTestResult.of(test, warehouse.failingRows(test.sql(), SAMPLE_SIZE));
    } catch (Exception e) {
      return DataTestResult.couldNotRun(test, e);
    }
  }

  /**
   * A missing table is an error when a pipeline that loads it has succeeded (its rows should be
   * there), and a warning when none has run yet: an optional source, or a warehouse being filled.
   */
  private DataTestResult missingTable(TableDef t, boolean runAuditExists) {
    DataTest test = LoadTests.tableLoaded(t);
    if (!runAuditExists || test.sql().isEmpty()) {
      return notLoadedYet(
          test,
          t.loadedBy().isEmpty()
              ? "no pipeline has run against this warehouse yet"
              : "not loaded yet: no pipeline run is recorded; run ./suite run "
                  + t.loadedBy().get(0));
    }
    DataTestResult result = execute(test);
    if (result.status() == Status.PASS) {
      return notLoadedYet(
          test,
          "not loaded yet: no succeeded run of "
              + String.join(" / ", t.loadedBy())
              + " is recorded; load it with ./suite run "
              + t.loadedBy().get(0));
    }
    return result;
  }

  private static DataTestResult notLoadedYet(DataTest test, String message) {
    return new DataTestResult(test, Severity.WARN, Status.WARN, FailingRows.none(), message);
  }

  private static String newRunId(Instant now) {
    return "check-"
        + now.toString().replaceAll("[-:]", "").replaceAll("\\.\\d+", "")
        + "-"
        + UUID.randomUUID().toString().substring(0, 6);
  }
}
