package io.intelligencesuite.marts.revenue;

import static io.intelligencesuite.marts.revenue.BillingFixture.t;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.intelligencesuite.marts.revenue.Billing.Invoice;
import io.intelligencesuite.marts.revenue.Billing.Item;
import io.intelligencesuite.marts.revenue.Billing.Line;
import io.intelligencesuite.marts.revenue.Billing.Subscription;
import io.intelligencesuite.marts.revenue.CustomerRevenue.SubscriptionDay;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * Golden tests of the invoice-driven MRR rules; every expected figure is worked out by hand in the
 * comments.
 */
public class RevenueRulesTest {
  private static final String C = "cus_a";

  private static RevenueSettings asOf(String day) {
    return RevenueSettings.usd(LocalDate.parse(day));
  }

  private static List<String> movements(CustomerRevenue r) {
    return r.movements().stream()
        .map(m -> m.date() + " " + m.type() + " " + m.mrrBeforeCents() + "->" + m.mrrAfterCents())
        .collect(Collectors.toList());
  }

  private static Subscription withTrial(String id, String status, String created, String trialEnd) {
    return BillingFixture.subscription(id, C, status, created)
        .quantity(3)
        .trial(created, trialEnd)
        .build();
  }

  @Test
  public void trialingCountsNothingEvenWithABilledLine() {
    BillingFixture f =
        new BillingFixture(C).add(withTrial("sub_t", "trialing", "2026-01-01", "2026-01-15"));
    f.cycle("sub_t", "2026-01-01", "2026-01-15", 0, 0);
    f.cycle(
        "sub_t", "2026-01-01", "2026-02-01", 1000, 0); // a stray charge: trialing still counts 0
    CustomerRevenue r = f.compute(asOf("2026-01-10"));
    assertEquals(List.of(), movements(r));
    assertNull("never paid: no dim_customer row", r.summary());
  }

  @Test
  public void trialThatConvertsIsNewAtTrialEndAndItsDaysSayTrialing() {
    BillingFixture f =
        new BillingFixture(C).add(withTrial("sub_t", "active", "2026-01-01", "2026-01-15"));
    f.cycle("sub_t", "2026-01-01", "2026-01-15", 0, 0);
    f.cycle("sub_t", "2026-01-15", "2026-02-15", 3000, 0);
    CustomerRevenue r = f.compute(asOf("2026-01-20"));
    assertEquals(List.of("2026-01-15 new 0->3000"), movements(r));
    List<SubscriptionDay> days = r.subscriptionDays();
    assertEquals(20, days.size()); // 1 .. 20 January
    assertEquals(
        14, days.stream().filter(d -> d.status().equals("trialing")).count()); // 1 .. 14 January
    assertEquals(0, days.get(13).mrrCents());
    assertEquals(3000, days.get(14).mrrCents());
    assertEquals("active", days.get(14).status());
  }

  @Test
  public void annualPlanIsDividedByTwelveAndTaxIsIgnored() {
    // 120000 / 12 = 10000 (the fixture puts 20% tax on every line; it never counts).
    BillingFixture f = new BillingFixture(C).sub("sub_y", "active", "2026-01-01", null, null);
    f.cycle("sub_y", "2026-01-01", "2027-01-01", 120_000, 0);
    assertEquals(List.of("2026-01-01 new 0->10000"), movements(f.compute(asOf("2026-06-30"))));
    // 100000 / 12 = 8333.33 -> 8333
    BillingFixture g = new BillingFixture(C).sub("sub_y", "active", "2026-01-01", null, null);
    g.cycle("sub_y", "2026-01-01", "2027-01-01", 100_000, 0);
    assertEquals(8333, g.compute(asOf("2026-06-30")).mrrAtEndOf(LocalDate.parse("2026-06-30")));
  }

