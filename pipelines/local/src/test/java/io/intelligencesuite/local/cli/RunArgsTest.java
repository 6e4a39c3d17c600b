package io.intelligencesuite.local.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

/** How {@code ./suite run identity marts} splits its options between the two pipelines. */
public class RunArgsTest {
  private static final String[] ARGS = {
    "--warehouse=duckdb:w.duckdb",
    "--internalDomains=classharbor.example",
    "--asOf=2026-10-31",
    "--fxRates=usd:1,eur:1.08",
    "--runner=FlinkRunner",
    "--asof=2026-10-31"
  };

  @Test
  public void eachPipelineGetsItsOwnAndTheSharedOptionsAndMisspeltOnesStillFail() {
    // --asOf and --fxRates are MartsOptions' own: identity's strict parsing would refuse them.
    // --asof (misspelt) is nobody's: both get it, so the first to parse names it.
    assertArrayEquals(
        new String[] {
          "--warehouse=duckdb:w.duckdb",
          "--internalDomains=classharbor.example",
          "--runner=FlinkRunner",
          "--asof=2026-10-31"
        },
        RunArgs.forPipeline("identity", List.of("identity", "marts"), ARGS));
    assertArrayEquals(ARGS, RunArgs.forPipeline("marts", List.of("identity", "marts"), ARGS));
    // Alone, a pipeline gets everything, as before.
    assertArrayEquals(ARGS, RunArgs.forPipeline("identity", List.of("identity"), ARGS));
  }

  @Test
  public void oneRunIdForSeveralPipelinesIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RunArgs.forPipeline(
                    "identity", List.of("identity", "marts"), new String[] {"--runId=r1"}));
    assertThat(e.getMessage(), containsString("--runId"));
  }
}
