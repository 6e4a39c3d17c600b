package io.intelligencesuite.marts;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.warehouse.ReadTable;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.runners.TransformHierarchy;
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
    assertFewPaths("marts job", emptyMartsJob());
  }

  /** The marts job as the embedded Flink runner builds it, from empty staging and identity_map. */
  static Pipeline emptyMartsJob() {
    MartsOptions options = options();
    Pipeline p = Pipeline.create(options);
    MartsPipeline.build(
        p,
        options,
        RunContext.start(MartsPipeline.NAME, options, null),
        Staging.of(p, Map.of()),
        p.apply("No identity_map", Create.empty(Tables.IDENTITY_MAP.schema())));
    return p;
  }

  /**
   * Each job reads only the staging tables it names (Staging.read): the marts their READS and
   * identity_map (not HubSpot's contacts and companies, nor ChartMogul's activities), identity its
   * READS and its previous identity_map; and each list is complete, or building the job would fail
   * on the first table it lacks.
   */
  @Test
  public void eachJobReadsOnlyTheTablesItUses() {
    MartsOptions options = options();
    Pipeline marts = Pipeline.create(options);
    RunContext run = RunContext.start(MartsPipeline.NAME, options, null);
    MartsPipeline.build(
        marts,
        options,
        run,
        Staging.read(marts, run.warehouse(), MartsPipeline.READS::contains),
        marts.apply(ReadTable.from(Tables.IDENTITY_MAP, run.warehouse())));
    Set<String> martsReads = new TreeSet<>();
    MartsPipeline.READS.forEach(t -> martsReads.add(t.name()));
    assertEquals(16, martsReads.size());
    assertFalse(martsReads.contains("crm_contacts"));
    martsReads.add("identity_map");
    assertEquals(martsReads, tablesRead(marts));

    Pipeline identity = Pipeline.create(options);
    IdentityPipeline.build(
        identity,
        options,
        RunContext.start(IdentityPipeline.NAME, options, null),
        Staging.read(
            identity,
            run.warehouse(),
            IdentityPipeline.READS::contains,
            IdentityLinks.COLUMNS_USED,
            IdentityLinks.READ_DISTINCT),
        identity.apply(ReadTable.from(Tables.IDENTITY_MAP, run.warehouse())));
    Set<String> identityReads = new TreeSet<>();
    IdentityPipeline.READS.forEach(t -> identityReads.add(t.name()));
    identityReads.add("identity_map");
    assertEquals(identityReads, tablesRead(identity));
  }

  @Test
  public void aTableThatWasNotReadFailsNamingIt() {
    MartsOptions options = options();
    Pipeline p = Pipeline.create(options);
    Staging staging =
        Staging.read(p, Warehouse.parse(options.getWarehouse()), Tables.USERS::equals);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> staging.get(Tables.LEADS));
    assertEquals(
        "leads was not read: add it to the tables this pipeline reads (READS)", e.getMessage());
  }

  /** The tables a job reads: its top-level "Read TABLE" steps. */
  private static Set<String> tablesRead(Pipeline p) {
    Set<String> read = new TreeSet<>();
    p.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
            String name = node.getFullName();
            if (name.startsWith("Read ") && !name.contains("/")) {
              read.add(name.substring("Read ".length()));
            }
            return CompositeBehavior.ENTER_TRANSFORM;
          }
        });
    return read;
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
