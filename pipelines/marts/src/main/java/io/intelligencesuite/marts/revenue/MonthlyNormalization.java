package io.intelligencesuite.marts.revenue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How many months one billing period is, the divisor that turns a period's amount into MRR
 * (definitions.md 1.2; the metrics dictionary's mrr rule 5): month x N = N, year x N = 12N, week x
 * N = N x 12/52 (a week is worth 52/12 per month), day x N = N x 12/365 (a day is worth 365/12).
 * Every 4 weeks is 4 x 12/52 = 0.923 months, not one month.
 */
public final class MonthlyNormalization {
  /** Average month in days (365.2425 / 12), for periods that fit no calendar rule. */
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
   * Months in a whole service period whose price interval is not known (an invoice line carries a
   * period, not the price's interval), recognised the way Stripe lays periods out from the billing
   * cycle anchor: N calendar months when the end is the same day of month and time N months later
   * (or the anchor day clipped to a shorter month: 31 Jan -> 28 Feb -> 31 Mar); else whole weeks
   * when it is a multiple of 7 days (28 days is 4 weeks, not a month); else whole days; a period of
   * 27.5 days or more that fits none of these (an anchor moved by hand) is rounded to months.
   */
  public static double months(Instant start, Instant end) {
    long ms = Duration.between(start, end).toMillis();
    if (ms <= 0) {
      throw new IllegalArgumentException(
          "service period ends (" + end + ") at or before it starts (" + start + ")");
    }
    LocalDateTime s = LocalDateTime.ofInstant(start, ZoneOffset.UTC);
    LocalDateTime e = LocalDateTime.ofInstant(end, ZoneOffset.UTC);
    int n = (e.getYear() * 12 + e.getMonthValue()) - (s.getYear() * 12 + s.getMonthValue());
    if (n >= 1 && s.toLocalTime().equals(e.toLocalTime()) && calendarAligned(s, e)) {
      return n;
    }
    double days = ms / 86_400_000.0;
    boolean wholeDays = ms % 86_400_000L == 0;
    if (wholeDays && (long) days % 7 == 0) {
      return months("week", (long) days / 7);
    }
    if (!wholeDays && days >= 27.5) {
      return Math.max(1, Math.round(days / DAYS_PER_MONTH));
    }
    return months("day", Math.max(1, Math.round(days)));
  }

  /** Months in a whole period: the price's interval when known, else recognised from the dates. */
  public static double months(
      @Nullable String interval, @Nullable Long count, Instant start, Instant end) {
    return interval != null ? months(interval, count == null ? 1 : count) : months(start, end);
  }

  /** The start of the whole period of {@code interval x count} that ends at {@code end}. */
  public static Instant periodEndingAt(Instant end, String interval, long count) {
    ZonedDateTime e = end.atZone(ZoneOffset.UTC);
    return switch (interval) {
      case "month" -> e.minusMonths(count).toInstant();
      case "year" -> e.minusYears(count).toInstant();
      case "week" -> e.minusWeeks(count).toInstant();
      case "day" -> e.minusDays(count).toInstant();
      default ->
          throw new IllegalArgumentException(
              "billing_interval '" + interval + "' is not day, week, month or year");
    };
  }

  private static boolean calendarAligned(LocalDateTime s, LocalDateTime e) {
    int sd = s.getDayOfMonth();
    int ed = e.getDayOfMonth();
    boolean sLast = sd == s.toLocalDate().lengthOfMonth();
    boolean eLast = ed == e.toLocalDate().lengthOfMonth();
    return sd == ed || (ed < sd && eLast) || (sLast && ed > sd);
  }
}
