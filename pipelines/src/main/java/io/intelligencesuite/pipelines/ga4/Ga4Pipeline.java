package io.intelligencesuite.pipelines.ga4;

import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.Counts;
import io.intelligencesuite.transforms.audit.RunAudit;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.deadletter.BadRecordException;
import io.intelligencesuite.transforms.deadletter.ParseWithDeadLetters;
import io.intelligencesuite.transforms.dedupe.Deduplicate;
import io.intelligencesuite.transforms.warehouse.DateWindow;
import io.intelligencesuite.transforms.warehouse.WriteTable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * GA4 export files -> {@code events_web}: read -> parse (dead letters) -> deduplicate -> write,
 * with the run recorded in {@code pipeline_runs}.
 */
public final class Ga4Pipeline {
  public static final String NAME = "ga4";

  private Ga4Pipeline() {}

  public static void main(String[] args) {
    Ga4Options options = PipelineOptionsFactory.fromArgs(args).withValidation().as(Ga4Options.class);
    run(options).waitUntilFinish();
  }

  public static PipelineResult run(Ga4Options options) {
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, options);
    return pipeline.run();
  }

  /** Adds the GA4 pipeline to {@code pipeline}; returns the run it records. */
  public static RunContext build(Pipeline pipeline, Ga4Options options) {
    RunContext run = RunContext.start(NAME, options, window(options));
    DateWindow window = run.window();

    PCollection<String> lines = pipeline.apply("Read GA4 export files", TextIO.read().from(options.getGa4ExportFiles()));
    PCollectionTuple parsed = lines.apply(ParseWithDeadLetters.ofLines(Tables.EVENTS_WEB,
        line -> inWindow(Ga4EventParser.parse(line), window), run));
    PCollection<Row> events = parsed.get(ParseWithDeadLetters.PARSED);
    PCollection<Row> unique = events.apply("Deduplicate events",
        Deduplicate.latestByKey(row -> row.getString("event_id"), "event_ts"));

    PCollection<Long> written = unique.apply(
        WriteTable.to(Tables.EVENTS_WEB, run.warehouse()).replacingWindow(window));
    PCollection<Long> deadLettered = parsed.get(ParseWithDeadLetters.DEAD_LETTERS)
        .apply(WriteTable.to(Tables.DEAD_LETTERS, run.warehouse()));

    RunAudit.of(run)
        .read(Counts.of(lines, "lines read"))
        .written(Tables.EVENTS_WEB, written)
        .duplicatesRemoved(Counts.minus(Counts.of(events, "events parsed"), Counts.of(unique, "unique events"), "duplicates"))
        .deadLettered(deadLettered)
        .record();
    return run;
  }

  private static Row inWindow(Row event, @Nullable DateWindow window) {
    LocalDate day = event.getValue("event_date");
    if (window != null && !window.contains(day)) {
      throw new BadRecordException("event_date", day + " is outside the run's window " + window
          + "; widen --startDate/--endDate to load it");
    }
    return event;
  }

  static @Nullable DateWindow window(Ga4Options options) {
    String start = options.getStartDate();
    String end = options.getEndDate();
    if (start == null && end == null) {
      return null;
    }
    if (start == null || end == null) {
      throw new IllegalArgumentException("Give both --startDate and --endDate (YYYY-MM-DD), or neither.");
    }
    try {
      return new DateWindow(LocalDate.parse(start), LocalDate.parse(end));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--startDate/--endDate must be YYYY-MM-DD: " + e.getParsedString(), e);
    }
  }
}
