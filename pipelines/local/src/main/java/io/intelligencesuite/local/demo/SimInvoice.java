package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.List;

/** A Stripe invoice with its lines, as issued. Amounts in the invoice currency's minor units. */
final class SimInvoice {
  /** One invoice line (subscription or proration). amount is before discounts and tax. */
  static final class Line {
    String id;
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
  }

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

  long total() {
    return subtotal() - discountTotal() + tax();
  }
}
