package io.intelligencesuite.marts.revenue;

import io.intelligencesuite.marts.revenue.Billing.Invoice;
import io.intelligencesuite.marts.revenue.Billing.Item;
import io.intelligencesuite.marts.revenue.Billing.Line;
import io.intelligencesuite.marts.revenue.Billing.Subscription;
import io.intelligencesuite.marts.revenue.CustomerRevenue.SubscriptionDay;
import io.intelligencesuite.marts.revenue.CustomerRevenue.Summary;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The revenue engine for one customer, plain Java: invoice-driven MRR per subscription ({@link
 * SubscriptionHistory}), summed per customer at the end of each day it changed, classified into
 * movements ({@link MovementClassifier}), expanded into subscription-days, the dim_customer summary
 * and cohort cells. Nothing after {@code settings.asOf()} is produced.
 *
 * <p>Cost: the MRR history is event-based (a few steps per invoice), so movements cost O(lines log
 * lines) per customer. Only fact_subscription is per day: one row per subscription per day it is
 * live, i.e. sum over subscriptions of their lifetime in days.
 */
public final class RevenueEngine {
  private RevenueEngine() {}

  public static CustomerRevenue compute(CustomerBilling in, RevenueSettings settings) {
    return compute(in, settings, new ArrayList<>());
  }

  /**
   * As {@link #compute(CustomerBilling, RevenueSettings)}, also collecting what each counted line
   * did into {@code effects} (for {@code suite explain mrr}).
   */
  static CustomerRevenue compute(
      CustomerBilling in, RevenueSettings settings, List<SubscriptionHistory.LineEffect> effects) {
    List<RevenueProblem> problems = new ArrayList<>();
    Map<String, Invoice> invoices = new HashMap<>();
    in.invoices().forEach(i -> invoices.put(i.invoiceId(), i));
    Set<String> metered = new HashSet<>();
    for (Item item : in.items()) {
      if (item.metered() && item.priceId() != null) {
        metered.add(item.priceId());
      }
    }
    Map<String, Subscription> subs = new LinkedHashMap<>();
    in.subscriptions().forEach(s -> subs.put(s.subscriptionId(), s));
    Map<String, List<Line>> linesBySub = new TreeMap<>();
    subs.keySet().forEach(id -> linesBySub.put(id, new ArrayList<>()));
    for (Line l : in.lines()) {
      if (!l.recurring()) {
        continue; // one-off invoice items are never MRR
      }
      if (l.subscriptionId() == null) {
        problems.add(
            SubscriptionHistory.problem(
                l,
                "subscription_id",
                "is missing on a subscription line, so the line belongs to no subscription"));
        continue;
      }
      linesBySub.computeIfAbsent(l.subscriptionId(), k -> new ArrayList<>()).add(l);
    }

    Map<String, List<Item>> itemsBySub = new HashMap<>();
    Map<String, Item> itemsByPrice = new HashMap<>();
    for (Item item : in.items()) {
      itemsBySub.computeIfAbsent(item.subscriptionId(), k -> new ArrayList<>()).add(item);
      if (item.priceId() != null) {
        itemsByPrice.putIfAbsent(item.priceId(), item);
      }
    }
    Map<String, MrrTimeline> timelines = new TreeMap<>();
    for (Map.Entry<String, List<Line>> e : linesBySub.entrySet()) {
      timelines.put(
          e.getKey(),
          SubscriptionHistory.build(
              e.getKey(),
              subs.get(e.getKey()),
              e.getValue(),
              invoices,
              itemsBySub.getOrDefault(e.getKey(), List.of()),
              itemsByPrice,
              metered,
              settings,
              problems,
              effects));
    }

    // The customer's total at the end of every day on which any subscription's MRR stepped.
    LocalDate asOf = settings.asOf();
    TreeSet<LocalDate> days = new TreeSet<>();
    Map<LocalDate, Instant> lastChangeAt = new HashMap<>();
    for (MrrTimeline t : timelines.values()) {
      for (Instant at : t.steps().keySet()) {
        LocalDate d = MrrTimeline.dayOf(at);
        if (!d.isAfter(asOf)) {
          days.add(d);
          lastChangeAt.merge(d, at, (a, b) -> a.isAfter(b) ? a : b);
        }
      }
    }
    NavigableMap<LocalDate, Long> endOfDay = new TreeMap<>();
    for (LocalDate d : days) {
      long total = 0;
      for (MrrTimeline t : timelines.values()) {
        total += t.endOfDay(d);
      }
      endOfDay.put(d, total);
    }
    Map<LocalDate, Long> fxOfDay = new HashMap<>();
    for (MrrTimeline t : timelines.values()) {
      t.fx().forEach((at, cents) -> fxOfDay.merge(MrrTimeline.dayOf(at), cents, Long::sum));
    }
    List<Movement> movements =
        MovementClassifier.classify(in.customerId(), endOfDay, lastChangeAt, fxOfDay);
    List<CohortRetention.Cell> cells =
        CohortRetention.cells(movements, d -> CohortRetention.total(endOfDay, d), asOf);
    List<SubscriptionDay> subscriptionDays = new ArrayList<>();
    for (Map.Entry<String, MrrTimeline> e : timelines.entrySet()) {
      subscriptionDays(
          e.getKey(),
          subs.get(e.getKey()),
          linesBySub.get(e.getKey()),
          e.getValue(),
          invoices,
          asOf,
          subscriptionDays);
    }
    Summary summary = summary(in, movements, timelines, subs, linesBySub, endOfDay, asOf);
    return new CustomerRevenue(
        in.customerId(), movements, subscriptionDays, summary, cells, endOfDay, problems);
  }

