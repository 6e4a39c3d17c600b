package io.intelligencesuite.transforms.identity;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Property test: on random graphs (fixed seeds) the components equal those of a plain in-memory
 * union-find, with and without the convergence gate.
 */
@RunWith(JUnit4.class)
public class ConnectedComponentsTest {
  @Rule public final transient TestPipeline p = TestPipeline.fromOptions(ResolveIdentitiesTest.fastDirectRunner());

  /** The oracle: union-find with path halving, test code only. */
  static Map<String, String> unionFind(List<KV<String, String>> edges) {
    Map<String, String> parent = new HashMap<>();
    for (KV<String, String> e : edges) {
      parent.putIfAbsent(e.getKey(), e.getKey());
      parent.putIfAbsent(e.getValue(), e.getValue());
      String a = find(parent, e.getKey());
      String b = find(parent, e.getValue());
      if (!a.equals(b)) {
        // Keep the smaller node as the root, so the root is the component's anchor.
        if (a.compareTo(b) < 0) {
          parent.put(b, a);
        } else {
          parent.put(a, b);
        }
      }
    }
    Map<String, String> out = new HashMap<>();
    for (String n : parent.keySet()) {
      out.put(n, find(parent, n));
    }
    return out;
  }

  private static String find(Map<String, String> parent, String n) {
    while (!parent.get(n).equals(n)) {
      parent.put(n, parent.get(parent.get(n)));
      n = parent.get(n);
    }
    return n;
  }

  /**
   * A random sparse graph (components of all sizes, isolated nodes as self-loops) plus a planted
   * long path and a planted star, over {@code n} nodes with random names (so ids are not ordered
   * along the path).
   */
  static List<KV<String, String>> randomGraph(long seed, int n, String prefix) {
    Random rnd = new Random(seed);
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      nodes.add(prefix + Long.toString(rnd.nextLong() & Long.MAX_VALUE, 36));
    }
    List<KV<String, String>> edges = new ArrayList<>();
    for (int i = 0; i < n * 45 / 100; i++) {
      edges.add(KV.of(nodes.get(rnd.nextInt(n)), nodes.get(rnd.nextInt(n))));
    }
    int pathStart = rnd.nextInt(n / 2);
    for (int i = pathStart; i < pathStart + n / 8; i++) {
      edges.add(KV.of(nodes.get(i), nodes.get(i + 1)));
    }
    String hub = nodes.get(rnd.nextInt(n));
    for (int i = 0; i < n / 20; i++) {
      edges.add(KV.of(nodes.get(rnd.nextInt(n)), hub));
    }
    for (int i = 0; i < n / 10; i++) {
      String s = nodes.get(rnd.nextInt(n));
      edges.add(KV.of(s, s));
    }
    // Duplicates and reversed duplicates must not matter.
    for (int i = 0; i < n / 20; i++) {
      KV<String, String> e = edges.get(rnd.nextInt(edges.size()));
      edges.add(KV.of(e.getValue(), e.getKey()));
    }
    return edges;
  }

  private void check(List<KV<String, String>> edges, boolean gated, int rounds) {
    Map<String, String> expected = unionFind(edges);
    PCollection<KV<String, String>> labels =
        p.apply("Edges " + gated, Create.of(edges).withCoder(ConnectedComponents.edgeCoder()))
            .apply("CC " + gated, new ConnectedComponents("test", rounds, Integer.MAX_VALUE, gated))
            .get(ConnectedComponents.LABELS);
    PAssert.that("gated=" + gated, labels)
        .satisfies(
            actual -> {
              Map<String, String> got = new HashMap<>();
              for (KV<String, String> kv : actual) {
                if (got.put(kv.getKey(), kv.getValue()) != null) {
                  throw new AssertionError("labelled twice: " + kv.getKey());
                }
              }
              assertEquals(expected, got);
              return null;
            });
  }

  private long roundsWithChanges(PipelineResult result) {
    long rounds = 0;
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(
                        MetricNameFilter.named(
                            ConnectedComponents.METRICS_NAMESPACE, "test_rounds_with_changes"))
                    .build())
            .getCounters()) {
      rounds += c.getAttempted();
    }
    return rounds;
  }

  /** Three seeds of 200 nodes in one pipeline (each DirectRunner run costs seconds). */
  @Test
  public void randomGraphsMatchUnionFind() {
    List<KV<String, String>> edges = new ArrayList<>();
    for (long seed = 1; seed <= 3; seed++) {
      edges.addAll(randomGraph(seed, 200, "s" + seed + "-"));
    }
    check(edges, false, 10);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    long rounds = roundsWithChanges(result) + 1;
    System.err.println("random graphs, 600 nodes: converged in " + rounds + " rounds");
    assertThat(rounds, lessThanOrEqualTo(10L));
  }

  /**
   * The gate: converged rounds bypass their shuffles and the result is the same. Tiny, because the
   * DirectRunner waits seconds per round for the gate's side input.
   */
  @Test
  public void gatedRoundsGiveTheSameComponents() {
    List<KV<String, String>> edges = randomGraph(42, 24, "g-");
    check(edges, true, 5);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertThat(roundsWithChanges(result), lessThanOrEqualTo(4L));
  }

  /**
   * A path whose labels are shuffled needs several rounds, so the first gates must let the edges
   * through to their rounds and a later one send them to the labelling: the components still
   * match union-find and every round ran while there was something to rewire.
   */
  @Test
  public void gatesLetUnconvergedEdgesThroughToLaterBlocks() {
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      nodes.add(String.format("p-%02d", i));
    }
    java.util.Collections.shuffle(nodes, new Random(7));
    List<KV<String, String>> edges = new ArrayList<>();
    for (int i = 1; i < nodes.size(); i++) {
      edges.add(KV.of(nodes.get(i - 1), nodes.get(i)));
    }
    check(edges, true, 16);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    long rounds = roundsWithChanges(result);
    System.err.println("shuffled path of 48 nodes: " + rounds + " rounds with changes");
    assertThat(rounds, org.hamcrest.Matchers.greaterThanOrEqualTo(3L));
  }
}
