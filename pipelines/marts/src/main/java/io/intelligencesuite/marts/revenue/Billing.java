package io.intelligencesuite.marts.revenue;

import java.io.Serializable;
import java.time.Instant;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The staging rows the revenue engine reads, as plain values (registry tables invoice_lines,
 * invoices, subscriptions, subscription_items, customers). Times are {@link Instant}s; money is in
 * the row's own currency's minor units.
 */
public final class Billing {
  private Billing() {}

  /**
   * One invoice line. amountCents is Stripe's line amount: before discounts, without exclusive tax
   * but with inclusive tax (taxInclusiveCents, the part of taxCents inside it).
   */
  public record Line(
      String lineId,
      String invoiceId,
      String customerId,
      @Nullable String subscriptionId,
      @Nullable String subscriptionItemId,
      @Nullable String priceId,
      String lineType,
      long amountCents,
      long discountCents,
      long taxCents,
      long taxInclusiveCents,
      String currency,
      boolean proration,
      @Nullable Instant periodStart,
      @Nullable Instant periodEnd,
      @Nullable String billingInterval,
      @Nullable Long intervalCount)
      implements Serializable {
    public static Line fromRow(Row r) {
      return new Line(
          r.getString("line_id"),
          r.getString("invoice_id"),
          r.getString("customer_id"),
          r.getString("subscription_id"),
          r.getString("subscription_item_id"),
          r.getString("price_id"),
          r.getString("line_type"),
          r.getInt64("amount_cents"),
          r.getInt64("discount_cents"),
          r.getInt64("tax_cents"),
          r.getInt64("tax_inclusive_cents") == null ? 0L : r.getInt64("tax_inclusive_cents"),
          r.getString("currency"),
          Boolean.TRUE.equals(r.getBoolean("is_proration")),
          instant(r, "period_start"),
          instant(r, "period_end"),
          r.getString("billing_interval"),
          r.getInt64("interval_count"));
    }

    /**
     * What ChartMogul's amount_in_cents minus tax_amount_in_cents is: after discounts, without any
     * tax. Exclusive tax is not in Stripe's amount; inclusive tax is, and is taken out (Stripe: "If
     * tax_behavior=inclusive, then the amount includes taxes"). With a discount, Stripe taxes the
     * discounted amount, so amount - discount - inclusive tax = the line's taxable_amount.
     */
    long netCents() {
      return amountCents - discountCents - taxInclusiveCents;
    }

    /**
     * Counts towards MRR: a subscription line, or a proration of a subscription that reached the
     * invoice as a pending invoice item (before 2025-03-31.basil: type invoiceitem, proration true;
     * from basil on: parent.invoice_item_details with proration true).
     */
    boolean recurring() {
      return "subscription".equals(lineType)
          || ("invoiceitem".equals(lineType) && proration && subscriptionId != null);
    }
  }

  public record Invoice(
      String invoiceId,
      String customerId,
      @Nullable String subscriptionId,
      String status,
      long amountDueCents,
      long amountPaidCents,
      Instant createdAt,
      @Nullable Instant paidAt,
      @Nullable String billingReason,
      @Nullable Long attemptCount,
      @Nullable Instant markedUncollectibleAt)
      implements Serializable {
    public static Invoice fromRow(Row r) {
      return new Invoice(
          r.getString("invoice_id"),
          r.getString("customer_id"),
          r.getString("subscription_id"),
          r.getString("status"),
          r.getInt64("amount_due_cents"),
          r.getInt64("amount_paid_cents"),
          instant(r, "created_at"),
          instant(r, "paid_at"),
          r.getString("billing_reason"),
          r.getInt64("attempt_count"),
          instant(r, "marked_uncollectible_at"));
    }

    /**
     * Stripe never tried to collect it: no payment attempt (a paused subscription's invoices, a
     * draft), as opposed to one written off after failed retries.
     */
    boolean neverAttempted() {
      return attemptCount == null || attemptCount == 0;
    }

    boolean cycle() {
      return "subscription_cycle".equals(billingReason);
    }

    /**
     * Draft, void and uncollectible invoices never bill anything: a draft was never finalised, a
     * void one was cancelled, an uncollectible one was written off (ChartMogul excludes
     * "written-off, voided" invoices from MRR; Stripe's invoice statuses).
     */
    public boolean bills() {
      return !"draft".equals(status) && !"void".equals(status) && !"uncollectible".equals(status);
    }
  }

