package io.intelligencesuite.local.flink;

import static org.junit.Assert.assertEquals;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.Test;

/**
 * Jobs of one JVM run on the shared embedded cluster, one after another and side by side, with
 * their results intact.
 */
public class SharedMiniClusterTest {
  @Test
  public void jobsRunOnTheSharedClusterInTurnAndSideBySide() throws Exception {
    SharedMiniCluster.install();
    int before = SharedMiniCluster.SUBMITTED.get();
    // 1 + 2 + ... + 100 = 5050; the even ones 2 + 4 + ... + 100 = 2550, the odd 2500.
    assertEquals(PipelineResult.State.DONE, sums(100).waitUntilFinish());
    assertEquals(PipelineResult.State.DONE, sums(100).waitUntilFinish());
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var a = pool.submit(() -> sums(100).waitUntilFinish());
      var b = pool.submit(() -> sums(100).waitUntilFinish());
      assertEquals(PipelineResult.State.DONE, a.get());
      assertEquals(PipelineResult.State.DONE, b.get());
    } finally {
      pool.shutdownNow();
    }
    assertEquals(4, SharedMiniCluster.SUBMITTED.get() - before);
  }

  @Test
  public void networkBuffersAreSizedForTheJobsSideBySide() {
    // 64 MB per job, what Beam's per-job local cluster had: 6 jobs (the demo) 384 MB, one 64 MB.
    assertEquals(
        MemorySize.ofMebiBytes(384),
        SharedMiniCluster.configuration(6).get(TaskManagerOptions.NETWORK_MEMORY_MAX));
    assertEquals(
        MemorySize.ofMebiBytes(64),
        SharedMiniCluster.configuration(1).get(TaskManagerOptions.NETWORK_MEMORY_MIN));
    assertEquals(
        MemorySize.ofMebiBytes(64),
        SharedMiniCluster.configuration(1).get(TaskManagerOptions.NETWORK_MEMORY_MAX));
    // The managed memory does not depend on it (reserved as sorters ask, per slot).
    assertEquals(
        SharedMiniCluster.configuration(6).get(TaskManagerOptions.MANAGED_MEMORY_SIZE),
        SharedMiniCluster.configuration(1).get(TaskManagerOptions.MANAGED_MEMORY_SIZE));
  }

  /** Sums 1..n overall and by parity, with a shuffle; PAssert fails the job on a wrong sum. */
  private static PipelineResult sums(int n) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs(LocalFlink.args()).create());
    java.util.List<Integer> numbers = new java.util.ArrayList<>();
    for (int i = 1; i <= n; i++) {
      numbers.add(i);
    }
    PCollection<Integer> in = p.apply(Create.of(numbers));
    PAssert.thatSingleton(in.apply(Sum.integersGlobally())).isEqualTo(5050);
    PCollection<KV<String, Integer>> byParity =
        in.apply(
                org.apache.beam.sdk.transforms.MapElements.into(
                        org.apache.beam.sdk.values.TypeDescriptors.kvs(
                            org.apache.beam.sdk.values.TypeDescriptors.strings(),
                            org.apache.beam.sdk.values.TypeDescriptors.integers()))
                    .via(i -> KV.of(i % 2 == 0 ? "even" : "odd", i)))
            .apply(GroupByKey.create())
            .apply(
                org.apache.beam.sdk.transforms.MapElements.into(
                        org.apache.beam.sdk.values.TypeDescriptors.kvs(
                            org.apache.beam.sdk.values.TypeDescriptors.strings(),
                            org.apache.beam.sdk.values.TypeDescriptors.integers()))
                    .via(
                        kv -> {
                          int sum = 0;
                          for (int v : kv.getValue()) {
                            sum += v;
                          }
                          return KV.of(kv.getKey(), sum);
                        }));
    PAssert.that(byParity).containsInAnyOrder(KV.of("even", 2550), KV.of("odd", 2500));
    return p.run();
  }
}
