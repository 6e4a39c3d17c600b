package io.intelligencesuite.marts;

import io.intelligencesuite.transforms.identity.IdentityAssignment;
import io.intelligencesuite.transforms.sideinputs.SideInputPerBundle;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * A DoFn that looks each web event's visitor up in identity resolution's assignments (the side
 * input {@code lookup}), read once per bundle through {@link SideInputPerBundle}. Subclasses write
 * the {@code @ProcessElement} and call {@link #identities}; apply them with {@code
 * .withSideInputs(lookup)}.
 */
abstract class IdentityLookupFn<InputT, OutputT> extends DoFn<InputT, OutputT> {
  private final SideInputPerBundle<Map<String, IdentityAssignment>> lookup;

  IdentityLookupFn(PCollectionView<Map<String, IdentityAssignment>> lookup) {
    this.lookup = new SideInputPerBundle<>(lookup);
  }

  @StartBundle
  public void startBundle() {
    lookup.reset();
  }

  /** The assignments by identifier key, as {@link IdentityMapping}'s lookups take them. */
  final Map<String, IdentityAssignment> identities(ProcessContext c, BoundedWindow w) {
    return lookup.get(c, w);
  }
}
