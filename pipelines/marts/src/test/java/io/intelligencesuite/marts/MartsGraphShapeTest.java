package io.intelligencesuite.marts;

import static org.junit.Assert.assertTrue;

import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.RunContext;
import java.math.BigInteger;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.CrashingRunner;
import org.apache.beam.sdk.transforms.Create;
import org.junit.Test;

/**
 * The identity and marts job graphs stay small in source-to-sink paths, which is what the embedded
 * Flink runner's batch optimizer pays for (see {@link GraphPaths}). Built as they run on Flink
 * (identity rounds ungated, see IdentityPipeline.forRunner), from empty staging tables: the shape
 * does not depend on the data.
 *
 * <p>Measured when identity resolution was split out of the marts (issue 21): the single marts job
 * had 748 primitive steps and 383,271,967 (about 2^28) paths and did not start on Flink without
 * patched optimizer classes; split and ungated, the identity job has 425 steps and 22,823 paths,
 * the marts job 540 and 12,881. With identity_merges (issue 24: the merges read identity_map and
 * its write waits on theirs) the identity job has 494 steps and 62,617 paths, close to the budget:
 * a further consumer of identity_map rows in that job should share the merges' branch. Reshaped
 * (issue 22): the last round of connected components proves convergence itself instead of labelling
 * through a side input of its own count (a diamond per level, each doubling everything after it),
 * and person and company rows come out of one join instead of two branches of the company labels
 * that met again: 417 steps and 18,115 paths; with the HubSpot contacts and companies, 441 and
 * 20,253. Almost every path still runs through identity_map's rows, R of them at its producing
 * step: the merges and the two writes make the audit's input about 6R and its own write and wait
 * multiply that by 6, so a diamond upstream of the rows costs some 36 times its paths. The budget
 * below leaves room for a few more transforms, but not for another diamond multiplied through the
 * whole graph. Without the default-value diamond of {@code Count.globally()} and {@code
 * Sum.longsGlobally()} in every count and every write ({@code Counts.total}, issue 23): identity
 * 406 steps and 5,078 paths, marts 614 steps and 13,880 paths (from 59,654); what multiplies
 * through the whole graph now is the audit's write-and-wait (its row is written, then checked: x2).
 */
public class MartsGraphShapeTest {
  private static final BigInteger BUDGET = BigInteger.ONE.shiftLeft(16);

  @Test
  public void theIdentityJobHasFewPaths() {
    MartsOptions options = options();
    Pipeline p = Pipeline.create(options);
    IdentityPipeline.build(
        p,
        options,
        RunContext.start(IdentityPipeline.NAME, options, null),
        Staging.of(p, Map.of()),
        p.apply("No previous identity_map", Create.empty(Tables.IDENTITY_MAP.schema())));
    assertFewPaths("identity job", p);
  }

  @Test
  public void theMartsJobHasFewPaths() {
    MartsOptions options = options();
    Pipeline p = Pipeline.create(options);
    MartsPipeline.build(
        p,
        options,
        RunContext.start(MartsPipeline.NAME, options, null),
        Staging.of(p, Map.of()),
        p.apply("No identity_map", Create.empty(Tables.IDENTITY_MAP.schema())));
    assertFewPaths("marts job", p);
  }

  private static void assertFewPaths(String job, Pipeline p) {
    GraphPaths shape = GraphPaths.of(p);
    System.out.println(job + ": " + shape);
    assertTrue(job + ": " + shape + ", over 2^16", shape.paths().compareTo(BUDGET) <= 0);
  }

  /**
   * A runner that is neither Dataflow nor the DirectRunner: identity resolution is then built as on
   * the embedded Flink runner (IdentityPipeline.forRunner).
   */
  private static MartsOptions options() {
    MartsOptions options = PipelineOptionsFactory.as(MartsOptions.class);
    options.setRunner(CrashingRunner.class);
    options.setWarehouse("duckdb:unused.duckdb");
    options.setAsOf("2026-10-31");
    // As the demo company sets it: leaving out internal accounts adds side inputs.
    options.setInternalDomains("classharbor.example");
    return options;
  }
}
