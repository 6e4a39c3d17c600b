package io.intelligencesuite.transforms.audit;

import java.io.Serializable;
import java.util.Map;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * Single-element counts for the run audit, built without a diamond in the job graph.
 *
 * <p>{@code Count.globally()} and {@code Sum.longsGlobally()} produce their value for an empty
 * input by reading the combined result back as a side input of a second branch and flattening the
 * two branches again: a diamond, which doubles every source-to-sink path running through the count
 * (the embedded Flink runner's batch optimizer walks each path; see the marts' GraphPaths). Here
 * the empty case comes from a zero of its own instead: the partial counts are flattened with a
 * created {@code 0} and summed without defaults, so the result is one element on any input, on any
 * runner, and the graph stays a chain.
 */
public final class Counts {
  private Counts() {}

  /** How many things one element stands for (1 for a plain element). */
  @FunctionalInterface
  public interface Weight<T> extends Serializable {
    long of(T element);
  }

  /** The number of {@code elements}, as one element (0 when there are none). */
  public static <T> PCollection<Long> of(PCollection<T> elements, String what) {
    return total(perBundle(elements, what, e -> 1), "Total " + what);
  }

  private static <T> PCollection<Long> perBundle(
      PCollection<T> elements, String what, Weight<? super T> weight) {
    return elements
        .apply("Count " + what, ParDo.of(new CountBundle<T>(weight)))
        .setCoder(VarLongCoder.of());
  }

  /**
   * The number of elements of all {@code inputs} together (by name, each name once), as one
   * element: a run's rows read over many tables with one sum instead of one per table (each sum is
   * seven steps of the job graph, which the embedded Flink runner translates and schedules one by
   * one).
   */
  public static PCollection<Long> ofAll(Map<String, ? extends PCollection<?>> inputs, String what) {
    return ofAll(inputs, what, e -> 1);
  }

  /**
   * As {@link #ofAll(Map, String)}, each element counted as the {@code weight} the caller gives it
   * (say, the table rows a row of a grouped read stands for).
   */
  public static <T> PCollection<Long> ofAll(
      Map<String, ? extends PCollection<? extends T>> inputs,
      String what,
      Weight<? super T> weight) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("nothing to count for " + what);
    }
    PCollectionList<Long> partials = null;
    for (Map.Entry<String, ? extends PCollection<? extends T>> input : inputs.entrySet()) {
      PCollection<Long> counted = perBundle(input.getValue(), input.getKey(), weight);
      partials = partials == null ? PCollectionList.of(counted) : partials.and(counted);
    }
    return total(partials, "Total " + what);
  }

  /** The sum of {@code partials} (counts made per bundle or per step), as one element. */
  public static PCollection<Long> total(PCollection<Long> partials, String name) {
    return total(PCollectionList.of(partials), name);
  }

  private static PCollection<Long> total(PCollectionList<Long> partials, String name) {
    PCollection<Long> zero =
        partials.getPipeline().apply(name + " zero", Create.of(0L).withCoder(VarLongCoder.of()));
    return partials
        .and(zero)
        .apply(name + " with zero", Flatten.pCollections())
        .apply(name, Combine.globally(Sum.ofLongs()).withoutDefaults())
        .setCoder(VarLongCoder.of());
  }

  /** Adds up each bundle's elements' weights and outputs the bundle's count. */
  private static final class CountBundle<T> extends DoFn<T, Long> {
    private final Weight<? super T> weight;
    private transient long count;

    CountBundle(Weight<? super T> weight) {
      this.weight = weight;
    }

    @StartBundle
    public void startBundle() {
      count = 0;
    }

    @ProcessElement
    public void process(@Element T element) {
      count += weight.of(element);
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      context.output(count, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
    }
  }
}
