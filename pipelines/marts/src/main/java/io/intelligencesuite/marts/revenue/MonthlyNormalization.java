package io.intelligencesuite.marts.revenue;

import java.time.Duration;
import java.time.Instant;

/**
 * How many months one billing period is, the divisor that turns a period's amount into MRR
 * (definitions.md 1.2): month x N = N, year x N = 12N, week x N = N x 12/52 (so a week is worth
 * 52/12 per month), day x N = N x 12/365.
 */
public final class MonthlyNormalization {
  /** Average month in days (365.2425 / 12), to recognise a service period's length in months. */
  private static final double DAYS_PER_MONTH = 30.436875;

  private MonthlyNormalization() {}

  /**
   * Months in one period of a price's interval; throws naming the field for an unknown interval.
   */
  public static double months(String interval, long count) {
    if (count < 1) {
      throw new IllegalArgumentException("interval_count must be at least 1, got " + count);
    }
    return switch (interval == null ? "" : interval) {
      case "month" -> count;
      case "year" -> 12.0 * count;
      case "week" -> count * 12.0 / 52.0;
      case "day" -> count * 12.0 / 365.0;
      default ->
          throw new IllegalArgumentException(
              "billing_interval '" + interval + "' is not day, week, month or year");
    };
  }

  /**
   * Months in a service period, recognised from its length (invoice lines carry a period, not the
   * price's interval): 28 days or more is a whole number of calendar months (a month is 28-31 days,
   * a year 365-366); shorter periods are whole weeks when divisible by 7, else days.
   */
  public static double months(Instant start, Instant end) {
    long ms = Duration.between(start, end).toMillis();
    if (ms <= 0) {
      throw new IllegalArgumentException(
          "service period ends (" + end + ") at or before it starts (" + start + ")");
    }
    double days = ms / 86_400_000.0;
    if (days >= 27.5) {
      return Math.max(1, Math.round(days / DAYS_PER_MONTH));
    }
    long wholeDays = Math.max(1, Math.round(days));
    return wholeDays % 7 == 0 ? months("week", wholeDays / 7) : months("day", wholeDays);
  }
}
