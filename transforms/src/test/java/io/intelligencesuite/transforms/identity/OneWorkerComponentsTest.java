package io.intelligencesuite.transforms.identity;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.Assert.assertEquals;

import io.intelligencesuite.transforms.audit.Counters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The components found on one worker ({@link ConnectedComponents.OneWorkerFn}): hand-worked labels,
 * the size cap and a must-not-link override route components to OVERSIZED as the rounds do, and a
 * graph over the node limit falls back to the rounds with the same labels.
 */
@RunWith(JUnit4.class)
public class OneWorkerComponentsTest {
  @Rule
  public final transient TestPipeline p =
      TestPipeline.fromOptions(ResolveIdentitiesTest.fastDirectRunner());

  /**
   * Two trees and an isolated node. By hand: {a, b, c} (a-b, b-c) is labelled a, its smallest node;
   * {d, e, g} (e-d, g-e) is labelled d; f (a self-loop) is its own component.
   */
  static final List<KV<String, String>> SMALL =
      List.of(KV.of("b", "a"), KV.of("b", "c"), KV.of("e", "d"), KV.of("g", "e"), KV.of("f", "f"));

  private PCollectionTuple components(
      String name, List<KV<String, String>> edges, int cap, IdentityRules rules, int oneWorker) {
    return p.apply("Edges " + name, Create.of(edges).withCoder(ConnectedComponents.edgeCoder()))
        .apply("CC " + name, new ConnectedComponents("test", 10, cap, false, 2, rules, oneWorker));
  }

  private static List<KV<String, String>> labels(String... nodeAnchor) {
    List<KV<String, String>> out = new ArrayList<>();
    for (int i = 0; i < nodeAnchor.length; i += 2) {
      out.add(KV.of(nodeAnchor[i], nodeAnchor[i + 1]));
    }
    return out;
  }

  @Test
  public void labelsHandWorkedComponents() {
    PCollectionTuple out = components("small", SMALL, 100, null, 1000);
    PAssert.that(out.get(ConnectedComponents.LABELS))
        .containsInAnyOrder(
            labels("a", "a", "b", "a", "c", "a", "d", "d", "e", "d", "g", "d", "f", "f"));
    PAssert.that(out.get(ConnectedComponents.OVERSIZED)).empty();
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(7L, counter(result, "test_one_worker_nodes"));
    assertEquals(0L, counter(result, "test_one_worker_overflowed"));
    // No round saw an edge: reported as 0 rounds, not as the 1 of a round that proved convergence.
    assertEquals(0L, ConnectedComponents.roundsExecuted(result, "test"));
  }

  /** Cap 2: both components of three nodes are oversized, the isolated f is not. */
  @Test
  public void componentsOverTheCapAreOversized() {
    PCollectionTuple out = components("capped", SMALL, 2, null, 1000);
    PAssert.that(out.get(ConnectedComponents.LABELS)).containsInAnyOrder(labels("f", "f"));
    PAssert.that(out.get(ConnectedComponents.OVERSIZED))
        .containsInAnyOrder(labels("a", "a", "b", "a", "c", "a", "d", "d", "e", "d", "g", "d"));
    p.run().waitUntilFinish();
  }

  /**
   * A must-not-link pair (two e-mails) in one component sends that component, and only it, to
   * OVERSIZED (ConstrainedUnion resolves it there), on one worker and after an overflow alike.
   */
  @Test
  public void aMustNotLinkPairMakesItsComponentConstrained() {
    IdentityRules rules =
        IdentityRules.persons(
            List.of(
                IdentityOverride.of(
                    IdentityOverride.MUST_NOT_LINK, "email", "x@a.org", "email", "y@a.org")));
    List<KV<String, String>> edges =
        List.of(
            KV.of("ga_pseudo_id:g1", "email:x@a.org"),
            KV.of("ga_pseudo_id:g1", "email:y@a.org"),
            KV.of("ga_pseudo_id:g2", "email:z@a.org"));
    List<KV<String, String>> constrained =
        labels(
            "email:x@a.org", "email:x@a.org",
            "email:y@a.org", "email:x@a.org",
            "ga_pseudo_id:g1", "email:x@a.org");
    List<KV<String, String>> free =
        labels("email:z@a.org", "email:z@a.org", "ga_pseudo_id:g2", "email:z@a.org");
    for (int oneWorker : new int[] {1000, 2}) {
      PCollectionTuple out = components("rules " + oneWorker, edges, 100, rules, oneWorker);
      PAssert.that("labels " + oneWorker, out.get(ConnectedComponents.LABELS))
          .containsInAnyOrder(free);
      PAssert.that("oversized " + oneWorker, out.get(ConnectedComponents.OVERSIZED))
          .containsInAnyOrder(constrained);
    }
    p.run().waitUntilFinish();
  }

  /**
   * A graph of 400 nodes on a worker that may hold 3: the union-find overflows and is handed to the
   * rounds as stars; the labels still equal the oracle's.
   */
  @Test
  public void aGraphOverTheLimitFallsBackToTheRounds() {
    List<KV<String, String>> edges = ConnectedComponentsTest.randomGraph(11, 400, "o-");
    Map<String, String> expected = ConnectedComponentsTest.unionFind(edges);
    PCollection<KV<String, String>> labels =
        components("overflow", edges, Integer.MAX_VALUE, null, 3).get(ConnectedComponents.LABELS);
    PAssert.that(labels).satisfies(ConnectedComponentsTest.labelsEqual(expected));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1L, counter(result, "test_one_worker_overflowed"));
    assertEquals(0L, counter(result, "test_one_worker_nodes"));
    assertThat(ConnectedComponents.roundsExecuted(result, "test"), greaterThanOrEqualTo(1L));
  }

  /** The sets of a union-find are rooted at their smallest node whatever the union order. */
  @Test
  public void setsAreRootedAtTheirSmallestNode() {
    StarUnionFind u = new StarUnionFind();
    u.union("m", "z");
    u.union("z", "b");
    u.union("q", "q");
    u.union("c", "m");
    Map<String, List<String>> sets = new TreeMap<>();
    u.flushSets(
        (root, members) -> {
          List<String> sorted = new ArrayList<>(members);
          java.util.Collections.sort(sorted);
          sets.put(root, sorted);
        });
    assertEquals(Map.of("b", List.of("c", "m", "z"), "q", List.of()), sets);
    assertEquals(0, u.size());
  }

  static long counter(PipelineResult result, String name) {
    return Counters.total(result, ConnectedComponents.METRICS_NAMESPACE, name);
  }
}
