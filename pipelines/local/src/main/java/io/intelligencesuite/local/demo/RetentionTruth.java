package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The truth's retention figures per month (nrr, grr, their trailing twelve months, quick_ratio,
 * asp), from intent: each customer's MRR at every month end is the {@code mrrAfter} of its last
 * movement before it, and the movements come from the agreements ({@link IntentTruth}), never from
 * an invoice. The cohorts follow the dictionary's words, written out here a second time on purpose
 * (the answer key must not share the marts' code): customers paying at the month's start (or at the
 * end of the same month a year before), their MRR then against theirs at the month's end, capped
 * per customer for the gross figures. A figure without a denominator is null (the marts have no
 * row).
 */
final class RetentionTruth {
  private RetentionTruth() {}

  /** Months back for the trailing-twelve-month figures. */
  private static final int YEAR = 12;

  /** One month's figures; null when undefined. */
  record Figures(
      Double nrr, Double grr, Double nrrT12m, Double grrT12m, Double quickRatio, Double asp) {}

  static List<Figures> compute(World w, List<MonthlyTruth.Month> months) {
    List<Map<BillingCustomer, Long>> monthEnds = new ArrayList<>();
    Map<BillingCustomer, Long> mrr = new HashMap<>();
    List<MrrMovement> all = BillingSimulation.allMovements(w);
    int idx = 0;
    for (int i = 0; i < months.size(); i++) {
      long end = SimCalendar.monthStart(i + 1);
      while (idx < all.size() && all.get(idx).at() < end) {
        MrrMovement mv = all.get(idx++);
        mrr.put(mv.customer(), mv.mrrAfter());
      }
      monthEnds.add(new HashMap<>(mrr));
    }
    List<Figures> out = new ArrayList<>();
    for (int i = 0; i < months.size(); i++) {
      Map<BillingCustomer, Long> now = monthEnds.get(i);
      long[] month = cohort(i == 0 ? Map.of() : monthEnds.get(i - 1), now);
      long[] year = cohort(i < YEAR ? Map.of() : monthEnds.get(i - YEAR), now);
      MonthlyTruth.Month m = months.get(i);
      out.add(
          new Figures(
              ratio(month[1], month[0]),
              ratio(month[2], month[0]),
              ratio(year[1], year[0]),
              ratio(year[2], year[0]),
              ratio(m.newMrr + m.expansionMrr + m.reactivationMrr, m.churnedMrr + m.contractionMrr),
              ratio(m.newMrr, m.newCustomers)));
    }
    return out;
  }

  /** {base, retained, gross retained} of the customers paying at {@code then}. */
  private static long[] cohort(Map<BillingCustomer, Long> then, Map<BillingCustomer, Long> now) {
    long[] sums = new long[3];
    then.forEach(
        (customer, before) -> {
          if (before > 0) {
            long after = now.getOrDefault(customer, 0L);
            sums[0] += before;
            sums[1] += after;
            sums[2] += Math.min(before, after);
          }
        });
    return sums;
  }

  private static Double ratio(long numerator, long denominator) {
    return denominator == 0 ? null : (double) numerator / denominator;
  }
}
