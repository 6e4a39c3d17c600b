package io.intelligencesuite.local.demo;

/** A Stripe subscription as it stands at the as-of date (its history lives in the invoices). */
final class SimSubscription {
  final String id;
  final String itemId;
  final BillingCustomer customer;
  final long created;
  Long trialStart;
  Long trialEnd;
  Catalog.Price price;
  int quantity;
  long itemCreated;
  long periodStart;
  long periodEnd;
  long billingCycleAnchor;
  String status;
  boolean cancelAtPeriodEnd;
  Long cancelAt;
  Long canceledAt;
  Long endedAt;
  String cancellationReason;
  String cancellationFeedback;

  /** Active discount (null when none). */
  Discount discount;

  /**
   * The discount the current period's invoice applied (null when none), and for an amount-off
   * coupon the amount it took: a mid-period change keeps the period's coupon terms.
   */
  Discount periodDiscount;

  long periodAmountOff;

  /**
   * The quarterly add-on item (null when never added); listed on the subscription until removed.
   */
  AddOn addOn;

  /** A second subscription item on its own interval, with its own current period. */
  static final class AddOn {
    final String itemId;
    final Catalog.Price price;
    final int quantity;
    final long created;
    long periodStart;
    long periodEnd;
    boolean removed;

    AddOn(String itemId, Catalog.Price price, int quantity, long created) {
      this.itemId = itemId;
      this.price = price;
      this.quantity = quantity;
      this.created = created;
    }
  }

  /** Stripe's billing_mode.type: flexible lets items bill on different intervals. */
  String billingMode = "classic";

  String latestInvoiceId;

  /**
   * Stripe's pause_collection at the as-of date (null: not paused): behavior and resumes_at ({@link
   * CollectionPauses}).
   */
  String pauseBehavior;

  Long pauseResumesAt;

  /** A coupon applied to this subscription. Ends (exclusive) at {@code end}, or never. */
  static final class Discount {
    final String id;
    final Catalog.Coupon coupon;
    final long start;
    final Long end;

    /** For duration=once: set once the first invoice used it. */
    boolean used;

    Discount(String id, Catalog.Coupon coupon, long start, Long end) {
      this.id = id;
      this.coupon = coupon;
      this.start = start;
      this.end = end;
    }

    /** Whether an invoice for a period starting at t gets this discount. */
    boolean appliesAt(long t) {
      if (coupon.duration().equals("once")) {
        return !used;
      }
      return t >= start && (end == null || t < end);
    }

    long amountOff(long subtotal) {
      if (coupon.percentOff() > 0) {
        return StripeMath.percentOff(subtotal, coupon.percentOff());
      }
      return Math.min(subtotal, coupon.amountOff());
    }
  }

  SimSubscription(String id, String itemId, BillingCustomer customer, long created) {
    this.id = id;
    this.itemId = itemId;
    this.customer = customer;
    this.created = created;
    this.itemCreated = created;
    this.billingCycleAnchor = created;
  }
}
