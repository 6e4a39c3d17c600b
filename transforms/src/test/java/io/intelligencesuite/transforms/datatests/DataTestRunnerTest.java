package io.intelligencesuite.transforms.datatests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.schemas.DuckDbDdl;
import io.intelligencesuite.schemas.Severity;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.datatests.DataTestResult.Status;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * The runner's verdicts: missing tables, tests that cannot run, the exit code, recorded results.
 */
public class DataTestRunnerTest {
  private static final Instant NOW = Instant.parse("2026-11-21T06:00:00Z");
  private static final List<TableDef> TABLES =
      List.of(Tables.PIPELINE_RUNS, Tables.SUBSCRIPTIONS, Tables.VISITOR_ENRICHMENT);

  @Rule public final TempWarehouses duck = new TempWarehouses();
  private DuckDbQueries sql;
  private DataTestRunner runner;

  @Before
  public void setUp() throws Exception {
    sql = duck.queries();
    runner = new DataTestRunner(new DuckDbCheckWarehouse(duck.warehouse()));
    sql.execute(DuckDbDdl.createTable(Tables.PIPELINE_RUNS));
    sql.execute(
        "INSERT INTO pipeline_runs VALUES ('stripe-1', 'stripe', NULL, NULL, TIMESTAMP '2026-11-21 01:00:00',"
            + " TIMESTAMP '2026-11-21 01:05:00', DATE '2026-11-21', 3, 3, '{}', 0, 0, 'succeeded', 'DirectRunner', 'duckdb:x')");
  }

  private static DataTestResult result(CheckRun run, String name) {
    return run.results().stream()
        .filter(r -> r.test().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no result " + name + " in " + run.results()));
  }

  @Test
  public void aTableItsPipelineLoadedMustExistOneNobodyLoadedYetOnlyWarns() throws Exception {
    CheckRun run = runner.run(TABLES, DataTests.forTables(TABLES, NOW), NOW);
    DataTestResult subscriptions = result(run, "table_loaded_subscriptions");
    assertEquals(Status.FAIL, subscriptions.status());
    assertThat(subscriptions.failures().render(), containsString("run_id=stripe-1"));
    DataTestResult enrichment = result(run, "table_loaded_visitor_enrichment");
    assertEquals(Status.WARN, enrichment.status());
    assertEquals(Severity.WARN, enrichment.severity());
    assertThat(enrichment.message(), containsString("./suite run enrichment"));
    assertTrue("tests of missing tables are skipped, not failed", run.skipped() > 0);
    assertEquals(1, run.exitCode());

    sql.execute(DuckDbDdl.createTable(Tables.SUBSCRIPTIONS));
    CheckRun loaded = runner.run(TABLES, DataTests.forTables(TABLES, NOW), NOW);
    assertEquals(Status.PASS, result(loaded, "freshness_subscriptions_error_after_50h").status());
    assertEquals("warnings alone do not fail the check", 0, loaded.exitCode());
  }

  @Test
  public void aTestThatCannotRunIsAnErrorAndFailsTheCheckWhateverItsSeverity() throws Exception {
    DataTest broken =
        new DataTest(
            "broken",
            TestKind.INVARIANT,
            "pipeline_runs",
            List.of(),
            Severity.WARN,
            "SELECT no_such_column FROM pipeline_runs",
            List.of("pipeline_runs"),
            "never");
    CheckRun run = runner.run(List.of(Tables.PIPELINE_RUNS), List.of(broken), NOW);
    assertEquals(Status.ERROR, result(run, "broken").status());
    assertThat(result(run, "broken").message(), containsString("no_such_column"));
    assertEquals(1, run.exitCode());
  }

  @Test
  public void resultsAreRecordedAndPrintedAsATable() throws Exception {
    sql.execute(DuckDbDdl.createTable(Tables.SUBSCRIPTIONS));
    sql.execute(
        "INSERT INTO subscriptions (source, subscription_id, customer_id, status, created_at) VALUES"
            + " ('stripe', 'sub_1', 'cus_1', 'active', TIMESTAMP '2026-01-01 00:00:00'),"
            + " ('stripe', 'sub_2', 'cus_2', 'on_hold', TIMESTAMP '2026-01-01 00:00:00')");
    CheckRun run = runner.run(TABLES, DataTests.forTables(TABLES, NOW), NOW);
    runner.record(run);
    assertEquals(
        (long) run.results().size(),
        ((Number)
                sql.value(
                    "SELECT count(*) FROM data_test_results WHERE run_id = '" + run.runId() + "'"))
            .longValue());
    assertEquals(
        List.of("fail", "source=stripe, subscription_id=sub_2, status=on_hold"),
        sql.rows(
                "SELECT status, failing_sample FROM data_test_results WHERE test_name ="
                    + " 'accepted_values_subscriptions_status'")
            .get(0));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    run.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed, containsString("accepted_values_subscriptions_status"));
    assertThat(
        printed, containsString("e.g. source=stripe, subscription_id=sub_2, status=on_hold"));
    assertThat(
        "passes are left out with failuresOnly",
        printed,
        not(containsString("unique_subscriptions ")));
    assertThat(printed, containsString("FAIL: "));
    assertEquals(1, run.exitCode());
  }

  @Test
  public void everyGeneratedQueryRunsOnTheRegistrysDuckDbTables() throws Exception {
    for (TableDef t : Tables.all()) {
      sql.execute(DuckDbDdl.createTable(t));
    }
    sql.execute("DELETE FROM pipeline_runs");
    CheckRun run = runner.run(Tables.all(), DataTests.all(NOW), NOW);
    assertEquals("every table exists, so nothing is skipped", 0, run.skipped());
    for (DataTestResult r : run.results()) {
      if (r.test().kind() == TestKind.FRESHNESS) {
        // No load is recorded, so every staging table is stale.
        assertEquals(
            r.test().name(),
            r.test().severity() == Severity.ERROR ? Status.FAIL : Status.WARN,
            r.status());
      } else {
        assertEquals(r.test().name() + ": " + r.message(), Status.PASS, r.status());
      }
    }
  }
}
