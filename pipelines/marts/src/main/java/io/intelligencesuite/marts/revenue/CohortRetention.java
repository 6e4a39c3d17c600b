package io.intelligencesuite.marts.revenue;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Cohort retention (fact_cohort_retention): a customer's cohort is the month of their first
 * payment, i.e. of their {@code new} movement (ChartMogul's "customer since"; a reactivation never
 * moves a customer to a later cohort). For each month since then, up to the as-of month: whether
 * they pay at the end of that month (the as-of day for the as-of month) and their MRR then.
 */
public final class CohortRetention {
  private CohortRetention() {}

  /** One customer in one month since their first payment. */
  public record Cell(
      LocalDate cohortMonth, long monthsSinceFirstPayment, long cohortMrrCents, long mrrCents)
      implements Serializable {}

  /** A fact_cohort_retention row. */
  public record Row(
      LocalDate cohortMonth,
      long monthsSinceFirstPayment,
      long cohortCustomers,
      long cohortMrrCents,
      long customersRetained,
      long mrrRetainedCents)
      implements Serializable {
    /** Adds one customer's cell (associative, so it works as a Beam combine). */
    public Row plus(Cell c) {
      return new Row(
          cohortMonth,
          monthsSinceFirstPayment,
          cohortCustomers + 1,
          cohortMrrCents + c.cohortMrrCents(),
          customersRetained + (c.mrrCents() > 0 ? 1 : 0),
          mrrRetainedCents + c.mrrCents());
    }

    public Row plus(Row o) {
      return new Row(
          cohortMonth,
          monthsSinceFirstPayment,
          cohortCustomers + o.cohortCustomers,
          cohortMrrCents + o.cohortMrrCents,
          customersRetained + o.customersRetained,
          mrrRetainedCents + o.mrrRetainedCents);
    }

    public static Row empty(LocalDate cohortMonth, long monthsSince) {
      return new Row(cohortMonth, monthsSince, 0, 0, 0, 0);
    }
  }

  /**
   * A customer's cells; none when they never paid. mrrAtEndOf gives their total MRR at the end of a
   * day.
   */
  public static List<Cell> cells(
      List<Movement> movements, Function<LocalDate, Long> mrrAtEndOf, LocalDate asOf) {
    List<Cell> out = new ArrayList<>();
    LocalDate first =
        movements.stream()
            .filter(m -> m.type().equals(Movement.NEW))
            .map(Movement::date)
            .findFirst()
            .orElse(null);
    if (first == null || first.isAfter(asOf)) {
      return out;
    }
    YearMonth cohort = YearMonth.from(first);
    YearMonth last = YearMonth.from(asOf);
    long cohortMrr = mrrAtEndOf.apply(monthEnd(cohort, asOf));
    for (YearMonth m = cohort; !m.isAfter(last); m = m.plusMonths(1)) {
      out.add(
          new Cell(
              cohort.atDay(1),
              cohort.until(m, java.time.temporal.ChronoUnit.MONTHS),
              cohortMrr,
              mrrAtEndOf.apply(monthEnd(m, asOf))));
    }
    return out;
  }

  public static List<Row> aggregate(List<Cell> cells) {
    NavigableMap<String, Row> rows = new TreeMap<>();
    for (Cell c : cells) {
      String key = c.cohortMonth() + "|" + String.format("%04d", c.monthsSinceFirstPayment());
      rows.merge(key, Row.empty(c.cohortMonth(), c.monthsSinceFirstPayment()).plus(c), Row::plus);
    }
    return new ArrayList<>(rows.values());
  }

  private static LocalDate monthEnd(YearMonth m, LocalDate asOf) {
    LocalDate end = m.atEndOfMonth();
    return end.isAfter(asOf) ? asOf : end;
  }

  static Long total(NavigableMap<LocalDate, Long> endOfDay, LocalDate day) {
    Map.Entry<LocalDate, Long> e = endOfDay.floorEntry(day);
    return e == null ? 0L : e.getValue();
  }
}
