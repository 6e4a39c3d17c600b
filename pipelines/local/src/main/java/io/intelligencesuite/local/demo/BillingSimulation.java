package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs one school's Stripe life from sign-up to the as-of date: the trialing subscription, the
 * conversion (or the trial that lapses), renewals, seat changes, upgrades and downgrades with
 * proration invoices, coupons, failed payments and retries, cancellations (at period end or
 * immediate) and, for some, a reactivation months later.
 *
 * <p>While doing so it keeps the customer's MRR under ChartMogul's rules (definitions.md 1.1-1.2)
 * and records every change as an {@link MrrMovement}: that is the truth, taken from the
 * simulation's state and not re-derived from the invoices it writes.
 */
final class BillingSimulation {
  private final World world;
  private final Rng rng;
  private final Rng ids;

  BillingSimulation(World world, Rng rng) {
    this.world = world;
    this.rng = rng;
    this.ids = rng.fork("ids");
  }

  String stripeId(String prefix) {
    return prefix + "_1" + ids.alnum(23);
  }

  /** Creates the Stripe customer and trialing subscription for a new sign-up, and lives it. */
  BillingCustomer simulate(Company c, String adminEmail) {
    String billingEmail = adminEmail;
    if (!c.test && rng.chance(0.22)) {
      // The bursar or the accounts office pays, not the admin who signed up.
      billingEmail =
          rng.pick(new String[] {"billing", "accounts", "finance", "bursar"}) + "@" + c.domain;
    }
    BillingCustomer cust =
        new BillingCustomer(
            "cus_" + ids.alnum(14),
            "cus_" + ids.uuid(),
            c,
            billingEmail,
            c.test ? "usd" : c.country.currency(),
            c.signupAt);
    world.customers.add(cust);
    c.customer = cust;

    Catalog.Tier tier = c.test ? Catalog.Tier.STARTER : chooseTier(c);
    boolean annual = !c.test && rng.chance(c.segment.equals("small") ? 0.22 : 0.35);
    SimSubscription sub = newSubscription(cust, c.signupAt);
    sub.trialStart = c.signupAt;
    sub.trialEnd = c.trialEndsAt;
    sub.price = world.catalog.price(tier, annual, cust.currency);
    sub.quantity = c.test ? 5 : seats(c);
    sub.periodStart = c.signupAt;
    sub.periodEnd = c.trialEndsAt;
    sub.status = "trialing";
    // Stripe issues a $0 invoice when a subscription starts with a trial.
    SimInvoice trialInvoice = newInvoice(sub, c.signupAt, "subscription_create");
    trialInvoice.periodStart = c.signupAt;
    trialInvoice.periodEnd = c.signupAt;
    SimInvoice.Line tl =
        line(
            trialInvoice,
            "Trial period for ClassHarbor " + tier.label,
            0,
            sub.quantity,
            sub.price,
            c.signupAt,
            c.trialEndsAt,
            false);
    tl.taxableAmount = 0;
    trialInvoice.status = "paid";
    trialInvoice.paidAt = c.signupAt;

    if (c.trialEndsAt > SimCalendar.AS_OF) {
      return cust; // still trialing at the as-of date
    }
    if (!c.converted) {
      // No payment method when the trial ended: Stripe cancels (trial_settings.end_behavior).
      sub.status = "canceled";
      sub.canceledAt = c.trialEndsAt;
      sub.endedAt = c.trialEndsAt;
      sub.cancellationReason = "cancellation_requested";
      return cust;
    }
    if (c.test) {
      sub.discount =
          new SimSubscription.Discount(
              stripeId("di"), Catalog.coupon("INTERNAL100"), c.signupAt, null);
    } else {
      maybeStartCoupon(sub, c.trialEndsAt, 0.26);
    }
    live(sub, c.trialEndsAt, false);
    return cust;
  }

  private Catalog.Tier chooseTier(Company c) {
    double[] w =
        switch (c.segment) {
          case "small" -> new double[] {0.6, 0.32, 0.08};
          case "medium" -> new double[] {0.25, 0.5, 0.25};
          default -> new double[] {0.1, 0.45, 0.45};
        };
    return Catalog.Tier.values()[rng.weighted(w)];
  }

  private int seats(Company c) {
    return Math.max(3, (int) Math.round(c.staff * rng.uniform(0.55, 0.95)));
  }

  private SimSubscription newSubscription(BillingCustomer cust, long at) {
    SimSubscription sub = new SimSubscription(stripeId("sub"), "si_" + ids.alnum(14), cust, at);
    cust.subscriptions.add(sub);
    return sub;
  }

