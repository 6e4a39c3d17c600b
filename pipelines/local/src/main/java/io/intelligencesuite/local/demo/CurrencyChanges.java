package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Schools that move their billing to another currency (a school joins a trust billed in GBP, an
 * international school moves from USD to its local euro account). Stripe cannot change the currency
 * of a subscription: the school cancels it at its period end and a new subscription in the new
 * currency starts that instant ({@link BillingSimulation#moveCurrency}).
 *
 * <p>Planted after the billing simulation from its own random stream (the new subscription lives on
 * a simulation of that stream too), so every other customer's draws stay as they were. The school's
 * product usage (activity windows) is left as the first simulation drew it, so that the backend's
 * shared stream, and every other school's events, stay unchanged too.
 */
final class CurrencyChanges {
  /** Chance that a school whose last subscription ended at its period end moved currency. */
  static final double SHARE = 0.12;

  private CurrencyChanges() {}

  static void plant(World w, Rng rng) {
    BillingSimulation sim = new BillingSimulation(w, rng.fork("billing"));
    for (BillingCustomer c : w.customers) {
      SimSubscription last =
          c.subscriptions.isEmpty() ? null : c.subscriptions.get(c.subscriptions.size() - 1);
      if (last == null || !candidate(c, last) || !rng.chance(SHARE)) {
        continue;
      }
      List<String> others = new ArrayList<>(List.of("usd", "eur", "gbp"));
      others.remove(c.currency);
      String to = others.get(rng.between(0, others.size() - 1));
      int windows = c.company.activeWindows.size();
      sim.moveCurrency(last, to);
      while (c.company.activeWindows.size() > windows) {
        c.company.activeWindows.remove(c.company.activeWindows.size() - 1);
      }
      BillingSimulation.backendFollowsLastSubscription(c.company);
    }
  }

  /** A paying school's subscription that ended at its period end, a month or more before as-of. */
  private static boolean candidate(BillingCustomer c, SimSubscription s) {
    return !c.company.test
        && "cancellation_requested".equals(s.cancellationReason)
        && s.cancelAtPeriodEnd
        && s.endedAt != null
        && s.endedAt < SimCalendar.AS_OF - 30 * SimCalendar.DAY
        && c.agreements.stream().anyMatch(a -> a.subscription == s);
  }
}