  @Test
  public void proratedSeatUpgradeIsExpansionOnTheUpgradeDay() {
    // 3 seats x 1000 for March (31 days); on 16 March (16 days left) 5 seats:
    // credit -3000 x 16/31 = -1548.39 -> -1548; charge 5000 x 16/31 = 2580.65 -> 2581.
    // MRR = 3000 + round(-1548 x 31/16 = -2999.25) + round(2581 x 31/16 = 5000.6875) = 3000 - 2999
    // + 5001 = 5002.
    // April's invoice then sets the exact 5000.
    BillingFixture f = new BillingFixture(C).sub("sub_s", "active", "2026-03-01", null, null);
    f.cycle("sub_s", "2026-03-01", "2026-04-01", 3000, 0);
    f.proration("sub_s", "2026-03-16", "2026-04-01", -1548);
    f.proration("sub_s", "2026-03-16", "2026-04-01", 2581);
    f.cycle("sub_s", "2026-04-01", "2026-05-01", 5000, 0);
    assertEquals(
        List.of(
            "2026-03-01 new 0->3000",
            "2026-03-16 expansion 3000->5002",
            "2026-04-01 contraction 5002->5000"),
        movements(f.compute(asOf("2026-04-30"))));
  }

  @Test
  public void couponsByDurationAsTheInvoicesCarryThem() {
    // once, 50%: January 2000 - 1000, February full price.
    BillingFixture once = new BillingFixture(C).sub("s", "active", "2026-01-01", null, null);
    once.cycle("s", "2026-01-01", "2026-02-01", 2000, 1000)
        .cycle("s", "2026-02-01", "2026-03-01", 2000, 0);
    assertEquals(
        List.of("2026-01-01 new 0->1000", "2026-02-01 expansion 1000->2000"),
        movements(once.compute(asOf("2026-02-28"))));
    // repeating 3 months, 25%: January to March 1500, April 2000: the discount ending is expansion.
    BillingFixture rep = new BillingFixture(C).sub("s", "active", "2026-01-01", null, null);
    for (String[] p :
        new String[][] {
          {"2026-01-01", "2026-02-01"}, {"2026-02-01", "2026-03-01"}, {"2026-03-01", "2026-04-01"}
        }) {
      rep.cycle("s", p[0], p[1], 2000, 500);
    }
    rep.cycle("s", "2026-04-01", "2026-05-01", 2000, 0);
    assertEquals(
        List.of("2026-01-01 new 0->1500", "2026-04-01 expansion 1500->2000"),
        movements(rep.compute(asOf("2026-04-30"))));
    // forever, 500 off: 1500 every month, no movement after the first.
    BillingFixture forever = new BillingFixture(C).sub("s", "active", "2026-01-01", null, null);
    forever
        .cycle("s", "2026-01-01", "2026-02-01", 2000, 500)
        .cycle("s", "2026-02-01", "2026-03-01", 2000, 500);
    assertEquals(List.of("2026-01-01 new 0->1500"), movements(forever.compute(asOf("2026-02-28"))));
  }

  @Test
  public void pastDueKeepsCountingUnlessAutoChurnIsSet() {
    BillingFixture f = new BillingFixture(C).sub("s", "past_due", "2026-02-01", null, null);
    f.cycle("s", "2026-02-01", "2026-03-01", 2000, 0);
    f.line("s", "2026-03-01", "2026-04-01", 2000, 0, false, "usd", "open");
    CustomerRevenue r = f.compute(asOf("2026-03-20"));
    assertEquals(List.of("2026-02-01 new 0->2000"), movements(r));
    assertEquals("past_due", r.summary().status());
    assertEquals(
        "past_due", r.subscriptionDays().get(r.subscriptionDays().size() - 2).status()); // 19 March
    // Auto-churn after 10 days: the open invoice of 1 March churns the customer on 11 March.
    RevenueSettings auto =
        new RevenueSettings(
            LocalDate.parse("2026-03-20"), "usd", FxRates.parse(FxRates.DEFAULT_SPEC), 10);
    assertEquals(
        List.of("2026-02-01 new 0->2000", "2026-03-11 churn 2000->0"), movements(f.compute(auto)));
  }

