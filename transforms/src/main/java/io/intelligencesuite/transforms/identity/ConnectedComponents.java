package io.intelligencesuite.transforms.identity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Instant;

/**
 * Connected components of an undirected graph of string nodes, with the alternating large-star /
 * small-star algorithm of Kiveris, Lattanzi, Mirrokni, Rastogi and Vassilvitskii, "Connected
 * Components in MapReduce and Beyond" (SoCC 2014). No worker ever holds more than one node's
 * neighbourhood.
 *
 * <p>Input: edges {@code KV(a, b)}; a self-loop {@code KV(a, a)} declares an isolated node. Output
 * ({@link #LABELS}): {@code KV(node, anchor)} for every node, where the anchor is the smallest node
 * of its component (natural String order). Components with more than {@code maxComponentSize}
 * nodes go to {@link #OVERSIZED} instead, in the same shape.
 *
 * <p>One round = large-star then small-star, each one GroupByKey. Large-star links every larger
 * neighbour of a node to the smallest node of its closed neighbourhood; small-star links a node and
 * its smaller neighbours to the smallest of them. Each step counts the edges it rewires; a round
 * that rewires nothing proves the graph is a forest of stars centred on each component's minimum
 * (no node has both smaller and larger neighbours, and none has two smaller ones), i.e. converged.
 * The paper bounds the rounds by O(log^2 n); on real graphs they grow like log n.
 *
 * <p>Beam graphs have no loops, so {@code maxRounds} rounds are unrolled, in blocks of 2, 1, 2, 4,
 * 8, ... rounds (see {@link #blocks}). Each block after the first is gated on the change count of
 * the round before it (a singleton side input): once a round changes nothing, the next gate sends
 * every edge straight to the labelling step, so the later blocks and their gates see no input and
 * convergence costs one pass-through ParDo in all. If the last round still changed something, the
 * labelling step fails the pipeline with an IllegalStateException naming the round count (raise
 * {@code maxRounds}).
 *
 * <p>Metrics (namespace {@code ResolveIdentities}): {@code <name>_rounds_with_changes}; the rounds
 * actually executed are that number plus one (the round that proved convergence), and {@code
 * <name>_round_<r>_changes} per round.
 */
public class ConnectedComponents extends PTransform<PCollection<KV<String, String>>, PCollectionTuple> {

  public static final TupleTag<KV<String, String>> LABELS = new TupleTag<KV<String, String>>() {};
  public static final TupleTag<KV<String, String>> OVERSIZED =
      new TupleTag<KV<String, String>>() {};

  static final String METRICS_NAMESPACE = "ResolveIdentities";

  private final String name;
  private final int maxRounds;
  private final int maxComponentSize;
  private final boolean gated;

  public ConnectedComponents(String name, int maxRounds, int maxComponentSize) {
    this(name, maxRounds, maxComponentSize, true);
  }

  /**
   * @param gated route converged blocks of rounds around their shuffles (see the class comment). Turn it off
   *     on the DirectRunner, which resolves a side input computed by the same pipeline slowly (about
   *     a second per round even for tiny graphs), while its shuffles of a few thousand elements are
   *     cheap; the result is the same either way, since a converged round changes nothing.
   */
  public ConnectedComponents(String name, int maxRounds, int maxComponentSize, boolean gated) {
    if (maxRounds < 1 || maxComponentSize < 1) {
      throw new IllegalArgumentException("maxRounds and maxComponentSize must be >= 1");
    }
    this.name = name;
    this.maxRounds = maxRounds;
    this.maxComponentSize = maxComponentSize;
    this.gated = gated;
  }

