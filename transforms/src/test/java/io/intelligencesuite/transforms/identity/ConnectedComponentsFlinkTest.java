package io.intelligencesuite.transforms.identity;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The property test at the size, 10,000 nodes, on the embedded Flink runner (the local
 * default): the DirectRunner's per-key shuffles take about 8 minutes for it. Gated and with all the
 * default rounds, as in production; the contraction flushes every 500 nodes so that it leaves
 * partial stars for the rounds to merge.
 */
@RunWith(JUnit4.class)
public class ConnectedComponentsFlinkTest {

  @Test
  public void tenThousandNodesMatchUnionFind() throws Exception {
    List<KV<String, String>> edges = ConnectedComponentsTest.randomGraph(10, 10_000, "t-");
    Map<String, String> expected = ConnectedComponentsTest.unionFind(edges);
    Pipeline p =
        Pipeline.create(
            PipelineOptionsFactory.fromArgs("--runner=FlinkRunner", "--parallelism=2").create());
    PCollection<KV<String, String>> labels =
        p.apply(Create.of(edges).withCoder(ConnectedComponents.edgeCoder()))
            .apply(
                new ConnectedComponents(
                    "test", ResolveIdentities.DEFAULT_MAX_ROUNDS, Integer.MAX_VALUE, true, 500))
            .get(ConnectedComponents.LABELS);
    PAssert.that(labels).satisfies(ConnectedComponentsTest.labelsEqual(expected));
    PipelineResult result = runWithLargeStack(p);
    long rounds = ConnectedComponents.roundsExecuted(result, "test");
    System.err.println("random graph, 10,000 nodes, on Flink: converged in " + rounds + " rounds");
    // The path of 1,250 nodes cannot be a star after one round.
    assertThat(rounds, greaterThanOrEqualTo(2L));
  }

  /**
   * The embedded cluster clones the unrolled rounds' deep plan by recursive Java serialization,
   * which overflows a default stack in a cold JVM. The suite's LocalFlink#run does the same, but it
   * lives in the pipelines module, which depends on this one.
   */
  private static PipelineResult runWithLargeStack(Pipeline p) throws InterruptedException {
    AtomicReference<PipelineResult> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread submit =
        new Thread(
            null,
            () -> {
              try {
                PipelineResult r = p.run();
                r.waitUntilFinish();
                result.set(r);
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            "flink-submit",
            512L << 20);
    submit.start();
    submit.join();
    if (failure.get() != null) {
      throw new AssertionError("the pipeline failed", failure.get());
    }
    return result.get();
  }
}
