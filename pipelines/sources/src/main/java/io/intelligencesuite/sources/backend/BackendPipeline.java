package io.intelligencesuite.sources.backend;

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
import io.intelligencesuite.transforms.warehouse.DateWindow;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;

/**
 * Backend product database (MySQL / MariaDB) -> {@code companies}, {@code users}, {@code
 * events_product}: JdbcIO read -> parse (dead letters) -> normalise -> dedupe -> write, with the
 * run recorded in {@code pipeline_runs}. Accounts and users are full snapshots; product events are
 * read in parallel ranges of their timestamp, limited to {@code --startDate/--endDate} when given.
 */
public final class BackendPipeline {
  public static final String NAME = PipelineNames.BACKEND;

  private BackendPipeline() {}

  public static void main(String[] args) {
    SourceLaunch.main(args, BackendOptions.class, BackendPipeline::run);
  }

  public static PipelineResult run(BackendOptions options) {
    return run(options, Secrets.SECRET_MANAGER);
  }

  public static PipelineResult run(BackendOptions options, Secrets.Resolver secrets) {
    return SourceLaunch.run(options, pipeline -> build(pipeline, options, secrets));
  }

  /**
   * Adds the backend pipeline to {@code pipeline}. Checks the options and the connection first, so
   * a bad option or an unreachable database fails here, before anything is written.
   */
  public static RunContext build(
      Pipeline pipeline, BackendOptions options, Secrets.Resolver secrets) {
    DateWindow window = window(options);
    String eventsTable =
        JdbcSource.identifier(options.getProductEventsTable(), "--productEventsTable");
    String partitionColumn =
        JdbcSource.identifier(
            options.getProductEventsPartitionColumn(), "--productEventsPartitionColumn");
    JdbcSource db = source(options, secrets);
    db.checkReachable();
    RunContext run = RunContext.start(NAME, options, window);

    JdbcIO.ReadWithPartitions<Map<String, String>, DateTime> events =
        JdbcIO.<Map<String, String>, DateTime>readWithPartitions(TypeDescriptor.of(DateTime.class))
            .withDataSourceConfiguration(db.configuration())
            .withTable(eventsTable)
            .withPartitionColumn(partitionColumn)
            .withNumPartitions(Math.max(1, options.getProductEventsPartitions()))
            .withRowMapper(SourceRecords.mapper())
            .withCoder(SourceRecords.CODER);
    if (window != null) {
      // The window's bounds become the partition ranges' bound ? parameters. DATETIME has whole
      // seconds, so the last millisecond of the end day includes every event of that day.
      events =
          events
              .withLowerBound(new DateTime(window.start().toString(), DateTimeZone.UTC))
              .withUpperBound(
                  new DateTime(window.end().plusDays(1).toString(), DateTimeZone.UTC)
                      .minusMillis(1));
    }
    // A NULL partition value falls outside every range of the partitioned read: read those rows on
    // their own, so they are counted and dead-lettered (the parser names the missing column), not
    // lost.
    PCollection<Map<String, String>> undated =
        pipeline.apply(
            "Read product events without " + partitionColumn,
            db.read("SELECT * FROM " + eventsTable + " WHERE " + partitionColumn + " IS NULL"));
    PCollection<Map<String, String>> productEvents =
        PCollectionList.of(pipeline.apply("Read product events", events))
            .and(undated)
            .apply("All product events", Flatten.pCollections());

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
                    SourceRecords.load(Tables.COMPANIES, "updated_at", BackendParsers::account),
                    options.getAccountsQuery(),
                    "--accountsQuery",
                    options.getAccountsCursorColumn(),
                    "--accountsCursorColumn"),
                new IncrementalTable.Source(
                    SourceRecords.load(Tables.USERS, "created_at", BackendParsers::user),
                    options.getUsersQuery(),
                    "--usersQuery",
                    options.getUsersCursorColumn(),
                    "--usersCursorColumn")));
    PCollection<Row> runRow =
        load.add(
                productEvents,
                SourceRecords.load(
                        Tables.EVENTS_PRODUCT,
                        "event_ts",
                        r -> BackendParsers.productEvent(r, window))
                    .replacing(window))
            .load();
    SourceCursors.write(run, cursors, runRow);
    return run;
  }

  static JdbcSource source(BackendOptions options, Secrets.Resolver secrets) {
    String password =
        Secrets.password(
            options.getBackendPasswordSecret(),
            "--backendPasswordSecret",
            options.getBackendPassword(),
            "--backendPassword",
            secrets);
    return JdbcSource.mysql(
        "backend database",
        options.getBackendJdbcUrl(),
        options.getBackendUser(),
        password,
        "--backendJdbcUrl",
        "--backendUser and --backendPasswordSecret (or --backendPassword)");
  }

  static @Nullable DateWindow window(BackendOptions options) {
    return DateWindow.fromOptions(options.getStartDate(), options.getEndDate());
  }
}
