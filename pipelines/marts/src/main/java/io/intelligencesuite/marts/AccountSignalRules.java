package io.intelligencesuite.marts;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rules of {@code account_signals}, in one place (docs/account-signals.md describes them in
 * words): one company's weeks from its paying days, core-feature use, active users, billed seats
 * and charges. A pure function, so the rules are tested on hand-built inputs without a pipeline.
 *
 * <p>Every measure looks at the 28 days ending on the week's last day ({@link #WINDOW_DAYS}), and a
 * trend compares them with the 28 days before: four weeks smooth out a school holiday week, and two
 * windows are the shortest comparison that survives one quiet week.
 *
 * <p>Churn drivers ({@code churn_risk}):
 *
 * <ul>
 *   <li>{@value #USAGE_DECLINE}: core-feature events in the last 28 days are at most {@value
 *       #DECLINE_RATIO} of the 28 days before, which had at least {@value #MIN_BASELINE_EVENTS}
 *       (fewer is too little use to call a trend). Disengagement precedes cancellation.
 *   <li>{@value #PAYMENT_FAILED}: at least one failed charge in the last 28 days. A failed renewal
 *       that is never recovered ends the subscription after Stripe's retries (involuntary churn).
 * </ul>
 *
 * <p>Expansion signals ({@code expansion}):
 *
 * <ul>
 *   <li>{@value #SEATS_FULL}: seats used (distinct active users in the 28 days) reach the seats
 *       paid: the next colleague needs another seat.
 *   <li>{@value #USAGE_GROWTH}: core-feature events in the last 28 days are at least {@value
 *       #GROWTH_RATIO} times the 28 days before (with at least {@value #MIN_BASELINE_EVENTS} then).
 * </ul>
 */
public final class AccountSignalRules {
  public static final int WINDOW_DAYS = 28;
  public static final long MIN_BASELINE_EVENTS = 8;
  public static final double DECLINE_RATIO = 0.5;
  public static final double GROWTH_RATIO = 1.5;

  public static final String USAGE_DECLINE = "usage_decline";
  public static final String PAYMENT_FAILED = "payment_failed";
  public static final String SEATS_FULL = "seats_full";
  public static final String USAGE_GROWTH = "usage_growth";

  private AccountSignalRules() {}

  /** A subscription's MRR on one day it is live (fact_subscription). */
  public record SubscriptionDay(LocalDate date, String subscriptionId, long mrrCents)
      implements Serializable {}

  /** Events of one feature on one day (fact_usage). */
  public record FeatureDay(LocalDate date, String feature, long events) implements Serializable {}

  /** A user with a product event on a day. */
  public record UserDay(LocalDate date, String userId) implements Serializable {}

  /**
   * A subscription invoice line with a quantity: the seats one item bills for its service period
   * [periodStartMillis, periodEndMillis).
   */
  public record SeatLine(
      String subscriptionId,
      String itemId,
      long periodStartMillis,
      long periodEndMillis,
      long quantity)
      implements Serializable {}

  /** One charge attempt. */
  public record Charge(LocalDate date, boolean failed) implements Serializable {}

  /** One company's inputs. */
  public record Inputs(
      List<SubscriptionDay> subscriptionDays,
      List<FeatureDay> usage,
      List<UserDay> activeUsers,
      List<SeatLine> seatLines,
      List<Charge> charges)
      implements Serializable {}

  /** One week's signals: an account_signals row without the company. */
  public record Week(
      LocalDate week,
      LocalDate weekEnd,
      long mrrCents,
      long coreEvents4w,
      long coreEventsPrev4w,
      Double usageTrend,
      Map<String, long[]> featureTrends,
      List<String> decliningFeatures,
      long seatsUsed,
      Long seatsPaid,
      long failedPayments4w,
      List<String> churnRiskRules,
      List<String> expansionRules) {

    public Double seatUtilisation() {
      return seatsPaid == null || seatsPaid == 0 ? null : (double) seatsUsed / seatsPaid;
    }
  }

  /**
   * The company's weeks, oldest first: every ISO week (Monday) up to the one holding {@code asOf}
   * in which the company pays on the week's last day (the Sunday, or {@code asOf}). A week it
   * churns in has no row: its signals could no longer change the outcome.
   */
  public static List<Week> weeks(List<String> coreFeatures, LocalDate asOf, Inputs in) {
    TreeMap<LocalDate, Long> mrrByDay = new TreeMap<>();
    Map<LocalDate, Set<String>> liveSubscriptions = new HashMap<>();
    for (SubscriptionDay d : in.subscriptionDays()) {
      if (d.mrrCents() > 0 && !d.date().isAfter(asOf)) {
        mrrByDay.merge(d.date(), d.mrrCents(), Long::sum);
        liveSubscriptions.computeIfAbsent(d.date(), k -> new TreeSet<>()).add(d.subscriptionId());
      }
    }
    List<Week> out = new ArrayList<>();
    if (mrrByDay.isEmpty()) {
      return out;
    }
    for (LocalDate monday = mrrByDay.firstKey().with(DayOfWeek.MONDAY);
        !monday.isAfter(asOf);
        monday = monday.plusWeeks(1)) {
      LocalDate end = monday.plusDays(6).isAfter(asOf) ? asOf : monday.plusDays(6);
      Long mrr = mrrByDay.get(end);
      if (mrr == null) {
        continue;
      }
      out.add(week(coreFeatures, monday, end, mrr, liveSubscriptions.get(end), in));
    }
    return out;
  }

  private static Week week(
      List<String> coreFeatures,
      LocalDate monday,
      LocalDate end,
      long mrr,
      Set<String> live,
      Inputs in) {
    LocalDate from = end.minusDays(WINDOW_DAYS - 1);
    LocalDate prevFrom = from.minusDays(WINDOW_DAYS);
    Map<String, long[]> trends = new TreeMap<>();
    coreFeatures.forEach(f -> trends.put(f, new long[2]));
    for (FeatureDay u : in.usage()) {
      long[] t = trends.get(u.feature());
      if (t != null && !u.date().isAfter(end) && !u.date().isBefore(prevFrom)) {
        t[u.date().isBefore(from) ? 1 : 0] += u.events();
      }
    }
    long now = 0;
    long before = 0;
    List<String> declining = new ArrayList<>();
    for (Map.Entry<String, long[]> t : trends.entrySet()) {
      now += t.getValue()[0];
      before += t.getValue()[1];
      if (declined(t.getValue()[0], t.getValue()[1])) {
        declining.add(t.getKey());
      }
    }
    Set<String> users = new HashSet<>();
    for (UserDay u : in.activeUsers()) {
      if (!u.date().isAfter(end) && !u.date().isBefore(from)) {
        users.add(u.userId());
      }
    }
    long failed =
        in.charges().stream()
            .filter(c -> c.failed() && !c.date().isAfter(end) && !c.date().isBefore(from))
            .count();
    Long seatsPaid = seatsPaid(in.seatLines(), live, end);

    List<String> risk = new ArrayList<>();
    if (declined(now, before)) {
      risk.add(USAGE_DECLINE);
    }
    if (failed > 0) {
      risk.add(PAYMENT_FAILED);
    }
    List<String> expansion = new ArrayList<>();
    if (seatsPaid != null && seatsPaid > 0 && users.size() >= seatsPaid) {
      expansion.add(SEATS_FULL);
    }
    if (before >= MIN_BASELINE_EVENTS && now >= GROWTH_RATIO * before) {
      expansion.add(USAGE_GROWTH);
    }
    return new Week(
        monday,
        end,
        mrr,
        now,
        before,
        before == 0 ? null : (double) now / before - 1,
        trends,
        declining,
        users.size(),
        seatsPaid,
        failed,
        risk,
        expansion);
  }

  /** The usage_decline rule on one pair of windows. */
  static boolean declined(long now, long before) {
    return before >= MIN_BASELINE_EVENTS && now <= DECLINE_RATIO * before;
  }

  /**
   * Seats billed on {@code day}: for each subscription live that day, each item's line covering the
   * day that started last (a mid-period quantity change bills its new quantity from the change on,
   * in a proration line that starts after the cycle's line), then the largest quantity among the
   * subscription's items (the per-seat item; add-ons bill one per account); summed over the
   * subscriptions. Null when no line covers the day.
   */
  static Long seatsPaid(List<SeatLine> lines, Set<String> live, LocalDate day) {
    long dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    long dayEnd = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    Map<String, Map<String, SeatLine>> latest = new TreeMap<>();
    for (SeatLine l : lines) {
      if (live == null
          || !live.contains(l.subscriptionId())
          || l.periodStartMillis() >= dayEnd
          || l.periodEndMillis() <= dayStart) {
        continue;
      }
      latest
          .computeIfAbsent(l.subscriptionId(), k -> new TreeMap<>())
          .merge(
              l.itemId(),
              l,
              (a, b) ->
                  b.periodStartMillis() > a.periodStartMillis()
                          || (b.periodStartMillis() == a.periodStartMillis()
                              && b.quantity() > a.quantity())
                      ? b
                      : a);
    }
    if (latest.isEmpty()) {
      return null;
    }
    long seats = 0;
    for (Map<String, SeatLine> items : latest.values()) {
      seats += items.values().stream().mapToLong(SeatLine::quantity).max().orElse(0);
    }
    return seats;
  }
}
