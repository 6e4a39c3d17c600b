package io.intelligencesuite.marts.metrics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.schemas.MetricParameters;
import io.intelligencesuite.schemas.Metrics;
import io.intelligencesuite.schemas.Tables;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.Test;

/** Every metric on {@link GoldenScenario}, computed by hand. */
public class MetricsGoldenTest {
  private static final double EPS = 1e-9;
  private static final MetricLedger.Values V =
      ProductionMetrics.compute(
          GoldenScenario.inputs(), GoldenScenario.AS_OF, MetricParameters.defaults());

  private static OptionalDouble monthly(String metric, String month) {
    return find(V.monthly(), metric, LocalDate.parse(month + "-01"), "all");
  }

  private static OptionalDouble monthly(String metric, String month, String dimension) {
    return find(V.monthly(), metric, LocalDate.parse(month + "-01"), dimension);
  }

  private static OptionalDouble daily(String metric, String day) {
    return find(V.daily(), metric, LocalDate.parse(day), "all");
  }

  private static OptionalDouble find(
      List<MetricValue> values, String metric, LocalDate period, String dimension) {
    List<MetricValue> hits =
        values.stream()
            .filter(
                v ->
                    v.metric().equals(metric)
                        && v.period().equals(period)
                        && v.dimension().equals(dimension))
            .collect(Collectors.toList());
    assertTrue(metric + " " + period + " is reported at most once", hits.size() <= 1);
    return hits.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(hits.get(0).value());
  }

  /** One field of the values, each value once, in order. */
  private static List<String> distinctSorted(
      List<MetricValue> values, Function<MetricValue, String> field) {
    return values.stream().map(field).distinct().sorted().collect(Collectors.toList());
  }

  private static void is(double expected, OptionalDouble actual) {
    assertTrue("expected " + expected + ", got no row", actual.isPresent());
    assertEquals(expected, actual.getAsDouble(), EPS);
  }

  private static void none(OptionalDouble actual) {
    assertFalse("expected no row, got " + actual, actual.isPresent());
  }

  @Test
  public void periodsRunFromTheFirstDataThroughTheAsOfDate() {
    // First data: a lead on 2025-11-10 -> days 2025-11-01 .. 2026-03-31 = 30 + 31 + 31 + 28 + 31 =
    // 151.
    assertEquals(151, V.daily().stream().map(MetricValue::period).distinct().count());
    // Complete months Nov, Dec, Jan, Feb, Mar; April's movement, trial and payment are ignored.
    assertEquals(
        List.of("2025-11-01", "2025-12-01", "2026-01-01", "2026-02-01", "2026-03-01"),
        distinctSorted(V.monthly(), v -> v.period().toString()));
    // Every dictionary metric is reported monthly (the scenario reaches them all), no other name
    // is; except the trailing-twelve-month retention, which needs a year of history
    // (trailingTwelveMonthRetention has its own scenario), and the marketing metrics, which
    // MarketingMetrics computes from marketing_spend (MarketingMetricsTest has their goldens).
    assertEquals(
        Metrics.all().stream()
            .filter(m -> !m.sources().contains(Tables.MARKETING_SPEND))
            .map(m -> m.name())
            .filter(n -> !n.endsWith("_t12m"))
            .sorted()
            .collect(Collectors.toList()),
        distinctSorted(V.monthly(), MetricValue::metric));
    // Every daily metric is a DAY metric of the dictionary.
    assertEquals(
        Metrics.dailyMetrics().stream().map(m -> m.name()).sorted().collect(Collectors.toList()),
        distinctSorted(V.daily(), MetricValue::metric));
  }