  private void maybeStartCoupon(SimSubscription sub, long at, double p) {
    if (!rng.chance(p)) {
      return;
    }
    boolean usd = sub.customer.currency.equals("usd");
    String[] ids =
        usd
            ? new String[] {"LAUNCH50", "WELCOME3M", "EDU20", "SAVE50USD"}
            : new String[] {"LAUNCH50", "WELCOME3M", "EDU20"};
    double[] w = usd ? new double[] {0.3, 0.3, 0.25, 0.15} : new double[] {0.35, 0.35, 0.3};
    applyCoupon(sub, Catalog.coupon(ids[rng.weighted(w)]), at);
  }

  private void applyCoupon(SimSubscription sub, Catalog.Coupon coupon, long at) {
    Long end =
        coupon.duration().equals("repeating")
            ? SimCalendar.plusMonths(at, coupon.durationInMonths())
            : null;
    sub.discount = new SimSubscription.Discount(stripeId("di"), coupon, at, end);
  }

  /**
   * The paid life of a subscription from {@code start}: the first paid period begins there. Returns
   * when the subscription ends or the as-of date is reached.
   */
  private void live(SimSubscription sub, long start, boolean reactivated) {
    BillingCustomer cust = sub.customer;
    Company c = cust.company;
    sub.status = "active";
    sub.periodStart = start;
    sub.billingCycleAnchor = start;
    sub.periodEnd = periodEnd(sub, start);
    Long paidWindowStart = start;
    boolean first = true;
    // Stripe's invoice.period_* is the period *before* the invoice (when usage accrued), not the
    // service period: that one is on the line items. A classic trap, kept on purpose.
    long previousPeriodStart = reactivated ? start : sub.trialStart;
    while (true) {
      // 1. Invoice the period that starts now, and try to collect it.
      SimInvoice inv =
          cycleInvoice(
              sub,
              sub.periodStart,
              first
                  ? (reactivated ? "subscription_create" : "subscription_cycle")
                  : "subscription_cycle");
      inv.periodStart = previousPeriodStart;
      inv.periodEnd = sub.periodStart;
      previousPeriodStart = sub.periodStart;
      first = false;
      Long endedByDunning = collect(sub, inv);
      if (endedByDunning == null) {
        setMrr(cust, sub, sub.periodStart, periodMrr(sub, inv));
      }
      // Else the period's invoice was written off (uncollectible): it never bills (MRR rule 6,
      // ChartMogul excludes written-off invoices), so the rate of the last billed period holds
      // until the subscription ends, and a first invoice never paid never made a paying customer.
      if (endedByDunning != null) {
        endSubscription(sub, endedByDunning, "payment_failed");
        c.activeWindows.add(new long[] {paidWindowStart, endedByDunning});
        maybeReactivate(sub, endedByDunning, reactivated);
        return;
      }
      // 2. What happens during the period, checked about monthly.
      Long immediateEnd = null;
      long check = sub.periodStart + rng.nextLong(20 * SimCalendar.DAY) + 3 * SimCalendar.DAY;
      while (check < sub.periodEnd
          && check < SimCalendar.AS_OF
          && immediateEnd == null
          && !sub.cancelAtPeriodEnd) {
        double churnHazard =
            (c.test ? 0 : 0.012 + 0.035 * (1 - c.fit) + (c.activatedAt == null ? 0.02 : 0))
                * (reactivated ? 0.6 : 1);
        if (rng.chance(churnHazard)) {
          if (!sub.price.annual() && rng.chance(0.3)) {
            immediateEnd = check;
          } else {
            sub.cancelAtPeriodEnd = true;
            sub.canceledAt = check;
            sub.cancelAt = sub.periodEnd;
          }
          sub.cancellationFeedback =
              rng.pick(
                  new String[] {
                    "too_expensive", "missing_features", "switched_service", "unused", "other"
                  });
        } else if (!c.test && rng.chance(0.075)) {
          int delta = Math.max(1, (int) Math.round(sub.quantity * rng.uniform(0.05, 0.25)));
          int newQty = rng.chance(0.68) ? sub.quantity + delta : Math.max(2, sub.quantity - delta);
          if (newQty != sub.quantity) {
            change(sub, check, sub.price, newQty);
          }
        } else if (!c.test && rng.chance(0.03)) {
          Catalog.Tier t = rng.chance(0.7) ? sub.price.tier().up() : sub.price.tier().down();
          if (t != sub.price.tier()) {
            change(
                sub,
                check,
                world.catalog.price(t, sub.price.annual(), cust.currency),
                sub.quantity);
          }
        } else if (!c.test && sub.discount == null && rng.chance(0.006)) {
          // Customer success saves a wobbling account with a retention coupon (next invoice on).
          applyCoupon(sub, Catalog.coupon("RETAIN15"), check);
        }
        check = SimCalendar.plusMonths(check, 1);
      }
      if (immediateEnd != null) {
        endSubscription(sub, immediateEnd, "cancellation_requested");
        c.activeWindows.add(new long[] {paidWindowStart, immediateEnd});
        maybeReactivate(sub, immediateEnd, reactivated);
        return;
      }
      // 3. The period ends: renew, or end a subscription scheduled to cancel.
      if (sub.periodEnd > SimCalendar.AS_OF) {
        c.activeWindows.add(new long[] {paidWindowStart, Long.MAX_VALUE});
        return;
      }
      if (sub.cancelAtPeriodEnd) {
        long end = sub.periodEnd;
        endSubscription(sub, end, "cancellation_requested");
        c.activeWindows.add(new long[] {paidWindowStart, end});
        maybeReactivate(sub, end, reactivated);
        return;
      }
      sub.periodStart = sub.periodEnd;
      sub.periodEnd = periodEnd(sub, sub.periodStart);
    }
  }

