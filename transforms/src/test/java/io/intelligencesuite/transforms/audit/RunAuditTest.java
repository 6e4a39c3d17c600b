package io.intelligencesuite.transforms.audit;

import static io.intelligencesuite.transforms.testing.LocalPipelines.runOnDirect;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.testing.TestTables;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;

public class RunAuditTest {
  @Rule public final TempWarehouses duck = new TempWarehouses();

  private static PCollection<Long> one(Pipeline p, String name, long value) {
    return p.apply(name, Create.of(value));
  }

  /** Audits a GA4 run that read, wrote (events_web), deduplicated and dead-lettered these rows. */
  private static void record(
      Pipeline p, RunContext run, long read, long written, long duplicates, long dead) {
    RunAudit.of(run)
        .read(one(p, "read", read))
        .written(Tables.EVENTS_WEB, one(p, "written", written))
        .duplicatesRemoved(one(p, "dups", duplicates))
        .deadLettered(one(p, "dead", dead))
        .record();
  }

  @Test
  public void aBalancedRunIsRecordedAsSucceeded() throws Exception {
    RunContext run = TestTables.run("ga4", Path.of(duck.path()));
    runOnDirect(p -> record(p, run, 100, 90, 7, 3));
    List<Object> row =
        new DuckDbQueries(run.warehouse())
            .rows(
                "select run_id, pipeline, status, rows_read, rows_written, "
                    + "duplicates_removed, rows_dead_lettered, rows_written_by_table, runner from pipeline_runs")
            .get(0);
    assertEquals(
        List.of(
            "test-ga4-run",
            "ga4",
            "succeeded",
            100L,
            90L,
            7L,
            3L,
            "{\"events_web\":90}",
            "DirectRunner"),
        row);
  }

  @Test
  public void anUnbalancedRunIsRecordedAndThenFailsLoudly() throws Exception {
    RunContext run = TestTables.run("ga4", Path.of(duck.path()));
    RuntimeException e =
        assertThrows(RuntimeException.class, () -> runOnDirect(p -> record(p, run, 100, 89, 7, 3)));
    assertThat(
        e.getMessage(),
        containsString(
            "does not balance: rows read 100 != written 89 + duplicates removed 7 + dead-lettered 3"));
    assertEquals(
        "failed_accounting",
        new DuckDbQueries(run.warehouse()).value("select status from pipeline_runs"));
  }
}
