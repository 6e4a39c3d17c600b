package io.intelligencesuite.marts;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.Test;

public class RecordCoderTest {
  record Inner(long n, @org.checkerframework.checker.nullness.qual.Nullable String s) {}

  record Everything(
      long l,
      int i,
      double d,
      boolean b,
      Long boxed,
      String s,
      LocalDate day,
      Inner inner,
      List<Double> list,
      Set<String> set,
      Map<String, Long> map,
      TreeMap<LocalDate, Inner> byDay) {}

  record Unsupported(java.util.Date at) {}

  private static final Coder<Everything> CODER = RecordCoder.of(Everything.class);

  @Test
  public void everySupportedComponentRoundTrips() throws Exception {
    TreeMap<LocalDate, Inner> byDay = new TreeMap<>();
    byDay.put(LocalDate.of(2026, 1, 31), new Inner(-5, null));
    byDay.put(LocalDate.of(1970, 1, 1), new Inner(Long.MIN_VALUE, "x"));
    Map<String, Long> unsorted = new HashMap<>();
    unsorted.put("b", 2L);
    unsorted.put("a", 1L);
    Everything full =
        new Everything(
            Long.MAX_VALUE,
            -7,
            0.25,
            true,
            null,
            "é unicode",
            LocalDate.of(2026, 10, 31),
            new Inner(3, "three"),
            List.of(1.5, 2.5),
            Set.of("z", "a"),
            unsorted,
            byDay);
    CoderProperties.coderDecodeEncodeEqual(CODER, full);
    CoderProperties.coderSerializable(CODER);
    Everything empty =
        new Everything(0, 0, 0, false, 0L, null, null, null, List.of(), Set.of(), Map.of(), null);
    CoderProperties.coderDecodeEncodeEqual(CODER, empty);
    // Sets and maps come back sorted, whatever they were.
    Everything back = CoderUtils.clone(CODER, full);
    assertEquals(List.of("a", "z"), List.copyOf(back.set()));
    assertEquals(List.of("a", "b"), List.copyOf(back.map().keySet()));
  }

  @Test
  public void aComponentItCannotEncodeFailsWhenTheCoderIsMade() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RecordCoder.of(Unsupported.class));
    assertEquals(
        "RecordCoder: io.intelligencesuite.marts.RecordCoderTest$Unsupported has a component of"
            + " type java.util.Date, which it cannot encode (use a supported type, or write this"
            + " record a coder)",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RecordCoder.of(String.class));
  }
}
