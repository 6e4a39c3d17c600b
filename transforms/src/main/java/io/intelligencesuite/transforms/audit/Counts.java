package io.intelligencesuite.transforms.audit;

import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.values.PCollection;

/** Single-element counts for the run audit. */
public final class Counts {
  private Counts() {}

  public static <T> PCollection<Long> of(PCollection<T> elements, String what) {
    return elements.apply("Count " + what, Count.globally());
  }
}