  @Test
  public void autoChurnedCustomerWhoPaysLateIsReactivated() {
    BillingFixture f = new BillingFixture(C).sub("s", "active", "2026-03-01", null, null);
    f.lines.add(
        new Line(
            "il_x",
            "in_x",
            C,
            "s",
            null,
            "price_s",
            "subscription",
            2000,
            0,
            0,
            0,
            "usd",
            false,
            t("2026-03-01"),
            t("2026-04-01"),
            null,
            null));
    f.invoices.add(
        new Invoice(
            "in_x",
            C,
            "s",
            "paid",
            2000,
            2000,
            t("2026-03-01"),
            t("2026-03-15T09:00:00Z"),
            null,
            null,
            null));
    RevenueSettings auto =
        new RevenueSettings(
            LocalDate.parse("2026-03-31"), "usd", FxRates.parse(FxRates.DEFAULT_SPEC), 7);
    assertEquals(
        List.of(
            "2026-03-01 new 0->2000",
            "2026-03-08 churn 2000->0",
            "2026-03-15 reactivation 0->2000"),
        movements(f.compute(auto)));
  }

  @Test
  public void cancelAtPeriodEndChurnsWhenThePaidPeriodEnds() {
    Subscription s =
        BillingFixture.subscription("s", C, "canceled", "2026-03-01")
            .unitAmountCents(2000)
            .cancelAtPeriodEnd()
            .canceledAt("2026-03-10")
            .endedAt("2026-04-01")
            .build();
    BillingFixture f = new BillingFixture(C).add(s).cycle("s", "2026-03-01", "2026-04-01", 2000, 0);
    CustomerRevenue r = f.compute(asOf("2026-04-30"));
    assertEquals(List.of("2026-03-01 new 0->2000", "2026-04-01 churn 2000->0"), movements(r));
    assertEquals("churned", r.summary().status());
    assertEquals(t("2026-04-01"), r.summary().churnedAt());
    assertEquals(
        "the last live day is the end day",
        LocalDate.parse("2026-04-01"),
        r.subscriptionDays().get(r.subscriptionDays().size() - 1).date());
  }

  @Test
  public void scheduledCancellationKeepsCountingUntilThePeriodEnds() {
    // Stripe before the period end: still active, cancel_at_period_end, canceled_at = the request.
    Subscription s =
        BillingFixture.subscription("s", C, "active", "2026-03-01")
            .unitAmountCents(2000)
            .currentPeriod("2026-03-01", "2026-04-01")
            .cancelAtPeriodEnd()
            .canceledAt("2026-03-10")
            .build();
    BillingFixture f = new BillingFixture(C).add(s).cycle("s", "2026-03-01", "2026-04-01", 2000, 0);
    CustomerRevenue r = f.compute(asOf("2026-03-20"));
    assertEquals(List.of("2026-03-01 new 0->2000"), movements(r));
    assertEquals("active", r.summary().status());
  }

  @Test
  public void immediateCancelChurnsAtTheCancelTime() {
    BillingFixture f =
        new BillingFixture(C)
            .sub("s", "canceled", "2026-03-01", "2026-03-10T12:00:00Z", "2026-03-10T12:00:00Z");
    f.cycle("s", "2026-03-01", "2026-04-01", 2000, 0);
    assertEquals(
        List.of("2026-03-01 new 0->2000", "2026-03-10 churn 2000->0"),
        movements(f.compute(asOf("2026-04-30"))));
  }

  @Test
  public void payingAgainAfterChurnIsReactivation() {
    BillingFixture f =
        new BillingFixture(C)
            .sub("a", "canceled", "2026-01-01", "2026-01-20", "2026-02-01")
            .sub("b", "active", "2026-04-10", null, null);
    f.cycle("a", "2026-01-01", "2026-02-01", 1000, 0)
        .cycle("b", "2026-04-10", "2026-05-10", 1200, 0);
    assertEquals(
        List.of(
            "2026-01-01 new 0->1000",
            "2026-02-01 churn 1000->0",
            "2026-04-10 reactivation 0->1200"),
        movements(f.compute(asOf("2026-04-30"))));
  }

  @Test
  public void cancellingOneOfTwoSubscriptionsIsContraction() {
    BillingFixture f =
        new BillingFixture(C)
            .sub("a", "active", "2026-01-01", null, null)
            .sub("b", "canceled", "2026-01-01", "2026-02-15", "2026-02-15");
    f.cycle("a", "2026-01-01", "2026-02-01", 1000, 0)
        .cycle("a", "2026-02-01", "2026-03-01", 1000, 0)
        .cycle("a", "2026-03-01", "2026-04-01", 1000, 0);
    f.cycle("b", "2026-01-01", "2026-02-01", 500, 0).cycle("b", "2026-02-01", "2026-03-01", 500, 0);
    CustomerRevenue r = f.compute(asOf("2026-03-31"));
    assertEquals(
        List.of("2026-01-01 new 0->1500", "2026-02-15 contraction 1500->1000"), movements(r));
    assertEquals("active", r.summary().status());
    assertEquals("price_a", r.summary().currentPlan());
  }

