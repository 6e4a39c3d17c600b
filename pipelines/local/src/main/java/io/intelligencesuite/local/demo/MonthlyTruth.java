package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Month-by-month headline numbers, aggregated from the simulation's own state (movements derived
 * from the agreements by {@link IntentTruth}, and trials), never from written files. MRR is
 * end-of-month, in USD cents, ChartMogul rules.
 */
final class MonthlyTruth {
  /** One month of truth. Movement amounts are positive magnitudes. */
  static final class Month {
    String month;
    long mrr;
    long newMrr;
    long expansionMrr;
    long contractionMrr;
    long churnedMrr;
    long reactivationMrr;

    /** Signed: the month's MRR change due only to exchange rates (fx movements). */
    long fxMrr;

    long payingCustomers;
    long newCustomers;
    long churnedCustomers;
    long reactivatedCustomers;
    long trialsStarted;
    long activatedTrials;
    long trialConversions;
    long leadsCreated;

    /**
     * How far the marts' month-end MRR may be from {@link #mrr}, in cents, by ChartMogul's rounding
     * of prorated lines (0: exactly equal): the bounds of the agreements running at month end.
     */
    long mrrTolerance;

    /**
     * The same for each month's movement amounts: bounds of the windows starting or ending in it.
     */
    long movementTolerance;
  }

  private MonthlyTruth() {}

  static List<Month> compute(World w) {
    List<Month> months = new ArrayList<>();
    for (int i = 0; i < SimCalendar.MONTHS; i++) {
      Month m = new Month();
      m.month = SimCalendar.month(i).toString();
      months.add(m);
    }
    Map<BillingCustomer, Long> mrr = new HashMap<>();
    List<MrrMovement> all = BillingSimulation.allMovements(w);
    int idx = 0;
    long total = 0;
    for (int i = 0; i < SimCalendar.MONTHS; i++) {
      Month m = months.get(i);
      long end = SimCalendar.monthStart(i + 1);
      while (idx < all.size() && all.get(idx).at() < end) {
        MrrMovement mv = all.get(idx++);
        long d = mv.delta();
        switch (mv.type()) {
          case "new_biz" -> {
            m.newMrr += d;
            m.newCustomers++;
          }
          case "expansion" -> m.expansionMrr += d;
          case "contraction" -> m.contractionMrr -= d;
          case "churn" -> {
            m.churnedMrr -= d;
            m.churnedCustomers++;
          }
          case "reactivation" -> {
            m.reactivationMrr += d;
            m.reactivatedCustomers++;
          }
          case "fx" -> m.fxMrr += d;
          default -> throw new IllegalStateException(mv.type());
        }
        total += d;
        mrr.put(mv.customer(), mv.mrrAfter());
      }
      m.mrr = total;
      m.payingCustomers = mrr.values().stream().filter(v -> v > 0).count();
      for (BillingCustomer c : w.customers) {
        m.mrrTolerance += IntentTruth.boundAt(c.agreements, end - 1);
      }
    }
    for (Agreement a : IntentTruth.roundingWindows(w)) {
      for (Long t : new Long[] {a.from, a.to}) {
        if (t != null && t < SimCalendar.AS_OF && t >= SimCalendar.START) {
          months.get(SimCalendar.monthIndex(t)).movementTolerance += a.boundCents;
        }
      }
    }
    for (Company c : w.companies) {
      if (!c.hasAccount() || c.test) {
        continue;
      }
      int i = SimCalendar.monthIndex(c.signupAt);
      Month m = months.get(i);
      m.trialsStarted++;
      if (c.activatedAt != null && c.activatedAt < c.trialEndsAt) {
        m.activatedTrials++;
      }
      if (paidWithinConversionWindow(c, w)) {
        m.trialConversions++;
      }
    }
    for (Lead l : w.leads) {
      if (!l.person.company.test) {
        months.get(SimCalendar.monthIndex(l.createdAt)).leadsCreated++;
      }
    }
    return months;
  }

  /**
   * The dictionary's trial conversion: the school's first successful, non-zero charge falls before
   * trial end + the conversion window. Subscribing is not enough: a card that never goes through,
   * or a coupon that makes the first months free, converts only when (and if) money arrives.
   */
  static boolean paidWithinConversionWindow(Company c, World w) {
    long deadline =
        c.trialEndsAt
            + io.intelligencesuite.schemas.MetricParameters.defaults().trialConversionWindowDays()
                * SimCalendar.DAY;
    for (BillingCustomer cust : w.customers) {
      if (cust.company == c) {
        for (SimCharge charge : cust.charges) {
          if (charge.succeeded() && charge.amount() > 0 && charge.created() <= deadline) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
