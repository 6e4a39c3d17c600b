package io.intelligencesuite.marts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.intelligencesuite.schemas.DuckDbDdl;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Rule;
import org.junit.Test;

/**
 * Identity and marts runs are in pipeline_runs from their start, as the sources' are (RunLedger):
 * {@code running}, then the audit's final row, or {@code failed} when the run fails.
 */
public class LedgeredRunsTest {
  @Rule public final TempWarehouses duck = new TempWarehouses();

  private <O extends org.apache.beam.sdk.options.PipelineOptions> O options(
      Class<O> type, String runId) {
    return PipelineOptionsFactory.fromArgs(
            "--runner=DirectRunner", "--warehouse=duckdb:" + duck.path(), "--runId=" + runId)
        .as(type);
  }

  @Test
  public void anIdentityRunLeavesItsFinalRowInPlaceOfItsRunningRow() throws Exception {
    // An empty warehouse: every staging table reads as empty, the run succeeds with 0 rows.
    PipelineResult result = IdentityPipeline.run(options(IdentityOptions.class, "identity-ok"));
    assertEquals(PipelineResult.State.DONE, result.waitUntilFinish());
    assertEquals(
        List.of(List.of("identity-ok", "identity", "succeeded")),
        duck.queries().rows("select run_id, pipeline, status from pipeline_runs"));
  }

  @Test
  public void aMartsRunThatFailsLeavesAFailedRow() throws Exception {
    // subscription_items written when quantity was text: a breaking change the read refuses.
    duck.queries()
        .execute(
            DuckDbDdl.createTable(Tables.SUBSCRIPTION_ITEMS)
                .replace("quantity BIGINT", "quantity VARCHAR"));
    RuntimeException e =
        assertThrows(
            RuntimeException.class,
            () -> MartsPipeline.run(options(MartsOptions.class, "marts-dies")).waitUntilFinish());
    assertThat(e.getMessage(), containsString("quantity is VARCHAR in the table but BIGINT"));
    // running at launch, then failed (RunLedger only turns a running row into failed).
    assertEquals(
        List.of(List.of("marts-dies", "marts", "failed", true)),
        duck.queries()
            .rows("select run_id, pipeline, status, finished_at >= started_at from pipeline_runs"));
  }
}
