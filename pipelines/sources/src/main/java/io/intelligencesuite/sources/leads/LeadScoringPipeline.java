package io.intelligencesuite.sources.leads;

import io.intelligencesuite.schemas.PipelineNames;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.Secrets;
import io.intelligencesuite.sources.common.SourceLaunch;
import io.intelligencesuite.sources.jdbc.IncrementalTable;
import io.intelligencesuite.sources.jdbc.JdbcSource;
import io.intelligencesuite.sources.jdbc.SourceRecords;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.load.LoadSource;
import io.intelligencesuite.transforms.load.SourceCursors;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Supabase lead scoring (PostgreSQL) -> {@code leads} (latest state per lead by updated_at) and
 * {@code lead_scoring_runs} (every score of every run, with its model version): JdbcIO read ->
 * parse (dead letters) -> normalise -> dedupe -> write, recorded in {@code pipeline_runs}.
 */
public final class LeadScoringPipeline {
  public static final String NAME = PipelineNames.LEAD_SCORING;

  private LeadScoringPipeline() {}

  public static void main(String[] args) {
    SourceLaunch.main(args, LeadScoringOptions.class, LeadScoringPipeline::run);
  }

  public static PipelineResult run(LeadScoringOptions options) {
    return run(options, Secrets.SECRET_MANAGER);
  }

  public static PipelineResult run(LeadScoringOptions options, Secrets.Resolver secrets) {
    return SourceLaunch.run(options, pipeline -> build(pipeline, options, secrets));
  }

  /** Adds the pipeline; checks the connection first, so a broken source fails before any write. */
  public static RunContext build(
      Pipeline pipeline, LeadScoringOptions options, Secrets.Resolver secrets) {
    JdbcSource db = source(options, secrets);
    db.checkReachable();
    RunContext run = RunContext.start(NAME, options, null);

    LoadSource.Builder load = LoadSource.of(run);
    PCollection<Row> cursors =
        IncrementalTable.readAll(
            pipeline,
            run,
            options,
            db,
            load,
            List.of(
                new IncrementalTable.Source(
                    SourceRecords.load(Tables.LEADS, "updated_at", LeadParsers::lead),
                    options.getLeadsQuery(),
                    "--leadsQuery",
                    options.getLeadsCursorColumn(),
                    "--leadsCursorColumn"),
                new IncrementalTable.Source(
                    SourceRecords.load(Tables.LEAD_SCORING_RUNS, "scored_at", LeadParsers::score),
                    options.getLeadScoresQuery(),
                    "--leadScoresQuery",
                    options.getLeadScoresCursorColumn(),
                    "--leadScoresCursorColumn")));
    SourceCursors.write(run, cursors, load.load());
    return run;
  }

  static JdbcSource source(LeadScoringOptions options, Secrets.Resolver secrets) {
    String password =
        Secrets.password(
            options.getLeadsPasswordSecret(),
            "--leadsPasswordSecret",
            options.getLeadsPassword(),
            "--leadsPassword",
            secrets);
    return JdbcSource.postgres(
        "lead-scoring database",
        options.getLeadsJdbcUrl(),
        options.getLeadsUser(),
        password,
        options.getLeadsSslMode(),
        "--leadsJdbcUrl",
        "--leadsUser and --leadsPasswordSecret (or --leadsPassword)");
  }
}
