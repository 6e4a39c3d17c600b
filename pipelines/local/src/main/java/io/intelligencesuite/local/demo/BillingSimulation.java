package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs one school's Stripe life from sign-up to the as-of date: the trialing subscription, the
 * conversion (or the trial that lapses), renewals, seat changes, upgrades and downgrades with
 * proration invoices, coupons, failed payments and retries, cancellations (at period end or
 * immediate) and, for some, a reactivation months later.
 *
 * <p>While doing so it records what the customer agreed to pay, item by item ({@link Agreement}:
 * net per period without tax, months, from, to). That is the truth's only input: {@link
 * IntentTruth} turns it into MRR and movements. Invoices are written from the same terms with
 * Stripe's arithmetic ({@link StripeMath}); nothing here reads an invoice back to compute MRR.
 *
 * <p>Intent rules (what counts as agreed), each ChartMogul's: an agreement starts when its invoice
 * bills (paid, or still being collected at the as-of date); an invoice written off (uncollectible)
 * never bills, so the last billed terms hold until the subscription ends, and a first invoice never
 * paid never makes a paying customer; a subscription scheduled to cancel pays until it ends.
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
    // EU schools are often quoted VAT-inclusive prices (tax_behavior inclusive).
    cust.taxInclusive =
        !c.test
            && cust.currency.equals("eur")
            && c.country.taxBasisPoints() > 0
            && rng.chance(EU_INCLUSIVE_SHARE);

    Catalog.Tier tier = c.test ? Catalog.Tier.STARTER : chooseTier(c);
    boolean annual = !c.test && rng.chance(c.segment.equals("small") ? 0.22 : 0.35);
    SimSubscription sub = newSubscription(cust, c.signupAt);
    sub.trialStart = c.signupAt;
    sub.trialEnd = c.trialEndsAt;
    sub.price = price(cust, tier, annual);
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
            StripeMath.Amounts.of(0, 0, 0, sub.price.taxInclusive()),
            sub.quantity,
            sub.price,
            c.signupAt,
            c.trialEndsAt,
            false);
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

  /** Share of EUR schools in VAT countries quoted VAT-inclusive prices. */
  private static final double EU_INCLUSIVE_SHARE = 0.6;

  /** Share of paid starts anchored on the 1st of the next month, with a prorated first stub. */
  private static final double ANCHORED_SHARE = 0.15;

  /** Chance per monthly cycle that a school on a monthly plan adds quarterly assistant seats. */
  private static final double ADD_ON_CHANCE = 0.02;

  /** Chance that a school drops its assistant seats when their quarter ends. */
  private static final double ADD_ON_REMOVAL_CHANCE = 0.2;

  /** Chance per monthly check that a monthly school switches to the yearly plan. */
  private static final double ANNUAL_SWITCH_CHANCE = 0.006;

  private Catalog.Price price(BillingCustomer cust, Catalog.Tier tier, boolean annual) {
    return world.catalog.price(tier, annual, cust.currency, cust.taxInclusive);
  }

  private static int taxBasisPoints(BillingCustomer cust) {
    return cust.company.test ? 0 : cust.company.country.taxBasisPoints();
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
   * The paid life of a subscription from {@code start}: the first paid period begins there (or, for
   * an anchored start, a prorated stub runs from there to the 1st of the next month, the
   * billing_cycle_anchor). Returns when the subscription ends or the as-of date is reached.
   */
  private void live(SimSubscription sub, long start, boolean reactivated) {
    live(sub, start, reactivated, false);
  }

  /**
   * @param keepAnchor the subscription carries on with its billing_cycle_anchor (a renewal of an
   *     existing subscription), instead of starting a new one
   */
  private void live(SimSubscription sub, long start, boolean reactivated, boolean keepAnchor) {
    BillingCustomer cust = sub.customer;
    Company c = cust.company;
    long resumedFrom = sub.periodStart;
    sub.status = "active";
    sub.periodStart = start;
    if (!keepAnchor) {
      boolean anchored = !c.test && anchorable(sub) && rng.chance(ANCHORED_SHARE);
      sub.billingCycleAnchor =
          anchored
              ? SimCalendar.epoch(SimCalendar.date(start).withDayOfMonth(1).plusMonths(1))
              : start;
    }
    sub.periodEnd = periodEnd(sub, start);
    Long paidWindowStart = start;
    boolean first = true;
    // Stripe's invoice.period_* is the period *before* the invoice (when usage accrued), not the
    // service period: that one is on the line items. A classic trap, kept on purpose.
    long previousPeriodStart = keepAnchor ? resumedFrom : reactivated ? start : sub.trialStart;
    while (true) {
      // 1. Invoice the period that starts now, and try to collect it.
      SimInvoice inv =
          cycleInvoice(
              sub,
              sub.periodStart,
              first && reactivated && !keepAnchor ? "subscription_create" : "subscription_cycle");
      inv.periodStart = previousPeriodStart;
      inv.periodEnd = sub.periodStart;
      previousPeriodStart = sub.periodStart;
      first = false;
      StripeMath.Amounts addOnBilled = addOnCycle(sub, inv, sub.periodStart);
      Long endedByDunning = collect(sub, inv);
      if (endedByDunning == null && addOnBilled != null) {
        SimSubscription.AddOn a = sub.addOn;
        agreeItem(sub, a.itemId, a.price, a.periodStart, addOnBilled.net(), 0);
      }
      if (endedByDunning == null) {
        // A first stub is a proration: ChartMogul rebuilds the rate from it (bounded rounding).
        agree(
            sub,
            sub.periodStart,
            isStub(sub, sub.periodStart)
                ? StripeMath.unprorationBound(
                    1,
                    sub.periodEnd - stubFullStart(sub),
                    sub.periodEnd - sub.periodStart,
                    sub.price.months(),
                    fx(sub, sub.periodStart))
                : 0);
      }
      // Else the period's invoice was written off (uncollectible): it never bills (MRR rule 6,
      // ChartMogul excludes written-off invoices), so the terms of the last billed period hold
      // until the subscription ends, and a first invoice never paid never made a paying customer.
      if (endedByDunning != null) {
        endSubscription(sub, endedByDunning, "payment_failed");
        c.activeWindows.add(new long[] {paidWindowStart, endedByDunning});
        maybeReactivate(sub, endedByDunning, reactivated);
        return;
      }
      // 2. What happens during the period, checked about monthly.
      Long immediateEnd = null;
      Long dunningEnd = null;
      long check = sub.periodStart + rng.nextLong(20 * SimCalendar.DAY) + 3 * SimCalendar.DAY;
      if (isStub(sub, sub.periodStart)) {
        // The first stub is short: nothing changes in it (a change there would prorate a prorated
        // period, a shape left out).
        check = sub.periodEnd;
      }
      while (check < sub.periodEnd
          && check < SimCalendar.AS_OF
          && immediateEnd == null
          && dunningEnd == null
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
            change(sub, check, price(cust, t, sub.price.annual()), sub.quantity);
          }
        } else if (!c.test
            && !sub.price.annual()
            && (sub.addOn == null || sub.addOn.removed)
            && rng.chance(ANNUAL_SWITCH_CHANCE)) {
          dunningEnd = switchToAnnual(sub, check);
        } else if (!c.test && sub.discount == null && rng.chance(0.006)) {
          // Customer success saves a wobbling account with a retention coupon (next invoice on).
          applyCoupon(sub, Catalog.coupon("RETAIN15"), check);
        }
        check = SimCalendar.plusMonths(check, 1);
      }
      if (dunningEnd != null) {
        endSubscription(sub, dunningEnd, "payment_failed");
        c.activeWindows.add(new long[] {paidWindowStart, dunningEnd});
        maybeReactivate(sub, dunningEnd, reactivated);
        return;
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

  /**
   * Whether a start may be anchored on the 1st: not when it already starts on the 1st, and not
   * under an amount-off coupon (Stripe takes a fixed amount off the short stub invoice, so the stub
   * says nothing about the monthly terms).
   */
  private static boolean anchorable(SimSubscription sub) {
    boolean amountOff = sub.discount != null && sub.discount.coupon.percentOff() == 0;
    return !amountOff && SimCalendar.date(sub.periodStart).getDayOfMonth() != 1;
  }

  /** USD per unit of the subscription's currency at {@code at} (the dated demo rate). */
  private double fx(SimSubscription sub, long at) {
    return world.fx.toUsd(sub.price.currency(), at);
  }

  /**
   * The end of the period that starts at {@code periodStart}: the next billing date counted from
   * the billing_cycle_anchor, which keeps the anchor's day of month (31 Jan, 28 Feb, 31 Mar: Stripe
   * clips to a shorter month's last day and returns to the anchor day after it), never chained from
   * the previous period's clipped end.
   */
  private static long periodEnd(SimSubscription sub, long periodStart) {
    int k = 0;
    long end = sub.billingCycleAnchor;
    while (end <= periodStart) {
      k += sub.price.months();
      end = SimCalendar.plusMonths(sub.billingCycleAnchor, k);
    }
    return end;
  }

  /** Ends a subscription; churn is recognised when it ends (ChartMogul's default setting). */
  private void endSubscription(SimSubscription sub, long at, String reason) {
    sub.status = "canceled";
    sub.endedAt = at;
    if (sub.canceledAt == null) {
      sub.canceledAt = at;
    }
    sub.cancellationReason = reason;
    endAgreement(sub, at);
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
    sub.price = price(old.customer, old.price.tier(), rng.chance(0.2));
    sub.quantity = Math.max(3, (int) Math.round(old.quantity * rng.uniform(0.7, 1.1)));
    maybeStartCoupon(sub, at, 0.15);
    live(sub, at, true);
  }

  /**
   * The school moves its billing to {@code currency} when its subscription {@code old} ends at a
   * period end (it canceled it for that): Stripe cannot change a subscription's currency ("You
   * can't update the currencies of existing subscriptions by changing prices. Instead, you must
   * cancel existing subscriptions before creating a new subscription with a new currency",
   * docs.stripe.com/invoicing/multiple-currencies), so a new subscription in the new currency, same
   * plan and seats, starts the instant the old one ends, and the customer's currency for recurring
   * billing becomes the new one. VAT-inclusive prices exist in EUR only.
   */
  void moveCurrency(SimSubscription old, String currency) {
    BillingCustomer cust = old.customer;
    long at = old.endedAt;
    old.cancellationFeedback = "other";
    cust.currency = currency;
    cust.taxInclusive = cust.taxInclusive && currency.equals("eur");
    SimSubscription sub = newSubscription(cust, at);
    sub.price = price(cust, old.price.tier(), old.price.annual());
    sub.quantity = old.quantity;
    live(sub, at, true);
  }

  /**
   * An {@code unpaid} subscription paid again: Stripe keeps generating its renewal invoices (not
   * attempted automatically), and when the school pays the renewal at {@code at} on {@code paidAt}
   * the subscription is active again and bills on from its own anchor. The school agreed to pay
   * again only when it paid (an invoice nobody collects bills nothing until it is paid): the new
   * terms start on the payment day, at the rate of the service period start (MRR rule 7: churn at
   * the write-off, reactivation on the payment date).
   */
  void payAgain(SimSubscription sub, long at, long paidAt) {
    sub.status = "active";
    sub.endedAt = null;
    sub.canceledAt = null;
    sub.cancellationReason = null;
    sub.cancellationFeedback = null;
    long previousStart = sub.periodStart;
    sub.periodStart = at;
    sub.periodEnd = periodEnd(sub, at);
    SimInvoice inv = cycleInvoice(sub, at, "subscription_cycle");
    inv.periodStart = previousStart;
    inv.periodEnd = at;
    // The add-on is still on the subscription: its last billed terms (at their own rate; a quarter
    // renewed on the written-off invoice never billed) count again from the payment, or it renews
    // with this invoice when its quarter ends now.
    Agreement addOnTerms = sub.addOn == null ? null : last(sub, sub.addOn.itemId);
    StripeMath.Amounts addOnBilled = addOnCycle(sub, inv, at);
    inv.paymentIntentId = stripeId("pi");
    charge(inv, paidAt, true);
    agreeItem(
        sub,
        sub.itemId,
        sub.price,
        paidAt,
        agreedNet(sub),
        0,
        List.of(new Agreement.Part(agreedNet(sub), at, fx(sub, at))));
    SimSubscription.AddOn a = sub.addOn;
    if (addOnBilled != null) {
      agreeItem(
          sub,
          a.itemId,
          a.price,
          paidAt,
          addOnBilled.net(),
          0,
          List.of(new Agreement.Part(addOnBilled.net(), at, fx(sub, at))));
    } else if (a != null && !a.removed && a.periodEnd > paidAt && addOnTerms != null) {
      agreeItem(sub, a.itemId, a.price, paidAt, addOnTerms.netPerPeriod, 0, addOnTerms.parts);
    }
    if (sub.periodEnd < SimCalendar.AS_OF) {
      live(sub, sub.periodEnd, true, true);
    }
  }

  /**
   * The backend's account takes the plan and status of the school's latest subscription (its Stripe
   * webhook handler), as of that subscription's last change.
   */
  static void backendFollowsLastSubscription(Company c) {
    SimSubscription last = c.customer.subscriptions.get(c.customer.subscriptions.size() - 1);
    c.backendPlan = last.price.tier().label.toLowerCase(java.util.Locale.ROOT);
    c.backendStatus = last.status.equals("canceled") ? "cancelled" : last.status;
    c.backendUpdatedAt =
        Math.min(SimCalendar.AS_OF - 1, last.endedAt != null ? last.endedAt : last.periodStart);
  }

  /** A mid-period change with always_invoice proration: credit unused time, charge remaining. */
  private void change(SimSubscription sub, long at, Catalog.Price newPrice, int newQty) {
    SimInvoice inv = newInvoice(sub, at, "subscription_update");
    inv.periodStart = at;
    inv.periodEnd = at;
    String when = SimCalendar.date(at).toString();
    credit(sub, inv, at);
    long remaining =
        StripeMath.prorate(
            (long) newPrice.unitAmount() * newQty, sub.periodStart, sub.periodEnd, at);
    line(
        inv,
        "Remaining time on " + newQty + " × ClassHarbor " + newPrice.nickname() + " after " + when,
        prorationAmounts(sub, remaining),
        newQty,
        newPrice,
        at,
        sub.periodEnd,
        true);
    // ChartMogul rebuilds the new rate from the two prorated lines until the next cycle invoice
    // sets it from a whole-period line; a second change in the same period stacks on the first.
    long bound =
        StripeMath.unprorationBound(
                2,
                sub.periodEnd - sub.periodStart,
                sub.periodEnd - at,
                newPrice.months(),
                fx(sub, at))
            + openBound(sub);
    long oldNet = agreedNet(sub);
    sub.price = newPrice;
    sub.quantity = newQty;
    // What the customer is billed for from now: the running agreement plus this change. Usually
    // that is the new terms; after an earlier change whose proration was written off (never
    // billed) it is less, until the next cycle invoice bills the whole new terms.
    long net = openNet(sub) + agreedNet(sub) - oldNet;
    if (inv.total() > 0) {
      Long ended = collect(sub, inv);
      if (ended != null) {
        // A proration charge that never succeeds is written off (the invoice stays
        // uncollectible); the subscription itself carries on and bills normally next period. A
        // written-off invoice never bills (MRR rule 6), so the change reaches MRR with the next
        // period's invoice, at the new price.
        sub.status = "active";
      } else {
        agreeChange(sub, at, net, bound);
      }
    } else {
      // A net credit goes to the customer's balance; nothing to charge.
      inv.status = "paid";
      inv.paidAt = at;
      agreeChange(sub, at, net, bound);
    }
  }

  /**
   * A switch from the monthly to the yearly plan that starts a new period ({@code
   * billing_cycle_anchor=now}, {@code proration_behavior=always_invoice}): one invoice credits the
   * monthly period's unused time and bills a whole year from now. Returns when the subscription is
   * canceled because that invoice was never paid, else null.
   */
  private Long switchToAnnual(SimSubscription sub, long at) {
    SimInvoice inv = newInvoice(sub, at, "subscription_update");
    inv.periodStart = at;
    inv.periodEnd = at;
    credit(sub, inv, at);
    sub.price = price(sub.customer, sub.price.tier(), true);
    // The anchor moves first: the new period is counted from it (a year from now), not from the
    // old monthly anchor (which ended the "year" on the old anchor's day, renewed mid-year and
    // prorated later changes against that wrong period; found by the truth at scale 10).
    sub.billingCycleAnchor = at;
    sub.periodStart = at;
    sub.periodEnd = periodEnd(sub, at);
    wholePeriodLine(sub, inv, at);
    Long ended = collect(sub, inv);
    if (ended == null) {
      agree(sub, at, 0);
    }
    return ended;
  }

  /** The credit for the unused rest of the current period at the current terms. */
  private void credit(SimSubscription sub, SimInvoice inv, long at) {
    long unused =
        -StripeMath.prorate(
            (long) sub.price.unitAmount() * sub.quantity, sub.periodStart, sub.periodEnd, at);
    line(
        inv,
        "Unused time on "
            + sub.quantity
            + " × ClassHarbor "
            + sub.price.nickname()
            + " after "
            + SimCalendar.date(at),
        prorationAmounts(sub, unused),
        sub.quantity,
        sub.price,
        at,
        sub.periodEnd,
        true);
  }

  /**
   * A proration line's money: a percent coupon of the period applies to it as to any discountable
   * line; an amount-off coupon was taken once on the period's invoice and is not taken again.
   */
  private static StripeMath.Amounts prorationAmounts(SimSubscription sub, long amount) {
    return percentCouponAmounts(sub, sub.price, amount);
  }

  /** A line the period's coupon reaches only when it is a percent coupon (prorations, add-ons). */
  private static StripeMath.Amounts percentCouponAmounts(
      SimSubscription sub, Catalog.Price price, long amount) {
    SimSubscription.Discount d = sub.periodDiscount;
    long off = d != null && d.coupon.percentOff() > 0 ? d.amountOff(amount) : 0;
    return StripeMath.Amounts.of(amount, off, taxBasisPoints(sub.customer), price.taxInclusive());
  }

  /**
   * What the current terms cost per whole period, net of the period's coupon and without tax: the
   * agreed amount. A percent coupon takes its share of the amount; an amount-off coupon the amount
   * it took on the period's invoice.
   */
  private static long agreedNet(SimSubscription sub) {
    long gross = (long) sub.price.unitAmount() * sub.quantity;
    SimSubscription.Discount d = sub.periodDiscount;
    long off = d == null ? 0 : d.coupon.percentOff() > 0 ? d.amountOff(gross) : sub.periodAmountOff;
    return StripeMath.Amounts.of(gross, off, taxBasisPoints(sub.customer), sub.price.taxInclusive())
        .net();
  }

  /**
   * The customer agrees from {@code at} to the subscription's current terms: the item's previous
   * agreement ends there. Test accounts never count.
   */
  private void agree(SimSubscription sub, long at, long boundCents) {
    agreeItem(sub, sub.itemId, sub.price, at, agreedNet(sub), boundCents);
  }

  private void agreeItem(
      SimSubscription sub, String itemId, Catalog.Price price, long at, long net, long bound) {
    agreeItem(
        sub,
        itemId,
        price,
        at,
        net,
        bound,
        List.of(new Agreement.Part(net, at, world.fx.toUsd(price.currency(), at))));
  }

  private void agreeItem(
      SimSubscription sub,
      String itemId,
      Catalog.Price price,
      long at,
      long net,
      long bound,
      List<Agreement.Part> parts) {
    if (sub.customer.company.test) {
      return;
    }
    endItem(sub, itemId, at);
    sub.customer.agreements.add(
        new Agreement(sub, itemId, price, at, net, price.months(), bound, parts));
  }

  /**
   * A mid-period change of the main item to {@code net} per period from {@code at}: the running
   * terms keep the rate of their own start, the difference converts at the rate of the change day
   * (its prorated lines' service period starts then).
   */
  private void agreeChange(SimSubscription sub, long at, long net, long bound) {
    Agreement running = open(sub);
    List<Agreement.Part> parts = new ArrayList<>();
    if (running != null) {
      parts.addAll(running.parts);
    }
    long before = running == null ? 0 : running.netPerPeriod;
    parts.add(new Agreement.Part(net - before, at, world.fx.toUsd(sub.price.currency(), at)));
    agreeItem(sub, sub.itemId, sub.price, at, net, bound, parts);
  }

  /** The latest agreement of one item of the subscription, or null. */
  private static Agreement last(SimSubscription sub, String itemId) {
    Agreement last = null;
    for (Agreement a : sub.customer.agreements) {
      if (a.subscription == sub && a.itemId.equals(itemId)) {
        last = a;
      }
    }
    return last;
  }

  /** The main item's running agreement, or null. */
  private static Agreement open(SimSubscription sub) {
    for (Agreement a : sub.customer.agreements) {
      if (a.subscription == sub && a.to == null && a.itemId.equals(sub.itemId)) {
        return a;
      }
    }
    return null;
  }

  /** The subscription ends: every item's agreement with it. */
  private static void endAgreement(SimSubscription sub, long at) {
    endItem(sub, null, at);
  }

  /** Ends the running agreement of one item (null: of every item of the subscription). */
  private static void endItem(SimSubscription sub, String itemId, long at) {
    for (Agreement a : sub.customer.agreements) {
      if (a.subscription == sub && a.to == null && (itemId == null || a.itemId.equals(itemId))) {
        a.to = at;
      }
    }
  }

  /** The net per period of the main item's running agreement. */
  private static long openNet(SimSubscription sub) {
    for (Agreement a : sub.customer.agreements) {
      if (a.subscription == sub && a.to == null && a.itemId.equals(sub.itemId)) {
        return a.netPerPeriod;
      }
    }
    throw new IllegalStateException(
        "no running agreement for " + sub.id + " at a mid-period change");
  }

  /**
   * The rounding bound of the main item's running agreement (0 once a whole-period line set it).
   */
  private static long openBound(SimSubscription sub) {
    for (Agreement a : sub.customer.agreements) {
      if (a.subscription == sub && a.to == null && a.itemId.equals(sub.itemId)) {
        return a.boundCents;
      }
    }
    return 0;
  }

  /**
   * The invoice of the period that starts at {@code at} and ends at {@code sub.periodEnd}: one
   * whole-period line, or for a first stub before a future billing_cycle_anchor a prorated line
   * measured against the price's interval ending at the anchor.
   */
  private SimInvoice cycleInvoice(SimSubscription sub, long at, String reason) {
    SimInvoice inv = newInvoice(sub, at, reason);
    inv.periodStart = at;
    inv.periodEnd = at;
    if (!isStub(sub, at)) {
      wholePeriodLine(sub, inv, at);
      return inv;
    }
    long gross = (long) sub.price.unitAmount() * sub.quantity;
    startPeriodDiscount(sub, at, gross);
    long stub = StripeMath.prorate(gross, stubFullStart(sub), sub.periodEnd, at);
    line(
        inv,
        "Remaining time on "
            + sub.quantity
            + " × ClassHarbor "
            + sub.price.nickname()
            + " until "
            + SimCalendar.date(sub.periodEnd),
        prorationAmounts(sub, stub),
        sub.quantity,
        sub.price,
        at,
        sub.periodEnd,
        true);
    return inv;
  }

  /**
   * The quarterly add-on at a monthly cycle starting at {@code at}: a school adds assistant seats
   * (the subscription moves to flexible billing mode, its items on their own intervals), renews
   * them when their quarter ends, or removes them then (the item leaves the subscription and its
   * agreement ends with its paid quarter). Returns the add-on line's money when one is billed.
   */
  private StripeMath.Amounts addOnCycle(SimSubscription sub, SimInvoice inv, long at) {
    if (sub.customer.company.test || sub.price.annual() || isStub(sub, at)) {
      return null;
    }
    SimSubscription.AddOn a = sub.addOn;
    if (a == null) {
      if (!rng.chance(ADD_ON_CHANCE)) {
        return null;
      }
      a =
          new SimSubscription.AddOn(
              "si_" + ids.alnum(14),
              world.catalog.addOn(sub.customer.currency, sub.customer.taxInclusive),
              Math.max(1, (int) Math.round(sub.quantity * rng.uniform(0.1, 0.4))),
              at);
      sub.addOn = a;
      sub.billingMode = "flexible";
    } else if (a.removed || a.periodEnd != at) {
      return null;
    } else if (rng.chance(ADD_ON_REMOVAL_CHANCE)) {
      a.removed = true;
      endItem(sub, a.itemId, at);
      return null;
    }
    a.periodStart = at;
    a.periodEnd = addOnPeriodEnd(sub, at, a.price.months());
    StripeMath.Amounts money =
        percentCouponAmounts(sub, a.price, (long) a.price.unitAmount() * a.quantity);
    inv.pricedPeriods.add(
        new SimInvoice.PricedPeriod(
            a.price,
            a.quantity,
            sub.periodDiscount == null ? null : sub.periodDiscount.coupon,
            false));
    SimInvoice.Line l =
        line(
            inv,
            a.quantity + " × ClassHarbor " + a.price.nickname(),
            money,
            a.quantity,
            a.price,
            at,
            a.periodEnd,
            false);
    l.itemId = a.itemId;
    return money;
  }

  /** The add-on's period end: {@code months} later, counted from the anchor like the plan's. */
  private static long addOnPeriodEnd(SimSubscription sub, long at, int months) {
    int k = 0;
    while (SimCalendar.plusMonths(sub.billingCycleAnchor, k) < at) {
      k++;
    }
    return SimCalendar.plusMonths(sub.billingCycleAnchor, k + months);
  }

  /** A period starting before the billing_cycle_anchor is the first stub. */
  private static boolean isStub(SimSubscription sub, long at) {
    return at < sub.billingCycleAnchor;
  }

  /** The stub is measured against the price's whole interval that ends at the anchor. */
  private static long stubFullStart(SimSubscription sub) {
    return SimCalendar.plusMonths(sub.billingCycleAnchor, -sub.price.months());
  }

  /** The whole-period line of the period starting at {@code at}, with the coupon that applies. */
  private void wholePeriodLine(SimSubscription sub, SimInvoice inv, long at) {
    long gross = (long) sub.price.unitAmount() * sub.quantity;
    startPeriodDiscount(sub, at, gross);
    SimSubscription.Discount d = sub.periodDiscount;
    long off = d == null ? 0 : d.amountOff(gross);
    sub.periodAmountOff = off;
    inv.pricedPeriods.add(
        new SimInvoice.PricedPeriod(sub.price, sub.quantity, d == null ? null : d.coupon, true));
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
        StripeMath.Amounts.of(gross, off, taxBasisPoints(sub.customer), sub.price.taxInclusive()),
        sub.quantity,
        sub.price,
        at,
        periodEnd(sub, at),
        false);
  }

  /** Which coupon the period starting at {@code at} gets (a once coupon is used up by it). */
  private static void startPeriodDiscount(SimSubscription sub, long at, long gross) {
    SimSubscription.Discount d = sub.discount;
    sub.periodDiscount = d != null && d.appliesAt(at) ? d : null;
    sub.periodAmountOff = sub.periodDiscount == null ? 0 : sub.periodDiscount.amountOff(gross);
    if (sub.periodDiscount != null && d.coupon.duration().equals("once")) {
      d.used = true;
    }
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
            inv.subscription.price.currency(),
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
    inv.taxBasisPoints = taxBasisPoints(cust);
    cust.invoices.add(inv);
    sub.latestInvoiceId = inv.id;
    return inv;
  }

  private SimInvoice.Line line(
      SimInvoice inv,
      String description,
      StripeMath.Amounts amounts,
      int qty,
      Catalog.Price price,
      long start,
      long end,
      boolean proration) {
    SimInvoice.Line l = new SimInvoice.Line();
    l.id = "il_1" + ids.alnum(23);
    l.itemId = inv.subscription.itemId;
    l.description = description;
    l.set(amounts);
    l.quantity = qty;
    l.price = price;
    l.periodStart = start;
    l.periodEnd = end;
    l.proration = proration;
    if (amounts.discount() != 0) {
      l.discountId = inv.subscription.periodDiscount.id;
      inv.discountId = l.discountId;
    }
    inv.lines.add(l);
    return l;
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
