package io.intelligencesuite.local.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.Map;
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
        RunArgs.plan(List.of("identity", "marts"), ARGS).get("identity"));
    assertArrayEquals(ARGS, RunArgs.plan(List.of("identity", "marts"), ARGS).get("marts"));
    // Alone, a pipeline gets everything, as before.
    assertArrayEquals(ARGS, RunArgs.plan(List.of("identity"), ARGS).get("identity"));
  }

  @Test
  public void martsAloneRunAfterIdentityWhichKeepsNoneOfTheMartsOptionsNorTheirRunId() {
    String[] args = {"--asOf=2026-10-31", "--runId=m1", "--internalDomains=x.example"};
    Map<String, String[]> plan = RunArgs.plan(List.of("marts"), args);
    assertEquals(List.of("identity", "marts"), List.copyOf(plan.keySet()));
    assertArrayEquals(new String[] {"--internalDomains=x.example"}, plan.get("identity"));
    assertArrayEquals(args, plan.get("marts"));
    // identity slots in just before the marts, which read the identity_map it writes.
    assertEquals(
        List.of("ga4", "identity", "marts"),
        List.copyOf(RunArgs.plan(List.of("ga4", "marts"), new String[0]).keySet()));
    // Named in the run already: nothing is added, and the order given is kept.
    assertEquals(
        List.of("identity", "marts"),
        List.copyOf(RunArgs.plan(List.of("identity", "marts"), new String[0]).keySet()));
  }

  @Test
  public void oneRunIdForSeveralPipelinesIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RunArgs.plan(List.of("identity", "marts"), new String[] {"--runId=r1"}));
    assertThat(e.getMessage(), containsString("--runId"));
  }
}
