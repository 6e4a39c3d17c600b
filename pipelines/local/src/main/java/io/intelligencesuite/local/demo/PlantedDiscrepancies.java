package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the deliberate disagreements between systems, so the discrepancy report has something
 * true to find. Each one is recorded in {@link World#planted} with what the truth says, what the
 * system says and why; writers apply them.
 *
 * <ul>
 *   <li>ChartMogul missed sync: one expansion never reached ChartMogul (webhook lost).
 *   <li>ChartMogul manual adjustment: finance keyed a goodwill discount into ChartMogul only.
 *   <li>ChartMogul delayed sync: a new customer near a month end reached ChartMogul days late, in
 *       the next month.
 *   <li>Backend stale plan: a plan change made in the Stripe dashboard never reached the backend.
 * </ul>
 */
final class PlantedDiscrepancies {
  MrrMovement missedSync;
  MrrMovement delayedSync;
  long delayedTo;
  BillingCustomer manualCustomer;
  long manualAt;
  long manualAmount;

  static PlantedDiscrepancies choose(World w, Rng rng) {
    PlantedDiscrepancies p = new PlantedDiscrepancies();
    List<MrrMovement> all = BillingSimulation.allMovements(w);
    List<MrrMovement> expansions = new ArrayList<>();
    MrrMovement lateNew = null;
    long lateNewGap = Long.MAX_VALUE;
    for (MrrMovement m : all) {
      int month = SimCalendar.monthIndex(m.at());
      if (month < 3 || month >= SimCalendar.MONTHS - 1) {
        continue;
      }
      // A lost webhook the reconciliation can see: more than its rounding tolerance (1% of the
      // MRR, at most 100 cents; ReconciliationRules), not a cent of re-rounding.
      boolean visible = m.delta() > 100 && m.delta() * 100 > m.mrrAfter();
      if (m.type().equals("expansion") && visible && m.customer().movements.size() >= 3) {
        expansions.add(m);
      }
      // The new customer closest to a month end (with no other change in the week after).
      List<MrrMovement> own = m.customer().movements;
      int k = own.indexOf(m);
      boolean quietAfter =
          k == own.size() - 1 || own.get(k + 1).at() - m.at() > 10 * SimCalendar.DAY;
      long gap = SimCalendar.monthStart(month + 1) - m.at();
      if (m.type().equals("new_biz") && quietAfter && gap < lateNewGap) {
        lateNew = m;
        lateNewGap = gap;
      }
    }
    if (expansions.isEmpty()) {
      all.stream().filter(m -> m.type().equals("expansion")).forEach(expansions::add);
    }
    if (!expansions.isEmpty()) {
      p.missedSync = rng.pick(expansions);
      w.planted.add(
          planted(
              "missed_sync",
              p.missedSync.customer(),
              p.missedSync.at(),
              "activity (expansion)",
              Long.toString(p.missedSync.delta()),
              "missing",
              "The customer.subscription.updated webhook for this seat/plan change was lost, so ChartMogul never saw "
                  + "the expansion; its MRR for the customer stays lower until the subscription ends."));
    }
    if (lateNew != null) {
      p.delayedSync = lateNew;
      int month = SimCalendar.monthIndex(lateNew.at());
      p.delayedTo = SimCalendar.monthStart(month + 1) + 2 * SimCalendar.DAY + 9 * SimCalendar.HOUR;
      w.planted.add(
          planted(
              "delayed_sync",
              lateNew.customer(),
              lateNew.at(),
              "activity date (new_biz)",
              SimCalendar.iso(lateNew.at()),
              SimCalendar.iso(p.delayedTo),
              "A ChartMogul sync outage at the month end: the new customer was imported days late, "
                  + "so its new business lands in the next month in ChartMogul."));
    }
    List<BillingCustomer> active = new ArrayList<>();
    for (BillingCustomer c : w.customers) {
      if (c.mrrUsd > 5_000
          && c != (p.missedSync == null ? null : p.missedSync.customer())
          && c != (p.delayedSync == null ? null : p.delayedSync.customer())) {
        active.add(c);
      }
    }
    if (!active.isEmpty()) {
      p.manualCustomer = rng.pick(active);
      p.manualAt =
          SimCalendar.monthStart(SimCalendar.MONTHS - 2)
              + 11 * SimCalendar.DAY
              + 15 * SimCalendar.HOUR;
      p.manualAmount = Math.round(p.manualCustomer.mrrUsd * 0.1);
      w.planted.add(
          planted(
              "manual_adjustment",
              p.manualCustomer,
              p.manualAt,
              "activity (contraction)",
              "none",
              "-" + p.manualAmount,
              "Finance keyed a 10% goodwill credit into ChartMogul by hand; Stripe never billed it, so "
                  + "ChartMogul's MRR for this customer is lower than Stripe's from that day on."));
      active.remove(p.manualCustomer);
    }
    // Backend: two plan changes made in the Stripe dashboard that the backend never heard of.
    for (int k = 0; k < 2 && !active.isEmpty(); k++) {
      BillingCustomer c = rng.pick(active);
      active.remove(c);
      SimSubscription s = c.subscriptions.get(c.subscriptions.size() - 1);
      String actual =
          s.price.tier().up() == s.price.tier()
              ? "growth"
              : s.price.tier().up().label.toLowerCase(java.util.Locale.ROOT);
      String expected = s.price.tier().label.toLowerCase(java.util.Locale.ROOT);
      c.company.backendPlan = actual;
      w.planted.add(
          new World.Planted(
              "stale_plan",
              "backend",
              c.company.companyId,
              c.stripeId,
              c.chartMogulUuid,
              SimCalendar.month(SimCalendar.MONTHS - 1).toString(),
              "accounts.plan",
              expected,
              actual,
              "The plan was changed in the Stripe dashboard; the backend's webhook handler failed, so "
                  + "accounts.plan still shows the old plan."));
    }
    return p;
  }

  private static World.Planted planted(
      String kind,
      BillingCustomer c,
      long at,
      String field,
      String expected,
      String actual,
      String why) {
    return new World.Planted(
        kind,
        "chartmogul",
        c.company.companyId,
        c.stripeId,
        c.chartMogulUuid,
        SimCalendar.month(SimCalendar.monthIndex(at)).toString(),
        field,
        expected,
        actual,
        why);
  }
}
