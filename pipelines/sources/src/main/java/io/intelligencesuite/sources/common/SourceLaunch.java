package io.intelligencesuite.sources.common;

import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * How every source pipeline starts: its {@code main} parses and validates the command line, runs
 * and waits for the end; a run creates the Beam pipeline, lets the source add its transforms, and
 * runs it.
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

  /** Creates the pipeline on {@code options}, lets {@code build} add to it, and runs it. */
  public static PipelineResult run(PipelineOptions options, Consumer<Pipeline> build) {
    Pipeline pipeline = Pipeline.create(options);
    build.accept(pipeline);
    return pipeline.run();
  }
}
