package io.intelligencesuite.marts.revenue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A step function of MRR (reporting-currency cents) over time: each entry holds from its instant
 * on; 0 before the first.
 */
public final class MrrTimeline {
  /** Before any billing data (stands for "from the start"). */
  public static final Instant BEGINNING = Instant.EPOCH;

  /** After any as-of date (stands for "never"). */
  public static final Instant NEVER = Instant.parse("9999-12-31T00:00:00Z");

  private final TreeMap<Instant, Long> steps = new TreeMap<>();

  /** The part of the steps at each instant due only to an exchange-rate change (mrr rule 8). */
  private final TreeMap<Instant, Long> fx = new TreeMap<>();

  /** Sets the value from {@code at} on (a later set at the same instant wins). */
  public void set(Instant at, long value) {
    steps.put(at, value);
  }

  public long at(Instant t) {
    Map.Entry<Instant, Long> e = steps.floorEntry(t);
    return e == null ? 0 : e.getValue();
  }

  /** The value at the end of a UTC day: the last step strictly before the next midnight. */
  public long endOfDay(LocalDate day) {
    Map.Entry<Instant, Long> e = steps.lowerEntry(startOf(day.plusDays(1)));
    return e == null ? 0 : e.getValue();
  }

  public NavigableMap<Instant, Long> steps() {
    return steps;
  }

  /** Adds {@code cents} to the FX part of the change at {@code at}. */
  public void addFx(Instant at, long cents) {
    if (cents != 0) {
      fx.merge(at, cents, Long::sum);
    }
  }

  public NavigableMap<Instant, Long> fx() {
    return fx;
  }

  public static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public static LocalDate dayOf(Instant t) {
    return t.atZone(ZoneOffset.UTC).toLocalDate();
  }
}