  /** A subscription's current state (one source's version; only source = stripe is used). */
  public record Subscription(
      String subscriptionId,
      String customerId,
      String status,
      @Nullable String priceId,
      @Nullable String billingInterval,
      @Nullable Long intervalCount,
      @Nullable Long quantity,
      @Nullable Long unitAmountCents,
      @Nullable String currency,
      @Nullable Double discountPercentOff,
      @Nullable Long discountAmountOffCents,
      @Nullable String discountDuration,
      @Nullable Long discountDurationInMonths,
      @Nullable Instant discountStart,
      @Nullable Instant discountEnd,
      @Nullable Instant trialStart,
      @Nullable Instant trialEnd,
      @Nullable Instant currentPeriodStart,
      @Nullable Instant currentPeriodEnd,
      boolean cancelAtPeriodEnd,
      @Nullable Instant canceledAt,
      @Nullable Instant endedAt,
      Instant createdAt,
      @Nullable String pauseCollectionBehavior)
      implements Serializable {
    public static Subscription fromRow(Row r) {
      return new Subscription(
          r.getString("subscription_id"),
          r.getString("customer_id"),
          r.getString("status"),
          r.getString("price_id"),
          r.getString("billing_interval"),
          r.getInt64("interval_count"),
          r.getInt64("quantity"),
          r.getInt64("unit_amount_cents"),
          r.getString("currency"),
          r.getDouble("discount_percent_off"),
          r.getInt64("discount_amount_off_cents"),
          r.getString("discount_duration"),
          r.getInt64("discount_duration_in_months"),
          instant(r, "discount_start"),
          instant(r, "discount_end"),
          instant(r, "trial_start"),
          instant(r, "trial_end"),
          instant(r, "current_period_start"),
          instant(r, "current_period_end"),
          Boolean.TRUE.equals(r.getBoolean("cancel_at_period_end")),
          instant(r, "canceled_at"),
          instant(r, "ended_at"),
          instant(r, "created_at"),
          r.getString("pause_collection_behavior"));
    }

    /** Payment collection is paused now (Stripe pause_collection; the status stays as it was). */
    boolean collectionPaused() {
      return pauseCollectionBehavior != null;
    }

    /**
     * When it stopped: ended_at, or for a canceled subscription without one, the cancel time.
     * Cancel at period end therefore churns at the end of the paid period (Stripe sets ended_at
     * then), an immediate cancel at the cancel time.
     */
    @Nullable Instant endedOrCanceledAt() {
      if (endedAt != null) {
        return endedAt;
      }
      return "canceled".equals(status) ? canceledAt : null;
    }
  }

  public record Item(
      String itemId,
      String subscriptionId,
      @Nullable String priceId,
      @Nullable Long quantity,
      @Nullable Long unitAmountCents,
      @Nullable String currency,
      @Nullable String billingInterval,
      @Nullable Long intervalCount,
      @Nullable String usageType,
      @Nullable String taxBehavior)
      implements Serializable {
    public static Item fromRow(Row r) {
      return new Item(
          r.getString("subscription_item_id"),
          r.getString("subscription_id"),
          r.getString("price_id"),
          r.getInt64("quantity"),
          r.getInt64("unit_amount_cents"),
          r.getString("currency"),
          r.getString("billing_interval"),
          r.getInt64("interval_count"),
          r.getString("usage_type"),
          r.getString("tax_behavior"));
    }

    boolean metered() {
      return "metered".equals(usageType);
    }
  }

  public record Customer(String customerId, @Nullable String email, Instant createdAt)
      implements Serializable {
    public static Customer fromRow(Row r) {
      return new Customer(
          r.getString("customer_id"), r.getString("email"), instant(r, "created_at"));
    }
  }

  private static @Nullable Instant instant(Row r, String field) {
    org.joda.time.ReadableInstant v = r.getDateTime(field);
    return v == null ? null : Instant.ofEpochMilli(v.getMillis());
  }
}
