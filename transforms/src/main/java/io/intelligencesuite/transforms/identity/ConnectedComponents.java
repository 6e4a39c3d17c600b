package io.intelligencesuite.transforms.identity;

import io.intelligencesuite.transforms.audit.Counters;
import io.intelligencesuite.transforms.sideinputs.SideInputPerBundle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Connected components of an undirected graph of string nodes, with the alternating large-star /
 * small-star algorithm of Kiveris, Lattanzi, Mirrokni, Rastogi and Vassilvitskii, "Connected
 * Components in MapReduce and Beyond" (SoCC 2014), after a local contraction of each bundle. No
 * worker holds more than one node's neighbourhood or {@code maxContractedNodes} nodes.
 *
 * <p>Input: edges {@code KV(a, b)} in the global window; a self-loop {@code KV(a, a)} declares an
 * isolated node. Output ({@link #LABELS}): {@code KV(node, anchor)} for every node, where the
 * anchor is the smallest node of its component (natural String order). Components with more than
 * {@code maxComponentSize} nodes, and components that break one of the {@link IdentityRules} given
 * (a limit, a must-not-link pair), go to {@link #OVERSIZED} instead, in the same shape.
 *
 * <p><b>Local contraction.</b> Each bundle's edges are first replaced by the stars of their
 * union-find (every node linked to the smallest node it reaches within the bundle), flushed every
 * {@code maxContractedNodes} nodes to bound memory. This keeps every component's connectivity and
 * costs no shuffle; when a component's links all arrive in one bundle (Flink's batch bundles are
 * whole partitions) it is already a finished star when the rounds begin.
 *
 * <p><b>Rounds.</b> A round is small-star then large-star (the first round: large-star alone), each
 * one GroupByKey. Large-star links every larger neighbour of a node to the smallest node of its
 * closed neighbourhood; small-star links a node and its smaller neighbours to the smallest of them.
 * Large-star also checks convergence in the same pass: it counts, at every node that has a smaller
 * neighbour, its edges beyond the first, and a count of 0 proves the graph is a forest of stars
 * centred on each component's minimum (see {@link LargeStarBase}). Large-star at each centre then
 * saw its whole component, so the labels are taken from there ({@link LabelFn}) and need no shuffle
 * of their own: a graph that the contraction already left as stars costs one shuffle. The paper
 * bounds the rounds by O(log^2 n); on real graphs they grow like log n.
 *
 * <p>Beam graphs have no loops, so {@code maxRounds} rounds are unrolled, in blocks of 1, 1, 2, 4,
 * 8, ... rounds (see {@link #blocks}). The last round of each block also emits its centres, which
 * become the labels if that round's count is 0. Each block after the first is gated on that count
 * (a side input of partial counts): once it is 0, the gate drops the edges, so the later blocks see
 * no input. The last round unrolled checks without a side input: its large-star fails the pipeline
 * with an IllegalStateException naming the round count (raise {@code maxRounds}) at the first node
 * with an edge beyond a star, and outputs only the centres, so its labels are taken as they come.
 * Ungated, all {@code maxRounds} rounds run as one block, with no side input at all: a side input
 * computed by the same round makes a diamond, and the embedded Flink runner's batch optimizer pays
 * for every source-to-sink path the diamonds multiply.
 *
 * <p>Metrics (namespace {@code ResolveIdentities}): the distribution {@code
 * <name>_rounds_with_changes}, whose max is the number of rounds that were not yet converged (the
 * rounds executed are that number plus one, the round that proved convergence), and the counter
 * {@code <name>_round_<r>_changes} per round.
 */
public class ConnectedComponents
    extends PTransform<PCollection<KV<String, String>>, PCollectionTuple> {

  public static final TupleTag<KV<String, String>> LABELS = new TupleTag<KV<String, String>>() {};
  public static final TupleTag<KV<String, String>> OVERSIZED =
      new TupleTag<KV<String, String>>() {};

  static final String METRICS_NAMESPACE = "ResolveIdentities";

  /**
   * Nodes a bundle's union-find holds before it flushes its stars: a map entry of two short strings
   * each, so some tens of MB per DoFn instance at most.
   */
  public static final int DEFAULT_MAX_CONTRACTED_NODES = 500_000;

  private final String name;
  private final int maxRounds;
  private final int maxComponentSize;
  private final boolean gated;
  private final int maxContractedNodes;
  private final @Nullable IdentityRules rules;
  private final int maxOneWorkerNodes;

  public ConnectedComponents(String name, int maxRounds, int maxComponentSize) {
    this(name, maxRounds, maxComponentSize, true);
  }

  public ConnectedComponents(String name, int maxRounds, int maxComponentSize, boolean gated) {
    this(name, maxRounds, maxComponentSize, gated, DEFAULT_MAX_CONTRACTED_NODES);
  }

  /**
   * @param name prefix of the metrics ({@code <name>_rounds_with_changes}, ...)
   * @param maxRounds rounds unrolled; the run fails if the last one is still not converged
   * @param maxComponentSize components larger than this go to {@link #OVERSIZED}
   * @param gated route converged blocks of rounds around their shuffles (see the class comment).
   *     Turn it off on the DirectRunner, which resolves a side input computed by the same pipeline
   *     slowly (about a second per round even for tiny graphs), while its shuffles of a few
   *     thousand elements are cheap; the result is the same either way, since a converged round
   *     changes nothing.
   * @param maxContractedNodes nodes a bundle's local contraction holds before it flushes (at most 2
   *     turns it off: every edge then enters the rounds as it is)
   */
  public ConnectedComponents(
      String name, int maxRounds, int maxComponentSize, boolean gated, int maxContractedNodes) {
    this(name, maxRounds, maxComponentSize, gated, maxContractedNodes, null, 0);
  }

  /**
   * @param rules a component that breaks one of them (see {@link
   *     IdentityRules#needsConstrainedResolution}) also goes to {@link #OVERSIZED}, to be resolved
   *     on one worker; null: no rules
   * @param maxOneWorkerNodes above 0: the components are first found on one worker (see {@link
   *     OneWorkerFn}), which holds up to this many nodes; a bigger graph falls back to the rounds.
   *     0: the rounds only.
   */
  public ConnectedComponents(
      String name,
      int maxRounds,
      int maxComponentSize,
      boolean gated,
      int maxContractedNodes,
      @Nullable IdentityRules rules,
      int maxOneWorkerNodes) {
    this.rules = rules;
    this.maxOneWorkerNodes = maxOneWorkerNodes;
    if (maxRounds < 1 || maxComponentSize < 1) {
      throw new IllegalArgumentException("maxRounds and maxComponentSize must be >= 1");
    }
    this.name = name;
    this.maxRounds = maxRounds;
    this.maxComponentSize = maxComponentSize;
    this.gated = gated;
    this.maxContractedNodes = maxContractedNodes;
  }

  /**
   * Rounds come in blocks of 1, 1, 2, 4, 8, ... rounds: the first block always runs; each later
   * block is gated, as a whole, on the convergence count of the last round before it. A single
   * first round suffices when the local contraction left finished stars. A gate has two inputs from
   * the round before it (the edges and their count), and Flink's plan translation walks every path
   * of the graph, so a gate per round (2^rounds paths) never finishes translating; a gate per
   * doubling block keeps the paths few while running at most about twice the rounds that were
   * needed (k rounds needed: 1, 2, 4, 4, 8, 8, 8, 8, 16, ... run).
   */
  static List<int[]> blocks(int maxRounds) {
    List<int[]> out = new ArrayList<>();
    int start = 1;
    int size = 1;
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
    PCollectionList<KV<String, String>> labels = PCollectionList.empty(input.getPipeline());
    PCollectionList<KV<String, String>> oversized = PCollectionList.empty(input.getPipeline());
    PCollection<KV<String, String>> work;
    if (maxOneWorkerNodes > 0) {
      // One shuffle of the edges in chunks under one key, instead of the contraction and a round
      // (two shuffles, sorted by node, of every node in both directions); the rounds then see only
      // what overflowed.
      PCollectionTuple one =
          input
              .apply("Chunks for one worker", ParDo.of(new ChunkFn()))
              .setCoder(KvCoder.of(VarIntCoder.of(), ListCoder.of(edgeCoder())))
              .apply("All edges on one worker", GroupByKey.create())
              .apply(
                  "Union-find on one worker",
                  ParDo.of(new OneWorkerFn(name, maxOneWorkerNodes))
                      .withOutputTags(Round.CENTRES, TupleTagList.of(OneWorkerFn.OVERFLOW)));
      PCollectionTuple labelled =
          one.get(Round.CENTRES)
              .setCoder(centresCoder())
              .apply(
                  "Labels from one worker",
                  ParDo.of(new LabelFn(maxComponentSize, rules, null))
                      .withOutputTags(LABELS, TupleTagList.of(OVERSIZED)));
      labels = labels.and(labelled.get(LABELS).setCoder(edgeCoder()));
      oversized = oversized.and(labelled.get(OVERSIZED).setCoder(edgeCoder()));
      work = one.get(OneWorkerFn.OVERFLOW).setCoder(edgeCoder());
    } else {
      work =
          input
              .apply("Contract bundles", ParDo.of(new ContractFn(maxContractedNodes)))
              .setCoder(edgeCoder());
    }
    PCollectionView<Iterable<Long>> lastChanges = null;
    List<int[]> blocks = gated ? blocks(maxRounds) : List.of(new int[] {1, maxRounds});
    for (int[] block : blocks) {
      String blockName = "Rounds " + block[0] + "-" + block[1];
      if (lastChanges != null) {
        work =
            work.apply(
                    "Gate " + blockName,
                    ParDo.of(new GateFn(lastChanges)).withSideInputs(lastChanges))
                .setCoder(edgeCoder());
      }
      for (int r = block[0]; r <= block[1]; r++) {
        boolean blockEnd = r == block[1];
        boolean lastRound = r == maxRounds;
        PCollectionTuple round = work.apply("Round " + r, new Round(name, r, blockEnd, lastRound));
        if (!blockEnd) {
          work = round.get(Round.EDGES);
          continue;
        }
        PCollection<KV<String, List<String>>> centres = round.get(Round.CENTRES);
        PCollectionTuple labelled;
        if (lastRound) {
          // The last round proves convergence itself (its large-star fails on an edge beyond a
          // star), so its labels need no side input: a side input computed by the same round is a
          // diamond, and each diamond doubles the source-to-sink paths of everything downstream,
          // which the embedded Flink runner's optimizer walks (MartsGraphShapeTest).
          labelled =
              centres.apply(
                  "Labels if round " + r + " converged",
                  ParDo.of(new LabelFn(maxComponentSize, rules, null))
                      .withOutputTags(LABELS, TupleTagList.of(OVERSIZED)));
        } else {
          work = round.get(Round.EDGES);
          lastChanges = round.get(Round.CHANGES).apply("Changes in round " + r, View.asIterable());
          labelled =
              centres.apply(
                  "Labels if round " + r + " converged",
                  ParDo.of(new LabelFn(maxComponentSize, rules, lastChanges))
                      .withSideInputs(lastChanges)
                      .withOutputTags(LABELS, TupleTagList.of(OVERSIZED)));
        }
        labels = labels.and(labelled.get(LABELS).setCoder(edgeCoder()));
        oversized = oversized.and(labelled.get(OVERSIZED).setCoder(edgeCoder()));
      }
    }
    return PCollectionTuple.of(LABELS, labels.apply("All labels", Flatten.pCollections()))
        .and(OVERSIZED, oversized.apply("All oversized", Flatten.pCollections()));
  }

  /**
   * Rounds a finished run of the components named {@code name} executed: 0 when the one worker
   * found the components (the rounds then saw no input), else the rounds that were not yet
   * converged plus the one that proved it (1 when there was nothing to do), from the {@code
   * <name>_rounds_with_changes} distribution.
   */
  public static long roundsExecuted(PipelineResult result, String name) {
    if (Counters.total(result, METRICS_NAMESPACE, name + "_one_worker_nodes") > 0) {
      return 0; // counted only when the one worker did not overflow
    }
    long lastWithChanges = 0;
    for (MetricResult<DistributionResult> d :
        result.metrics().queryMetrics(named(name + "_rounds_with_changes")).getDistributions()) {
      DistributionResult v = d.getAttempted();
      if (v != null && v.getCount() > 0) {
        lastWithChanges = Math.max(lastWithChanges, v.getMax());
      }
    }
    return lastWithChanges + 1;
  }

  /** The filter for one of this transform's metrics, by name. */
  private static MetricsFilter named(String metric) {
    return MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(METRICS_NAMESPACE, metric))
        .build();
  }

  /** Edges and labels: nodes in the compact {@link NodeCoder} (the shuffles sort by it). */
  static KvCoder<String, String> edgeCoder() {
    return KvCoder.of(NodeCoder.of(), NodeCoder.of());
  }

  /** A centre with its neighbours (in a converged round, its component). */
  static KvCoder<String, List<String>> centresCoder() {
    return KvCoder.of(NodeCoder.of(), ListCoder.of(NodeCoder.of()));
  }

  /**
   * Local contraction: a union-find over the bundle's edges (the smaller root wins, with path
   * compression), flushed as stars {@code KV(node, smallest node it reaches)}, plus a self-loop for
   * a node that reaches no other, whenever it holds {@code maxNodes} nodes and at the end of the
   * bundle. The stars connect exactly what the bundle's edges connect, so the components are
   * unchanged; every output edge is (larger, smaller), as the rounds expect.
   */
  static class ContractFn extends DoFn<KV<String, String>, KV<String, String>> {
    private final int maxNodes;
    private transient StarUnionFind sets;

    ContractFn(int maxNodes) {
      this.maxNodes = maxNodes;
    }

    @StartBundle
    public void startBundle() {
      sets = new StarUnionFind();
    }

    @ProcessElement
    public void process(@Element KV<String, String> e, OutputReceiver<KV<String, String>> out) {
      sets.union(e.getKey(), e.getValue());
      if (sets.size() >= maxNodes) {
        sets.flushStars(out::output);
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      sets.flushStars(
          edge -> c.output(edge, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE));
    }
  }

  /**
   * Edges in chunks of {@link #CHUNK} under the one key 0, for {@link OneWorkerFn}: a shuffle pays
   * per record (a windowed-value header, a sort key that all records share, which the sorter
   * compares by reading each record), so a million edges travel as a few hundred records.
   */
  static class ChunkFn extends DoFn<KV<String, String>, KV<Integer, List<KV<String, String>>>> {
    static final int CHUNK = 4096;
    private transient List<KV<String, String>> chunk;

    @StartBundle
    public void startBundle() {
      chunk = new ArrayList<>(CHUNK);
    }

    @ProcessElement
    public void process(
        @Element KV<String, String> e, OutputReceiver<KV<Integer, List<KV<String, String>>>> out) {
      chunk.add(e);
      if (chunk.size() >= CHUNK) {
        out.output(KV.of(0, chunk));
        chunk = new ArrayList<>(CHUNK);
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      if (!chunk.isEmpty()) {
        c.output(KV.of(0, chunk), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
        chunk = new ArrayList<>(CHUNK);
      }
    }
  }

  /**
   * The components on one worker: a union-find over every edge of the graph (grouped under one
   * key), whose sets are the components, emitted as {@link Round#CENTRES} (the smallest node with
   * the other members) for {@link LabelFn}. Memory is bounded by {@code maxNodes}: a graph that
   * reaches it is not finished here; the union-find is then flushed as stars ({@link #OVERFLOW},
   * connecting exactly what the edges connect) every {@code maxNodes} nodes, as {@link ContractFn}
   * does, and the star-finding rounds finish it.
   */
  static class OneWorkerFn
      extends DoFn<KV<Integer, Iterable<List<KV<String, String>>>>, KV<String, List<String>>> {
    static final TupleTag<KV<String, String>> OVERFLOW = new TupleTag<KV<String, String>>() {};

    private final int maxNodes;
    private final Counter nodes;
    private final Counter overflowed;

    OneWorkerFn(String name, int maxNodes) {
      this.maxNodes = maxNodes;
      this.nodes = Metrics.counter(METRICS_NAMESPACE, name + "_one_worker_nodes");
      this.overflowed = Metrics.counter(METRICS_NAMESPACE, name + "_one_worker_overflowed");
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<List<KV<String, String>>>> e, MultiOutputReceiver out) {
      StarUnionFind sets = new StarUnionFind();
      boolean overflow = false;
      for (List<KV<String, String>> chunk : e.getValue()) {
        for (KV<String, String> edge : chunk) {
          sets.union(edge.getKey(), edge.getValue());
          if (sets.size() >= maxNodes) {
            overflow = true;
            sets.flushStars(out.get(OVERFLOW)::output);
          }
        }
      }
      if (overflow) {
        overflowed.inc();
        sets.flushStars(out.get(OVERFLOW)::output);
        return;
      }
      nodes.inc(sets.size());
      sets.flushSets((centre, members) -> out.get(Round.CENTRES).output(KV.of(centre, members)));
    }
  }

  /**
   * One round: small-star (from the second round on), then large-star, which also checks
   * convergence. When {@code blockEnd}, large-star also outputs its centres ({@link #CENTRES}) and
   * its partial counts of non-star edges ({@link #CHANGES}).
   */
  static class Round extends PTransform<PCollection<KV<String, String>>, PCollectionTuple> {
    static final TupleTag<KV<String, String>> EDGES = new TupleTag<KV<String, String>>() {};
    static final TupleTag<Long> CHANGES = new TupleTag<Long>() {};

    /** Nodes that are the minimum of their closed neighbourhood, with their neighbours. */
    static final TupleTag<KV<String, List<String>>> CENTRES =
        new TupleTag<KV<String, List<String>>>() {};

    private final String name;
    private final int round;
    private final boolean blockEnd;
    private final boolean lastRound;

    /**
     * @param lastRound the last round unrolled: its large-star outputs only {@link #CENTRES} and
     *     fails the pipeline on an edge beyond a star (the graph did not converge in time)
     */
    Round(String name, int round, boolean blockEnd, boolean lastRound) {
      this.name = name;
      this.round = round;
      this.blockEnd = blockEnd;
      this.lastRound = lastRound;
    }

    @Override
    public PCollectionTuple expand(PCollection<KV<String, String>> work) {
      if (round > 1) {
        work =
            work.apply("Group smaller neighbours", GroupByKey.create())
                .apply("Small-star", ParDo.of(new SmallStarFn()))
                .setCoder(edgeCoder());
      }
      PCollection<KV<String, Iterable<String>>> neighbours =
          work.apply("Both directions", ParDo.of(new BothDirectionsFn()))
              .apply("Group neighbours", GroupByKey.create());
      if (!blockEnd) {
        PCollection<KV<String, String>> edges =
            neighbours.apply("Large-star", ParDo.of(new LargeStarFn(name, round)));
        return PCollectionTuple.of(EDGES, edges.setCoder(edgeCoder()));
      }
      if (lastRound) {
        return PCollectionTuple.of(
            CENTRES,
            neighbours
                .apply("Large-star", ParDo.of(new LastLargeStarFn(name, round)))
                .setCoder(centresCoder()));
      }
      // Only the rounds that end a block pay for the other outputs (on Flink, a pass over the
      // step's output per output).
      PCollectionTuple large =
          neighbours.apply(
              "Large-star",
              ParDo.of(new LargeStarWithCentresFn(name, round))
                  .withOutputTags(EDGES, TupleTagList.of(CENTRES).and(CHANGES)));
      return PCollectionTuple.of(EDGES, large.get(EDGES).setCoder(edgeCoder()))
          .and(CENTRES, large.get(CENTRES).setCoder(centresCoder()))
          .and(CHANGES, large.get(CHANGES).setCoder(VarLongCoder.of()));
    }
  }

  /** Lets the edges into the next block only if the round before it was not yet converged. */
  static class GateFn extends DoFn<KV<String, String>, KV<String, String>> {
    /**
     * The previous round's change counts, read once per bundle: every edge that overflowed the one
     * worker passes here.
     */
    private final SideInputPerBundle<Iterable<Long>> previousChanges;

    GateFn(PCollectionView<Iterable<Long>> previousChanges) {
      this.previousChanges = new SideInputPerBundle<>(previousChanges);
    }

    @StartBundle
    public void startBundle() {
      previousChanges.reset();
    }

    @ProcessElement
    public void process(ProcessContext c, BoundedWindow window) {
      if (sum(previousChanges.get(c, window)) > 0) {
        c.output(c.element());
      }
    }
  }

  static long sum(Iterable<Long> partialCounts) {
    long total = 0;
    for (long n : partialCounts) {
      total += n;
    }
    return total;
  }

  static class BothDirectionsFn extends DoFn<KV<String, String>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<String, String> e, OutputReceiver<KV<String, String>> out) {
      out.output(e);
      if (!e.getKey().equals(e.getValue())) {
        out.output(KV.of(e.getValue(), e.getKey()));
      }
    }
  }

  /**
   * At u: every larger neighbour v gets the edge (v, min of u's closed neighbourhood). Also the
   * convergence check, which needs no step of its own: the graph is a forest of stars centred on
   * each component's minimum exactly when every node is either a centre (all its neighbours larger)
   * or a leaf with a single, smaller neighbour. (A leaf's neighbour w is then a centre, since w has
   * the larger neighbour u; a centre's neighbours are all leaves, since they have the smaller
   * neighbour.) So each non-centre node counts its edges beyond the first: their sum is 0 exactly
   * when the rounds are done, and large-star then changes nothing. The counts go to the metrics
   * {@code <name>_round_<r>_changes} and {@code <name>_rounds_with_changes} (a distribution: once a
   * round counts 0, every later round does too, so its max is the number of rounds that changed
   * something).
   */
  abstract static class LargeStarBase<OutputT> extends DoFn<KV<String, Iterable<String>>, OutputT> {
    private final int round;
    private final Counter roundChanges;
    private final Distribution roundsWithChanges;
    long changes;

    LargeStarBase(String name, int round) {
      this.round = round;
      this.roundChanges = Metrics.counter(METRICS_NAMESPACE, name + "_round_" + round + "_changes");
      this.roundsWithChanges =
          Metrics.distribution(METRICS_NAMESPACE, name + "_rounds_with_changes");
    }

    @StartBundle
    public void startBundle() {
      changes = 0;
    }

    /**
     * The step itself; {@code centres}, if not null, gets every node that is the minimum of its
     * closed neighbourhood, with its neighbours (in a converged round: its whole component).
     */
    void largeStar(
        KV<String, Iterable<String>> e,
        java.util.function.Consumer<KV<String, String>> out,
        java.util.function.Consumer<KV<String, List<String>>> centres) {
      String u = e.getKey();
      Set<String> neighbours = new HashSet<>();
      String min = u;
      for (String v : e.getValue()) {
        if (!v.equals(u) && neighbours.add(v) && v.compareTo(min) < 0) {
          min = v;
        }
      }
      if (min.equals(u)) {
        if (centres != null) {
          centres.accept(KV.of(u, new ArrayList<>(neighbours)));
        }
        if (neighbours.isEmpty()) {
          out.accept(KV.of(u, u));
          return;
        }
      } else {
        changes += neighbours.size() - 1;
        if (neighbours.size() > 1) {
          notAStar(u, neighbours.size() - 1);
        }
      }
      for (String v : neighbours) {
        if (v.compareTo(u) > 0) {
          out.accept(KV.of(v, min));
        }
      }
    }

    /** Called at a node with {@code extra} edges beyond a star (the round changes something). */
    void notAStar(String node, int extra) {}

    /** Records the bundle's count; returns it. */
    long recordChanges() {
      if (changes > 0) {
        roundChanges.inc(changes);
        roundsWithChanges.update(round);
      }
      return changes;
    }
  }

  static class LargeStarFn extends LargeStarBase<KV<String, String>> {
    LargeStarFn(String name, int round) {
      super(name, round);
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<String>> e, OutputReceiver<KV<String, String>> out) {
      largeStar(e, out::output, null);
    }

    @FinishBundle
    public void finishBundle() {
      recordChanges();
    }
  }

  /**
   * {@link LargeStarFn} that also outputs the centres ({@link Round#CENTRES}) and its partial count
   * ({@link Round#CHANGES}, one per bundle that counted any).
   */
  static class LargeStarWithCentresFn extends LargeStarBase<KV<String, String>> {
    LargeStarWithCentresFn(String name, int round) {
      super(name, round);
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<String>> e, MultiOutputReceiver out) {
      largeStar(e, out.get(Round.EDGES)::output, out.get(Round.CENTRES)::output);
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      long n = recordChanges();
      if (n > 0) {
        c.output(Round.CHANGES, n, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
      }
    }
  }

  /**
   * Large-star of the last round unrolled: outputs only the centres (in a converged round, each
   * with its whole component), and fails the pipeline at the first node with an edge beyond a star,
   * since no round is left to finish the graph. The labels then need no convergence count: a
   * centre's output is complete once this step has finished without failing.
   */
  static class LastLargeStarFn extends LargeStarBase<KV<String, List<String>>> {
    private final int round;

    LastLargeStarFn(String name, int round) {
      super(name, round);
      this.round = round;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<String>> e, OutputReceiver<KV<String, List<String>>> out) {
      largeStar(e, edge -> {}, out::output);
    }

    @Override
    void notAStar(String node, int extra) {
      throw new IllegalStateException(
          "connected components did not converge in "
              + round
              + " rounds (in the last round "
              + node
              + " still had "
              + extra
              + " edges beyond a star); raise withMaxRounds");
    }

    @FinishBundle
    public void finishBundle() {
      recordChanges();
    }
  }

  /** At u (smaller neighbours only): u and its smaller neighbours get the edge to the smallest. */
  static class SmallStarFn extends DoFn<KV<String, Iterable<String>>, KV<String, String>> {
    @ProcessElement
    public void process(
        @Element KV<String, Iterable<String>> e, OutputReceiver<KV<String, String>> out) {
      String u = e.getKey();
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
    }
  }

  /**
   * The centres of a round that ends a block become the labels if that round changed nothing (then
   * each centre's neighbours are its whole component): every member gets the centre, or the
   * component is flagged oversized. Otherwise they are dropped (a later block's round labels the
   * graph; the last round's large-star fails on a change).
   */
  static class LabelFn extends DoFn<KV<String, List<String>>, KV<String, String>> {
    private final int maxComponentSize;
    private final @Nullable IdentityRules rules;
    private final @Nullable PCollectionView<Iterable<Long>> roundChanges;

    /**
     * @param roundChanges the round's convergence count; null for the last round, whose large-star
     *     fails on any change ({@link LastLargeStarFn})
     */
    LabelFn(
        int maxComponentSize,
        @Nullable IdentityRules rules,
        @Nullable PCollectionView<Iterable<Long>> roundChanges) {
      this.maxComponentSize = maxComponentSize;
      this.rules = rules;
      this.roundChanges = roundChanges;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (roundChanges != null && sum(c.sideInput(roundChanges)) > 0) {
        return; // not converged yet: a later block's last round labels the graph
      }
      String centre = c.element().getKey();
      List<String> neighbours = c.element().getValue();
      TupleTag<KV<String, String>> tag =
          neighbours.size() + 1 > maxComponentSize
                  || (rules != null && rules.needsConstrainedResolution(centre, neighbours))
              ? OVERSIZED
              : LABELS;
      c.output(tag, KV.of(centre, centre));
      for (String m : neighbours) {
        c.output(tag, KV.of(m, centre));
      }
    }
  }
}
