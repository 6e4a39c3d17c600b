package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.List;

/** A Stripe customer (and its ChartMogul twin) with its whole billing history. */
final class BillingCustomer {
  final String stripeId;
  final String chartMogulUuid;
  final Company company;

  /** Billing e-mail: not always the admin's (bursar, accounts office). */
  final String email;

  /** Currency for recurring billing: the latest subscription's (Stripe customer.currency). */
  String currency;

  final long created;
  final List<SimSubscription> subscriptions = new ArrayList<>();
  final List<SimInvoice> invoices = new ArrayList<>();
  final List<SimCharge> charges = new ArrayList<>();
  final List<MrrMovement> movements = new ArrayList<>();

  /** What the customer agreed to pay, item by item, over time: the truth's MRR input. */
  final List<Agreement> agreements = new ArrayList<>();

  /** Prices include VAT (tax_behavior inclusive), as EU schools are often quoted. */
  boolean taxInclusive;

  /** MRR at the as-of date in USD cents (the truth, derived from the agreements). */
  long mrrUsd;

  boolean everPaid;

  BillingCustomer(
      String stripeId,
      String chartMogulUuid,
      Company company,
      String email,
      String currency,
      long created) {
    this.stripeId = stripeId;
    this.chartMogulUuid = chartMogulUuid;
    this.company = company;
    this.email = email;
    this.currency = currency;
    this.created = created;
  }
}
