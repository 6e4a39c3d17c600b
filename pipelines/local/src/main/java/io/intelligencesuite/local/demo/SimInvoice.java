package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.List;

/** A Stripe invoice with its lines, as issued. Amounts in the invoice currency's minor units. */
final class SimInvoice {
  /**
   * One invoice line (subscription or proration). amount is before discounts; it holds the tax when
   * taxInclusive (the price's tax_behavior is inclusive), else the tax comes on top.
   */
  static final class Line {
    String id;
    String itemId;
    String description;
    long amount;
    int quantity;
    Catalog.Price price;
    long periodStart;
    long periodEnd;
    boolean proration;
    long discountAmount;
    long taxAmount;
    long taxableAmount;
    boolean taxInclusive;

    /** The discount whose share discountAmount is (null when none). */
    String discountId;

    void set(StripeMath.Amounts a) {
      amount = a.amount();
      discountAmount = a.discount();
      taxAmount = a.tax();
      taxableAmount = a.net();
      taxInclusive = a.inclusive();
    }
  }

  /**
   * A period priced at list on this invoice: a whole-period plan line or an add-on line, with the
   * terms it was priced on (price, quantity, the coupon in force for the period, and whether it is
   * the plan's line, the one an amount-off coupon reaches). The truth's discount_rate reads these
   * terms, never the line amounts ({@link DiscountTruth}).
   */
  record PricedPeriod(Catalog.Price price, int quantity, Catalog.Coupon coupon, boolean planLine) {}

  final List<PricedPeriod> pricedPeriods = new ArrayList<>();

  final String id;
  final String number;
  final SimSubscription subscription;
  final long created;
  final String billingReason;
  final List<Line> lines = new ArrayList<>();
  long periodStart;
  long periodEnd;
  String status;
  int attemptCount;
  Long paidAt;
  Long markedUncollectibleAt;

  /** When it was voided (a paused subscription's renewal: at once), else null. */
  Long voidedAt;

  Long nextPaymentAttempt;
  String paymentIntentId;
  String discountId;
  int taxBasisPoints;

  SimInvoice(
      String id, String number, SimSubscription subscription, long created, String billingReason) {
    this.id = id;
    this.number = number;
    this.subscription = subscription;
    this.created = created;
    this.billingReason = billingReason;
  }

  long subtotal() {
    return lines.stream().mapToLong(l -> l.amount).sum();
  }

  long discountTotal() {
    return lines.stream().mapToLong(l -> l.discountAmount).sum();
  }

  long tax() {
    return lines.stream().mapToLong(l -> l.taxAmount).sum();
  }

  /** Tax added on top of the lines (exclusive prices); inclusive tax is already in subtotal. */
  long exclusiveTax() {
    return lines.stream().filter(l -> !l.taxInclusive).mapToLong(l -> l.taxAmount).sum();
  }

  long inclusiveTax() {
    return tax() - exclusiveTax();
  }

  long total() {
    return subtotal() - discountTotal() + exclusiveTax();
  }
}
