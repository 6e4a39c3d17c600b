package io.intelligencesuite.marts.metrics;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * The as-of date and what it allows: days through it, complete months only, and nothing that
 * happened after its end (an event at or after {@link #endMillis()} is treated as not yet
 * happened).
 */
public record AsOf(LocalDate date) implements Serializable {

  /** First instant after the as-of date (UTC midnight of the next day). */
  public long endMillis() {
    return Facts.startOfDay(date.plusDays(1));
  }

  public boolean includes(LocalDate day) {
    return !day.isAfter(date);
  }

  public boolean includes(long epochMillis) {
    return epochMillis < endMillis();
  }

  /** A timestamp that counts: null if absent or after the as-of date. */
  public Long known(Long epochMillis) {
    return epochMillis != null && includes(epochMillis) ? epochMillis : null;
  }

  /** The last month whose every day is on or before the as-of date. */
  public LocalDate lastCompleteMonth() {
    LocalDate month = Facts.month(date);
    return date.equals(month.plusMonths(1).minusDays(1)) ? month : month.minusMonths(1);
  }
}