  /**
   * Days from creation to the end (or the as-of day), with MRR and status at the end of each day.
   */
  private static void subscriptionDays(
      String id,
      @Nullable Subscription sub,
      List<Line> lines,
      MrrTimeline timeline,
      Map<String, Invoice> invoices,
      LocalDate asOf,
      List<SubscriptionDay> out) {
    Instant start =
        sub != null ? sub.createdAt() : first(lines, Line::periodStart, Comparator.naturalOrder());
    if (start == null) {
      return;
    }
    Instant end =
        sub != null
            ? sub.endedOrCanceledAt()
            : first(lines, Line::periodEnd, Comparator.reverseOrder());
    LocalDate last =
        end == null || MrrTimeline.dayOf(end).isAfter(asOf) ? asOf : MrrTimeline.dayOf(end);
    List<Invoice> owed = new ArrayList<>();
    for (Invoice inv : invoices.values()) {
      if (id.equals(inv.subscriptionId())
          && inv.bills()
          && inv.amountDueCents() > 0
          && ("open".equals(inv.status()) || "paid".equals(inv.status()))) {
        owed.add(inv);
      }
    }
    for (LocalDate d = MrrTimeline.dayOf(start); !d.isAfter(last); d = d.plusDays(1)) {
      out.add(new SubscriptionDay(id, d, statusOn(sub, d, end, owed, asOf), timeline.endOfDay(d)));
    }
  }

