package io.intelligencesuite.local.flink;

import static org.junit.Assert.assertEquals;

import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.junit.Test;

/**
 * The embedded Flink runner translates a job graph in time proportional to its nodes, not its
 * paths: the project's {@code
 * org.apache.flink.optimizer.traversals.UnionParallelismAndForwardEnforcer} replaces Flink's, which
 * walked every path (the marts pipeline spent minutes there).
 */
public class FlinkPlanTranslationTest {

  /** 32 diamonds in series: 2^32 paths from the sink to the source, 120 steps. */
  @Test(timeout = 180_000)
  public void aGraphWithTwoToTheThirtyTwoPathsTranslatesAndRuns() {
    FlinkPipelineOptions options = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    options.setRunner(FlinkRunner.class);
    options.setParallelism(1);
    Pipeline pipeline = Pipeline.create(options);
    PCollection<Integer> numbers = pipeline.apply(Create.of(1, 2, 3, 4, 5, 6));
    for (int i = 0; i < 32; i++) {
      PCollection<Integer> even = numbers.apply("Even " + i, Filter.by((Integer n) -> n % 2 == 0));
      PCollection<Integer> odd = numbers.apply("Odd " + i, Filter.by((Integer n) -> n % 2 != 0));
      numbers = PCollectionList.of(even).and(odd).apply("Merge " + i, Flatten.pCollections());
    }
    PAssert.that(numbers).containsInAnyOrder(1, 2, 3, 4, 5, 6);
    assertEquals(PipelineResult.State.DONE, pipeline.run().waitUntilFinish());
  }
}
