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

  /**
   * The commitments that make up {@link #netPerPeriod}, each converted at the rate of its own start
   * (ChartMogul: an amount converts at the rate of its service period start). One part when a whole
   * period or a first stub set the terms; after a mid-period change, the running terms' parts plus
   * the change's difference, which starts that day.
   */
  final java.util.List<Part> parts;

  /** Net per period agreed from {@code at}, worth {@code usdPerUnit} USD per currency unit. */
  record Part(long netPerPeriod, long at, double usdPerUnit) {}

  Agreement(
      SimSubscription subscription,
      String itemId,
      Catalog.Price price,
      long from,
      long netPerPeriod,
      int months,
      long boundCents,
      java.util.List<Part> parts) {
    this.subscription = subscription;
    this.itemId = itemId;
    this.price = price;
    this.from = from;
    this.netPerPeriod = netPerPeriod;
    this.months = months;
    this.boundCents = boundCents;
    this.parts = java.util.List.copyOf(parts);
  }

  /**
   * Monthly rate in USD cents. Convention: each part's net amount divided by the period's months,
   * converted at the part's dated rate and rounded to a whole cent on its own (ChartMogul rounds
   * each line's MRR on its own, so per-part rounding is the one convention that sums the same way).
   */
  long mrrUsd() {
    long sum = 0;
    for (Part p : parts) {
      sum += usd(p.netPerPeriod, p.usdPerUnit);
    }
    return sum;
  }

  /** One part's monthly USD cents at {@code usdPerUnit}. */
  long usd(long net, double usdPerUnit) {
    return Math.round(net / (double) months * usdPerUnit);
  }

  /** The rate of the part that started last: the one the item's next terms are measured from. */
  double latestRate() {
    Part last = parts.get(0);
    for (Part p : parts) {
      if (p.at >= last.at) {
        last = p;
      }
    }
    return last.usdPerUnit;
  }

  boolean activeAt(long t) {
    return from <= t && (to == null || t < to);
  }
}