  private long periodEnd(SimSubscription sub, long periodStart) {
    return SimCalendar.plusMonths(periodStart, sub.price.months());
  }

  /** Ends a subscription; churn is recognised when it ends (ChartMogul's default setting). */
  private void endSubscription(SimSubscription sub, long at, String reason) {
    sub.status = "canceled";
    sub.endedAt = at;
    if (sub.canceledAt == null) {
      sub.canceledAt = at;
    }
    sub.cancellationReason = reason;
    setMrr(sub.customer, sub, at, 0);
  }

  private void maybeReactivate(SimSubscription old, long endedAt, boolean alreadyReactivated) {
    Company c = old.customer.company;
    if (alreadyReactivated || c.test || !rng.chance(0.22)) {
      return;
    }
    long at =
        SimCalendar.plusMonths(endedAt, rng.between(2, 9)) + rng.nextLong(20 * SimCalendar.DAY);
    if (at >= SimCalendar.AS_OF) {
      return;
    }
    // A canceled Stripe subscription cannot be resumed: the school starts a new one.
    SimSubscription sub = newSubscription(old.customer, at);
    sub.price = world.catalog.price(old.price.tier(), rng.chance(0.2), old.customer.currency);
    sub.quantity = Math.max(3, (int) Math.round(old.quantity * rng.uniform(0.7, 1.1)));
    maybeStartCoupon(sub, at, 0.15);
    live(sub, at, true);
  }

  /** A mid-period change with always_invoice proration: credit unused time, charge remaining. */
  private void change(SimSubscription sub, long at, Catalog.Price newPrice, int newQty) {
    double fraction = (double) (sub.periodEnd - at) / (sub.periodEnd - sub.periodStart);
    SimInvoice current = lastCycleInvoice(sub);
    double netFactor =
        current == null || current.subtotal() == 0
            ? 1
            : (double) (current.subtotal() - current.discountTotal()) / current.subtotal();
    SimInvoice inv = newInvoice(sub, at, "subscription_update");
    inv.periodStart = at;
    inv.periodEnd = at;
    // Proration amounts are computed on what the customer actually pays per seat (net of the
    // discount on the period's invoice), so these lines carry no discount of their own.
    long unused = -Math.round(sub.price.unitAmount() * sub.quantity * fraction * netFactor);
    long remaining = Math.round(newPrice.unitAmount() * newQty * fraction * netFactor);
    String when = SimCalendar.date(at).toString();
    line(
        inv,
        "Unused time on "
            + sub.quantity
            + " × ClassHarbor "
            + sub.price.nickname()
            + " after "
            + when,
        unused,
        sub.quantity,
        sub.price,
        at,
        sub.periodEnd,
        true);
    line(
        inv,
        "Remaining time on " + newQty + " × ClassHarbor " + newPrice.nickname() + " after " + when,
        remaining,
        newQty,
        newPrice,
        at,
        sub.periodEnd,
        true);
    sub.price = newPrice;
    sub.quantity = newQty;
    // ChartMogul's line formula (definitions.md 1.2): each prorated line adds its amount x prorate
    // factor (full period / prorated period) / months, converted and rounded on its own, so the
    // new MRR is the old one plus both lines (a few cents off the exact new price; the next cycle
    // invoice sets the exact figure). The customer has one live subscription, so its MRR is this
    // one's.
    long full = sub.periodEnd - sub.periodStart;
    long prorated = sub.periodEnd - at;
    long newMrr =
        sub.customer.mrrUsd
            + proratedMrrUsd(sub.customer.currency, unused, full, prorated, newPrice.months())
            + proratedMrrUsd(sub.customer.currency, remaining, full, prorated, newPrice.months());
    if (inv.total() > 0) {
      Long ended = collect(sub, inv);
      if (ended != null) {
        // A proration charge that never succeeds is written off (the invoice stays
        // uncollectible); the subscription itself carries on and bills normally next period. A
        // written-off invoice never bills (MRR rule 6), so the change reaches MRR with the next
        // period's invoice, at the new price.
        sub.status = "active";
      } else {
        setMrr(sub.customer, sub, at, newMrr);
      }
    } else {
      // A net credit goes to the customer's balance; nothing to charge.
      inv.status = "paid";
      inv.paidAt = at;
      setMrr(sub.customer, sub, at, newMrr);
    }
  }

