package io.intelligencesuite.marts.revenue;

import java.time.Duration;
import java.time.Instant;

/**
 * ChartMogul's line-item formula (definitions.md 1.2): {@code MRR = (amount - tax) x duration ratio
 * x prorate factor}, rounded to a whole cent, where our amount is before discounts and tax, so the
 * base is {@code amount - discount}; the duration ratio is 1 / months in the full service period;
 * the prorate factor is {@code full service period / prorated service period} in seconds (1 for a
 * whole period). The conversion into the reporting currency happens before the single rounding.
 */
public final class LineMrr {
  private LineMrr() {}

  /** A whole-period line. */
  public static long of(long netCents, double months, double fx) {
    return Math.round(netCents / months * fx);
  }

  /** A prorated line billing [lineStart, lineEnd) of the full period [fullStart, fullEnd). */
  public static long prorated(
      long netCents,
      Instant fullStart,
      Instant fullEnd,
      Instant lineStart,
      Instant lineEnd,
      double fx) {
    long full = Duration.between(fullStart, fullEnd).toMillis();
    long part = Duration.between(lineStart, lineEnd).toMillis();
    if (part <= 0) {
      throw new IllegalArgumentException("prorated service period ends at or before it starts");
    }
    double months = MonthlyNormalization.months(fullStart, fullEnd);
    return Math.round(netCents * ((double) full / part) / months * fx);
  }
}