  @Test
  public void currenciesConvertAtTheServicePeriodStartRate() {
    // EUR 1000 x 1.08 = 1080; GBP 1000 x 1.27 = 1270; together 2350 USD.
    BillingFixture f =
        new BillingFixture(C)
            .sub("e", "active", "2026-01-01", null, null)
            .sub("g", "active", "2026-01-01", null, null);
    f.line("e", "2026-01-01", "2026-02-01", 1000, 0, false, "eur", "paid");
    f.line("g", "2026-01-01", "2026-02-01", 1000, 0, false, "gbp", "paid");
    assertEquals(List.of("2026-01-01 new 0->2350"), movements(f.compute(asOf("2026-01-31"))));
    // Reporting in EUR: USD 1000 / 1.08 = 925.93 -> 926.
    BillingFixture u = new BillingFixture(C).sub("u", "active", "2026-01-01", null, null);
    u.cycle("u", "2026-01-01", "2026-02-01", 1000, 0);
    RevenueSettings eur =
        new RevenueSettings(
            LocalDate.parse("2026-01-31"), "EUR", FxRates.parse(FxRates.DEFAULT_SPEC), null);
    assertEquals(List.of("2026-01-01 new 0->926"), movements(u.compute(eur)));
    // Dated rates: the latest on or before the period start (1.10 from 1 Jan, 1.20 from 1 Feb).
    // The same EUR 1000 at the new rate is an fx movement (mrr rule 8), not an expansion.
    FxRates dated =
        FxRates.merge(
            "usd:1", List.of("currency,date,rate", "eur,2026-01-01,1.10", "eur,2026-02-01,1.20"));
    BillingFixture d = new BillingFixture(C).sub("e", "active", "2026-01-15", null, null);
    d.line("e", "2026-01-15", "2026-02-15", 1000, 0, false, "eur", "paid");
    d.line("e", "2026-02-15", "2026-03-15", 1000, 0, false, "eur", "paid");
    assertEquals(
        List.of("2026-01-15 new 0->1100", "2026-02-15 fx 1100->1200"),
        movements(
            d.compute(new RevenueSettings(LocalDate.parse("2026-03-01"), "usd", dated, null))));
  }

  @Test
  public void sameDayChangesNetIntoOneMovement() {
    // One subscription ends at 10:00 (1000), another starts at 15:00 (1500): one expansion, not
    // churn + reactivation.
    BillingFixture f =
        new BillingFixture(C)
            .sub("a", "canceled", "2026-01-01", "2026-03-10T10:00:00Z", "2026-03-10T10:00:00Z")
            .sub("b", "active", "2026-03-10T15:00:00Z", null, null);
    f.cycle("a", "2026-03-01", "2026-04-01", 1000, 0);
    f.cycle("b", "2026-03-10T15:00:00Z", "2026-04-10T15:00:00Z", 1500, 0);
    assertEquals(
        List.of("2026-03-01 new 0->1000", "2026-03-10 expansion 1000->1500"),
        movements(f.compute(asOf("2026-03-31"))));
    // Up at 10:00 and back down at 15:00 the same day (two prorations over the same 15 of 30 days):
    // nothing.
    BillingFixture g = new BillingFixture(C).sub("s", "active", "2026-04-01", null, null);
    g.cycle("s", "2026-04-01", "2026-05-01", 1000, 0);
    g.proration("s", "2026-04-16T10:00:00Z", "2026-05-01", 500);
    g.proration("s", "2026-04-16T15:00:00Z", "2026-05-01", -450);
    // +500 x 30/14.583 = 1028.57 -> 1029; -450 x 30/14.375 = -939.13 -> -939: net +90, one
    // expansion.
    assertEquals(
        List.of("2026-04-01 new 0->1000", "2026-04-16 expansion 1000->1090"),
        movements(g.compute(asOf("2026-04-30"))));
  }

