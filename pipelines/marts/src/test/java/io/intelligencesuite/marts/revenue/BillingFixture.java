package io.intelligencesuite.marts.revenue;

import io.intelligencesuite.marts.revenue.Billing.Invoice;
import io.intelligencesuite.marts.revenue.Billing.Item;
import io.intelligencesuite.marts.revenue.Billing.Line;
import io.intelligencesuite.marts.revenue.Billing.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Hand-written billing histories for the golden tests: one customer, USD unless told, dates at UTC
 * midnight.
 */
final class BillingFixture {
  final String customerId;
  final List<Subscription> subs = new ArrayList<>();
  final List<Item> items = new ArrayList<>();
  final List<Invoice> invoices = new ArrayList<>();
  final List<Line> lines = new ArrayList<>();
  private int n;

  BillingFixture(String customerId) {
    this.customerId = customerId;
  }

  static Instant t(String dateOrInstant) {
    return dateOrInstant.length() == 10
        ? Instant.parse(dateOrInstant + "T00:00:00Z")
        : Instant.parse(dateOrInstant);
  }

  /** A subscription in a given state; ended/canceled may be null. */
  BillingFixture sub(
      String id,
      String status,
      String created,
      @Nullable String canceledAt,
      @Nullable String endedAt) {
    return add(
        subscription(id, customerId, status, created)
            .canceledAt(canceledAt)
            .endedAt(endedAt)
            .build());
  }

  /**
   * A monthly USD subscription to price_{id}: one seat at 1000 cents, no discount, trial or current
   * period, unless the test sets them.
   */
  static SubscriptionSpec subscription(
      String id, String customerId, String status, String created) {
    return new SubscriptionSpec(id, customerId, status, t(created));
  }

  /** The few subscription fields the tests vary; the rest are as {@link #subscription} says. */
  static final class SubscriptionSpec {
    private final String id;
    private final String customerId;
    private final String status;
    private final Instant createdAt;
    private long quantity = 1;
    private long unitAmountCents = 1000;
    private @Nullable Instant trialStart;
    private @Nullable Instant trialEnd;
    private @Nullable Instant periodStart;
    private @Nullable Instant periodEnd;
    private boolean cancelAtPeriodEnd;
    private @Nullable Instant canceledAt;
    private @Nullable Instant endedAt;

    private SubscriptionSpec(String id, String customerId, String status, Instant createdAt) {
      this.id = id;
      this.customerId = customerId;
      this.status = status;
      this.createdAt = createdAt;
    }

    SubscriptionSpec quantity(long quantity) {
      this.quantity = quantity;
      return this;
    }

    SubscriptionSpec unitAmountCents(long cents) {
      this.unitAmountCents = cents;
      return this;
    }

    SubscriptionSpec trial(String start, String end) {
      this.trialStart = t(start);
      this.trialEnd = t(end);
      return this;
    }

    SubscriptionSpec currentPeriod(String start, String end) {
      this.periodStart = t(start);
      this.periodEnd = t(end);
      return this;
    }

    SubscriptionSpec cancelAtPeriodEnd() {
      this.cancelAtPeriodEnd = true;
      return this;
    }

    SubscriptionSpec canceledAt(@Nullable String at) {
      this.canceledAt = at == null ? null : t(at);
      return this;
    }

    SubscriptionSpec endedAt(@Nullable String at) {
      this.endedAt = at == null ? null : t(at);
      return this;
    }

    Subscription build() {
      return new Subscription(
          id,
          customerId,
          status,
          "price_" + id,
          "month",
          1L,
          quantity,
          unitAmountCents,
          "usd",
          null,
          null,
          null,
          null,
          null,
          null,
          trialStart,
          trialEnd,
          periodStart,
          periodEnd,
          cancelAtPeriodEnd,
          canceledAt,
          endedAt,
          createdAt,
          null);
    }
  }

  BillingFixture add(Subscription s) {
    subs.add(s);
    return this;
  }

  /** A whole-period line on its own paid invoice issued at the period start. */
  BillingFixture cycle(String sub, String start, String end, long amount, long discount) {
    return line(sub, start, end, amount, discount, false, "usd", "paid");
  }

  BillingFixture proration(String sub, String start, String end, long amount) {
    return line(sub, start, end, amount, 0, true, "usd", "paid");
  }

  BillingFixture line(
      String sub,
      String start,
      String end,
      long amount,
      long discount,
      boolean proration,
      String currency,
      String invoiceStatus) {
    String inv = "in_" + (++n);
    boolean paid = invoiceStatus.equals("paid");
    Instant issued = t(start == null ? "2026-01-01" : start);
    invoices.add(
        new Invoice(
            inv,
            customerId,
            sub,
            invoiceStatus,
            amount - discount,
            paid ? amount - discount : 0,
            issued,
            paid ? issued : null,
            null,
            null,
            null));
    lines.add(
        new Line(
            "il_" + n,
            inv,
            customerId,
            sub,
            null,
            "price_" + sub,
            "subscription",
            amount,
            discount,
            Math.round((amount - discount) * 0.2),
            0,
            currency,
            proration,
            start == null ? null : t(start),
            end == null ? null : t(end),
            null,
            null));
    return this;
  }

  CustomerBilling billing() {
    return new CustomerBilling(customerId, null, subs, items, invoices, lines);
  }

  CustomerRevenue compute(RevenueSettings settings) {
    return RevenueEngine.compute(billing(), settings);
  }
}
