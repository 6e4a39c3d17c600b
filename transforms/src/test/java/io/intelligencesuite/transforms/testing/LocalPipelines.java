package io.intelligencesuite.transforms.testing;

import java.util.function.Consumer;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Runs several pipelines in one test (TestPipeline allows one run per test). */
public final class LocalPipelines {
  private LocalPipelines() {}

  public static PipelineResult.State runOnDirect(Consumer<Pipeline> build) {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(DirectRunner.class);
    Pipeline p = Pipeline.create(options);
    build.accept(p);
    return p.run().waitUntilFinish();
  }
}