  /**
   * Rounds come in blocks of 2, 1, 2, 4, 8, ... rounds: the first block always runs (a graph with
   * anything to rewire needs a round that rewires and one that proves convergence); each later
   * block is gated, as a whole, on the change count of the last round before it. A gate has two
   * inputs from the round before it (the edges and their change count), and Flink's plan
   * translation walks every path of the graph, so a gate per round (2^rounds paths) never
   * finishes translating; a gate per doubling block keeps the paths few while running at most
   * about twice the rounds that were needed (k rounds needed: 2, 3, 5, 9 or 16 run).
   */
  static List<int[]> blocks(int maxRounds) {
    List<int[]> out = new ArrayList<>();
    int start = 1;
    int size = 2;
    while (start <= maxRounds) {
      int end = Math.min(maxRounds, start + size - 1);
      out.add(new int[] {start, end});
      size = start == 1 ? 1 : size * 2;
      start = end + 1;
    }
    return out;
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, String>> input) {
    PCollection<KV<String, String>> work = input.apply("Canonical edges", ParDo.of(new CanonicalFn()));
    // Edges that a gate found converged go straight to the labelling, past every later block.
    PCollectionList<KV<String, String>> converged = PCollectionList.empty(input.getPipeline());
    PCollection<Long> lastChanges = null;
    for (int[] block : blocks(maxRounds)) {
      String blockName = "Rounds " + block[0] + "-" + block[1];
      if (gated && lastChanges != null) {
        PCollectionView<Iterable<Long>> previous =
            lastChanges.apply("Changes before " + blockName, View.asIterable());
        PCollectionTuple gate =
            work.apply(
                "Gate " + blockName,
                ParDo.of(new GateFn(previous))
                    .withSideInputs(previous)
                    .withOutputTags(Round.WORK, TupleTagList.of(Round.DONE)));
        work = gate.get(Round.WORK).setCoder(edgeCoder());
        converged = converged.and(gate.get(Round.DONE).setCoder(edgeCoder()));
      }
      for (int r = block[0]; r <= block[1]; r++) {
        PCollectionTuple round = work.apply("Round " + r, new Round(name, r));
        work = round.get(Round.EDGES).setCoder(edgeCoder());
        lastChanges = round.get(Round.CHANGES);
      }
    }
    PCollection<KV<String, String>> edges =
        converged.size() == 0
            ? work
            : converged.and(work).apply("Converged edges", Flatten.pCollections());
    PCollectionView<Iterable<Long>> finalChanges =
        lastChanges.apply("Changes in last round", View.asIterable());
    return edges
        .apply("Key by centre", ParDo.of(new KeyByCentreFn()))
        .apply("Group by centre", GroupByKey.create())
        .apply(
            "Label",
            ParDo.of(new LabelFn(maxComponentSize, maxRounds, finalChanges))
                .withSideInputs(finalChanges)
                .withOutputTags(LABELS, TupleTagList.of(OVERSIZED)));
  }

  /** Edges and labels: nodes in the compact {@link NodeCoder} (the shuffles sort by it). */
  static KvCoder<String, String> edgeCoder() {
    return KvCoder.of(NodeCoder.of(), NodeCoder.of());
  }

