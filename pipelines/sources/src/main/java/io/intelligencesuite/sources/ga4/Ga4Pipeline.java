package io.intelligencesuite.sources.ga4;

import com.google.api.services.bigquery.model.TableReference;
import io.intelligencesuite.schemas.PipelineNames;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.SourceLaunch;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.deadletter.BadRecordException;
import io.intelligencesuite.transforms.load.LoadSource;
import io.intelligencesuite.transforms.load.TableLoad;
import io.intelligencesuite.transforms.warehouse.DateWindow;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.TypedRead.Method;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServicesImpl;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GA4 export -> {@code events_web}: read (export files, or the live export's window shards in
 * BigQuery) -> parse (dead letters) -> deduplicate -> write, with the run recorded in {@code
 * pipeline_runs}. Both sources share everything after the read.
 */
public final class Ga4Pipeline {
  public static final String NAME = PipelineNames.GA4;
  private static final Logger LOG = LoggerFactory.getLogger(Ga4Pipeline.class);

  private Ga4Pipeline() {}

  public static void main(String[] args) {
    SourceLaunch.main(args, Ga4Options.class, Ga4Pipeline::run);
  }

  public static PipelineResult run(Ga4Options options) {
    return SourceLaunch.run(options, pipeline -> build(pipeline, options));
  }

  /** Adds the GA4 pipeline to {@code pipeline}; returns the run it records. */
  public static RunContext build(Pipeline pipeline, Ga4Options options) {
    return build(pipeline, options, null, Method.DIRECT_READ);
  }

  /**
   * As above, with test BigQuery services and the read method given: tests pass Beam's fake
   * services and EXPORT, because the fakes implement extract jobs but not Storage Read sessions.
   */
  static RunContext build(
      Pipeline pipeline,
      Ga4Options options,
      @Nullable BigQueryServices testServices,
      Method readMethod) {
    boolean fromFiles = options.getGa4ExportFiles() != null;
    if (fromFiles == (options.getGa4Dataset() != null)) {
      throw new IllegalArgumentException(
          "Give exactly one GA4 source: --ga4ExportFiles=GLOB (export rows as "
              + "newline-delimited JSON) or --ga4Dataset=PROJECT.analytics_<property> (the live export).");
    }
    DateWindow requested = window(options);
    RunContext run =
        RunContext.start(
            NAME,
            options,
            requested != null || fromFiles
                ? requested
                : lastThreeDays(LocalDate.now(ZoneOffset.UTC)));
    DateWindow window = run.window();

    PCollection<String> lines =
        fromFiles
            ? pipeline.apply(
                "Read GA4 export files", TextIO.read().from(options.getGa4ExportFiles()))
            : pipeline.apply(
                "Read GA4 export tables", readShards(options, window, testServices, readMethod));
    LoadSource.of(run)
        .add(
            lines,
            TableLoad.ofText(
                    Tables.EVENTS_WEB,
                    "event_ts",
                    line -> inWindow(Ga4EventParser.parse(line), window))
                .replacing(window)
                .keepingConflicts())
        .load();
    return run;
  }

  private static Row inWindow(Row event, @Nullable DateWindow window) {
    LocalDate day = event.getValue("event_date");
    if (window != null && !window.contains(day)) {
      throw new BadRecordException(
          "event_date",
          day
              + " is outside the run's window "
              + window
              + "; widen --startDate/--endDate to load it");
    }
    return event;
  }

  static DateWindow lastThreeDays(LocalDate today) {
    return new DateWindow(today.minusDays(2), today);
  }

  private static ReadGa4Export readShards(
      Ga4Options options,
      DateWindow window,
      @Nullable BigQueryServices testServices,
      Method readMethod) {
    String ref = options.getGa4Dataset();
    if (!ref.matches("[a-z][a-z0-9-]{4,61}[a-z0-9]\\.analytics_[0-9]+")) {
      throw new IllegalArgumentException(
          "--ga4Dataset must be PROJECT.analytics_<property id>, got '" + ref + "'");
    }
    String project = ref.substring(0, ref.indexOf('.'));
    String dataset = ref.substring(ref.indexOf('.') + 1);
    BigQueryServices bigQuery = testServices != null ? testServices : new BigQueryServicesImpl();
    BigQueryServices.DatasetService tables =
        bigQuery.getDatasetService(options.as(BigQueryOptions.class));
    List<String> shards =
        Ga4ExportShards.select(
            window,
            options.getIncludeIntraday(),
            table -> {
              try {
                return tables.getTable(
                        new TableReference()
                            .setProjectId(project)
                            .setDatasetId(dataset)
                            .setTableId(table))
                    != null;
              } catch (IOException e) {
                throw new IllegalStateException(
                    "Cannot look up "
                        + project
                        + "."
                        + dataset
                        + "."
                        + table
                        + " (check --ga4Dataset and the pipeline's BigQuery permissions): "
                        + e.getMessage(),
                    e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
              }
            });
    LOG.info("GA4 window {}: reading {} shard(s) of {}: {}", window, shards.size(), ref, shards);
    return new ReadGa4Export(project, dataset, shards, readMethod, testServices);
  }

  static @Nullable DateWindow window(Ga4Options options) {
    return DateWindow.fromOptions(options.getStartDate(), options.getEndDate());
  }
}