  @Test
  public void mrrArrAndCustomersAreStocksAtPeriodEnd() {
    // Jan: A 1000 (01-05) + D 300 (01-10) + B 2000 (01-20) = 3300, 3 customers.
    is(3300, monthly("mrr", "2026-01"));
    is(3, monthly("customers", "2026-01"));
    // Feb: +500 C new, +500 A expansion, -800 B contraction, -500 C churn = 3000; A, B, D pay.
    is(3000, monthly("mrr", "2026-02"));
    is(3, monthly("customers", "2026-02"));
    // Mar: +800 C reactivation, -1500 A churn = 2300 = B 1200 + C 800 + D 300; E (April) ignored.
    is(2300, monthly("mrr", "2026-03"));
    is(3, monthly("customers", "2026-03"));
    is(12 * 2300, monthly("arr", "2026-03"));
    is(0, monthly("mrr", "2025-12"));
    // Days: 02-15 after B's contraction: 3300 + 500 + 500 - 800 = 3500; C pays 02-01 .. 02-24.
    is(3500, daily("mrr", "2026-02-15"));
    is(4, daily("customers", "2026-02-24"));
    is(3, daily("customers", "2026-02-25"));
    is(12 * 3500, daily("arr", "2026-02-15"));
  }

  @Test
  public void movementsAreFlowsSummedOverThePeriod() {
    is(3300, monthly("new_mrr", "2026-01"));
    is(3, monthly("new_customers", "2026-01"));
    is(500, monthly("new_mrr", "2026-02"));
    is(500, monthly("expansion_mrr", "2026-02"));
    is(800, monthly("contraction_mrr", "2026-02"));
    is(500, monthly("churned_mrr", "2026-02"));
    is(1, monthly("churned_customers", "2026-02"));
    // net new Feb = 500 + 500 + 0 - 800 - 500 = -300 = 3000 - 3300.
    is(-300, monthly("net_new_mrr", "2026-02"));
    is(800, monthly("reactivation_mrr", "2026-03"));
    is(1, monthly("reactivated_customers", "2026-03"));
    is(1500, monthly("churned_mrr", "2026-03"));
    is(-700, monthly("net_new_mrr", "2026-03"));
    is(0, monthly("expansion_mrr", "2026-03"));
    is(800, daily("contraction_mrr", "2026-02-15"));
    is(0, daily("contraction_mrr", "2026-02-16"));
    is(1, daily("reactivated_customers", "2026-03-10"));
  }

  @Test
  public void arpaAndChurnRates() {
    is(3300.0 / 3, monthly("arpa", "2026-01")); // 1100
    is(1000, monthly("arpa", "2026-02"));
    is(2300.0 / 3, monthly("arpa", "2026-03"));
    none(monthly("arpa", "2025-12")); // no customers
    // Jan: nobody paid at the start -> no churn rates (zero customers at start).
    none(monthly("customer_churn_rate", "2026-01"));
    none(monthly("net_mrr_churn_rate", "2026-01"));
    // Feb: A, B, D paid at the start and still pay at the end; C joined and churned in Feb and
    // is excluded -> 0 / 3.
    is(0, monthly("customer_churn_rate", "2026-02"));
    // Mar: A, B, D paid at the start (C did not); A does not pay at the end -> 1 / 3.
    is(1.0 / 3, monthly("customer_churn_rate", "2026-03"));
    // Feb: (churn 500 + contraction 800 - expansion 500 - reactivation 0) / 3300 = 800 / 3300.
    is(800.0 / 3300, monthly("net_mrr_churn_rate", "2026-02"));
    // Mar: (1500 + 0 - 0 - 800) / 3000.
    is(700.0 / 3000, monthly("net_mrr_churn_rate", "2026-03"));
  }

  @Test
  public void ltvUsesTheTrailingWindowAndHasNoRowWithoutChurn() {
    // Feb: window Sep..Feb has no churned customer -> LTV unbounded -> no row.
    none(monthly("ltv", "2026-02"));
    // Mar: window Oct..Mar: churned 0 + 0 + 1 = 1, customers at start 0 + 3 + 3 = 6 -> 1/6 a month;
    // ARPA 2300 / 3 -> LTV = (2300 / 3) x 6 = 4600.
    is(4600, monthly("ltv", "2026-03"));
  }