  /**
   * Status at the end of a day, rebuilt from what is known (Stripe only keeps the current status):
   * canceled from the end day; trialing before trial_end; a non-counting current status
   * (incomplete, paused, unpaid...) from when it zeroes MRR; past_due while an invoice issued on an
   * earlier day is still unpaid; the current status on the as-of day; else active.
   */
  private static String statusOn(
      @Nullable Subscription sub,
      LocalDate d,
      @Nullable Instant end,
      List<Invoice> owed,
      LocalDate asOf) {
    Instant dayStart = MrrTimeline.startOf(d);
    Instant dayEnd = MrrTimeline.startOf(d.plusDays(1));
    if (end != null && end.isBefore(dayEnd)) {
      return "canceled";
    }
    if (sub == null) {
      return "active";
    }
    if (sub.trialEnd() != null && !sub.trialEnd().isBefore(dayEnd)) {
      return "trialing";
    }
    String now = sub.status();
    boolean nonCounting = now.equals("paused") || now.equals("unpaid");
    if (now.startsWith("incomplete")
        || (nonCounting
            && (sub.currentPeriodStart() == null || sub.currentPeriodStart().isBefore(dayEnd)))) {
      return now;
    }
    if (d.equals(asOf) && !now.equals("canceled")) {
      return now;
    }
    for (Invoice inv : owed) {
      if (inv.createdAt().isBefore(dayStart)
          && (inv.paidAt() == null || !inv.paidAt().isBefore(dayEnd))) {
        return "past_due";
      }
    }
    return "active";
  }

  private static @Nullable Summary summary(
      CustomerBilling in,
      List<Movement> movements,
      Map<String, MrrTimeline> timelines,
      Map<String, Subscription> subs,
      Map<String, List<Line>> linesBySub,
      NavigableMap<LocalDate, Long> endOfDay,
      LocalDate asOf) {
    if (movements.isEmpty()) {
      return null; // never paid: not a customer in dim_customer's sense
    }
    long mrr = CohortRetention.total(endOfDay, asOf);
    Instant firstPaid =
        in.invoices().stream()
            .filter(
                i ->
                    i.amountPaidCents() > 0
                        && i.paidAt() != null
                        && !MrrTimeline.dayOf(i.paidAt()).isAfter(asOf))
            .map(Invoice::paidAt)
            .min(Comparator.naturalOrder())
            .orElse(null);
    String status;
    Instant churnedAt = null;
    if (mrr == 0) {
      status = "churned";
      churnedAt = movements.get(movements.size() - 1).at();
    } else {
      boolean pastDue =
          timelines.entrySet().stream()
              .anyMatch(
                  e ->
                      e.getValue().endOfDay(asOf) > 0
                          && subs.get(e.getKey()) != null
                          && "past_due".equals(subs.get(e.getKey()).status()));
      status = pastDue ? "past_due" : "active";
    }
    // The plan of the subscription paying most now; for a churned customer, of the last one that
    // paid.
    String plan = null;
    long best = Long.MIN_VALUE;
    Instant latestPaying = null;
    for (Map.Entry<String, MrrTimeline> e : timelines.entrySet()) {
      long now = e.getValue().endOfDay(asOf);
      Instant lastPositive =
          e.getValue().steps().entrySet().stream()
              .filter(s -> s.getValue() > 0)
              .map(Map.Entry::getKey)
              .max(Comparator.naturalOrder())
              .orElse(null);
      if (lastPositive == null) {
        continue;
      }
      boolean better =
          mrr > 0 ? now > best : latestPaying == null || lastPositive.isAfter(latestPaying);
      if (better) {
        best = now;
        latestPaying = lastPositive;
        plan = planOf(subs.get(e.getKey()), linesBySub.get(e.getKey()));
      }
    }
    return new Summary(in.customerId(), firstPaid, mrr, status, churnedAt, plan);
  }

  private static @Nullable String planOf(@Nullable Subscription sub, List<Line> lines) {
    if (sub != null && sub.priceId() != null) {
      return sub.priceId();
    }
    return lines.stream()
        .filter(l -> l.periodStart() != null && l.amountCents() > 0)
        .max(Comparator.comparing(Line::periodStart))
        .map(Line::priceId)
        .orElse(null);
  }

  /** The first of the lines' non-null times in this order, or null if none has one. */
  private static @Nullable Instant first(
      List<Line> lines, Function<Line, @Nullable Instant> time, Comparator<Instant> order) {
    return lines.stream().map(time).filter(x -> x != null).min(order).orElse(null);
  }
}
