package io.intelligencesuite.marts.revenue;

import io.intelligencesuite.marts.revenue.Billing.Invoice;
import io.intelligencesuite.marts.revenue.Billing.Line;
import io.intelligencesuite.marts.revenue.Billing.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Invoice-driven MRR history of one subscription (the "MRR rules"), as ChartMogul builds
 * it:
 *
 * <ul>
 *   <li>Only {@code subscription} lines of invoices that bill (not draft, not void) count; one-off
 *       {@code invoiceitem} lines and metered prices never do.
 *   <li>A whole-period line sets the subscription's MRR from its service period start (lines of one
 *       invoice starting together are summed: several items). It continues until the subscription
 *       ends or the next invoice changes it, not only until the line's period end.
 *   <li>A prorated line adds its MRR (negative for the credit of unused time) from its own start,
 *       scaled by the prorate factor against the whole period that covers it: a mid-period upgrade
 *       is an expansion on the upgrade date. ChartMogul's example: $100 Bronze, upgrade mid-month,
 *       -$50 credit and +$125 charge for half a month -> 100 - 100 + 250 = $250.
 *   <li>The subscription object decides when it stops and whether it counts: MRR is 0 from ended_at
 *       (canceled_at for a canceled one without ended_at); 0 throughout for incomplete and
 *       incomplete_expired; 0 from trial_start for trialing; 0 from the current period start for
 *       paused and unpaid (Stripe's unpaid is churn). active and past_due count. With auto-churn
 *       set, MRR is also 0 from N days after an unpaid invoice was issued until it is paid.
 *   <li>Without a subscription object (not in staging), MRR stops at the end of the last billed
 *       period.
 * </ul>
 */
final class SubscriptionHistory {
  private SubscriptionHistory() {}

  private record Event(Instant at, boolean set, long value) {}

  private record Period(Instant start, Instant end) {}

  static MrrTimeline build(
      String subscriptionId,
      @Nullable Subscription sub,
      List<Line> lines,
      Map<String, Invoice> invoices,
      Set<String> meteredPrices,
      RevenueSettings settings,
      List<RevenueProblem> problems) {
    List<Line> usable = usableLines(lines, invoices, meteredPrices, settings, problems);

    // Whole-period lines by service period start; a re-issued invoice for the same period replaces
    // the earlier one (the latest created wins).
    Map<Instant, Map<String, Long>> cycleMrr = new TreeMap<>();
    List<Period> cyclePeriods = new ArrayList<>();
    for (Line l : usable) {
      if (l.proration()) {
        continue;
      }
      double months = MonthlyNormalization.months(l.periodStart(), l.periodEnd());
      long mrr = LineMrr.of(l.netCents(), months, fx(settings, l));
      cycleMrr
          .computeIfAbsent(l.periodStart(), k -> new HashMap<>())
          .merge(l.invoiceId(), mrr, Long::sum);
      cyclePeriods.add(new Period(l.periodStart(), l.periodEnd()));
    }
    List<Event> events = new ArrayList<>();
    for (Map.Entry<Instant, Map<String, Long>> e : cycleMrr.entrySet()) {
      String latest =
          e.getValue().keySet().stream()
              .max(
                  Comparator.comparing((String id) -> created(invoices, id))
                      .thenComparing(id -> id))
              .orElseThrow();
      events.add(new Event(e.getKey(), true, e.getValue().get(latest)));
    }
    for (Line l : usable) {
      if (!l.proration()) {
        continue;
      }
      Period full = covering(cyclePeriods, l.periodStart());
      if (full == null) {
        problems.add(
            problem(
                l,
                "period_start",
                "prorated line starting "
                    + l.periodStart()
                    + " lies in no whole billing period of subscription "
                    + subscriptionId
                    + ", so its prorate factor is unknown"));
        continue;
      }
      events.add(
          new Event(
              l.periodStart(),
              false,
              LineMrr.prorated(
                  l.netCents(),
                  full.start(),
                  full.end(),
                  l.periodStart(),
                  l.periodEnd(),
                  fx(settings, l))));
    }
    // Sets before adds at the same instant: a proration dated on a renewal adjusts the new period.
    events.sort(Comparator.comparing(Event::at).thenComparing(e -> !e.set()));
    MrrTimeline raw = new MrrTimeline();
    long current = 0;
    for (Event e : events) {
      current = e.set() ? e.value() : current + e.value();
      raw.set(e.at(), current);
    }
    return masked(raw, sub, usable, subscriptionId, lines, invoices, settings);
  }

  private static List<Line> usableLines(
      List<Line> lines,
      Map<String, Invoice> invoices,
      Set<String> meteredPrices,
      RevenueSettings settings,
      List<RevenueProblem> problems) {
    List<Line> usable = new ArrayList<>();
    for (Line l : lines) {
      Invoice inv = invoices.get(l.invoiceId());
      if (!"subscription".equals(l.lineType())
          || (inv != null && !inv.bills())
          || (l.priceId() != null && meteredPrices.contains(l.priceId()))) {
        continue;
      }
      if (l.periodStart() == null || l.periodEnd() == null) {
        problems.add(
            problem(
                l,
                l.periodStart() == null ? "period_start" : "period_end",
                "subscription line has no service period, so it cannot be normalised to a month"));
      } else if (!l.periodEnd().isAfter(l.periodStart())) {
        problems.add(
            problem(
                l,
                "period_end",
                "service period ends at or before it starts ("
                    + l.periodStart()
                    + " .. "
                    + l.periodEnd()
                    + ")"));
      } else if (!settings.fx().knows(l.currency())) {
        problems.add(
            problem(
                l,
                "currency",
                "no FX rate for currency '"
                    + l.currency()
                    + "' into "
                    + settings.reportingCurrency()
                    + ": add it to the rates option"));
      } else {
        usable.add(l);
      }
    }
    return usable;
  }

  private static MrrTimeline masked(
      MrrTimeline raw,
      @Nullable Subscription sub,
      List<Line> usable,
      String subscriptionId,
      List<Line> allLines,
      Map<String, Invoice> invoices,
      RevenueSettings settings) {
    Instant end = sub == null ? lastBilledEnd(usable) : sub.endedOrCanceledAt();
    if (sub != null && end == null && "canceled".equals(sub.status())) {
      end = lastBilledEnd(usable);
    }
    Instant zeroFrom =
        sub == null
            ? null
            : switch (sub.status()) {
              case "incomplete", "incomplete_expired" -> MrrTimeline.BEGINNING;
              case "trialing" ->
                  sub.trialStart() != null ? sub.trialStart() : MrrTimeline.BEGINNING;
              case "paused", "unpaid" ->
                  sub.currentPeriodStart() != null
                      ? sub.currentPeriodStart()
                      : MrrTimeline.BEGINNING;
              default -> null;
            };
    List<Period> unpaid = autoChurnWindows(subscriptionId, allLines, invoices, settings);

    TreeSet<Instant> breaks = new TreeSet<>(raw.steps().keySet());
    if (end != null) {
      breaks.add(end);
    }
    if (zeroFrom != null) {
      breaks.add(zeroFrom);
    }
    for (Period p : unpaid) {
      breaks.add(p.start());
      breaks.add(p.end());
    }
    MrrTimeline out = new MrrTimeline();
    long last = 0;
    for (Instant b : breaks) {
      boolean zero =
          (end != null && !b.isBefore(end))
              || (zeroFrom != null && !b.isBefore(zeroFrom))
              || unpaid.stream().anyMatch(p -> !b.isBefore(p.start()) && b.isBefore(p.end()));
      long v = zero ? 0 : raw.at(b);
      if (v != last || out.steps().isEmpty()) {
        out.set(b, v);
        last = v;
      }
    }
    return out;
  }

  /**
   * With auto-churn on: [issued + N days, paid) for every billing invoice of the subscription with
   * money due.
   */
  private static List<Period> autoChurnWindows(
      String subscriptionId,
      List<Line> lines,
      Map<String, Invoice> invoices,
      RevenueSettings settings) {
    List<Period> windows = new ArrayList<>();
    Integer days = settings.pastDueAutoChurnDays();
    if (days == null) {
      return windows;
    }
    Set<String> ids = new LinkedHashSet<>();
    lines.forEach(l -> ids.add(l.invoiceId()));
    invoices.values().stream()
        .filter(i -> subscriptionId.equals(i.subscriptionId()))
        .forEach(i -> ids.add(i.invoiceId()));
    for (String id : ids) {
      Invoice inv = invoices.get(id);
      if (inv == null || !inv.bills() || inv.amountDueCents() <= 0) {
        continue;
      }
      Instant from = inv.createdAt().plus(Duration.ofDays(days));
      Instant to = inv.paidAt() == null ? MrrTimeline.NEVER : inv.paidAt();
      if (to.isAfter(from)) {
        windows.add(new Period(from, to));
      }
    }
    return windows;
  }

  private static @Nullable Instant lastBilledEnd(List<Line> usable) {
    return usable.stream().map(Line::periodEnd).max(Comparator.naturalOrder()).orElse(null);
  }

  private static @Nullable Period covering(List<Period> periods, Instant t) {
    Period best = null;
    for (Period p : periods) {
      if (!t.isBefore(p.start())
          && t.isBefore(p.end())
          && (best == null || p.start().isAfter(best.start()))) {
        best = p;
      }
    }
    return best;
  }

  private static Instant created(Map<String, Invoice> invoices, String id) {
    Invoice inv = invoices.get(id);
    return inv == null ? MrrTimeline.BEGINNING : inv.createdAt();
  }

  private static double fx(RevenueSettings s, Line l) {
    return s.fx().factor(l.currency(), s.reportingCurrency(), MrrTimeline.dayOf(l.periodStart()));
  }

  static RevenueProblem problem(Line l, String field, String reason) {
    return new RevenueProblem(
        "invoice_lines",
        l.lineId(),
        "invoice_lines " + l.lineId() + ": " + field + " " + reason,
        field,
        l.toString());
  }
}
