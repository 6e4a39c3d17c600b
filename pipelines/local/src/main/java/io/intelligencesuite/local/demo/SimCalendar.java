package io.intelligencesuite.local.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The fixed simulation calendar. It never reads the wall clock: the same seed must give the same
 * bytes next year too. All times in the model are epoch seconds, UTC (the GA4 property and every
 * backend in the demo run on UTC, which keeps event_date and created_at on the same day).
 */
final class SimCalendar {
  static final int MONTHS = 24;

  /** First simulated month. */
  static final YearMonth FIRST_MONTH = YearMonth.of(2024, 11);

  /** The data is "as of" this instant: midnight at the start of 2026-11-01, UTC. */
  static final LocalDate AS_OF_DATE = LocalDate.of(2026, 11, 1);

  static final long START = epoch(FIRST_MONTH.atDay(1));
  static final long AS_OF = epoch(AS_OF_DATE);
  static final long DAY = 86_400L;
  static final long HOUR = 3_600L;

  private static final DateTimeFormatter ISO_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SQL_TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CM_TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter YYYYMMDD =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  private SimCalendar() {}

  static long epoch(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
  }

  static YearMonth month(int index) {
    return FIRST_MONTH.plusMonths(index);
  }

  static long monthStart(int index) {
    return epoch(month(index).atDay(1));
  }

  /** Index of the month that contains t (may be negative or >= MONTHS outside the window). */
  static int monthIndex(long t) {
    YearMonth ym = YearMonth.from(Instant.ofEpochSecond(t).atZone(ZoneOffset.UTC));
    return (int) (FIRST_MONTH.until(ym, java.time.temporal.ChronoUnit.MONTHS));
  }

  static LocalDate date(long t) {
    return Instant.ofEpochSecond(t).atZone(ZoneOffset.UTC).toLocalDate();
  }

  /** Adds calendar months the way Stripe moves a billing anchor (clamping to the month's end). */
  static long plusMonths(long t, int months) {
    return Instant.ofEpochSecond(t).atZone(ZoneOffset.UTC).plusMonths(months).toEpochSecond();
  }

  static String iso(long t) {
    return ISO_SECONDS.format(Instant.ofEpochSecond(t));
  }

  static String sql(long t) {
    return SQL_TS.format(Instant.ofEpochSecond(t));
  }

  static String chartMogul(long t) {
    return CM_TS.format(Instant.ofEpochSecond(t));
  }

  static String yyyymmdd(long t) {
    return YYYYMMDD.format(Instant.ofEpochSecond(t));
  }
}
