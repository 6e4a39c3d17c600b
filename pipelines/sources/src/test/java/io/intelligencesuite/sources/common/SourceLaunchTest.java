package io.intelligencesuite.sources.common;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.intelligencesuite.transforms.audit.RunAudit;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.WarehouseOptions;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;

/** A run is in pipeline_runs from its start, and a run that dies says so (issue 20). */
public class SourceLaunchTest {
  @Rule public final TempWarehouses duck = new TempWarehouses();

  private WarehouseOptions options(String runId) {
    return PipelineOptionsFactory.fromArgs(
            "--runner=DirectRunner", "--warehouse=duckdb:" + duck.path(), "--runId=" + runId)
        .as(WarehouseOptions.class);
  }

  /** A run reading {@code read} records, which throws midway when {@code fail}. */
  private PipelineResult launch(String runId, boolean fail) {
    WarehouseOptions options = options(runId);
    return SourceLaunch.run(
        options,
        pipeline -> {
          RunContext run = RunContext.start("ga4", options, null);
          PCollection<Long> read =
              pipeline
                  .apply(Create.of(1L, 2L, 3L))
                  .apply(
                      "Maybe die",
                      MapElements.into(TypeDescriptors.longs())
                          .via(
                              n -> {
                                if (fail && n == 2L) {
                                  throw new IllegalStateException("source died on record 2");
                                }
                                return 0L;
                              }))
                  .apply(org.apache.beam.sdk.transforms.Sum.longsGlobally());
          RunAudit.of(run).read(read).record();
          return run;
        });
  }

  @Test
  public void aRunThatDiesMidwayLeavesAFailedRow() throws Exception {
    RuntimeException e = assertThrows(RuntimeException.class, () -> launch("ga4-dies", true));
    assertThat(e.getMessage(), containsString("source died on record 2"));
    // running at launch, then failed: counts 0 (the accounting never ran), finished >= started.
    assertEquals(
        List.of(List.of("ga4-dies", "ga4", "failed", 0L, true)),
        duck.queries()
            .rows(
                "select run_id, pipeline, status, rows_read, finished_at >= started_at "
                    + "from pipeline_runs"));
  }

  @Test
  public void aRunThatSucceedsLeavesOnlyItsFinalRow() throws Exception {
    assertEquals(PipelineResult.State.DONE, launch("ga4-ok", false).waitUntilFinish());
    assertEquals(
        List.of(List.of("ga4-ok", "succeeded", 0L)),
        duck.queries().rows("select run_id, status, rows_read from pipeline_runs"));
  }

  @Test
  public void theNextRunMarksRunsThatNeverFinishedAsAbandoned() throws Exception {
    // Rows a killed launcher (or an unwatched Dataflow job) left behind, as RunLedger writes them.
    assertEquals(PipelineResult.State.DONE, launch("ga4-ok", false).waitUntilFinish());
    duck.queries()
        .execute(
            "insert into pipeline_runs select * replace ('ga4-old' as run_id, 'running' as status, "
                + "started_at - interval 13 hours as started_at) from pipeline_runs");
    duck.queries()
        .execute(
            "insert into pipeline_runs select * replace ('ga4-recent' as run_id, 'running' as status, "
                + "started_at - interval 1 hours as started_at) from pipeline_runs "
                + "where run_id = 'ga4-ok'");
    duck.queries()
        .execute(
            "insert into pipeline_runs select * replace ('backend-old' as run_id, 'backend' as "
                + "pipeline, 'running' as status, started_at - interval 13 hours as started_at) "
                + "from pipeline_runs where run_id = 'ga4-ok'");

    assertEquals(PipelineResult.State.DONE, launch("ga4-next", false).waitUntilFinish());
    assertEquals(
        List.of(
            List.of("backend-old", "running"), // another pipeline's run: not this run's to judge
            List.of("ga4-next", "succeeded"),
            List.of("ga4-ok", "succeeded"),
            List.of("ga4-old", "abandoned"), // 13 h before the next run started: dead
            List.of("ga4-recent", "running")), // 1 h: may still be running
        duck.queries().rows("select run_id, status from pipeline_runs order by run_id"));
  }
}
