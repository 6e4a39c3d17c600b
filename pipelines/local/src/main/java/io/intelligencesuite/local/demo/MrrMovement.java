package io.intelligencesuite.local.demo;

/**
 * One change of a customer's MRR, classified the ChartMogul way (definitions.md 1.1): new_biz,
 * expansion, contraction, churn, reactivation. Amounts in USD cents; delta is signed.
 */
record MrrMovement(
    BillingCustomer customer,
    SimSubscription subscription,
    long at,
    String type,
    long mrrBefore,
    long mrrAfter,
    String description) {
  long delta() {
    return mrrAfter - mrrBefore;
  }
}
