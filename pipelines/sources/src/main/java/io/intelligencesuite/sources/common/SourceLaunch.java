package io.intelligencesuite.sources.common;

import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.audit.RunLedger;
import java.util.function.Function;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

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
    return RunLedger.run(pipeline, build.apply(pipeline), options);
  }
}
