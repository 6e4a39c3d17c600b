package io.intelligencesuite.local.demo;

/**
 * Stripe's own arithmetic on amounts, in one place: both the invoices and the agreed rates of the
 * truth are computed with it, from the terms (price, quantity, coupon, tax rate), never from each
 * other. Amounts are integers in the currency's minor units, rounded half up the way Stripe rounds
 * to the smallest currency unit.
 */
final class StripeMath {
  private StripeMath() {}

  /**
   * One line's money: the amount Stripe puts on the line (before the coupon; with the tax inside
   * when the price is tax-inclusive), the coupon's share, and the tax. {@link #net} is what is left
   * without coupon and tax, the line's {@code taxable_amount}.
   */
  record Amounts(long amount, long discount, long tax, boolean inclusive) {
    static Amounts of(long amount, long discount, int basisPoints, boolean inclusive) {
      long afterDiscount = amount - discount;
      long tax =
          basisPoints == 0
              ? 0
              : inclusive
                  ? inclusiveTax(afterDiscount, basisPoints)
                  : exclusiveTax(afterDiscount, basisPoints);
      return new Amounts(amount, discount, tax, inclusive);
    }

    long net() {
      return amount - discount - (inclusive ? tax : 0);
    }

    /** The tax the invoice adds on top of its lines (none when the tax is inside the amount). */
    long addedTax() {
      return inclusive ? 0 : tax;
    }
  }

  /**
   * A proration: Stripe prorates "down to the second based on the starting timestamp of the billing
   * period and the timestamp of the proration's triggering event" (docs.stripe.com/billing/scripts/
   * prorations), i.e. {@code amount x (period end - at) / (period end - period start)}.
   */
  static long prorate(long fullAmount, long periodStart, long periodEnd, long at) {
    return Math.round(fullAmount * (double) (periodEnd - at) / (periodEnd - periodStart));
  }

  /** A percent-off coupon on an amount (negative amounts are credits, discounted alike). */
  static long percentOff(long amount, double percent) {
    return Math.round(amount * percent / 100.0);
  }

  /**
   * The tax inside an amount when the price is {@code tax_behavior: inclusive} ("If
   * tax_behavior=inclusive, then the amount includes taxes", Stripe's invoice line reference): for
   * a rate r, tax = amount x r / (1 + r).
   */
  static long inclusiveTax(long amountAfterDiscount, int basisPoints) {
    return Math.round(amountAfterDiscount * (double) basisPoints / (10_000 + basisPoints));
  }

  /** The tax added on top of an amount when the price is {@code tax_behavior: exclusive}. */
  static long exclusiveTax(long amountAfterDiscount, int basisPoints) {
    return Math.round(amountAfterDiscount * basisPoints / 10_000.0);
  }

  /**
   * How far, in USD cents, ChartMogul's line formula can land from the agreed rate when it has to
   * rebuild a rate from {@code lines} prorated lines billing {@code part} seconds of a {@code
   * full}-second period of {@code months} months. Each line's amount, coupon and inclusive tax are
   * each rounded to a minor unit by Stripe (at most 1.5 units off together); un-prorating
   * multiplies that by full / part, normalising divides by months, FX multiplies by the rate, and
   * each line's MRR is rounded once more (0.5 cent); the agreed rate's own rounding adds 0.5 and
   * the rate the lines adjust another 0.5.
   */
  static long unprorationBound(int lines, long full, long part, double months, double fx) {
    return (long) Math.ceil(lines * (1.5 * full / (double) part / months * fx + 0.5) + 1.0);
  }
}