  private SimInvoice lastCycleInvoice(SimSubscription sub) {
    List<SimInvoice> all = sub.customer.invoices;
    for (int i = all.size() - 1; i >= 0; i--) {
      SimInvoice inv = all.get(i);
      if (inv.subscription == sub && !inv.billingReason.equals("subscription_update")) {
        return inv;
      }
    }
    return null;
  }

  private SimInvoice cycleInvoice(SimSubscription sub, long at, String reason) {
    SimInvoice inv = newInvoice(sub, at, reason);
    inv.periodStart = at;
    inv.periodEnd = at;
    long gross = (long) sub.price.unitAmount() * sub.quantity;
    SimInvoice.Line l =
        line(
            inv,
            sub.quantity
                + " × ClassHarbor "
                + sub.price.nickname()
                + " (at "
                + money(sub.price)
                + " / "
                + (sub.price.annual() ? "year" : "month")
                + ")",
            gross,
            sub.quantity,
            sub.price,
            at,
            periodEnd(sub, at),
            false);
    SimSubscription.Discount d = sub.discount;
    if (d != null && d.appliesAt(at)) {
      l.discountAmount = d.amountOff(gross);
      inv.discountId = d.id;
      if (d.coupon.duration().equals("once")) {
        d.used = true;
      }
    }
    applyTax(inv, l);
    return inv;
  }

  private static String money(Catalog.Price p) {
    String sym =
        switch (p.currency()) {
          case "eur" -> "€";
          case "gbp" -> "£";
          default -> "$";
        };
    return sym + p.unitAmount() / 100 + "." + Names.pad(p.unitAmount() % 100, 2);
  }

  private void applyTax(SimInvoice inv, SimInvoice.Line l) {
    int bp = inv.taxBasisPoints;
    l.taxableAmount = l.amount - l.discountAmount;
    l.taxAmount = bp == 0 ? 0 : Math.round(l.taxableAmount * bp / 10_000.0);
  }

  /** MRR of a subscription from its period invoice: net of discount, excl. tax, per month. */
  private long periodMrr(SimSubscription sub, SimInvoice inv) {
    SimInvoice.Line l = inv.lines.get(0);
    return toMrrUsd(sub.customer.currency, l.amount - l.discountAmount, sub.price.months());
  }

  static long toMrrUsd(String currency, long netPerPeriod, int months) {
    return Math.round(netPerPeriod / (double) months * Geography.toUsd(currency));
  }

  static long proratedMrrUsd(
      String currency, long amount, long fullSeconds, long proratedSeconds, int months) {
    return Math.round(
        amount * ((double) fullSeconds / proratedSeconds) / months * Geography.toUsd(currency));
  }

  /**
   * Tries to collect an invoice: one charge, then Stripe's retries if it fails. Returns the time
   * the subscription is canceled for non-payment, or null if it was paid (or still retrying at the
   * as-of date, when the subscription is past_due).
   */
  private Long collect(SimSubscription sub, SimInvoice inv) {
    long total = inv.total();
    if (total <= 0) {
      inv.status = "paid";
      inv.paidAt = inv.created;
      return null;
    }
    inv.paymentIntentId = stripeId("pi");
    boolean failsFirst = !sub.customer.company.test && rng.chance(0.065);
    if (!failsFirst) {
      charge(inv, inv.created + 3600, true);
      sub.status = "active";
      return null;
    }
    long[] retryDays = {0, 3, 8, 15};
    boolean recovers = rng.chance(0.62);
    int successAt = recovers ? rng.between(1, 3) : -1;
    for (int i = 0; i < retryDays.length; i++) {
      long t =
          inv.created + 3600 + retryDays[i] * SimCalendar.DAY + rng.nextLong(6 * SimCalendar.HOUR);
      if (t >= SimCalendar.AS_OF) {
        // Still in dunning at the as-of date: past_due, invoice open, next attempt scheduled.
        sub.status = "past_due";
        inv.status = "open";
        inv.nextPaymentAttempt = t;
        return null;
      }
      if (i == successAt) {
        charge(inv, t, true);
        sub.status = "active";
        return null;
      }
      charge(inv, t, false);
      sub.status = "past_due";
    }
    // Retries exhausted: the subscription is canceled and the invoice marked uncollectible.
    long end = inv.created + 16 * SimCalendar.DAY;
    if (end >= SimCalendar.AS_OF) {
      sub.status = "past_due";
      inv.status = "open";
      return null;
    }
    inv.status = "uncollectible";
    inv.markedUncollectibleAt = end;
    return end;
  }

