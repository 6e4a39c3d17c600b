package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The truth's discount_rate per month, from intent: for every period the simulation priced at list
 * ({@link SimInvoice.PricedPeriod}: a whole-period plan line or an add-on line) on an invoice that
 * bills (not draft, void or uncollectible, MRR rule 6), in the month the invoice was created, the
 * list amount is the catalog price x quantity and the discount is what the coupon in force takes
 * off it by Stripe's coupon terms (a percent coupon its share of every such line, an amount-off
 * coupon its amount, at most the list, from the plan's line only). Both are taken before tax (a
 * VAT-inclusive price's VAT share taken out of both, at the customer's rate) and converted to USD
 * at the demo's dated rate in force on the invoice's day; the rate is discounts / list amounts. It
 * never reads a line's amounts. Test accounts are left out, as the marts leave out internal
 * accounts.
 */
final class DiscountTruth {
  private DiscountTruth() {}

  /**
   * One month: the rate (null when nothing was priced) and how far the marts may be from it. The
   * marts round each line's two amounts to a cent after FX and the VAT share (and Stripe rounds an
   * inclusive line's VAT to a cent), so each such line may move each sum by up to a cent: the rate
   * by at most (lines x 1 cent) x (1 + rate) / list. USD lines without VAT are exact.
   */
  record Month(Double rate, double tolerance) {}

  /** Each month of the simulation window. */
  static List<Month> compute(World w) {
    double[] list = new double[SimCalendar.MONTHS];
    double[] off = new double[SimCalendar.MONTHS];
    long[] rounded = new long[SimCalendar.MONTHS];
    for (BillingCustomer cust : w.customers) {
      if (cust.company.test) {
        continue;
      }
      for (SimInvoice inv : cust.invoices) {
        int month = SimCalendar.monthIndex(inv.created);
        if (month < 0 || month >= SimCalendar.MONTHS || !bills(inv)) {
          continue;
        }
        for (SimInvoice.PricedPeriod p : inv.pricedPeriods) {
          // The rate in force on the invoice's day, as the marts convert a line (dated FX).
          double usd = w.fx.toUsd(p.price().currency(), inv.created);
          long gross = (long) p.price().unitAmount() * p.quantity();
          long discount = couponTakes(p, gross);
          // A VAT-inclusive amount holds rate / (1 + rate) of tax: both amounts before it.
          double beforeTax =
              p.price().taxInclusive() ? 10_000.0 / (10_000 + inv.taxBasisPoints) : 1.0;
          list[month] += gross * beforeTax * usd;
          off[month] += discount * beforeTax * usd;
          if (usd != 1.0 || beforeTax != 1.0) {
            rounded[month]++;
          }
        }
      }
    }
    List<Month> out = new ArrayList<>();
    for (int i = 0; i < SimCalendar.MONTHS; i++) {
      Double rate = list[i] > 0 ? off[i] / list[i] : null;
      out.add(new Month(rate, rate == null ? 0 : rounded[i] * (1 + rate) / list[i]));
    }
    return out;
  }

  /** What the period's coupon takes off its list amount (Stripe's coupon terms). */
  private static long couponTakes(SimInvoice.PricedPeriod p, long gross) {
    Catalog.Coupon c = p.coupon();
    if (c == null) {
      return 0;
    }
    if (c.percentOff() > 0) {
      return StripeMath.percentOff(gross, c.percentOff());
    }
    return p.planLine() ? Math.min(gross, c.amountOff()) : 0;
  }

  private static boolean bills(SimInvoice inv) {
    return !"draft".equals(inv.status)
        && !"void".equals(inv.status)
        && !"uncollectible".equals(inv.status);
  }
}