  @Test
  public void retentionOfTheCustomersPayingAtTheMonthsStart() {
    // Month ends: Jan A 1000, B 2000, D 300; Feb A 1500, B 1200, D 300 (C churned);
    // Mar B 1200, C 800, D 300 (A churned).
    // Jan: nobody paid at the start -> no cohort, no rows.
    none(monthly("nrr", "2026-01"));
    none(monthly("grr", "2026-01"));
    // Feb: cohort A, B, D: start 1000 + 2000 + 300 = 3300, end 1500 + 1200 + 300 = 3000 (C is
    // new in Feb and not in it); gross caps A at 1000: 1000 + 1200 + 300 = 2500.
    is(3000.0 / 3300, monthly("nrr", "2026-02"));
    is(2500.0 / 3300, monthly("grr", "2026-02"));
    // Mar: cohort A, B, D (C paid nothing at Feb's end; its reactivation is not retention):
    // start 1500 + 1200 + 300 = 3000, end 0 + 1200 + 300 = 1500; gross the same (nobody grew).
    is(0.5, monthly("nrr", "2026-03"));
    is(0.5, monthly("grr", "2026-03"));
    // No customer paid a year before any month of the scenario.
    none(monthly("nrr_t12m", "2026-03"));
  }

  @Test
  public void quickRatioAndAsp() {
    // Jan: gained 3300 (new), lost 0 -> unbounded, no row. ASP: 3300 / 3 new customers.
    none(monthly("quick_ratio", "2026-01"));
    is(1100, monthly("asp", "2026-01"));
    // Feb: gained new 500 + expansion 500 = 1000, lost churn 500 + contraction 800 = 1300.
    is(1000.0 / 1300, monthly("quick_ratio", "2026-02"));
    is(500, monthly("asp", "2026-02")); // C alone
    // Mar: gained reactivation 800, lost churn 1500; no new customer -> no ASP.
    is(800.0 / 1500, monthly("quick_ratio", "2026-03"));
    none(monthly("asp", "2026-03"));
    none(monthly("quick_ratio", "2025-12")); // nothing gained, nothing lost
  }

  @Test
  public void trailingTwelveMonthRetention() {
    // P: 2025-02-10 new 1000, 2025-08-01 expansion -> 1600.
    // Q: 2025-02-20 new 500, 2025-11-05 churn -> 0.
    // R: 2025-03-15 new 2000, 2026-03-03 contraction -> 1500.
    // S: 2025-06-01 new 700 (not paying at the end of Feb or Mar 2025: in no cohort below).
    MetricLedger.Values v =
        ProductionMetrics.compute(
            new MetricInputs(
                List.of(
                    GoldenScenario.move("P", "coP", "2025-02-10", "new", 0, 1000),
                    GoldenScenario.move("P", "coP", "2025-08-01", "expansion", 1000, 1600),
                    GoldenScenario.move("Q", "coQ", "2025-02-20", "new", 0, 500),
                    GoldenScenario.move("Q", "coQ", "2025-11-05", "churn", 500, 0),
                    GoldenScenario.move("R", "coR", "2025-03-15", "new", 0, 2000),
                    GoldenScenario.move("R", "coR", "2026-03-03", "contraction", 2000, 1500),
                    GoldenScenario.move("S", "coS", "2025-06-01", "new", 0, 700)),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of()),
            GoldenScenario.AS_OF,
            MetricParameters.defaults());
    // Jan 2026: nobody paid at the end of Jan 2025 -> no row.
    none(find(v.monthly(), "nrr_t12m", LocalDate.parse("2026-01-01"), "all"));
    // Feb 2026 against Feb 2025's end: P 1000 + Q 500 = 1500; now P 1600 + Q 0 = 1600 (S is not in
    // the cohort); gross: P capped at 1000 + Q 0 = 1000.
    is(1600.0 / 1500, find(v.monthly(), "nrr_t12m", LocalDate.parse("2026-02-01"), "all"));
    is(1000.0 / 1500, find(v.monthly(), "grr_t12m", LocalDate.parse("2026-02-01"), "all"));
    // Mar 2026 against Mar 2025's end: P 1000 + Q 500 + R 2000 = 3500; now 1600 + 0 + 1500 = 3100;
    // gross 1000 + 0 + 1500 = 2500.
    is(3100.0 / 3500, find(v.monthly(), "nrr_t12m", LocalDate.parse("2026-03-01"), "all"));
    is(2500.0 / 3500, find(v.monthly(), "grr_t12m", LocalDate.parse("2026-03-01"), "all"));
    // The one-month retention of Mar 2026: cohort P 1600, R 2000, S 700 = 4300 -> 1600 + 1500 +
    // 700 = 3800; gross the same.
    is(3800.0 / 4300, find(v.monthly(), "nrr", LocalDate.parse("2026-03-01"), "all"));
    is(3800.0 / 4300, find(v.monthly(), "grr", LocalDate.parse("2026-03-01"), "all"));
  }

