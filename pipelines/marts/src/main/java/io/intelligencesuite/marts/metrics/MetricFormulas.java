package io.intelligencesuite.marts.metrics;

import java.util.OptionalDouble;

/**
 * Every metric formula, once (docs/metrics.md says the same in words). The aggregations feed these
 * counts and sums; an empty result means "no row" (a zero denominator, an immature cohort).
 */
public final class MetricFormulas {
  private MetricFormulas() {}

  /** numerator / denominator, or empty when the denominator is 0. */
  public static OptionalDouble rate(double numerator, double denominator) {
    return denominator == 0 ? OptionalDouble.empty() : OptionalDouble.of(numerator / denominator);
  }

  public static double arr(long mrr) {
    return 12.0 * mrr;
  }

  /**
   * The period's whole MRR change, FX included (Stripe: MRR growth is "adjusted for FX"), so that
   * mrr at the end = mrr at the start + net_new_mrr; FX stays out of every other movement metric.
   */
  public static long netNewMrr(
      long newMrr, long expansion, long reactivation, long contraction, long churned, long fx) {
    return newMrr + expansion + reactivation - contraction - churned + fx;
  }

  public static OptionalDouble arpa(long mrr, long customers) {
    return rate(mrr, customers);
  }

  /** Customers paying at start and not at end / customers paying at start. */
  public static OptionalDouble customerChurnRate(long churnedFromStart, long customersAtStart) {
    return rate(churnedFromStart, customersAtStart);
  }

  public static OptionalDouble netMrrChurnRate(
      long churned, long contraction, long expansion, long reactivation, long mrrAtStart) {
    return rate(churned + contraction - expansion - reactivation, mrrAtStart);
  }

  /**
   * ARPA / pooled churn rate over the trailing window; empty when there is no ARPA or nobody
   * churned in the window (unbounded LTV is shown as no row, never infinity).
   */
  public static OptionalDouble ltv(
      OptionalDouble arpa, long churnedInWindow, long customersAtStartInWindow) {
    OptionalDouble churnRate = rate(churnedInWindow, customersAtStartInWindow);
    if (arpa.isEmpty() || churnRate.isEmpty() || churnRate.getAsDouble() == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(arpa.getAsDouble() / churnRate.getAsDouble());
  }

  /** Closed won / (closed won + closed lost); empty without closed deals. */
  public static OptionalDouble winRate(long won, long lost) {
    return rate(won, won + lost);
  }

  /** The median of sorted values (the mean of the middle two for an even count); empty if none. */
  public static OptionalDouble median(java.util.List<Double> sorted) {
    int n = sorted.size();
    if (n == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
  }

  public static OptionalDouble paymentSuccessRate(long succeeded, long failed) {
    return rate(succeeded, succeeded + failed);
  }

  public static OptionalDouble lqi(long qualified, long leads) {
    OptionalDouble share = rate(qualified, leads);
    return share.isEmpty() ? share : OptionalDouble.of(100 * share.getAsDouble());
  }

  /**
   * Conversion rate of qualified leads / that of the rest; empty if either is undefined or the
   * rest's is 0.
   */
  public static OptionalDouble leadScoreLift(
      long qualifiedConverted, long qualified, long otherConverted, long other) {
    OptionalDouble q = rate(qualifiedConverted, qualified);
    OptionalDouble o = rate(otherConverted, other);
    if (q.isEmpty() || o.isEmpty() || o.getAsDouble() == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(q.getAsDouble() / o.getAsDouble());
  }

  /**
   * Months of new MRR that pay back the spend: CAC / (new MRR per new customer x gross margin) =
   * spend / new MRR, the gross margin taken as 1 (the dictionary has none: payback on revenue).
   * Empty when the month added no new MRR.
   */
  public static OptionalDouble cacPaybackMonths(long spendCents, long newMrrCents) {
    return newMrrCents <= 0 ? OptionalDouble.empty() : rate(spendCents, newMrrCents);
  }

  /**
   * Revenue retention (nrr, grr): the cohort's MRR at the period's end / its MRR at the start. The
   * cohort is the customers paying at the start; new and reactivated customers are not in it. For
   * grr each customer's end MRR is capped at its start MRR before it is added up (so expansion
   * never offsets churn and contraction). Empty without a cohort.
   */
  public static OptionalDouble retention(long retainedMrr, long baseMrr) {
    return rate(retainedMrr, baseMrr);
  }

  /**
   * MRR gained / MRR lost: (new + expansion + reactivation) / (churned + contraction); empty when
   * nothing was lost (the ratio is unbounded).
   */
  public static OptionalDouble quickRatio(
      long newMrr, long expansion, long reactivation, long churned, long contraction) {
    return rate(newMrr + expansion + reactivation, churned + contraction);
  }

  /** Average selling price: new MRR per new customer; empty without new customers. */
  public static OptionalDouble asp(long newMrr, long newCustomers) {
    return rate(newMrr, newCustomers);
  }

  /** Discounts / list amounts (both before tax); empty without list amounts. */
  public static OptionalDouble discountRate(long discountCents, long listCents) {
    return rate(discountCents, listCents);
  }
}
