package io.intelligencesuite.reporting.checks;

import io.intelligencesuite.schemas.PipelineNames;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.ProcessFunction;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code check} flex template: {@link DataChecks} as a one-element Beam job, because a flex
 * template launches a pipeline and Cloud Workflows waits on a job's state. One worker runs every
 * check and records the results (as {@code ./suite check} does), then the job fails when the run
 * did not pass, so a workflow step sees FAILED. The failing step comes after a reshuffle, so a
 * retry of the failure (Dataflow retries a failed bundle) does not run the checks again nor append
 * their results twice.
 */
public final class CheckPipeline {
  public static final String NAME = PipelineNames.CHECK;
  private static final Logger LOG = LoggerFactory.getLogger(CheckPipeline.class);

  private CheckPipeline() {}

  public static void main(String[] args) {
    run(PipelineOptionsFactory.fromArgs(args).withValidation().as(CheckOptions.class))
        .waitUntilFinish();
  }

  public static PipelineResult run(CheckOptions options) {
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, Warehouse.parse(options.getWarehouse()), options.getFailuresOnly());
    return pipeline.run();
  }

  static void build(Pipeline pipeline, Warehouse warehouse, boolean failuresOnly) {
    // A ProcessFunction, not a lambda straight into via(): via would take it as a
    // SerializableFunction, which cannot throw the checks' exceptions.
    ProcessFunction<byte[], List<String>> checks = once -> runChecks(warehouse, failuresOnly);
    pipeline
        .apply("Once", Impulse.create())
        .apply("Run the checks", FlatMapElements.into(TypeDescriptors.strings()).via(checks))
        .apply("Checkpoint", Reshuffle.viaRandomKey())
        .apply("Fail on an error-level failure", ParDo.of(new FailOnError()));
  }

  /**
   * Runs and records the checks and logs the report; the report when the run did not pass, nothing
   * when it did.
   */
  static List<String> runChecks(Warehouse warehouse, boolean failuresOnly) throws Exception {
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream print = new PrintStream(report, true, StandardCharsets.UTF_8)) {
      exitCode = DataChecks.run(warehouse, print, failuresOnly, Instant.now());
    }
    String text = report.toString(StandardCharsets.UTF_8);
    LOG.info("Data checks on {}:\n{}", warehouse, text);
    return exitCode == 0 ? List.of() : List.of(text);
  }

  /** Fails the job with the report of a run that did not pass. */
  static final class FailOnError extends DoFn<String, Void> {
    @ProcessElement
    public void process(@Element String report) {
      throw new IllegalStateException(
          "Data checks failed (results in data_test_results):\n" + report);
    }
  }
}
