package io.intelligencesuite.local.demo;

/**
 * {@code unpaid} subscriptions paid again: the renewal after the written-off one is generated
 * (Stripe keeps invoicing an unpaid subscription but does not attempt its invoices), and the school
 * pays it by hand some days later; the subscription is active again and bills on ({@link
 * BillingSimulation#payAgain}). MRR rule 7: churn at the write-off, reactivation on the payment
 * date.
 *
 * <p>Candidates are the subscriptions {@link UnpaidSubscriptions} could not take: ended by the
 * failed payments of a renewal whose next renewal falls before the as-of date. Planted from its own
 * random stream after every other billing shape, so every other draw stays as it was; activity
 * windows are left alone for the reason {@link CurrencyChanges} gives.
 */
final class UnpaidPaidAgain {
  /** Chance that such a subscription was left unpaid and then paid again. */
  static final double SHARE = 0.3;

  private UnpaidPaidAgain() {}

  static void plant(World w, Rng rng) {
    BillingSimulation sim = new BillingSimulation(w, rng.fork("billing"));
    for (BillingCustomer c : w.customers) {
      if (c.subscriptions.isEmpty()) {
        continue;
      }
      SimSubscription s = c.subscriptions.get(c.subscriptions.size() - 1);
      if (!candidate(c, s) || !rng.chance(SHARE)) {
        continue;
      }
      long renewal = s.periodEnd;
      long paidAt = renewal + rng.between(2, 20) * SimCalendar.DAY + rng.nextLong(SimCalendar.DAY);
      if (paidAt >= SimCalendar.AS_OF) {
        continue;
      }
      int windows = c.company.activeWindows.size();
      sim.payAgain(s, renewal, paidAt);
      while (c.company.activeWindows.size() > windows) {
        c.company.activeWindows.remove(c.company.activeWindows.size() - 1);
      }
      BillingSimulation.backendFollowsLastSubscription(c.company);
    }
  }

  /** Written off at its monthly renewal, the next renewal before the as-of date, no later one. */
  private static boolean candidate(BillingCustomer c, SimSubscription s) {
    return !c.company.test
        && !s.price.annual()
        && s.periodEnd < SimCalendar.AS_OF
        && UnpaidSubscriptions.endedByWrittenOffRenewal(c, s);
  }
}