  private void charge(SimInvoice inv, long at, boolean ok) {
    inv.attemptCount++;
    String[][] failures = {
      {"card_declined", "Your card was declined.", "generic_decline"},
      {"card_declined", "Your card has insufficient funds.", "insufficient_funds"},
      {"expired_card", "Your card has expired.", null},
      {"card_declined", "Your card does not support this type of purchase.", "do_not_honor"}
    };
    String[] f = ok ? null : failures[rng.between(0, failures.length - 1)];
    inv.subscription.customer.charges.add(
        new SimCharge(
            stripeId("ch"),
            inv,
            inv.total(),
            inv.subscription.customer.currency,
            at,
            ok,
            ok ? null : f[0],
            ok ? null : f[1],
            ok ? null : f[2]));
    if (ok) {
      inv.status = "paid";
      inv.paidAt = at;
      inv.nextPaymentAttempt = null;
    } else {
      inv.status = "open";
    }
  }

  private SimInvoice newInvoice(SimSubscription sub, long at, String reason) {
    BillingCustomer cust = sub.customer;
    String number =
        cust.stripeId.substring(4, 12).toUpperCase(java.util.Locale.ROOT)
            + "-"
            + Names.pad(cust.invoices.size() + 1, 4);
    SimInvoice inv = new SimInvoice(stripeId("in"), number, sub, at, reason);
    inv.taxBasisPoints = cust.company.country.taxBasisPoints();
    if (cust.company.test) {
      inv.taxBasisPoints = 0;
    }
    cust.invoices.add(inv);
    sub.latestInvoiceId = inv.id;
    return inv;
  }

  private SimInvoice.Line line(
      SimInvoice inv,
      String description,
      long amount,
      int qty,
      Catalog.Price price,
      long start,
      long end,
      boolean proration) {
    SimInvoice.Line l = new SimInvoice.Line();
    l.id = "il_1" + ids.alnum(23);
    l.description = description;
    l.amount = amount;
    l.quantity = qty;
    l.price = price;
    l.periodStart = start;
    l.periodEnd = end;
    l.proration = proration;
    inv.lines.add(l);
    if (proration) {
      applyTax(inv, l);
    }
    return l;
  }

  /** Records an MRR change for the customer, classified the ChartMogul way. */
  private void setMrr(BillingCustomer cust, SimSubscription sub, long at, long newMrr) {
    if (cust.company.test) {
      return; // internal accounts never count (and carry a 100% coupon anyway)
    }
    long old = cust.mrrUsd;
    if (old == newMrr) {
      return;
    }
    String type;
    String desc;
    if (old == 0) {
      type = cust.everPaid ? "reactivation" : "new_biz";
      desc =
          (cust.everPaid ? "reactivated " : "purchased ") + "the " + sub.price.nickname() + " plan";
      cust.everPaid = true;
    } else if (newMrr == 0) {
      type = "churn";
      desc = "cancelled the " + sub.price.nickname() + " plan";
    } else if (newMrr > old) {
      type = "expansion";
      desc = "expanded the " + sub.price.nickname() + " plan";
    } else {
      type = "contraction";
      desc = "contracted the " + sub.price.nickname() + " plan";
    }
    cust.mrrUsd = newMrr;
    cust.movements.add(new MrrMovement(cust, sub, at, type, old, newMrr, desc));
  }

  static List<MrrMovement> allMovements(World w) {
    List<MrrMovement> all = new ArrayList<>();
    for (BillingCustomer c : w.customers) {
      all.addAll(c.movements);
    }
    all.sort(
        java.util.Comparator.comparingLong(MrrMovement::at)
            .thenComparing(m -> m.customer().stripeId));
    return all;
  }
}
