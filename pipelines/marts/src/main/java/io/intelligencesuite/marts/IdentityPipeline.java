package io.intelligencesuite.marts;

import io.intelligencesuite.schemas.PipelineNames;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.Counts;
import io.intelligencesuite.transforms.audit.RunAudit;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.audit.RunLedger;
import io.intelligencesuite.transforms.identity.ResolveIdentities;
import io.intelligencesuite.transforms.warehouse.WriteTable;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;

/**
 * The identity pipeline, the first stage of the marts: the staging tables that link identifiers
 * (less internal accounts) -> {@link ResolveIdentities} -> {@code identity_map} (a full rebuild,
 * REPLACE_TABLE), {@code identity_rejections} (the links the merge rules refused) and its rejected
 * identifiers as dead letters. The marts pipeline then reads identity_map from the warehouse; it
 * runs after this one (the demo's order, the schedule's). {@link IdentityMapping} says why the two
 * are separate jobs.
 */
public final class IdentityPipeline {
  public static final String NAME = PipelineNames.IDENTITY;

  /**
   * The staging tables identity reads (the daily workflow waits for the pipelines loading them).
   */
  public static final List<TableDef> READS = IdentityLinks.TABLES;

  private IdentityPipeline() {}

  /** Starts the pipeline (the CLI and the flex-template launcher reach it through the catalog). */
  public static PipelineResult run(IdentityOptions options) {
    Pipeline pipeline = Pipeline.create(options);
    RunContext run = RunContext.start(NAME, options, null);
    build(
        pipeline,
        options,
        run,
        Staging.read(pipeline, run.warehouse(), IdentityLinks.TABLES::contains));
    return RunLedger.run(pipeline, run, options);
  }

  /** Builds identity_map from {@code raw} (read from the warehouse, or given by a test). */
  public static void build(
      Pipeline pipeline, IdentityOptions options, RunContext run, Staging raw) {
    Staging staging =
        InternalAccounts.exclude(raw, InternalAccounts.parseDomains(options.getInternalDomains()));
    IdentityMapping.Resolution identity =
        IdentityMapping.resolve(staging, run, forRunner(pipeline.getOptions().getRunner()));

    RunAudit audit = RunAudit.ofAggregation(run);
    for (TableDef t : IdentityLinks.TABLES) {
      audit.read(Counts.of(raw.get(t), t.name() + " read"));
    }
    audit
        .written(
            Tables.IDENTITY_MAP,
            identity.identityMap().apply(WriteTable.to(Tables.IDENTITY_MAP, run.warehouse())))
        .written(
            Tables.IDENTITY_REJECTIONS,
            identity
                .rejectedLinks()
                .apply(WriteTable.to(Tables.IDENTITY_REJECTIONS, run.warehouse())))
        .deadLettered(
            identity.deadLetters().apply(WriteTable.to(Tables.DEAD_LETTERS, run.warehouse())))
        .record();
  }

  /**
   * Identity resolution as each runner runs it best. Dataflow: gated blocks of rounds, so a
   * converged graph stops shuffling (the default). The local runners: ungated, every round
   * shuffles. The DirectRunner waits about a second per side-input round, so it also gets fewer
   * rounds (the test-sized graphs it runs converge in a few). The embedded Flink runner's batch
   * optimizer walks every source-to-sink path of the job, and each gate doubles the paths (the
   * gate's edges and its convergence count come from the same round): gated, this job had about
   * 2^22 paths and spent most of its time being translated; ungated it has a few hundred
   * (MartsGraphShapeTest), while the extra rounds shuffle already-converged stars, one edge per
   * identifier (tens of thousands at demo scale 10). Results are identical either way.
   */
  static ResolveIdentities forRunner(Class<?> runner) {
    return switch (runner.getSimpleName()) {
      case "DataflowRunner" -> ResolveIdentities.create();
      case "DirectRunner" -> ResolveIdentities.create().withConvergenceGate(false).withMaxRounds(8);
      default -> ResolveIdentities.create().withConvergenceGate(false);
    };
  }
}
