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
    subs.add(
        new Subscription(
            id,
            customerId,
            status,
            "price_" + id,
            "month",
            1L,
            1L,
            1000L,
            "usd",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            false,
            canceledAt == null ? null : t(canceledAt),
            endedAt == null ? null : t(endedAt),
            t(created)));
    return this;
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
            paid ? issued : null));
    lines.add(
        new Line(
            "il_" + n,
            inv,
            customerId,
            sub,
            "price_" + sub,
            "subscription",
            amount,
            discount,
            Math.round((amount - discount) * 0.2),
            currency,
            proration,
            start == null ? null : t(start),
            end == null ? null : t(end)));
    return this;
  }

  CustomerBilling billing() {
    return new CustomerBilling(customerId, null, subs, items, invoices, lines);
  }

  CustomerRevenue compute(RevenueSettings settings) {
    return RevenueEngine.compute(billing(), settings);
  }
}
