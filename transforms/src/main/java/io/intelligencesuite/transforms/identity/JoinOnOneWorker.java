package io.intelligencesuite.transforms.identity;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Two collections of node pairs joined on one worker, as {@link ConnectedComponents} finds its
 * components there: both travel in chunks of {@link ConnectedComponents.ChunkFn#CHUNK} under one
 * key (one shuffle of a few hundred records instead of a shuffle sorted by node of every pair, in
 * which the embedded Flink runner's sorter decodes each key it compares), and a {@link JoinFn}
 * holds them in memory and does the join. Memory is bounded: a {@link JoinFn} that reaches {@code
 * maxEntries} pairs hands every pair on unchanged ({@link #LEFT_OVERFLOW}, {@link #RIGHT_OVERFLOW})
 * to the distributed join it replaces, which the caller keeps behind it, so the result is the same
 * either way.
 */
final class JoinOnOneWorker<OutputT>
    extends PTransform<PCollectionList<KV<String, String>>, PCollectionTuple> {
  static final TupleTag<KV<String, String>> LEFT_OVERFLOW = new TupleTag<KV<String, String>>() {};
  static final TupleTag<KV<String, String>> RIGHT_OVERFLOW = new TupleTag<KV<String, String>>() {};

  private final JoinFn<OutputT> fn;

  JoinOnOneWorker(JoinFn<OutputT> fn) {
    this.fn = fn;
  }

  /** Input: exactly two collections, the left and the right side of the join. */
  @Override
  public PCollectionTuple expand(PCollectionList<KV<String, String>> sides) {
    if (sides.size() != 2) {
      throw new IllegalArgumentException("JoinOnOneWorker joins two collections, not " + sides);
    }
    KvCoder<Integer, KV<Integer, List<KV<String, String>>>> chunkCoder =
        KvCoder.of(
            VarIntCoder.of(),
            KvCoder.of(VarIntCoder.of(), ListCoder.of(ConnectedComponents.edgeCoder())));
    PCollectionList<KV<Integer, KV<Integer, List<KV<String, String>>>>> chunks =
        PCollectionList.empty(sides.getPipeline());
    for (int side = 0; side < 2; side++) {
      chunks =
          chunks.and(
              sides
                  .get(side)
                  .apply("Chunks of side " + side, ParDo.of(new SideChunkFn(side)))
                  .setCoder(chunkCoder));
    }
    PCollectionTuple out =
        chunks
            .apply("Both sides", Flatten.pCollections())
            .apply("Both sides on one worker", GroupByKey.create())
            .apply(
                "Join on one worker",
                ParDo.of(fn)
                    .withOutputTags(fn.output, TupleTagList.of(LEFT_OVERFLOW).and(RIGHT_OVERFLOW)));
    out.get(LEFT_OVERFLOW).setCoder(ConnectedComponents.edgeCoder());
    out.get(RIGHT_OVERFLOW).setCoder(ConnectedComponents.edgeCoder());
    return out;
  }

  /** Pairs in chunks, each tagged with its side, under the one key 0. */
  static class SideChunkFn
      extends DoFn<KV<String, String>, KV<Integer, KV<Integer, List<KV<String, String>>>>> {
    private final int side;
    private transient List<KV<String, String>> chunk;

    SideChunkFn(int side) {
      this.side = side;
    }

    @StartBundle
    public void startBundle() {
      chunk = new ArrayList<>(ConnectedComponents.ChunkFn.CHUNK);
    }

    @ProcessElement
    public void process(
        @Element KV<String, String> e,
        OutputReceiver<KV<Integer, KV<Integer, List<KV<String, String>>>>> out) {
      chunk.add(e);
      if (chunk.size() >= ConnectedComponents.ChunkFn.CHUNK) {
        out.output(KV.of(0, KV.of(side, chunk)));
        chunk = new ArrayList<>(ConnectedComponents.ChunkFn.CHUNK);
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      if (!chunk.isEmpty()) {
        c.output(
            KV.of(0, KV.of(side, chunk)),
            GlobalWindow.INSTANCE.maxTimestamp(),
            GlobalWindow.INSTANCE);
        chunk = new ArrayList<>(ConnectedComponents.ChunkFn.CHUNK);
      }
    }
  }

  /**
   * Holds both sides, up to {@code maxEntries} pairs, then calls {@link #join}; a bigger input is
   * handed on unchanged to the overflow outputs (none of it is joined here).
   */
  abstract static class JoinFn<OutputT>
      extends DoFn<KV<Integer, Iterable<KV<Integer, List<KV<String, String>>>>>, OutputT> {
    private final TupleTag<OutputT> output;
    private final int maxEntries;
    private final Counter overflowed;

    JoinFn(String name, TupleTag<OutputT> output, int maxEntries) {
      this.output = output;
      this.maxEntries = maxEntries;
      this.overflowed =
          Metrics.counter(ConnectedComponents.METRICS_NAMESPACE, name + "_one_worker_overflowed");
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<KV<Integer, List<KV<String, String>>>>> e,
        MultiOutputReceiver out) {
      List<KV<String, String>> left = new ArrayList<>();
      List<KV<String, String>> right = new ArrayList<>();
      boolean overflow = false;
      for (KV<Integer, List<KV<String, String>>> chunk : e.getValue()) {
        boolean isLeft = chunk.getKey() == 0;
        if (overflow) {
          chunk.getValue().forEach(out.get(isLeft ? LEFT_OVERFLOW : RIGHT_OVERFLOW)::output);
          continue;
        }
        (isLeft ? left : right).addAll(chunk.getValue());
        if (left.size() + right.size() >= maxEntries) {
          overflow = true;
          overflowed.inc();
          left.forEach(out.get(LEFT_OVERFLOW)::output);
          right.forEach(out.get(RIGHT_OVERFLOW)::output);
          left = null;
          right = null;
        }
      }
      if (!overflow) {
        join(left, right, out.get(output)::output);
      }
    }

    /** The join of the two whole sides; {@code out} may be called in any order. */
    abstract void join(
        List<KV<String, String>> left,
        List<KV<String, String>> right,
        java.util.function.Consumer<OutputT> out);
  }
}
