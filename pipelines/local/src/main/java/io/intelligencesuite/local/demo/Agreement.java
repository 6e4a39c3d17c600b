package io.intelligencesuite.local.demo;

/**
 * One stretch of what a customer agreed to pay for one subscription item: the net amount per
 * billing period (after the discount, without tax), how many months that period is, and when the
 * stretch starts and ends. This is the truth's only input for MRR: invoices are written from the
 * same terms, but the truth never reads them back.
 *
 * <p>{@code boundCents}: 0 when ChartMogul's line formula recovers this rate exactly from the
 * invoices (whole-period lines). A stretch that starts with a mid-period proration or a first stub
 * has no whole-period line until the next cycle: ChartMogul un-prorates amounts Stripe rounded to a
 * cent, so the marts may be off from the agreed rate by at most this many cents until the stretch
 * ends (see {@link StripeMath#unprorationBound}).
 */
final class Agreement {
  final SimSubscription subscription;
  final String itemId;

  /** The price agreed (for the movement's description). */
  final Catalog.Price price;

  final long from;

  /** Exclusive end; null while it runs at the as-of date. */
  Long to;

  final long netPerPeriod;
  final int months;
  final long boundCents;

  Agreement(
      SimSubscription subscription,
      String itemId,
      Catalog.Price price,
      long from,
      long netPerPeriod,
      int months,
      long boundCents) {
    this.subscription = subscription;
    this.itemId = itemId;
    this.price = price;
    this.from = from;
    this.netPerPeriod = netPerPeriod;
    this.months = months;
    this.boundCents = boundCents;
  }

  /**
   * Monthly rate in USD cents. Convention: the period's net amount divided by its months, converted
   * at the fixed demo rate and rounded to a whole cent once per item (ChartMogul rounds each line's
   * MRR on its own, so per-item rounding is the one convention that sums the same way).
   */
  long mrrUsd() {
    return Math.round(
        netPerPeriod / (double) months * Geography.toUsd(subscription.customer.currency));
  }

  boolean activeAt(long t) {
    return from <= t && (to == null || t < to);
  }
}
