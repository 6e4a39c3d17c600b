package io.intelligencesuite.transforms.identity;

import io.intelligencesuite.transforms.sideinputs.SideInputPerBundle;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The size cap and the merge rules: splits components that {@link ConnectedComponents} flagged as
 * oversized or as breaking an {@link IdentityRules} rule. A component that breaks a rule is first
 * resolved by {@link ConstrainedUnion} (its refused links go to {@link #LINK_REJECTIONS}); what is
 * left is then held to the size cap. The same transform caps persons (nodes are identifiers) and
 * companies (nodes are company-level identifiers and persons, written {@code ~anchor}; a person is
 * reported under its anchor identifier).
 *
 * <p>Input: the original edges of the graph; constructor: the oversized labels (node, anchor). The
 * edges of oversized components (looked up in a side-input map of their nodes: small, since only
 * pathological components exceed the cap) are grouped by component on one worker, where the
 * identifier with the most distinct links of an oversized part (ties: the smallest) is removed and
 * rejected, and the parts recomputed, until every part fits the cap. The parts are labelled with
 * their own smallest node. After {@code maxHubRemovals} removals in one component, the members of
 * parts that are still too big are rejected as well.
 */
class SplitOversized extends PTransform<PCollection<KV<String, String>>, PCollectionTuple> {
  static final TupleTag<KV<String, String>> LABELS = new TupleTag<KV<String, String>>() {};
  static final TupleTag<IdentityRejection> REJECTIONS = new TupleTag<IdentityRejection>() {};
  static final TupleTag<IdentityLinkRejection> LINK_REJECTIONS =
      new TupleTag<IdentityLinkRejection>() {};

  /**
   * The cap a component is split to, as the transform and its splitting step both use it.
   *
   * @param level {@code person} or {@code company}: names the cap in reasons and metrics.
   */
  record Cap(String level, int maxComponentSize, int maxHubRemovals, IdentityRules rules)
      implements Serializable {}

  private final Cap cap;
  private final PCollection<KV<String, String>> oversized;

  SplitOversized(Cap cap, PCollection<KV<String, String>> oversized) {
    this.cap = cap;
    this.oversized = oversized;
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, String>> edges) {
    PCollectionView<Map<String, String>> anchors = oversized.apply("Oversized nodes", View.asMap());
    return edges
        .apply(
            "Edges of oversized components",
            ParDo.of(new OversizedEdgesFn(anchors)).withSideInputs(anchors))
        .setCoder(
            KvCoder.of(
                StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
        .apply("Group by component", GroupByKey.create())
        .apply(
            "Remove hubs",
            ParDo.of(new SplitFn(cap))
                .withOutputTags(LABELS, TupleTagList.of(REJECTIONS).and(LINK_REJECTIONS)));
  }

  static class OversizedEdgesFn extends DoFn<KV<String, String>, KV<String, KV<String, String>>> {
    /**
     * The anchors, read once per bundle: every edge of the graph passes here (a lookup per element
     * cost about 3% of identity resolution at 1M identifiers, IdentityBench, JFR).
     */
    private final SideInputPerBundle<Map<String, String>> anchors;

    OversizedEdgesFn(PCollectionView<Map<String, String>> anchors) {
      this.anchors = new SideInputPerBundle<>(anchors);
    }

    @StartBundle
    public void startBundle() {
      anchors.reset();
    }

    @ProcessElement
    public void process(ProcessContext c, BoundedWindow window) {
      Map<String, String> map = anchors.get(c, window);
      if (map.isEmpty()) {
        return;
      }
      String anchor = map.get(c.element().getKey());
      if (anchor != null) {
        c.output(KV.of(anchor, c.element()));
      }
    }
  }

  static class SplitFn extends DoFn<KV<String, Iterable<KV<String, String>>>, KV<String, String>> {
    private final Cap cap;
    private final Counter hubs;
    private final Counter oversizedComponents;
    private final Counter constrainedComponents;

    SplitFn(Cap cap) {
      this.cap = cap;
      String level = cap.level();
      // Person metrics keep their original names (hubs_removed, oversized_components).
      String prefix = level.equals("person") ? "" : level + "_";
      this.hubs = Metrics.counter(ConnectedComponents.METRICS_NAMESPACE, prefix + "hubs_removed");
      this.oversizedComponents =
          Metrics.counter(ConnectedComponents.METRICS_NAMESPACE, prefix + "oversized_components");
      this.constrainedComponents =
          Metrics.counter(ConnectedComponents.METRICS_NAMESPACE, level + "_constrained_components");
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<KV<String, String>>> e, MultiOutputReceiver out) {
      List<List<String>> edges = new ArrayList<>();
      Set<String> nodes = new TreeSet<>();
      for (KV<String, String> edge : e.getValue()) {
        edges.add(List.of(edge.getKey(), edge.getValue()));
        nodes.add(edge.getKey());
        nodes.add(edge.getValue());
      }
      Set<List<String>> refused = Set.of();
      Set<String> unassigned = Set.of();
      if (cap.rules().needsConstrainedResolution(nodes)) {
        constrainedComponents.inc();
        ConstrainedUnion.Result r = ConstrainedUnion.resolve(edges, cap.rules());
        refused = r.rejected();
        unassigned = r.unassigned();
        r.reasons().forEach(out.get(LINK_REJECTIONS)::output);
      }
      if (nodes.size() > cap.maxComponentSize()) {
        oversizedComponents.inc();
      }
      Map<String, Set<String>> adj = new HashMap<>();
      for (List<String> edge : edges) {
        String a = edge.get(0);
        String b = edge.get(1);
        adj.computeIfAbsent(a, k -> new HashSet<>());
        adj.computeIfAbsent(b, k -> new HashSet<>());
        if (!a.equals(b) && !refused.contains(IdentityRules.pair(a, b))) {
          adj.get(a).add(b);
          adj.get(b).add(a);
        }
      }
      int removed = 0;
      while (true) {
        List<Set<String>> tooBig = new ArrayList<>();
        for (Set<String> part : parts(adj)) {
          if (part.size() > cap.maxComponentSize()) {
            tooBig.add(part);
          }
        }
        if (tooBig.isEmpty()) {
          break;
        }
        if (removed >= cap.maxHubRemovals()) {
          for (Set<String> part : tooBig) {
            for (String n : part) {
              reject(
                  out,
                  n,
                  " is in a "
                      + component(part.size())
                      + " that still exceeds the "
                      + cap()
                      + " after "
                      + removed
                      + " hub removals ("
                      + cap.level()
                      + " size cap): not resolved",
                  part.size());
              remove(adj, n);
            }
          }
          break;
        }
        for (Set<String> part : tooBig) {
          String hub = null;
          int degree = -1;
          for (String n : new TreeSet<>(part)) {
            int d = adj.get(n).size();
            if (d > degree) {
              hub = n;
              degree = d;
            }
          }
          reject(
              out,
              hub,
              " links "
                  + degree
                  + " "
                  + unit()
                  + " and joins a "
                  + component(part.size())
                  + ", above the "
                  + cap()
                  + " ("
                  + cap.level()
                  + " size cap): the hub is removed and its links are not merged",
              part.size());
          hubs.inc();
          remove(adj, hub);
          removed++;
        }
      }
      for (Set<String> part : parts(adj)) {
        if (part.stream().allMatch(n -> n.startsWith(ResolveIdentities.PERSON_PREFIX))) {
          continue; // a company part left with persons only is no company: they get none
        }
        if (part.stream().anyMatch(unassigned::contains)) {
          continue; // a shared domain and the leads that name only it: no company (see rules)
        }
        String anchor = Collections.min(part);
        for (String n : part) {
          out.get(LABELS).output(KV.of(n, anchor));
        }
      }
    }

    /** Rejects {@code node}: its description followed by {@code why}. */
    private static void reject(
        MultiOutputReceiver out, String node, String why, int componentSize) {
      String id = ConstrainedUnion.identifier(node);
      out.get(REJECTIONS)
          .output(
              IdentityRejection.of(
                  IdentifierTypes.typeOf(id),
                  IdentifierTypes.valueOf(id),
                  ConstrainedUnion.describe(node) + why,
                  (long) componentSize));
    }

    /** {@code person component of 12 identifiers}, {@code company component of 7 members}. */
    private String component(int size) {
      return cap.level() + " component of " + size + " " + unit();
    }

    /** {@code person size cap of 1000}. */
    private String cap() {
      return cap.level() + " size cap of " + cap.maxComponentSize();
    }

    /**
     * What a component counts: identifiers for persons; company identifiers and persons for
     * companies.
     */
    private String unit() {
      return cap.level().equals("person") ? "identifiers" : "members";
    }

    private static void remove(Map<String, Set<String>> adj, String n) {
      for (String m : adj.remove(n)) {
        Set<String> s = adj.get(m);
        if (s != null) {
          s.remove(n);
        }
      }
    }

    private static List<Set<String>> parts(Map<String, Set<String>> adj) {
      List<Set<String>> out = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (String start : adj.keySet()) {
        if (!seen.add(start)) {
          continue;
        }
        Set<String> part = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(start);
        part.add(start);
        while (!queue.isEmpty()) {
          for (String m : adj.get(queue.poll())) {
            if (seen.add(m)) {
              part.add(m);
              queue.add(m);
            }
          }
        }
        out.add(part);
      }
      return out;
    }
  }
}
