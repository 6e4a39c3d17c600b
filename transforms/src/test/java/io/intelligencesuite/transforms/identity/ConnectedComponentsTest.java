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
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.SerializableFunction;
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
  @Rule
  public final transient TestPipeline p =
      TestPipeline.fromOptions(ResolveIdentitiesTest.fastDirectRunner());

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
    check(edges, gated, rounds, NO_CONTRACTION);
  }

  /** At most 2 nodes: every edge enters the rounds as it is, so the rounds do all the work. */
  static final int NO_CONTRACTION = 2;

  private void check(List<KV<String, String>> edges, boolean gated, int rounds, int contracted) {
    Map<String, String> expected = unionFind(edges);
    String name = "gated=" + gated + " contracted=" + contracted;
    PCollection<KV<String, String>> labels =
        p.apply("Edges " + name, Create.of(edges).withCoder(ConnectedComponents.edgeCoder()))
            .apply(
                "CC " + name,
                new ConnectedComponents("test", rounds, Integer.MAX_VALUE, gated, contracted))
            .get(ConnectedComponents.LABELS);
    PAssert.that(name, labels).satisfies(labelsEqual(expected));
  }

  /** The labels, each node once, equal the oracle's. */
  static SerializableFunction<Iterable<KV<String, String>>, Void> labelsEqual(
      Map<String, String> expected) {
    return actual -> {
      Map<String, String> got = new HashMap<>();
      for (KV<String, String> kv : actual) {
        if (got.put(kv.getKey(), kv.getValue()) != null) {
          throw new AssertionError("labelled twice: " + kv.getKey());
        }
      }
      assertEquals(expected, got);
      return null;
    };
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
    long rounds = ConnectedComponents.roundsExecuted(result, "test");
    System.err.println("random graphs, 600 nodes: converged in " + rounds + " rounds");
    assertThat(rounds, lessThanOrEqualTo(10L));
  }

  /**
   * The local contraction, flushed every 2, 7 and 50 nodes and not at all (as much as a bundle
   * holds): the components are the same, since each flush only replaces edges by stars that connect
   * the same nodes.
   */
  @Test
  public void localContractionKeepsTheComponents() {
    for (int contracted : new int[] {7, 50, Integer.MAX_VALUE}) {
      List<KV<String, String>> edges = new ArrayList<>();
      for (long seed = 4; seed <= 5; seed++) {
        edges.addAll(randomGraph(seed, 200, "c" + contracted + "-" + seed + "-"));
      }
      check(edges, false, 10, contracted);
    }
    p.run().waitUntilFinish();
  }

  /** Contraction output: edges (larger, smaller) that connect exactly the input's components. */
  @Test
  public void contractionFlushesStarsOfTheSameComponents() {
    List<KV<String, String>> edges = randomGraph(9, 300, "f-");
    Map<String, String> expected = unionFind(edges);
    PCollection<KV<String, String>> stars =
        p.apply(Create.of(edges).withCoder(ConnectedComponents.edgeCoder()))
            .apply(org.apache.beam.sdk.transforms.ParDo.of(new ConnectedComponents.ContractFn(40)));
    PAssert.that(stars)
        .satisfies(
            actual -> {
              List<KV<String, String>> out = new ArrayList<>();
              for (KV<String, String> e : actual) {
                out.add(e);
                if (e.getKey().compareTo(e.getValue()) < 0) {
                  throw new AssertionError("not (larger, smaller): " + e);
                }
              }
              assertEquals(expected, unionFind(out));
              return null;
            });
    p.run().waitUntilFinish();
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
    assertThat(ConnectedComponents.roundsExecuted(result, "test"), lessThanOrEqualTo(5L));
  }

  /**
   * A path whose labels are shuffled needs several rounds, so the first gates must let the edges
   * through to their rounds and a later one send them to the labelling: the components still match
   * union-find and every round ran while there was something to rewire.
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
    long rounds = ConnectedComponents.roundsExecuted(result, "test");
    System.err.println("shuffled path of 48 nodes: " + rounds + " rounds");
    assertThat(rounds, org.hamcrest.Matchers.greaterThanOrEqualTo(4L));
  }

  /**
   * The convergence check: a leaf between two centres (c-1 < c-2 < leaf) is a graph on which
   * large-star rewires nothing (no node has both smaller and larger neighbours), yet it is not a
   * star. Taking the labels there would label the leaf twice and split the component; the check
   * counts the leaf's second edge, so small-star runs and the next round converges on c-1.
   */
  @Test
  public void aLeafBetweenTwoCentresIsNotConverged() {
    List<KV<String, String>> edges =
        List.of(KV.of("leaf", "c-1"), KV.of("leaf", "c-2"), KV.of("x-2", "x-1"));
    check(edges, true, 4);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(2L, ConnectedComponents.roundsExecuted(result, "test"));
  }
}
