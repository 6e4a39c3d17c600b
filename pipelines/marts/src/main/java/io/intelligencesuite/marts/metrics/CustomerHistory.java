package io.intelligencesuite.marts.metrics;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One customer's paying state at the start and end of every month, from their MRR movements: a
 * customer pays at an instant when the sum of their movements so far is above 0. This is what
 * customer churn (paying at start, not at end) and feature adoption (paying at end) need; the MRR
 * at the month's start and end and a year before its end is what retention (nrr, grr) needs.
 */
public final class CustomerHistory {
  private CustomerHistory() {}

  /**
   * A month in which the customer paid at its start, its end or at the end of the same month a year
   * before (other months are left out), with its MRR at those three instants.
   */
  public record CustomerMonth(
      LocalDate month, long mrrAtStart, long mrrAtEnd, long mrrYearBeforeEnd)
      implements Serializable {
    public boolean payingAtStart() {
      return mrrAtStart > 0;
    }

    public boolean payingAtEnd() {
      return mrrAtEnd > 0;
    }
  }

  /** Months back for the trailing-twelve-month retention (nrr_t12m, grr_t12m). */
  public static final int YEAR_MONTHS = 12;

  /**
   * The customer's months, from the month of their first movement through {@code lastMonth};
   * movements after the as-of date are ignored.
   */
  public static List<CustomerMonth> months(
      Iterable<Facts.Movement> movements, AsOf asOf, LocalDate lastMonth) {
    List<Facts.Movement> sorted = new ArrayList<>();
    for (Facts.Movement m : movements) {
      if (asOf.includes(m.date())) {
        sorted.add(m);
      }
    }
    List<CustomerMonth> out = new ArrayList<>();
    if (sorted.isEmpty()) {
      return out;
    }
    sorted.sort(Comparator.comparing(Facts.Movement::date));
    int next = 0;
    long mrr = 0;
    List<Long> monthEnds = new ArrayList<>(); // MRR at the end of each month from the first
    for (LocalDate month = Facts.month(sorted.get(0).date());
        !month.isAfter(lastMonth);
        month = month.plusMonths(1)) {
      long atStart = mrr;
      LocalDate nextMonth = month.plusMonths(1);
      while (next < sorted.size() && sorted.get(next).date().isBefore(nextMonth)) {
        mrr += sorted.get(next++).delta();
      }
      monthEnds.add(mrr);
      int yearBefore = monthEnds.size() - 1 - YEAR_MONTHS;
      long atYearBefore = yearBefore < 0 ? 0 : monthEnds.get(yearBefore);
      if (atStart > 0 || mrr > 0 || atYearBefore > 0) {
        out.add(new CustomerMonth(month, atStart, mrr, atYearBefore));
      }
    }
    return out;
  }

  /**
   * The customer's company: dim_customer's when it has one, else the latest company_id on their
   * movements, else null (then their usage cannot be seen and feature adoption leaves them out).
   */
  public static String companyOf(
      Iterable<String> dimCustomerCompanies, Iterable<Facts.Movement> movements) {
    for (String c : dimCustomerCompanies) {
      if (c != null) {
        return c;
      }
    }
    Facts.Movement latest = null;
    for (Facts.Movement m : movements) {
      if (m.companyId() != null && (latest == null || m.date().isAfter(latest.date()))) {
        latest = m;
      }
    }
    return latest == null ? null : latest.companyId();
  }
}
