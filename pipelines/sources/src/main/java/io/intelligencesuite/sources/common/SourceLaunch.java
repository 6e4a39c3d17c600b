package io.intelligencesuite.sources.common;

import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.audit.RunLedger;
import java.io.IOException;
import java.util.function.Function;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * How every source pipeline starts: its {@code main} parses and validates the command line, runs
 * and waits for the end; a run creates the Beam pipeline, lets the source add its transforms, and
 * runs it. The run is in {@code pipeline_runs} from its start ({@link RunLedger}): {@code running},
 * then the audit's final row, or {@code failed} when the run fails while the launcher is watching.
 */
public final class SourceLaunch {
  private SourceLaunch() {}

  /** The command line as validated options of the pipeline's own type. */
  public static <O extends PipelineOptions> O options(String[] args, Class<O> type) {
    return PipelineOptionsFactory.fromArgs(args).withValidation().as(type);
  }

  /** A pipeline's {@code main}: parses {@code args}, runs, and waits for the end. */
  public static <O extends PipelineOptions> void main(
      String[] args, Class<O> type, Function<O, PipelineResult> run) {
    run.apply(options(args, type)).waitUntilFinish();
  }

  /**
   * Creates the pipeline on {@code options}, lets {@code build} add to it (returning the run it
   * records), records the run as {@code running}, and runs it. A run that fails here (the local
   * runners run to the end inside {@code run()}) or whose result ends FAILED or CANCELLED is
   * recorded as {@code failed}.
   */
  public static PipelineResult run(PipelineOptions options, Function<Pipeline, RunContext> build) {
    Pipeline pipeline = Pipeline.create(options);
    RunContext run = build.apply(pipeline);
    RunLedger.started(run, options);
    PipelineResult result;
    try {
      result = pipeline.run();
    } catch (RuntimeException | Error e) {
      RunLedger.failed(run, options, e);
      throw e;
    }
    return new LedgeredResult(result, run, options);
  }

  /** The runner's result; when waited for, a run that ended FAILED or CANCELLED is recorded. */
  private static final class LedgeredResult implements PipelineResult {
    private final PipelineResult result;
    private final RunContext run;
    private final PipelineOptions options;

    LedgeredResult(PipelineResult result, RunContext run, PipelineOptions options) {
      this.result = result;
      this.run = run;
      this.options = options;
    }

    private State recorded(@Nullable State state) {
      if (state == State.FAILED || state == State.CANCELLED) {
        RunLedger.failed(run, options, null);
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
    public State waitUntilFinish(Duration duration) {
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