  @Test
  public void discountRateOfSubscriptionLinesBeforeTaxInTheReportingCurrency() {
    // Jan: 2000 off / (10000 usd + 20000 eur x 1.08 = 21600) = 2000 / 31600; the one-off item
    // (500 off 1000) and B's void invoice's line (5000 off 5000) are left out.
    is(2000.0 / 31600, monthly("discount_rate", "2026-01"));
    // Per plan: A (prod_growth) 2000 / 10000; B (prod_pro) 0 / 21600.
    is(0.2, monthly("discount_rate", "2026-01", "plan:prod_growth"));
    is(0.0, monthly("discount_rate", "2026-01", "plan:prod_pro"));
    // Feb: the 9900 charged holds 900 VAT, so the before-tax share is 9000 / 9900 = 10/11: list
    // 11000 x 10/11 = 10000, off 1100 x 10/11 = 1000 -> 0.1 (v1 took the VAT out of the list only:
    // 1100 / (11000 - 900) = 0.1089).
    is(0.1, monthly("discount_rate", "2026-02"));
    // Mar: only a draft invoice's line, no row (April's line is after the as-of date).
    none(monthly("discount_rate", "2026-03"));
  }

  @Test
  public void paymentSuccessRateLeavesPendingOut() {
    is(0.75, monthly("payment_success_rate", "2026-01")); // 3 succeeded, 1 failed
    none(monthly("payment_success_rate", "2026-02")); // only a pending attempt
    is(1.0, monthly("payment_success_rate", "2026-03")); // 2 of 2; April's failure ignored
  }

  @Test
  public void trialCohortsWaitToMatureForTheirRates() {
    // Jan: 3 trials; activated: only the first (the third activated a day after its trial ended).
    is(3, monthly("trials_started", "2026-01"));
    is(1, monthly("activated_trials", "2026-01"));
    is(1.0 / 3, monthly("activation_rate", "2026-01"));
    // Converted: first (at trial end) and second (25 days after); the third paid 37 days after >
    // 30.
    is(2, monthly("converted_trials", "2026-01"));
    // Latest end 02-11 + 30 days = 03-13 < as-of end -> matured: 2 / 3.
    is(2.0 / 3, monthly("trial_conversion_rate", "2026-01"));
    // Feb: no trials -> zero counts, no rates.
    is(0, monthly("trials_started", "2026-02"));
    none(monthly("activation_rate", "2026-02"));
    // Mar: 2 trials, both activated, one still running (ends 04-08) -> counts yes, rates not yet;
    // the ended one's conversion window (03-24 + 30 days) is still open too.
    is(2, monthly("trials_started", "2026-03"));
    is(2, monthly("activated_trials", "2026-03"));
    is(0, monthly("converted_trials", "2026-03"));
    none(monthly("activation_rate", "2026-03"));
    none(monthly("trial_conversion_rate", "2026-03"));
  }

