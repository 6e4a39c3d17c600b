package io.intelligencesuite.local.demo;

/**
 * Subscriptions left {@code unpaid} when Stripe's retries run out, instead of canceled (Stripe:
 * "Once Stripe has exhausted all payment retry attempts, the subscription will become canceled or
 * unpaid (depending on your subscriptions settings)"). A share of the renewals whose retries ran
 * out in the period running at the as-of date are marked unpaid: the subscription stays, with no
 * ended_at, its written-off renewal invoice {@code uncollectible} after its failed attempts. Only
 * those, so that no later renewal (which Stripe would still generate for an unpaid subscription)
 * falls before the as-of date.
 *
 * <p>Planted after the billing simulation from its own random stream, so every other draw stays as
 * it was. What was agreed does not change (docs/billing-statuses.md rule 7, Stripe's glossary:
 * unpaid is churn): the last agreement already ends when the invoice was written off.
 */
final class UnpaidSubscriptions {
  /** Chance that a subscription whose retries ran out in its current period is left unpaid. */
  static final double UNPAID_SHARE = 0.5;

  private UnpaidSubscriptions() {}

  static void plant(World w, Rng rng) {
    for (BillingCustomer c : w.customers) {
      for (SimSubscription s : c.subscriptions) {
        if (candidate(c, s) && rng.chance(UNPAID_SHARE)) {
          s.status = "unpaid";
          s.endedAt = null;
          s.canceledAt = null;
          s.cancellationReason = null;
        }
      }
    }
  }

  /**
   * Ended by failed payments of its current period's renewal, whose next renewal would fall after
   * the as-of date, and the school has not started another subscription since.
   */
  private static boolean candidate(BillingCustomer c, SimSubscription s) {
    return s.periodEnd > SimCalendar.AS_OF
        && c.subscriptions.get(c.subscriptions.size() - 1) == s
        && endedByWrittenOffRenewal(c, s);
  }

  /**
   * Whether {@code s} ended by the failed payments of its current period's renewal: its last
   * invoice is that period's cycle invoice, attempted and marked uncollectible when it ended.
   */
  static boolean endedByWrittenOffRenewal(BillingCustomer c, SimSubscription s) {
    if (!"payment_failed".equals(s.cancellationReason)) {
      return false;
    }
    SimInvoice last = null;
    for (SimInvoice i : c.invoices) {
      if (i.subscription == s) {
        last = i;
      }
    }
    return last != null
        && "subscription_cycle".equals(last.billingReason)
        && "uncollectible".equals(last.status)
        && last.attemptCount >= 1
        && last.markedUncollectibleAt != null
        && last.markedUncollectibleAt.equals(s.endedAt)
        && last.lines.get(0).periodStart == s.periodStart;
  }
}
