package io.intelligencesuite.transforms.audit;

import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/** Single-element counts for the run audit. */
public final class Counts {
  private Counts() {}

  public static <T> PCollection<Long> of(PCollection<T> elements, String what) {
    return elements.apply("Count " + what, Count.globally());
  }

  /** {@code a - b} of two single-element counts (e.g. rows before minus rows after dedupe). */
  public static PCollection<Long> minus(PCollection<Long> a, PCollection<Long> b, String what) {
    PCollectionView<Long> subtrahend = b.apply("View " + what, View.asSingleton());
    return a.apply(
        "Subtract " + what,
        ParDo.of(
                new DoFn<Long, Long>() {
                  @ProcessElement
                  public void process(
                      @Element Long value, OutputReceiver<Long> out, ProcessContext c) {
                    out.output(value - c.sideInput(subtrahend));
                  }
                })
            .withSideInputs(subtrahend));
  }
}
