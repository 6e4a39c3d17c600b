package io.intelligencesuite.transforms.audit;

import io.intelligencesuite.schemas.Column;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.warehouse.TableStatements;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.options.PipelineOptions;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher's half of {@code pipeline_runs}, so that a run that dies leaves a row saying so:
 *
 * <ul>
 *   <li>{@link #started}: before the pipeline runs, a {@code running} row (counts 0, finished_at =
 *       started_at); {@link RunAudit}'s final row ({@code succeeded} / {@code failed_accounting})
 *       replaces it, since {@code pipeline_runs} rows are replaced by run id.
 *   <li>{@link #failed}: when the launcher sees the run fail, its {@code running} row becomes
 *       {@code failed} with the time it was seen (a {@code failed_accounting} row is left as is).
 *   <li>A launcher that does not wait (a Dataflow template) or a process killed outright cannot say
 *       so: the next run of the same pipeline marks that pipeline's {@code running} rows started
 *       more than {@link #STALE_AFTER} before it as {@code abandoned}.
 * </ul>
 */
public final class RunLedger {
  private static final Logger LOG = LoggerFactory.getLogger(RunLedger.class);

  /** Longer than any run of the suite takes; a {@code running} row older than this is dead. */
  public static final Duration STALE_AFTER = Duration.ofHours(12);

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private RunLedger() {}

  /**
   * Runs {@code pipeline} as {@code run}, recorded: {@code running} before it starts; {@code
   * failed} when it fails inside {@code run()} (the local runners run to the end there) or when its
   * result, waited for, ends FAILED or CANCELLED. Every launcher (sources, identity, marts) goes
   * through here, so each run has a row from its start.
   */
  public static PipelineResult run(Pipeline pipeline, RunContext run, PipelineOptions options) {
    started(run, options);
    PipelineResult result;
    try {
      result = pipeline.run();
    } catch (RuntimeException | Error e) {
      failed(run, options, e);
      throw e;
    }
    return new LedgeredResult(result, run, options);
  }

  /** Marks stale runs of the pipeline abandoned and records this one as {@code running}. */
  public static void started(RunContext run, PipelineOptions options) {
    try {
      TableStatements.run(run.warehouse(), Tables.PIPELINE_RUNS, startedSql(run), options);
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot record run "
              + run.runId()
              + " in pipeline_runs before it starts; nothing was"
              + " written: "
              + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Records that the run failed. Never throws: the run's own failure is what the caller reports, so
   * a warehouse that cannot take this row (often the same fault) is added to it as suppressed.
   */
  public static void failed(RunContext run, PipelineOptions options, @Nullable Throwable failure) {
    try {
      TableStatements.run(
          run.warehouse(), Tables.PIPELINE_RUNS, failedSql(run, Instant.now()), options);
      LOG.info("Run {} recorded as failed in pipeline_runs", run.runId());
    } catch (IOException | RuntimeException e) {
      LOG.warn("Run {} failed and could not be recorded as failed: {}", run.runId(), e.toString());
      if (failure != null) {
        failure.addSuppressed(e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String startedSql(RunContext run) {
    String table = TableStatements.TABLE;
    Map<String, String> values = new LinkedHashMap<>();
    String started = timestamp(run.startedAt());
    values.put("run_id", TableStatements.literal(run.runId()));
    values.put("pipeline", TableStatements.literal(run.pipeline()));
    values.put("window_start", run.window() == null ? "NULL" : date(run.window().start()));
    values.put("window_end", run.window() == null ? "NULL" : date(run.window().end()));
    values.put("started_at", started);
    values.put("finished_at", started);
    values.put("run_date", date(run.startedAt().atOffset(ZoneOffset.UTC).toLocalDate()));
    values.put("rows_read", "0");
    values.put("rows_written", "0");
    values.put("rows_written_by_table", "JSON '{}'");
    values.put("duplicates_removed", "0");
    values.put("rows_dead_lettered", "0");
    values.put("status", "'running'");
    values.put("runner", TableStatements.literal(run.runner()));
    values.put("warehouse", TableStatements.literal(run.warehouse().toString()));
    if (!values
        .keySet()
        .equals(
            Tables.PIPELINE_RUNS.columns().stream()
                .map(Column::name)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new)))) {
      throw new IllegalStateException(
          "RunLedger's running row does not match the registry's pipeline_runs columns");
    }
    return "UPDATE "
        + table
        + " SET status = 'abandoned' WHERE pipeline = "
        + TableStatements.literal(run.pipeline())
        + " AND status = 'running' AND started_at < "
        + timestamp(run.startedAt().minus(STALE_AFTER))
        + ";\nDELETE FROM "
        + table
        + " WHERE run_id = "
        + TableStatements.literal(run.runId())
        + ";\nINSERT INTO "
        + table
        + " ("
        + String.join(", ", values.keySet())
        + ") VALUES ("
        + String.join(", ", values.values())
        + ");";
  }

  static String failedSql(RunContext run, Instant seen) {
    return "UPDATE "
        + TableStatements.TABLE
        + " SET status = 'failed', finished_at = "
        + timestamp(seen)
        + " WHERE run_id = "
        + TableStatements.literal(run.runId())
        + " AND status = 'running';";
  }

  private static String timestamp(Instant instant) {
    return "TIMESTAMP '" + TIMESTAMP.format(instant) + "'";
  }

  private static String date(java.time.LocalDate day) {
    return "DATE '" + day + "'";
  }

  /** The runner's result; when waited for, a run that ended FAILED or CANCELLED is recorded. */
  private record LedgeredResult(PipelineResult result, RunContext run, PipelineOptions options)
      implements PipelineResult {

    private State recorded(@Nullable State state) {
      if (state == State.FAILED || state == State.CANCELLED) {
        failed(run, options, null);
      }
      return state;
    }

    @Override
    public State getState() {
      return result.getState();
    }

    @Override
    public State cancel() throws IOException {
      return recorded(result.cancel());
    }

    @Override
    public State waitUntilFinish(org.joda.time.Duration duration) {
      return recorded(result.waitUntilFinish(duration));
    }

    @Override
    public State waitUntilFinish() {
      return recorded(result.waitUntilFinish());
    }

    @Override
    public MetricResults metrics() {
      return result.metrics();
    }
  }
}
