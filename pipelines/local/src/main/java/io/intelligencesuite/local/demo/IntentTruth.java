package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The truth's MRR, from intent: each customer's MRR at any instant is the sum of the monthly rates
 * of the agreements running then ({@link Agreement#mrrUsd}); every change of that sum is a movement
 * classified the ChartMogul way (definitions.md 1.1): from 0 is new business (reactivation when the
 * customer paid before), to 0 is churn, else expansion or contraction, with the part due only to a
 * new exchange rate apart as an {@code fx} movement (MRR rule 8). Nothing here reads an invoice.
 */
final class IntentTruth {
  private IntentTruth() {}

  /** Fills every customer's movements and as-of MRR from its agreements. */
  static void derive(World w) {
    for (BillingCustomer cust : w.customers) {
      cust.movements.clear();
      cust.mrrUsd = 0;
      cust.everPaid = false;
      TreeSet<Long> instants = new TreeSet<>();
      for (Agreement a : cust.agreements) {
        instants.add(a.from);
        if (a.to != null) {
          instants.add(a.to);
        }
      }
      for (long t : instants) {
        long now = mrrAt(cust.agreements, t);
        if (now != cust.mrrUsd) {
          record(cust, t, now, fxAt(cust.agreements, t));
        }
      }
    }
  }

  static long mrrAt(List<Agreement> agreements, long t) {
    long sum = 0;
    for (Agreement a : agreements) {
      if (a.activeAt(t)) {
        sum += a.mrrUsd();
      }
    }
    return sum;
  }

  /**
   * How far the marts may be from the truth's MRR at {@code t} by ChartMogul's rounding of prorated
   * lines (0: exactly equal): the bounds of the agreements running then.
   */
  static long boundAt(List<Agreement> agreements, long t) {
    long sum = 0;
    for (Agreement a : agreements) {
      if (a.activeAt(t)) {
        sum += a.boundCents;
      }
    }
    return sum;
  }

  /**
   * The part of the change at {@code t} due only to exchange rates (MRR rule 8, as the dictionary
   * words it): for each item whose terms are renewed or changed at t while its subscription pays
   * before and after, the terms that start at t valued at their own rate minus the same terms at
   * the rate of the item's previous terms (the rate of the part that started last).
   */
  static long fxAt(List<Agreement> agreements, long t) {
    long fx = 0;
    for (Agreement a : agreements) {
      if (a.from != t) {
        continue;
      }
      Agreement previous = null;
      for (Agreement p : agreements) {
        if (p != a
            && p.subscription == a.subscription
            && p.itemId.equals(a.itemId)
            && p.to != null
            && p.to == t) {
          previous = p;
        }
      }
      if (previous == null
          || subscriptionMrrAt(agreements, a.subscription, t - 1) == 0
          || subscriptionMrrAt(agreements, a.subscription, t) == 0) {
        continue;
      }
      double rateBefore = previous.latestRate();
      for (Agreement.Part part : a.parts) {
        if (part.at() == t && part.usdPerUnit() != rateBefore) {
          fx +=
              a.usd(part.netPerPeriod(), part.usdPerUnit())
                  - a.usd(part.netPerPeriod(), rateBefore);
        }
      }
    }
    return fx;
  }

  private static long subscriptionMrrAt(List<Agreement> agreements, SimSubscription sub, long t) {
    long sum = 0;
    for (Agreement a : agreements) {
      if (a.subscription == sub && a.activeAt(t)) {
        sum += a.mrrUsd();
      }
    }
    return sum;
  }

  /**
   * Records the change at {@code t}: when the customer pays before and after and part of it is due
   * to the rate only, the native change (valued at the old rates) first, then an {@code fx}
   * movement for the rest, as the marts' movement rule words it; else one movement.
   */
  private static void record(BillingCustomer cust, long t, long newMrr, long fx) {
    long old = cust.mrrUsd;
    long nativeAfter = newMrr - fx;
    if (old > 0 && newMrr > 0 && fx != 0 && nativeAfter > 0) {
      if (nativeAfter != old) {
        record(cust, t, nativeAfter);
      }
      Agreement cause = cause(cust, t);
      cust.movements.add(
          new MrrMovement(
              cust,
              cause.subscription,
              t,
              "fx",
              cust.mrrUsd,
              newMrr,
              "exchange rate of the " + cause.price.nickname() + " plan moved"));
      cust.mrrUsd = newMrr;
      return;
    }
    record(cust, t, newMrr);
  }

  private static Agreement cause(BillingCustomer cust, long t) {
    Agreement cause = null;
    for (Agreement a : cust.agreements) {
      if (a.from == t || (cause == null && a.to != null && a.to == t)) {
        cause = a;
      }
    }
    return cause;
  }

  private static void record(BillingCustomer cust, long t, long newMrr) {
    Agreement cause = cause(cust, t);
    long old = cust.mrrUsd;
    String plan = cause.price.nickname();
    String type;
    String desc;
    if (old == 0) {
      type = cust.everPaid ? "reactivation" : "new_biz";
      desc = (cust.everPaid ? "reactivated " : "purchased ") + "the " + plan + " plan";
      cust.everPaid = true;
    } else if (newMrr == 0) {
      type = "churn";
      desc = "cancelled the " + plan + " plan";
    } else if (newMrr > old) {
      type = "expansion";
      desc = "expanded the " + plan + " plan";
    } else {
      type = "contraction";
      desc = "contracted the " + plan + " plan";
    }
    cust.mrrUsd = newMrr;
    cust.movements.add(new MrrMovement(cust, cause.subscription, t, type, old, newMrr, desc));
  }

  /** Every window in which the marts may differ from the truth by rounding, for truth/. */
  static List<Agreement> roundingWindows(World w) {
    List<Agreement> out = new ArrayList<>();
    for (BillingCustomer c : w.customers) {
      for (Agreement a : c.agreements) {
        if (a.boundCents > 0) {
          out.add(a);
        }
      }
    }
    out.sort(
        java.util.Comparator.comparingLong((Agreement a) -> a.from)
            .thenComparing(a -> a.subscription.customer.stripeId));
    return out;
  }
}
