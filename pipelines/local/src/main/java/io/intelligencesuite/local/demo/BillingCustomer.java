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

  final String currency;
  final long created;
  final List<SimSubscription> subscriptions = new ArrayList<>();
  final List<SimInvoice> invoices = new ArrayList<>();
  final List<SimCharge> charges = new ArrayList<>();
  final List<MrrMovement> movements = new ArrayList<>();

  /** Current MRR in USD cents under ChartMogul rules (the truth). */
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
