package io.intelligencesuite.marts;

import io.intelligencesuite.schemas.PipelineNames;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.Counts;
import io.intelligencesuite.transforms.audit.RunAudit;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.audit.RunLedger;
import io.intelligencesuite.transforms.identity.IdentityMerges;
import io.intelligencesuite.transforms.identity.ResolveIdentities;
import io.intelligencesuite.transforms.warehouse.ReadTable;
import io.intelligencesuite.transforms.warehouse.WriteTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;

/**
 * The identity pipeline, the first stage of the marts: the staging tables that link identifiers
 * (less internal accounts) -> {@link ResolveIdentities} -> {@code identity_map} (a full rebuild,
 * REPLACE_TABLE), {@code identity_rejections} (the links the merge rules refused) and its rejected
 * identifiers as dead letters. The marts pipeline then reads identity_map from the warehouse; it
 * runs after this one (the demo's order, the schedule's). {@link IdentityMapping} says why the two
 * are separate jobs.
 *
 * <p>It also reads identity_map as the previous run left it and records in {@code identity_merges}
 * every id that disappears ({@link IdentityMerges}). Order matters, because this run overwrites
 * that map: the new identity_map replaces the old one only after the merges are written (its write
 * waits on theirs, which waits on the read). So a run that fails before the replace leaves the old
 * map, and its rerun finds the same merges (a rerun with the same run id replaces them: the table
 * is logged by run id); a rerun after a successful run compares the map with itself and records
 * nothing new, the first run's rows stay.
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
        Staging.read(
            pipeline,
            run.warehouse(),
            IdentityLinks.TABLES::contains,
            IdentityLinks.COLUMNS_USED,
            IdentityLinks.READ_DISTINCT),
        // Absent before the first run, on BigQuery as on DuckDB: then nothing merged.
        pipeline.apply(
            "Read previous identity_map",
            ReadTable.from(Tables.IDENTITY_MAP, run.warehouse()).emptyIfMissing()));
    return RunLedger.run(pipeline, run, options);
  }

  /**
   * Builds identity_map from {@code raw}, and identity_merges against {@code previousMap} (both
   * read from the warehouse, or given by a test; the previous map is empty on a first run).
   */
  public static void build(
      Pipeline pipeline,
      IdentityOptions options,
      RunContext run,
      Staging raw,
      PCollection<Row> previousMap) {
    Staging staging =
        InternalAccounts.exclude(raw, InternalAccounts.parseDomains(options.getInternalDomains()));
    IdentityMapping.Resolution identity =
        IdentityMapping.resolve(staging, run, forRunner(pipeline.getOptions().getRunner()));

    PCollection<Long> mergesWritten =
        PCollectionTuple.of(IdentityMerges.PREVIOUS, previousMap)
            .and(IdentityMerges.CURRENT, identity.identityMap())
            .apply(IdentityMerges.of(run.runId(), run.runDate()))
            .apply(WriteTable.to(Tables.IDENTITY_MERGES, run.warehouse()));

    // Rows read: one sum over every table read (Counts.ofAll), not one per table; a row of a
    // distinct-with-counts read counts the table rows it stands for.
    Map<String, PCollection<Row>> read = new LinkedHashMap<>();
    for (TableDef t : IdentityLinks.TABLES) {
      read.put(t.name() + " read", raw.get(t));
    }
    read.put("previous identity_map read", previousMap);
    RunAudit audit =
        RunAudit.ofAggregation(run).read(Counts.ofAll(read, "rows read", ReadTable::rowsIn));
    audit
        .written(Tables.IDENTITY_MERGES, mergesWritten)
        .written(
            Tables.IDENTITY_MAP,
            identity
                .identityMap()
                .apply(WriteTable.to(Tables.IDENTITY_MAP, run.warehouse()).afterAll(mergesWritten)))
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
   * Rounds unrolled on the local runners: the demo company needs 3 or 4 per level at scales 1 and
   * 10 (the convergence the CLI prints), so 8 leaves twice that. A graph that needs more fails the
   * run naming the rounds (ConnectedComponents), so a lower cap never changes identity_map.
   */
  static final int LOCAL_MAX_ROUNDS = 8;

  /**
   * Identity resolution as each runner runs it best. Dataflow: gated blocks of rounds, so a
   * converged graph stops shuffling (the default, up to {@link
   * ResolveIdentities#DEFAULT_MAX_ROUNDS} rounds). The local runners: ungated, every round
   * shuffles, and {@link #LOCAL_MAX_ROUNDS} rounds. The embedded Flink runner's batch optimizer
   * walks every source-to-sink path of the job, and each gate doubles the paths (the gate's edges
   * and its convergence count come from the same round): gated, this job had about 2^22 paths and
   * spent most of its time being translated; ungated it has a few hundred (MartsGraphShapeTest),
   * while the extra rounds shuffle already-converged stars, one edge per identifier (tens of
   * thousands at demo scale 10). Each unrolled round also costs translation time on the local
   * runners (Flink serializes the options once per function and coder; the DirectRunner waits about
   * a second per side-input round), hence fewer rounds there. Results are identical either way.
   */
  static ResolveIdentities forRunner(Class<?> runner) {
    return runner.getSimpleName().equals("DataflowRunner")
        ? ResolveIdentities.create()
        : ResolveIdentities.create().withConvergenceGate(false).withMaxRounds(LOCAL_MAX_ROUNDS);
  }
}
