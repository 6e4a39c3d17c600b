package io.intelligencesuite.sources.ga4;

import com.google.api.services.bigquery.model.TableReference;
import io.intelligencesuite.schemas.PipelineNames;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.SourceLaunch;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.load.LoadSource;
import io.intelligencesuite.transforms.load.TableLoad;
import io.intelligencesuite.transforms.warehouse.DateWindow;
import io.intelligencesuite.transforms.warehouse.ReplaceWindow;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.TypedRead.Method;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServicesImpl;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GA4 export -> {@code events_web}: read (export files, or the live export's window shards in
 * BigQuery) -> parse (dead letters) -> deduplicate -> write, with the run recorded in {@code
 * pipeline_runs}. Both sources share everything after the read.
 *
 * <p>A run replaces the days of {@code --startDate/--endDate}, or else the days of the shards it
 * read ({@code events_YYYYMMDD}, intraday too), including such days where it found no row; rows
 * dated outside them (late events in a later shard) are merged by {@code event_id}.
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

    // What the run replaces is decided by what it reads (see Ga4ExportShards), before reading.
    List<String> shards =
        fromFiles
            ? exportFiles(options.getGa4ExportFiles(), requested)
            : shardTables(options, window, testServices);
    ReplaceWindow replace =
        requested != null ? ReplaceWindow.days(requested) : Ga4ExportShards.covered(shards);
    List<String> undated =
        shards.stream().filter(s -> Ga4ExportShards.day(s).isEmpty()).collect(Collectors.toList());
    if (!undated.isEmpty()) {
      LOG.warn(
          "GA4 files without events_YYYYMMDD in their name: {}. No day is replaced for them; their"
              + " rows are merged by event_id. Name them like the export, or give --startDate/--endDate.",
          undated);
    }
    LOG.info(
        "GA4 run {}: reading {} shard(s); replacing days {}", run.runId(), shards.size(), replace);

    PCollection<String> lines =
        fromFiles
            ? pipeline
                .apply("GA4 export files", Create.of(shards).withCoder(StringUtf8Coder.of()))
                .apply("Match files", FileIO.matchAll())
                .apply("Open files", FileIO.readMatches())
                .apply("Read GA4 export files", TextIO.readFiles())
            : pipeline.apply(
                "Read GA4 export tables",
                ReadGa4Export.of(options.getGa4Dataset(), shards, readMethod, testServices));
    LoadSource.of(run)
        .add(
            lines,
            TableLoad.ofText(Tables.EVENTS_WEB, "event_ts", Ga4EventParser::parse)
                .replacing(replace)
                .keepingConflicts())
        .load();
    return run;
  }

  /**
   * The export files {@code glob} matches, at launch; with an explicit window, only the shards of
   * its days (and files without a day in their name).
   */
  static List<String> exportFiles(String glob, @Nullable DateWindow requested) {
    List<String> files = new ArrayList<>();
    try {
      for (MatchResult.Metadata m : FileSystems.match(glob).metadata()) {
        files.add(m.resourceId().toString());
      }
    } catch (FileNotFoundException e) {
      // No match: reported below with the option to fix.
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot list --ga4ExportFiles=" + glob + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "No file matches --ga4ExportFiles="
              + glob
              + "; give a pattern of GA4 export files, e.g. .suite/demo/ga4/events_*.ndjson");
    }
    Collections.sort(files);
    if (requested == null) {
      return files;
    }
    List<String> inWindow = Ga4ExportShards.inWindow(files, requested);
    LOG.info(
        "GA4 window {}: {} of {} matched file(s) are its shards",
        requested,
        inWindow.size(),
        files.size());
    return inWindow;
  }

  static DateWindow lastThreeDays(LocalDate today) {
    return new DateWindow(today.minusDays(2), today);
  }

  /** The live export's shard tables of the window that exist (see {@link Ga4ExportShards}). */
  private static List<String> shardTables(
      Ga4Options options, DateWindow window, @Nullable BigQueryServices testServices) {
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
    return shards;
  }

  static @Nullable DateWindow window(Ga4Options options) {
    return DateWindow.fromOptions(options.getStartDate(), options.getEndDate());
  }
}
