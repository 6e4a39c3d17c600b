package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Feature usage in the backend: what a school's staff do in the product, how activation is
 * measured, and how usage fades in the two months before a school churns.
 */
final class ProductUsage {
  /**
   * Activation as the metrics dictionary defines it: at least {@code ACTIVATION_FEATURES} distinct
   * core features used, on at least {@code ACTIVATION_DAYS} distinct (UTC) days, within the trial.
   * Kept equal to the dictionary's parameters by a test, so truth and marts use one definition.
   */
  static final int ACTIVATION_FEATURES = 3;

  static final int ACTIVATION_DAYS = 2;
  private static final long DECAY = 60 * SimCalendar.DAY;

  private ProductUsage() {}

  static ProductEvent event(Company c, BackendUser u, String feature, long at, Rng r) {
    String name;
    String props;
    int klass = r.between(1, Math.max(2, c.students / 25));
    switch (feature) {
      case "attendance" -> {
        name = "attendance.marked";
        int size = r.between(12, 30);
        int absent = r.poisson(1.5);
        props =
            "{\"class_id\":"
                + klass
                + ",\"present\":"
                + (size - Math.min(size, absent))
                + ",\"absent\":"
                + Math.min(size, absent)
                + "}";
      }
      case "gradebook" -> {
        name = r.chance(0.8) ? "gradebook.grade_entered" : "gradebook.assessment_created";
        props = "{\"class_id\":" + klass + ",\"grades\":" + r.between(1, 30) + "}";
      }
      case "timetable" -> {
        name = r.chance(0.7) ? "timetable.lesson_scheduled" : "timetable.published";
        props =
            "{\"week\":"
                + SimCalendar.date(at).get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR)
                + "}";
      }
      case "messaging" -> {
        name = "messaging.message_sent";
        props =
            "{\"recipients\":"
                + r.between(1, 60)
                + ",\"channel\":\""
                + r.pick(new String[] {"app", "email", "sms"})
                + "\"}";
      }
      case "billing" -> {
        name = "billing.fee_invoice_created";
        props = "{\"invoices\":" + r.between(1, 40) + "}";
      }
      case "reports" -> {
        name = "reports.report_generated";
        props =
            "{\"report\":\""
                + r.pick(new String[] {"report_card", "attendance_summary", "class_list"})
                + "\"}";
      }
      default -> {
        name = "parent_portal.parent_invited";
        props = "{\"invites\":" + r.between(1, 25) + "}";
      }
    }
    return new ProductEvent(at, u.userId(), u.accountId(), name, feature, props);
  }

  /** First instant at which the school meets the activation definition, or null. */
  static Long activationTime(List<ProductEvent> sortedEvents) {
    Set<String> features = new HashSet<>();
    Set<Long> days = new HashSet<>();
    for (ProductEvent e : sortedEvents) {
      if (!java.util.Arrays.asList(MarketSimulation.CORE).contains(e.feature())) {
        continue;
      }
      features.add(e.feature());
      days.add(Math.floorDiv(e.occurredAt(), SimCalendar.DAY));
      if (features.size() >= ACTIVATION_FEATURES && days.size() >= ACTIVATION_DAYS) {
        return e.occurredAt();
      }
    }
    return null;
  }

  /**
   * How active a school is at t, from 0 (not a user) to 1. Inside the last 60 days before a window
   * ends (churn), usage fades linearly to 15%: the signal churn models look for.
   */
  static double activity(Company c, long t) {
    for (long[] win : c.activeWindows) {
      if (t >= win[0] && t < win[1]) {
        if (win[1] != Long.MAX_VALUE
            && win[1] - t < DECAY
            && !(win[1] == c.trialEndsAt && c.converted)) {
          return Math.max(0.15, (double) (win[1] - t) / DECAY);
        }
        return 1;
      }
    }
    return 0;
  }

  /** Usage after the trial, week by week, for as long as the school pays. */
  static List<ProductEvent> paidUsage(Company c, Rng r) {
    List<ProductEvent> out = new ArrayList<>();
    if (!c.converted) {
      return out;
    }
    double engagement = 0.35 + 0.4 * c.fit;
    for (long week = c.trialEndsAt; week < SimCalendar.AS_OF; week += 7 * SimCalendar.DAY) {
      double a = activity(c, week);
      if (a <= 0) {
        continue;
      }
      for (BackendUser u : c.users) {
        if (!r.chance(engagement * a)) {
          continue;
        }
        int k = 1 + r.poisson(1.0 * a);
        for (int i = 0; i < k; i++) {
          long at = week + r.nextLong(7 * SimCalendar.DAY);
          if (at >= SimCalendar.AS_OF || activity(c, at) <= 0) {
            continue;
          }
          String feature =
              r.chance(0.65) ? r.pick(MarketSimulation.CORE) : r.pick(MarketSimulation.OTHER);
          out.add(event(c, u, feature, at, r));
        }
      }
    }
    return out;
  }
}
