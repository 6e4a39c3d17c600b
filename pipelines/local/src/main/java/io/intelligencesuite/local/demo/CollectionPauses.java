package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Schools that pause payment collection over the summer holidays (Stripe {@code pause_collection}
 * with {@code behavior: void}, docs.stripe.com/billing/subscriptions/pause-payment: the
 * subscription keeps its status, Stripe still generates each renewal invoice and voids it at once,
 * making no payment attempt). A share of monthly subscriptions whose renewal falls in the summer
 * pause one or two renewals; the pause has ended by the next renewal, which bills as usual, unless
 * the as-of date comes first (then the subscription still carries {@code pause_collection}).
 *
 * <p>Planted after the billing simulation from its own random stream, on renewals that the
 * simulation billed plainly (paid at the first attempt, nothing else invoiced during the paused
 * periods, no add-on item), so every other draw and figure of the demo stays as it was. What was
 * agreed (the truth, docs/billing-statuses.md rule 7): nothing while paused, the customer's MRR
 * drops to 0 at the first paused period's start (churn) and comes back when the next renewal bills
 * (reactivation). The paused renewals' agreements are removed, never derived from the void
 * invoices.
 */
final class CollectionPauses {
  /** Chance that a plainly billed summer renewal of a monthly plan starts a pause. */
  static final double PAUSE_SHARE = 0.12;

  private CollectionPauses() {}

  static void plant(World w, Rng rng) {
    for (BillingCustomer c : w.customers) {
      if (c.company.test) {
        continue;
      }
      for (SimSubscription s : c.subscriptions) {
        plant(c, s, rng);
      }
    }
  }

  private static void plant(BillingCustomer c, SimSubscription s, Rng rng) {
    if (s.addOn != null || s.price.annual()) {
      return;
    }
    List<SimInvoice> renewals = new ArrayList<>();
    for (SimInvoice i : c.invoices) {
      if (i.subscription == s) {
        renewals.add(i);
      }
    }
    for (int k = 1; k < renewals.size(); k++) {
      SimInvoice first = renewals.get(k);
      if (!summer(first) || !plain(first, renewals.get(k - 1))) {
        continue;
      }
      // One draw per candidate renewal, always both, so the stream does not depend on outcomes.
      boolean pause = rng.chance(PAUSE_SHARE);
      int length = rng.between(1, 2);
      if (!pause) {
        continue;
      }
      List<SimInvoice> paused = new ArrayList<>();
      paused.add(first);
      int next = k + 1;
      while (paused.size() < length
          && next < renewals.size()
          && plain(renewals.get(next), paused.get(paused.size() - 1))) {
        paused.add(renewals.get(next));
        next++;
      }
      SimInvoice resume = next < renewals.size() ? renewals.get(next) : null;
      boolean pausedNow =
          resume == null
              && s.endedAt == null
              && !s.cancelAtPeriodEnd
              && "active".equals(s.status)
              && s.periodStart == start(last(paused));
      boolean resumes =
          resume != null
              && "subscription_cycle".equals(resume.billingReason)
              && "paid".equals(resume.status)
              && start(resume) == last(paused).lines.get(0).periodEnd;
      if (!resumes && !pausedNow) {
        continue; // the pause must end with a renewal that bills, or still run at the as-of date
      }
      apply(c, s, paused, resume, pausedNow);
      return; // one pause per subscription
    }
  }

  /** A renewal whose service period starts in June, July or August. */
  private static boolean summer(SimInvoice i) {
    int month = SimCalendar.date(start(i)).getMonthValue();
    return "subscription_cycle".equals(i.billingReason) && month >= 6 && month <= 8;
  }

  /**
   * A renewal billed plainly right after {@code previous}: one whole-period line, paid at the first
   * attempt, and the previous invoice of the subscription is the renewal before it (no change was
   * invoiced in between).
   */
  private static boolean plain(SimInvoice i, SimInvoice previous) {
    return "subscription_cycle".equals(i.billingReason)
        && i.lines.size() == 1
        && !i.lines.get(0).proration
        && "paid".equals(i.status)
        && i.attemptCount == 1
        && i.subscription.customer.invoices.indexOf(i)
            == i.subscription.customer.invoices.indexOf(previous) + 1
        && previous.lines.size() >= 1
        && previous.lines.get(0).periodEnd == start(i);
  }

  private static void apply(
      BillingCustomer c,
      SimSubscription s,
      List<SimInvoice> paused,
      SimInvoice resume,
      boolean pausedNow) {
    long from = start(paused.get(0));
    long until = pausedNow ? Long.MAX_VALUE : start(resume);
    for (SimInvoice i : paused) {
      c.charges.removeIf(ch -> ch.invoice() == i);
      i.status = "void";
      i.voidedAt = i.created;
      i.attemptCount = 0;
      i.paidAt = null;
      i.paymentIntentId = null;
      i.nextPaymentAttempt = null;
    }
    // Nothing agreed while paused: the renewals' agreements go, the one before ends at the pause.
    c.agreements.removeIf(a -> a.subscription == s && a.from >= from && a.from < until);
    for (Agreement a : c.agreements) {
      if (a.subscription == s && a.from < from && (a.to == null || a.to > from)) {
        a.to = from;
      }
    }
    if (pausedNow) {
      s.pauseBehavior = "void";
      s.pauseResumesAt = s.periodEnd;
    }
  }

  private static SimInvoice last(List<SimInvoice> l) {
    return l.get(l.size() - 1);
  }

  private static long start(SimInvoice i) {
    return i.lines.get(0).periodStart;
  }
}