  @Test
  public void lqiAndLeadScoreLift() {
    // Nov: 6 leads; first score >= 60: 80, 60, 90 -> 3 -> LQI 100 x 3 / 6 = 50.
    is(6, monthly("leads_created", "2025-11"));
    is(50, monthly("lqi", "2025-11"));
    // Lift: qualified converted within 90 days: the 80 and the 60 (the 90's company paid before the
    // lead existed) -> 2 / 3; others: the 40 of {40, 30, unscored} -> 1 / 3; lift = 2.
    is(2.0, monthly("lead_score_lift", "2025-11"));
    // Jan: the 70 was first scored after the as-of date -> not qualified; the 65 is -> 50.
    is(50, monthly("lqi", "2026-01"));
    // Jan's 90-day window closes 05-02, after the as-of date -> no lift yet.
    none(monthly("lead_score_lift", "2026-01"));
    is(0, monthly("leads_created", "2025-12"));
    none(monthly("lqi", "2025-12"));
  }

  @Test
  public void featureAdoptionPerFeatureAmongCompaniesPayingAtMonthEnd() {
    // Paying companies at month end: Jan coA, coB (D has no company); Feb coA, coB (coC churned);
    // Mar coB, coC (coA churned). Features seen: attendance, gradebook, messaging, timetable.
    is(1.0, monthly("feature_adoption_rate", "2026-01", "feature:attendance")); // coA, coB
    is(0.5, monthly("feature_adoption_rate", "2026-01", "feature:gradebook")); // coA
    is(
        0.0,
        monthly(
            "feature_adoption_rate", "2026-01", "feature:messaging")); // only coX, not a customer
    is(0.5, monthly("feature_adoption_rate", "2026-02", "feature:attendance")); // coA
    is(
        0.0,
        monthly(
            "feature_adoption_rate", "2026-02", "feature:gradebook")); // coC used it but churned
    is(0.5, monthly("feature_adoption_rate", "2026-03", "feature:timetable")); // coB
    is(
        0.5,
        monthly(
            "feature_adoption_rate",
            "2026-03",
            "feature:gradebook")); // coC (company from movements)
    is(
        0.0,
        monthly(
            "feature_adoption_rate", "2026-03", "feature:attendance")); // coB's row has 0 events
    none(monthly("feature_adoption_rate", "2025-12", "feature:attendance")); // no paying company
    Map<String, Long> perMonth =
        V.monthly().stream()
            .filter(v -> v.metric().equals("feature_adoption_rate"))
            .collect(Collectors.groupingBy(v -> v.period().toString(), Collectors.counting()));
    assertEquals(Map.of("2026-01-01", 4L, "2026-02-01", 4L, "2026-03-01", 4L), perMonth);
  }

  @Test
  public void aMonthEndingOnTheAsOfDateIsCompleteOtherwiseNot() {
    assertEquals(
        LocalDate.parse("2026-03-01"), new AsOf(LocalDate.parse("2026-03-31")).lastCompleteMonth());
    assertEquals(
        LocalDate.parse("2026-02-01"), new AsOf(LocalDate.parse("2026-03-30")).lastCompleteMonth());
    MetricLedger.Values midMarch =
        ProductionMetrics.compute(
            GoldenScenario.inputs(), LocalDate.parse("2026-03-15"), MetricParameters.defaults());
    assertTrue(
        midMarch.monthly().stream()
            .noneMatch(v -> v.period().equals(LocalDate.parse("2026-03-01"))));
    // Days still run to the as-of date: 03-15 after C's reactivation (03-10): 3000 + 800.
    assertTrue(
        midMarch.daily().stream()
            .anyMatch(
                v ->
                    v.metric().equals("mrr")
                        && v.period().equals(LocalDate.parse("2026-03-15"))
                        && v.value() == 3800));
  }

  @Test
  public void noFactsNoRows() {
    MetricLedger.Values v =
        ProductionMetrics.compute(
            MetricInputs.empty(), GoldenScenario.AS_OF, MetricParameters.defaults());
    assertTrue(v.daily().isEmpty() && v.monthly().isEmpty());
  }
}
