package io.intelligencesuite.marts;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.marts.AccountSignalRules.Charge;
import io.intelligencesuite.marts.AccountSignalRules.FeatureDay;
import io.intelligencesuite.marts.AccountSignalRules.Inputs;
import io.intelligencesuite.marts.AccountSignalRules.SeatLine;
import io.intelligencesuite.marts.AccountSignalRules.SubscriptionDay;
import io.intelligencesuite.marts.AccountSignalRules.UserDay;
import io.intelligencesuite.marts.AccountSignalRules.Week;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.Test;

/**
 * The account_signals rules on hand-built weeks. The as-of day 2026-03-15 is a Sunday, so the last
 * week is Monday 2026-03-09 to 2026-03-15; its 28-day window is 2026-02-16..03-15 and the window
 * before it 2026-01-19..02-15.
 */
public class AccountSignalRulesTest {
  static final List<String> CORE = List.of("attendance", "gradebook", "timetable");
  static final LocalDate AS_OF = LocalDate.parse("2026-03-15");

  static List<SubscriptionDay> paying(String sub, String from, String to, long mrr) {
    List<SubscriptionDay> days = new ArrayList<>();
    for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
      days.add(new SubscriptionDay(d, sub, mrr));
    }
    return days;
  }

  static long millis(String day) {
    return LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  static Week last(List<Week> weeks) {
    return weeks.get(weeks.size() - 1);
  }

  @Test
  public void decliningUseAFailedChargeAndEveryPaidSeatInUse() {
    Inputs in =
        new Inputs(
            paying("s1", "2026-01-05", "2026-03-15", 5000),
            List.of(
                new FeatureDay(LocalDate.parse("2026-02-01"), "attendance", 10), // before
                new FeatureDay(LocalDate.parse("2026-03-10"), "attendance", 2), // now
                new FeatureDay(LocalDate.parse("2026-01-20"), "gradebook", 4), // before
                new FeatureDay(LocalDate.parse("2026-03-01"), "gradebook", 4), // now
                new FeatureDay(LocalDate.parse("2026-03-02"), "messaging", 50), // not core
                new FeatureDay(LocalDate.parse("2026-01-10"), "timetable", 30)), // too early
            List.of(
                new UserDay(LocalDate.parse("2026-03-01"), "u1"),
                new UserDay(LocalDate.parse("2026-03-10"), "u1"),
                new UserDay(LocalDate.parse("2026-03-14"), "u2"),
                new UserDay(LocalDate.parse("2026-02-10"), "u3")), // before the window
            List.of(
                new SeatLine("s1", "si1", millis("2026-02-05"), millis("2026-03-05"), 5),
                new SeatLine("s1", "si1", millis("2026-03-05"), millis("2026-04-05"), 5),
                // Seats cut to 2 on 03-12: the proration line starts later, so it wins.
                new SeatLine("s1", "si1", millis("2026-03-12"), millis("2026-04-05"), 2),
                // An add-on billed once per account: not the seat item.
                new SeatLine("s1", "si2", millis("2026-03-05"), millis("2026-04-05"), 1)),
            List.of(
                new Charge(LocalDate.parse("2026-03-01"), true),
                new Charge(LocalDate.parse("2026-03-02"), false),
                new Charge(LocalDate.parse("2026-02-10"), true))); // before the window
    List<Week> weeks = AccountSignalRules.weeks(CORE, AS_OF, in);
    // Mondays 01-05 .. 03-09: ten weeks, each paid on its Sunday.
    assertEquals(10, weeks.size());
    assertEquals(LocalDate.parse("2026-01-05"), weeks.get(0).week());
    Week w = last(weeks);
    assertEquals(LocalDate.parse("2026-03-09"), w.week());
    assertEquals(LocalDate.parse("2026-03-15"), w.weekEnd());
    assertEquals(5000, w.mrrCents());
    // Core now: attendance 2 + gradebook 4 = 6; before: 10 + 4 = 14. 6 <= 0.5 x 14 = 7.
    assertEquals(6, w.coreEvents4w());
    assertEquals(14, w.coreEventsPrev4w());
    assertEquals(6.0 / 14 - 1, w.usageTrend(), 1e-12);
    // attendance 2 <= 5 with 10 >= 8 before; gradebook had only 4 before: too few to judge.
    assertEquals(List.of("attendance"), w.decliningFeatures());
    assertArrayEquals(new long[] {2, 10}, w.featureTrends().get("attendance"));
    assertArrayEquals(new long[] {4, 4}, w.featureTrends().get("gradebook"));
    assertArrayEquals(new long[] {0, 0}, w.featureTrends().get("timetable"));
    assertEquals(2, w.seatsUsed()); // u1, u2
    assertEquals(Long.valueOf(2), w.seatsPaid()); // si1's 2 (latest line), not the add-on's 1
    assertEquals(1.0, w.seatUtilisation(), 0);
    assertEquals(1, w.failedPayments4w());
    assertEquals(
        List.of(AccountSignalRules.USAGE_DECLINE, AccountSignalRules.PAYMENT_FAILED),
        w.churnRiskRules());
    assertEquals(List.of(AccountSignalRules.SEATS_FULL), w.expansionRules());
  }

  @Test
  public void growthNeedsOneAndAHalfTimesABaselineOfEight() {
    // Before: 8 timetable events; now 12 = 1.5 x 8: growth. With 11 it is not.
    Inputs grows =
        new Inputs(
            paying("s1", "2026-03-15", "2026-03-15", 100),
            List.of(
                new FeatureDay(LocalDate.parse("2026-02-15"), "timetable", 8),
                new FeatureDay(LocalDate.parse("2026-02-16"), "timetable", 12)),
            List.of(),
            List.of(),
            List.of());
    Week w = last(AccountSignalRules.weeks(CORE, AS_OF, grows));
    assertEquals(List.of(AccountSignalRules.USAGE_GROWTH), w.expansionRules());
    assertEquals(List.of(), w.churnRiskRules());
    assertNull(w.seatsPaid());
    assertNull(w.seatUtilisation());

    Inputs flat =
        new Inputs(
            grows.subscriptionDays(),
            List.of(
                new FeatureDay(LocalDate.parse("2026-02-15"), "timetable", 8),
                new FeatureDay(LocalDate.parse("2026-02-16"), "timetable", 11)),
            List.of(),
            List.of(),
            List.of());
    assertEquals(List.of(), last(AccountSignalRules.weeks(CORE, AS_OF, flat)).expansionRules());
  }

  @Test
  public void aWeekNotPaidOnItsLastDayHasNoRow() {
    // Paying 03-02..03-11 (churned 03-12): the week of 03-02 ends paid on Sunday 03-08; the week
    // of 03-09 does not (its last day 03-15 is unpaid). Later days after as-of are ignored.
    List<SubscriptionDay> days = new ArrayList<>(paying("s1", "2026-03-02", "2026-03-11", 300));
    days.addAll(paying("s1", "2026-03-16", "2026-03-22", 300));
    List<Week> weeks =
        AccountSignalRules.weeks(
            CORE, AS_OF, new Inputs(days, List.of(), List.of(), List.of(), List.of()));
    assertEquals(1, weeks.size());
    assertEquals(LocalDate.parse("2026-03-08"), weeks.get(0).weekEnd());
    assertNull(weeks.get(0).usageTrend());
  }

  @Test
  public void seatsOfTwoLiveSubscriptionsAddUpAndAnEndedOneDoesNotCount() {
    long from = millis("2026-03-01");
    long to = millis("2026-04-01");
    List<SeatLine> lines =
        List.of(
            new SeatLine("s1", "a", from, to, 7),
            new SeatLine("s2", "b", from, to, 3),
            new SeatLine("s3", "c", from, to, 40));
    assertEquals(
        Long.valueOf(10),
        AccountSignalRules.seatsPaid(lines, Set.of("s1", "s2"), LocalDate.parse("2026-03-15")));
    // A line ending at 00:00 of the day does not cover it.
    assertNull(AccountSignalRules.seatsPaid(lines, Set.of("s1"), LocalDate.parse("2026-04-01")));
    assertTrue(AccountSignalRules.declined(0, 8));
  }
}
