package io.intelligencesuite.marts.revenue;

import io.intelligencesuite.marts.revenue.Billing.Invoice;
import io.intelligencesuite.marts.revenue.Billing.Item;
import io.intelligencesuite.marts.revenue.Billing.Line;
import io.intelligencesuite.marts.revenue.Billing.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Invoice-driven MRR history of one subscription, built per subscription item and summed (the
 * metrics dictionary's mrr rules 1, 2, 4 and 6, as ChartMogul and Stripe define them):
 *
 * <ul>
 *   <li>Lines that count: {@code subscription} lines, and prorations of the subscription that came
 *       as invoice items ({@link Line#recurring}), of invoices that bill (not draft, void or
 *       uncollectible); never metered prices nor one-off invoice items.
 *   <li>Rule 1, per item: each subscription item (the line's subscription_item; else the item that
 *       billed the same price; else the price) has its own rate. Its latest whole-period
 *       (non-proration) line sets it from the line's service period start, normalised by the
 *       price's own interval ({@link MonthlyNormalization}); the rate holds until that item's next
 *       whole-period line, so an item billed quarterly next to a monthly one keeps its rate between
 *       its invoices. An item no longer on the subscription (subscription_items) stops at the end
 *       of its last billed period, or earlier when a proration credits it.
 *   <li>A prorated line adds its MRR ({@link LineMrr#prorated}, negative for a credit) to its item
 *       from its own start, against the whole period of the same item and price that covers it: a
 *       mid-period change (seats, an upgrade with prorations) moves MRR on the change date.
 *   <li>Rule 2: a change that starts a new period ({@code billing_cycle_anchor=now}, monthly to
 *       yearly) bills a new whole-period line starting at the change and credits the old period's
 *       unused time. The credit belongs to the old period, so it is applied before the new line
 *       sets the rate at the same instant and never subtracted from the new rate.
 *   <li>Rule 4: a first stub before a future billing_cycle_anchor is a proration in no billed whole
 *       period; its whole period is the price's interval ending at the anchor, so the customer pays
 *       the plan's rate from the subscription's start.
 *   <li>The subscription object decides when it stops and whether it counts: MRR is 0 from ended_at
 *       (canceled_at for a canceled one without ended_at); 0 throughout for incomplete and
 *       incomplete_expired; 0 from trial_start for trialing and paused (a trial that ended without
 *       a payment method). Rule 7: 0 while collection is paused ({@link #pausedWindows}); unpaid is
 *       churn, from when a renewal was written off after its retries until a later invoice is paid
 *       ({@link #unpaidWindows}), else from the current period start for a subscription unpaid now.
 *       active and past_due count. With auto-churn set, MRR is also 0 from N days after an unpaid
 *       invoice was issued until it or a later invoice is paid.
 *   <li>Without a subscription object (not in staging), MRR stops at the end of the last billed
 *       period.
 * </ul>
 */
final class SubscriptionHistory {
  private SubscriptionHistory() {}

  /** Applied in this order at one instant: old-period credits, then sets, then adds. */
  /**
   * One line's (or one invoice's whole-period lines') effect on an item: its MRR at the line's own
   * rate (value), that rate (fx), and the same MRR at any other rate (atRate), for the FX split.
   */
  private record Event(
      Instant at,
      int order,
      boolean set,
      long value,
      double fx,
      java.util.function.DoubleToLongFunction atRate) {}

  private record Period(Instant start, Instant end, @Nullable String priceId) {}

  /**
   * What one counted line did, for {@code suite explain mrr}: the item it belongs to, whether it
   * set the item's rate or added to it, the months of its whole period, the prorate factor (whole
   * period / billed period, 1 for a whole-period line), the FX factor, and its MRR.
   */
  record LineEffect(
      Line line,
      String itemKey,
      boolean sets,
      double months,
      double prorateFactor,
      double fx,
      long mrrCents,
      Instant from)
      implements java.io.Serializable {}

  static MrrTimeline build(
      String subscriptionId,
      @Nullable Subscription sub,
      List<Line> lines,
      Map<String, Invoice> invoices,
      List<Item> subscriptionItems,
      Map<String, Item> itemsByPrice,
      Set<String> meteredPrices,
      RevenueSettings settings,
      List<RevenueProblem> problems,
      List<LineEffect> effects) {
    List<Line> usable = usableLines(lines, invoices, meteredPrices, settings, problems);
    Map<String, String> itemOfPrice = new HashMap<>();
    for (Line l : usable) {
      if (l.subscriptionItemId() != null && l.priceId() != null) {
        itemOfPrice.putIfAbsent(l.priceId(), l.subscriptionItemId());
      }
    }
    for (Item i : subscriptionItems) {
      if (i.priceId() != null) {
        itemOfPrice.putIfAbsent(i.priceId(), i.itemId());
      }
    }
    Map<String, List<Line>> byItem = new TreeMap<>();
    for (Line l : usable) {
      byItem.computeIfAbsent(itemKey(l, itemOfPrice), k -> new ArrayList<>()).add(l);
    }
    List<Period> subscriptionPeriods = new ArrayList<>();
    for (Line l : usable) {
      if (!l.proration()) {
        subscriptionPeriods.add(new Period(l.periodStart(), l.periodEnd(), l.priceId()));
      }
    }
    MrrTimeline total = new MrrTimeline();
    List<MrrTimeline> itemTimelines = new ArrayList<>();
    for (Map.Entry<String, List<Line>> e : byItem.entrySet()) {
      MrrTimeline t =
          itemHistory(
              subscriptionId,
              e.getKey(),
              e.getValue(),
              subscriptionPeriods,
              invoices,
              itemsByPrice,
              settings,
              problems,
              effects);
      Instant removed = removedAt(e.getKey(), e.getValue(), subscriptionItems);
      if (removed != null) {
        t.set(removed, 0);
        t.steps().tailMap(removed, false).clear();
        t.fx().tailMap(removed, true).clear();
      }
      itemTimelines.add(t);
    }
    TreeSet<Instant> instants = new TreeSet<>();
    itemTimelines.forEach(t -> instants.addAll(t.steps().keySet()));
    for (Instant at : instants) {
      long sum = 0;
      for (MrrTimeline t : itemTimelines) {
        sum += t.at(at);
      }
      total.set(at, sum);
    }
    itemTimelines.forEach(t -> t.fx().forEach(total::addFx));
    return masked(total, sub, usable, subscriptionId, lines, invoices, settings);
  }

  /** The item a line belongs to (see the class comment, rule 1). */
  static String itemKey(Line l, Map<String, String> itemOfPrice) {
    if (l.subscriptionItemId() != null) {
      return l.subscriptionItemId();
    }
    if (l.priceId() != null) {
      String item = itemOfPrice.get(l.priceId());
      return item != null ? item : "price:" + l.priceId();
    }
    return "subscription:" + l.subscriptionId();
  }

  private static MrrTimeline itemHistory(
      String subscriptionId,
      String key,
      List<Line> lines,
      List<Period> subscriptionPeriods,
      Map<String, Invoice> invoices,
      Map<String, Item> itemsByPrice,
      RevenueSettings settings,
      List<RevenueProblem> problems,
      List<LineEffect> effects) {
    // Whole-period lines by service period start; a re-issued invoice for the same period replaces
    // the earlier one (the latest created wins); lines of one invoice starting together are summed.
    Map<Instant, Map<String, Long>> cycleMrr = new TreeMap<>();
    Map<Instant, Map<String, List<LineEffect>>> cycleEffects = new TreeMap<>();
    Map<Instant, Map<String, List<java.util.function.DoubleToLongFunction>>> cycleAtRate =
        new TreeMap<>();
    List<Period> periods = new ArrayList<>();
    for (Line l : lines) {
      if (l.proration()) {
        continue;
      }
      Interval price = intervalOf(l, itemsByPrice);
      double months =
          MonthlyNormalization.months(
              price == null ? null : price.interval(),
              price == null ? null : price.count(),
              l.periodStart(),
              l.periodEnd());
      double fx = fx(settings, l);
      long mrr = LineMrr.of(l.netCents(), months, fx);
      cycleMrr
          .computeIfAbsent(l.periodStart(), k -> new HashMap<>())
          .merge(l.invoiceId(), mrr, Long::sum);
      cycleEffects
          .computeIfAbsent(l.periodStart(), k -> new HashMap<>())
          .computeIfAbsent(l.invoiceId(), k -> new ArrayList<>())
          .add(new LineEffect(l, key, true, months, 1.0, fx, mrr, l.periodStart()));
      cycleAtRate
          .computeIfAbsent(l.periodStart(), k -> new HashMap<>())
          .computeIfAbsent(l.invoiceId(), k -> new ArrayList<>())
          .add(rate -> LineMrr.of(l.netCents(), months, rate));
      periods.add(new Period(l.periodStart(), l.periodEnd(), l.priceId()));
    }
    List<Event> events = new ArrayList<>();
    for (Map.Entry<Instant, Map<String, Long>> e : cycleMrr.entrySet()) {
      String latest =
          e.getValue().keySet().stream()
              .max(
                  Comparator.comparing((String id) -> created(invoices, id))
                      .thenComparing(id -> id))
              .orElseThrow();
      List<LineEffect> counted = cycleEffects.get(e.getKey()).get(latest);
      List<java.util.function.DoubleToLongFunction> atRate =
          cycleAtRate.get(e.getKey()).get(latest);
      events.add(
          new Event(
              e.getKey(),
              1,
              true,
              e.getValue().get(latest),
              counted.get(0).fx(),
              rate -> atRate.stream().mapToLong(f -> f.applyAsLong(rate)).sum()));
      effects.addAll(counted);
    }
    for (Line l : lines) {
      if (!l.proration()) {
        continue;
      }
      Period full = covering(periods, subscriptionPeriods, l);
      if (full == null) {
        full = stubPeriod(l, periods, itemsByPrice);
      }
      if (full == null) {
        problems.add(
            problem(
                l,
                "period_start",
                "prorated line starting "
                    + l.periodStart()
                    + " lies in no whole billing period of subscription "
                    + subscriptionId
                    + " and its price's interval is unknown, so its prorate factor is unknown"));
        continue;
      }
      double fx = fx(settings, l);
      long mrr =
          LineMrr.prorated(
              l.netCents(), full.start(), full.end(), l.periodStart(), l.periodEnd(), fx);
      // A credit for an earlier period applies before a new period's line that starts at the same
      // instant (rule 2); a proration of the period starting now applies after it.
      int order = full.start().isBefore(l.periodStart()) ? 0 : 2;
      Period whole = full;
      events.add(
          new Event(
              l.periodStart(),
              order,
              false,
              mrr,
              fx,
              rate ->
                  LineMrr.prorated(
                      l.netCents(),
                      whole.start(),
                      whole.end(),
                      l.periodStart(),
                      l.periodEnd(),
                      rate)));
      effects.add(
          new LineEffect(
              l,
              key,
              false,
              MonthlyNormalization.months(full.start(), full.end()),
              (double) Duration.between(full.start(), full.end()).toMillis()
                  / Duration.between(l.periodStart(), l.periodEnd()).toMillis(),
              fx,
              mrr,
              l.periodStart()));
    }
    events.sort(Comparator.comparing(Event::at).thenComparingInt(Event::order));
    MrrTimeline raw = new MrrTimeline();
    long current = 0;
    Double rateBefore = null;
    for (int i = 0; i < events.size(); ) {
      // Rule 8: the part of a step due only to a new rate is FX: the item's MRR after every line
      // of the instant, minus the same lines at the rate in force before the instant (the item's
      // previous line's); exactly 0 while the rate does not change. All lines of one instant are
      // measured against that one rate (a change's credit and charge, or a credit that a new
      // period's line replaces), and the next instant against the rate of the instant's last line.
      Instant at = events.get(i).at();
      long atOldRate = current;
      double lastRate = events.get(i).fx();
      for (; i < events.size() && events.get(i).at().equals(at); i++) {
        Event e = events.get(i);
        long old =
            rateBefore == null || rateBefore == e.fx()
                ? e.value()
                : e.atRate().applyAsLong(rateBefore);
        current = e.set() ? e.value() : current + e.value();
        atOldRate = e.set() ? old : atOldRate + old;
        lastRate = e.fx();
      }
      if (current != atOldRate) {
        raw.addFx(at, current - atOldRate);
      }
      rateBefore = lastRate;
      raw.set(at, current);
    }
    return raw;
  }

  /**
   * When an item no longer on the subscription stopped: the end of its last billed period (a credit
   * proration may have zeroed it earlier). Null while it is on the subscription, or when the
   * subscription's items are not known (then every item counts until the subscription ends).
   */
  private static @Nullable Instant removedAt(String key, List<Line> lines, List<Item> current) {
    Set<String> currentKeys = new HashSet<>();
    for (Item i : current) {
      currentKeys.add(i.itemId());
      if (i.priceId() != null) {
        currentKeys.add("price:" + i.priceId());
      }
    }
    // Without the subscription's items in staging nothing is known to be removed (the
    // subscription's own price_id names only its first item, so it cannot stand in for them).
    if (currentKeys.isEmpty() || currentKeys.contains(key) || key.startsWith("subscription:")) {
      return null;
    }
    return lines.stream().map(Line::periodEnd).max(Comparator.naturalOrder()).orElse(null);
  }

  /**
   * The whole period a proration is measured against: the latest whole period of the same item and
   * price that holds the proration's whole span, else of the same item, else of the subscription.
   */
  private static @Nullable Period covering(
      List<Period> itemPeriods, List<Period> subscriptionPeriods, Line l) {
    Period p = covering(itemPeriods, l, true);
    if (p == null) {
      p = covering(itemPeriods, l, false);
    }
    return p != null ? p : covering(subscriptionPeriods, l, false);
  }

  private static @Nullable Period covering(List<Period> periods, Line l, boolean samePrice) {
    Period best = null;
    for (Period p : periods) {
      if ((!samePrice || java.util.Objects.equals(p.priceId(), l.priceId()))
          && !l.periodStart().isBefore(p.start())
          && !l.periodEnd().isAfter(p.end())
          && (best == null || p.start().isAfter(best.start()))) {
        best = p;
      }
    }
    return best;
  }

  /**
   * A first stub before a future billing_cycle_anchor (rule 4): the whole period is the price's
   * interval ending where the stub ends (the anchor), from the price when it is known ({@link
   * #intervalOf}), else the length of the item's next whole period starting at the anchor.
   */
  private static @Nullable Period stubPeriod(
      Line l, List<Period> itemPeriods, Map<String, Item> itemsByPrice) {
    Interval price = intervalOf(l, itemsByPrice);
    if (price != null) {
      return new Period(
          MonthlyNormalization.periodEndingAt(l.periodEnd(), price.interval(), price.count()),
          l.periodEnd(),
          l.priceId());
    }
    for (Period next : itemPeriods) {
      if (next.start().equals(l.periodEnd())) {
        return new Period(
            l.periodEnd().minus(Duration.between(next.start(), next.end())),
            l.periodEnd(),
            l.priceId());
      }
    }
    return null;
  }

  /** A price's recurring interval and interval_count. */
  private record Interval(String interval, long count) {}

  /**
   * The recurring interval of the line's price: carried on the line (the Stripe source copies it
   * from the price list, which holds archived prices too), else from a current subscription item
   * billing the same price; null when neither knows it. The line comes first because a price's
   * interval never changes and an item no longer on the subscription (a tier changed since) is not
   * in subscription_items.
   */
  private static @Nullable Interval intervalOf(Line l, Map<String, Item> itemsByPrice) {
    if (l.billingInterval() != null) {
      return new Interval(l.billingInterval(), l.intervalCount() == null ? 1 : l.intervalCount());
    }
    Item item = l.priceId() == null ? null : itemsByPrice.get(l.priceId());
    if (item == null || item.billingInterval() == null) {
      return null;
    }
    return new Interval(
        item.billingInterval(), item.intervalCount() == null ? 1 : item.intervalCount());
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
      if (!l.recurring()
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
    List<Invoice> ofSubscription = new ArrayList<>();
    for (Invoice i : invoices.values()) {
      if (subscriptionId.equals(i.subscriptionId())) {
        ofSubscription.add(i);
      }
    }
    List<Period> zeroWindows = new ArrayList<>();
    zeroWindows.addAll(autoChurnWindows(subscriptionId, allLines, invoices, settings));
    zeroWindows.addAll(pausedWindows(sub, usable, allLines, invoices));
    List<Period> unpaid = unpaidWindows(ofSubscription);
    zeroWindows.addAll(unpaid);
    boolean unpaidNowKnown = unpaid.stream().anyMatch(p -> p.end().equals(MrrTimeline.NEVER));
    Instant zeroFrom =
        sub == null
            ? null
            : switch (sub.status()) {
              case "incomplete", "incomplete_expired" -> MrrTimeline.BEGINNING;
              // paused: a trial that ended without a payment method, so it never paid (rule 7)
              case "trialing", "paused" ->
                  sub.trialStart() != null ? sub.trialStart() : MrrTimeline.BEGINNING;
              case "unpaid" ->
                  unpaidNowKnown
                      ? null
                      : sub.currentPeriodStart() != null
                          ? sub.currentPeriodStart()
                          : MrrTimeline.BEGINNING;
              default -> null;
            };

    TreeSet<Instant> breaks = new TreeSet<>(raw.steps().keySet());
    if (end != null) {
      breaks.add(end);
    }
    if (zeroFrom != null) {
      breaks.add(zeroFrom);
    }
    for (Period p : zeroWindows) {
      breaks.add(p.start());
      breaks.add(p.end());
    }
    MrrTimeline out = new MrrTimeline();
    long last = 0;
    for (Instant b : breaks) {
      boolean zero =
          (end != null && !b.isBefore(end))
              || (zeroFrom != null && !b.isBefore(zeroFrom))
              || zeroWindows.stream().anyMatch(p -> !b.isBefore(p.start()) && b.isBefore(p.end()));
      long v = zero ? 0 : raw.at(b);
      if (v != last || out.steps().isEmpty()) {
        out.set(b, v);
        last = v;
      }
    }
    // FX counts only where the subscription pays on both sides of the step: a step from or to 0
    // (new, churn, reactivation, a pause) is never split.
    raw.fx()
        .forEach(
            (at, cents) -> {
              Map.Entry<Instant, Long> before = out.steps().lowerEntry(at);
              if (out.at(at) != 0 && before != null && before.getValue() != 0) {
                out.addFx(at, cents);
              }
            });
    return out;
  }

  /**
   * With auto-churn on: [issued + N days, paid) for every billing invoice of the subscription with
   * money due, where paid is the first payment of that invoice or of any later invoice of the
   * subscription (rule 7: the customer who pays the next invoice is back on that day even if the
   * old one stays open).
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
      for (String other : ids) {
        Invoice later = invoices.get(other);
        if (later != null
            && later.paidAt() != null
            && later.amountPaidCents() > 0
            && later.createdAt().isAfter(inv.createdAt())
            && later.paidAt().isBefore(to)) {
          to = later.paidAt();
        }
      }
      if (to.isAfter(from)) {
        windows.add(new Period(from, to, null));
      }
    }
    return windows;
  }

  /**
   * Rule 7, pause_collection: the service periods whose whole-period invoice Stripe generated but
   * did not collect because collection was paused (void, draft or uncollectible, never attempted),
   * from the period start until the next whole-period line on an invoice that bills. Stripe keeps
   * only the current pause, so a period is read as paused when the subscription is paused now and
   * the period comes after its last billed one, or when it is a subscription_cycle invoice never
   * attempted that a billed period follows (a resumed pause). A re-issued period (a billed line
   * starting at the same instant) is not paused; an unbilled invoice with neither signal changes
   * nothing (the previous rate holds, ChartMogul's default for a missing renewal).
   */
  private static List<Period> pausedWindows(
      @Nullable Subscription sub,
      List<Line> usable,
      List<Line> allLines,
      Map<String, Invoice> invoices) {
    TreeSet<Instant> billedStarts = new TreeSet<>();
    for (Line l : usable) {
      if (!l.proration()) {
        billedStarts.add(l.periodStart());
      }
    }
    boolean pausedNow = sub != null && sub.collectionPaused();
    List<Period> windows = new ArrayList<>();
    for (Line l : allLines) {
      Invoice inv = invoices.get(l.invoiceId());
      if (inv == null
          || inv.bills()
          || l.proration()
          || l.periodStart() == null
          || !inv.neverAttempted()
          || billedStarts.contains(l.periodStart())) {
        continue;
      }
      Instant next = billedStarts.higher(l.periodStart());
      boolean paused = next == null ? pausedNow : inv.cycle();
      if (paused) {
        windows.add(new Period(l.periodStart(), next == null ? MrrTimeline.NEVER : next, null));
      }
    }
    return windows;
  }

  /**
   * Rule 7, unpaid: a renewal (subscription_cycle) invoice written off after failed payment
   * attempts means Stripe exhausted its retries, when the subscription becomes unpaid (Stripe's
   * analytics: unpaid is churn). MRR is 0 from marked_uncollectible_at until a later invoice of the
   * subscription is paid (reactivation on that payment day).
   */
  private static List<Period> unpaidWindows(List<Invoice> ofSubscription) {
    List<Period> windows = new ArrayList<>();
    for (Invoice inv : ofSubscription) {
      if (!"uncollectible".equals(inv.status())
          || !inv.cycle()
          || inv.neverAttempted()
          || inv.markedUncollectibleAt() == null) {
        continue;
      }
      Instant from = inv.markedUncollectibleAt();
      Instant to = MrrTimeline.NEVER;
      for (Invoice later : ofSubscription) {
        if (later.paidAt() != null
            && later.amountPaidCents() > 0
            && later.paidAt().isAfter(from)
            && later.paidAt().isBefore(to)) {
          to = later.paidAt();
        }
      }
      windows.add(new Period(from, to, null));
    }
    return windows;
  }

  private static @Nullable Instant lastBilledEnd(List<Line> usable) {
    return usable.stream().map(Line::periodEnd).max(Comparator.naturalOrder()).orElse(null);
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