  @Test
  public void oneOffAndMeteredLinesAreNotMrr() {
    BillingFixture f = new BillingFixture(C).sub("s", "active", "2026-01-01", null, null);
    f.cycle("s", "2026-01-01", "2026-02-01", 1000, 0);
    f.lines.add(
        new Line(
            "il_setup",
            "in_1",
            C,
            "s",
            null,
            "price_setup",
            "invoiceitem",
            5000,
            0,
            0,
            0,
            "usd",
            false,
            t("2026-01-01"),
            t("2026-01-02"),
            null,
            null));
    f.items.add(new Item("si_m", "s", "price_usage", 1L, 10L, "usd", "month", 1L, "metered", null));
    f.lines.add(
        new Line(
            "il_usage",
            "in_1",
            C,
            "s",
            null,
            "price_usage",
            "subscription",
            7000,
            0,
            0,
            0,
            "usd",
            false,
            t("2026-01-01"),
            t("2026-02-01"),
            null,
            null));
    assertEquals(List.of("2026-01-01 new 0->1000"), movements(f.compute(asOf("2026-01-31"))));
  }

  @Test
  public void unusableLinesAreReportedNamingTheFieldAndTheRestStillCounts() {
    BillingFixture f = new BillingFixture(C).sub("s", "active", "2026-01-01", null, null);
    f.cycle("s", "2026-01-01", "2026-02-01", 1000, 0);
    f.line("s", null, null, 400, 0, false, "usd", "paid");
    f.line("s", "2026-01-01", "2026-02-01", 400, 0, false, "jpy", "paid");
    CustomerRevenue r = f.compute(asOf("2026-01-31"));
    assertEquals(List.of("2026-01-01 new 0->1000"), movements(r));
    assertEquals(
        List.of("period_start", "currency"),
        r.problems().stream().map(RevenueProblem::field).toList());
  }

  @Test
  public void nothingAfterTheAsOfDayIsProduced() {
    BillingFixture f = new BillingFixture(C).sub("s", "active", "2026-04-01", null, null);
    f.cycle("s", "2026-04-01", "2026-05-01", 1000, 0)
        .cycle("s", "2026-05-01", "2026-06-01", 2000, 0);
    CustomerRevenue r = f.compute(asOf("2026-04-30"));
    assertEquals(List.of("2026-04-01 new 0->1000"), movements(r));
    assertEquals(30, r.subscriptionDays().size());
    assertEquals(1000, r.summary().mrrCents());
  }

  @Test
  public void cohortCellsFollowEachCustomerFromTheirFirstPayment() {
    // A: new 10 Jan (1000), 1500 from 5 Feb. B: new 20 Jan (1000), churned 10 Feb. As of 15 March.
    BillingFixture a = new BillingFixture("cus_a").sub("a", "active", "2026-01-10", null, null);
    a.cycle("a", "2026-01-10", "2026-02-10", 1000, 0);
    a.cycle("a", "2026-02-05", "2026-03-05", 1500, 0);
    BillingFixture b =
        new BillingFixture("cus_b").sub("b", "canceled", "2026-01-20", "2026-02-10", "2026-02-10");
    b.cycle("b", "2026-01-20", "2026-02-20", 1000, 0);
    RevenueSettings s = asOf("2026-03-15");
    List<CohortRetention.Cell> cells = new java.util.ArrayList<>(a.compute(s).cohortCells());
    cells.addAll(b.compute(s).cohortCells());
    List<String> rows =
        CohortRetention.aggregate(cells).stream()
            .map(
                r ->
                    r.cohortMonth()
                        + " +"
                        + r.monthsSinceFirstPayment()
                        + " customers="
                        + r.cohortCustomers()
                        + " cohortMrr="
                        + r.cohortMrrCents()
                        + " retained="
                        + r.customersRetained()
                        + " mrr="
                        + r.mrrRetainedCents())
            .toList();
    assertEquals(
        List.of(
            "2026-01-01 +0 customers=2 cohortMrr=2000 retained=2 mrr=2000",
            "2026-01-01 +1 customers=2 cohortMrr=2000 retained=1 mrr=1500",
            "2026-01-01 +2 customers=2 cohortMrr=2000 retained=1 mrr=1500"),
        rows);
  }
}
