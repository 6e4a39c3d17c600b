package io.intelligencesuite.transforms.audit;

import java.util.Map;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;

/**
 * The audit's counts are exactly one element whatever the input: the number of elements (0 for
 * none, where the default-value branch of Count.globally() used to supply it), and the sum of
 * partial counts.
 */
public class CountsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void everyCountIsOneElementAndZeroForNone() {
    PCollection<String> three = p.apply("Three", Create.of("a", "b", "a"));
    PCollection<Long> two = p.apply("Two", Create.of(1L, 2L));
    PCollection<String> none = p.apply("None", Create.empty(StringUtf8Coder.of()));
    PCollection<Long> partials = p.apply("Partials", Create.of(4L, 0L, 7L));
    PCollection<Long> noPartials = p.apply("No partials", Create.empty(VarLongCoder.of()));

    // Elements: 3 strings; none = 0 (where Count.globally()'s default branch used to supply it).
    PAssert.that(Counts.of(three, "three")).containsInAnyOrder(3L);
    PAssert.that(Counts.of(none, "none")).containsInAnyOrder(0L);
    // Partial counts: 4 + 0 + 7 = 11; no partials at all (no bundle ran) = 0.
    PAssert.that(Counts.total(partials, "partials")).containsInAnyOrder(11L);
    PAssert.that(Counts.total(noPartials, "no partials")).containsInAnyOrder(0L);
    // Many inputs as one sum: 3 strings + 2 numbers + no strings = 5; only empty inputs = 0.
    PAssert.that(Counts.ofAll(Map.of("all three", three, "all two", two, "all none", none), "all"))
        .containsInAnyOrder(5L);
    PAssert.that(Counts.ofAll(Map.of("none again", none), "nothing")).containsInAnyOrder(0L);
    // Weighted by the caller: the numbers 1 and 2 standing for 1 + 2 = 3 things, none for 0.
    PAssert.that(Counts.ofAll(Map.of("two weighed", two), "weighed", n -> n))
        .containsInAnyOrder(3L);
    PAssert.that(Counts.ofAll(Map.of("none weighed", noPartials), "none weighed", n -> n))
        .containsInAnyOrder(0L);
    p.run().waitUntilFinish();
  }
}