  /** Edges as KV(larger, smaller); self-loops kept. */
  static class CanonicalFn extends DoFn<KV<String, String>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<String, String> e, OutputReceiver<KV<String, String>> out) {
      String a = e.getKey();
      String b = e.getValue();
      out.output(a.compareTo(b) >= 0 ? e : KV.of(b, a));
    }
  }

  /** One large-star + small-star round; also outputs the number of edges it rewired. */
  static class Round extends PTransform<PCollection<KV<String, String>>, PCollectionTuple> {
    static final TupleTag<KV<String, String>> EDGES = new TupleTag<KV<String, String>>() {};
    static final TupleTag<Long> CHANGES = new TupleTag<Long>() {};
    static final TupleTag<KV<String, String>> WORK = new TupleTag<KV<String, String>>() {};
    static final TupleTag<KV<String, String>> DONE = new TupleTag<KV<String, String>>() {};

    private final String name;
    private final int round;

    Round(String name, int round) {
      this.name = name;
      this.round = round;
    }

    @Override
    public PCollectionTuple expand(PCollection<KV<String, String>> work) {
      PCollectionTuple small =
          work.apply("Both directions", ParDo.of(new BothDirectionsFn()))
              .apply("Group neighbours", GroupByKey.create())
              .apply("Large-star", ParDo.of(new LargeStarFn()))
              .setCoder(edgeCoder())
              .apply("Group smaller neighbours", GroupByKey.create())
              .apply(
                  "Small-star",
                  ParDo.of(new SmallStarFn()).withOutputTags(EDGES, TupleTagList.of(CHANGES)));
      // Partial counts (one per bundle that changed something); empty when nothing changed.
      PCollection<Long> changes = small.get(CHANGES).setCoder(VarLongCoder.of());
      changes
          .apply("Sum changes", Combine.globally(Sum.ofLongs()).withoutDefaults())
          .apply("Record round", ParDo.of(new RecordRoundFn(name, round)));
      return PCollectionTuple.of(EDGES, small.get(EDGES).setCoder(edgeCoder())).and(CHANGES, changes);
    }
  }

  static class GateFn extends DoFn<KV<String, String>, KV<String, String>> {
    private final PCollectionView<Iterable<Long>> previousChanges;

    GateFn(PCollectionView<Iterable<Long>> previousChanges) {
      this.previousChanges = previousChanges;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      c.output(sum(c.sideInput(previousChanges)) > 0 ? Round.WORK : Round.DONE, c.element());
    }
  }

  static long sum(Iterable<Long> partialCounts) {
    long total = 0;
    for (long n : partialCounts) {
      total += n;
    }
    return total;
  }

  /**
   * Large-star passes its change count to small-star in band, under this key (not a node: nodes
   * are {@code type:value}), so a round has no Flatten of two count streams: every merge of
   * branches multiplies the paths that Flink's plan translation walks.
   */
  static final String CHANGES_KEY = "\u0000changes";

  static class BothDirectionsFn extends DoFn<KV<String, String>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<String, String> e, OutputReceiver<KV<String, String>> out) {
      out.output(e);
      if (!e.getKey().equals(e.getValue())) {
        out.output(KV.of(e.getValue(), e.getKey()));
      }
    }
  }

  /** Base for the two star steps: sums the edges it rewires per bundle. */
  abstract static class StarFn extends DoFn<KV<String, Iterable<String>>, KV<String, String>> {
    long changes;

    @StartBundle
    public void startBundle() {
      changes = 0;
    }

    void changed(long n) {
      changes += n;
    }
  }

  /** At u: every larger neighbour v gets the edge (v, min of u's closed neighbourhood). */
  static class LargeStarFn extends StarFn {
    @ProcessElement
    public void process(
        @Element KV<String, Iterable<String>> e, OutputReceiver<KV<String, String>> out) {
      String u = e.getKey();
      Set<String> neighbours = new HashSet<>();
      String min = u;
      for (String v : e.getValue()) {
        if (!v.equals(u) && neighbours.add(v) && v.compareTo(min) < 0) {
          min = v;
        }
      }
      if (neighbours.isEmpty()) {
        out.output(KV.of(u, u));
        return;
      }
      long rewired = 0;
      for (String v : neighbours) {
        if (v.compareTo(u) > 0) {
          out.output(KV.of(v, min));
          if (!min.equals(u)) {
            rewired++;
          }
        }
      }
      changed(rewired);
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      if (changes > 0) {
        c.output(
            KV.of(CHANGES_KEY, Long.toString(changes)),
            GlobalWindow.INSTANCE.maxTimestamp(),
            GlobalWindow.INSTANCE);
      }
    }
  }

  /** At u (smaller neighbours only): u and its smaller neighbours get the edge to the smallest. */
  static class SmallStarFn extends StarFn {
    @ProcessElement
    public void process(
        @Element KV<String, Iterable<String>> e, OutputReceiver<KV<String, String>> out) {
      String u = e.getKey();
      if (u.equals(CHANGES_KEY)) {
        for (String n : e.getValue()) {
          changed(Long.parseLong(n));
        }
        return;
      }
      Set<String> smaller = new HashSet<>();
      String min = null;
      for (String v : e.getValue()) {
        if (!v.equals(u) && smaller.add(v) && (min == null || v.compareTo(min) < 0)) {
          min = v;
        }
      }
      if (min == null) {
        out.output(KV.of(u, u));
        return;
      }
      out.output(KV.of(u, min));
      for (String v : smaller) {
        if (!v.equals(min)) {
          out.output(KV.of(v, min));
        }
      }
      changed(smaller.size() - 1);
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      if (changes > 0) {
        c.output(Round.CHANGES, changes, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
      }
    }
  }

  static class RecordRoundFn extends DoFn<Long, Void> {
    private final Counter roundsWithChanges;
    private final Counter roundChanges;

    RecordRoundFn(String name, int round) {
      this.roundsWithChanges = Metrics.counter(METRICS_NAMESPACE, name + "_rounds_with_changes");
      this.roundChanges = Metrics.counter(METRICS_NAMESPACE, name + "_round_" + round + "_changes");
    }

    @ProcessElement
    public void process(@Element Long changes) {
      if (changes > 0) {
        roundsWithChanges.inc();
        roundChanges.inc(changes);
      }
    }
  }

  static class KeyByCentreFn extends DoFn<KV<String, String>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<String, String> e, OutputReceiver<KV<String, String>> out) {
      out.output(KV.of(e.getValue(), e.getKey()));
    }
  }

  /** At a star's centre (the component minimum): label every member, or flag it oversized. */
  static class LabelFn extends DoFn<KV<String, Iterable<String>>, KV<String, String>> {
    private final int maxComponentSize;
    private final int maxRounds;
    private final PCollectionView<Iterable<Long>> lastChanges;

    LabelFn(int maxComponentSize, int maxRounds, PCollectionView<Iterable<Long>> lastChanges) {
      this.maxComponentSize = maxComponentSize;
      this.maxRounds = maxRounds;
      this.lastChanges = lastChanges;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      long changes = sum(c.sideInput(lastChanges));
      if (changes > 0) {
        throw new IllegalStateException(
            "connected components did not converge in "
                + maxRounds
                + " rounds (the last round still rewired "
                + changes
                + " edges); raise withMaxRounds");
      }
      String centre = c.element().getKey();
      Set<String> members = new HashSet<>();
      members.add(centre);
      for (String v : c.element().getValue()) {
        members.add(v);
      }
      TupleTag<KV<String, String>> tag = members.size() > maxComponentSize ? OVERSIZED : LABELS;
      for (String m : members) {
        c.output(tag, KV.of(m, centre));
      }
    }
  }
}
