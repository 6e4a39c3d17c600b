package io.intelligencesuite.schemas;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.Test;

public class MetricsDictionaryTest {
  /** The MRR movements and their net: contract metrics, and reported per day. */
  private static final List<String> MRR_MOVEMENTS =
      List.of(
          "new_mrr",
          "expansion_mrr",
          "contraction_mrr",
          "churned_mrr",
          "reactivation_mrr",
          "fx_mrr",
          "net_new_mrr");

  /** A complete metric definition but for its change log. */
  private static MetricDef.Builder example() {
    return MetricDef.builder("example")
        .words("w")
        .formula("f")
        .grain("month")
        .period(MetricDef.Period.MONTH)
        .unit(MetricDef.Unit.COUNT)
        .sources(Tables.FACT_LEAD)
        .owner("marketing");
  }

  private static List<String> names(List<MetricDef> metrics) {
    return metrics.stream().map(MetricDef::name).collect(Collectors.toList());
  }

  @Test
  public void everyMetricOfTheDesignContractAndEveryTruthCountIsDefinedOnce() {
    List<String> names = names(Metrics.all());
    // The data contract's metric names, verbatim.
    assertThat(names, hasItems(MRR_MOVEMENTS.toArray(String[]::new)));
    assertThat(
        names,
        hasItems(
            "mrr",
            "arr",
            "customers",
            "arpa",
            "customer_churn_rate",
            "net_mrr_churn_rate",
            "ltv",
            "payment_success_rate",
            "trials_started",
            "activated_trials",
            "activation_rate",
            "trial_conversion_rate",
            "lqi",
            "feature_adoption_rate"));
    // The counts the demo's truth/monthly.json reports, plus the scoring-model check.
    assertThat(
        names,
        hasItems(
            "converted_trials",
            "new_customers",
            "churned_customers",
            "reactivated_customers",
            "leads_created",
            "lead_score_lift"));
    assertEquals("metric names are unique", names.size(), names.stream().distinct().count());
  }

  @Test
  public void xmrChartsTheFourMetricsTheIssueNames() {
    assertThat(
        names(Metrics.xmrMetrics()),
        containsInAnyOrder("mrr", "lqi", "activation_rate", "trial_conversion_rate"));
  }

  @Test
  public void eachChartPlotsADictionaryMetricAndMrrPlotsItsMonthlyChange() {
    // A steadily growing MRR would be a run of 8 every month on its own chart (XmrChartsTest):
    // the chart plots net_new_mrr, the month's change, which a steady company keeps predictable.
    assertEquals(Optional.of("net_new_mrr"), Metrics.MRR.xmrSeries());
    assertEquals(Optional.of("lqi"), Metrics.LQI.xmrSeries());
    assertEquals(Optional.empty(), Metrics.ARR.xmrSeries());
    for (MetricDef m : Metrics.xmrMetrics()) {
      MetricDef series = Metrics.named(m.xmrSeries().orElseThrow());
      assertTrue(m.name() + " charts a series without dimension", series.dimension().isEmpty());
    }
  }

  @Test
  public void dailyMetricsAreTheRevenueStocksAndFlows() {
    List<String> daily = new ArrayList<>(List.of("mrr", "arr", "customers"));
    daily.addAll(MRR_MOVEMENTS);
    daily.addAll(List.of("new_customers", "churned_customers", "reactivated_customers"));
    assertThat(names(Metrics.dailyMetrics()), containsInAnyOrder(daily.toArray()));
    assertEquals(List.of(Tables.METRIC_DAILY, Tables.METRIC_MONTHLY), Metrics.MRR.reportedIn());
    assertEquals(List.of(Tables.METRIC_MONTHLY), Metrics.LQI.reportedIn());
  }

  @Test
  public void everySourceIsARegisteredTableAndRatesHaveRateUnits() {
    for (MetricDef m : Metrics.all()) {
      for (TableDef t : m.sources()) {
        assertEquals(m + " reads an unregistered table", t, Tables.named(t.name()));
      }
      if (m.name().endsWith("_rate") && !m.name().equals("net_mrr_churn_rate")) {
        assertEquals(m + " is a rate", MetricDef.Unit.FRACTION, m.unit());
      }
    }
    assertEquals(MetricDef.Unit.INDEX_0_100, Metrics.LQI.unit());
    assertEquals("feature", Metrics.FEATURE_ADOPTION_RATE.dimension().orElseThrow());
  }

  @Test
  public void versionIsTheLastChangeLogLine() {
    MetricDef m =
        example().change(1, "2026-01-01", "first").change(2, "2026-02-01", "second").build();
    assertEquals(2, m.version());
  }

  @Test
  public void aChangeLogThatSkipsAVersionOrHasNoReasonIsRejected() {
    IllegalStateException skipped =
        assertThrows(
            IllegalStateException.class,
            () ->
                example().change(1, "2026-01-01", "first").change(3, "2026-02-01", "oops").build());
    assertThat(skipped.getMessage(), containsString("entry 2 says 3"));
    assertThrows(IllegalStateException.class, () -> example().change(1, "2026-01-01", " ").build());
  }

  @Test
  public void unknownMetricNamesTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Metrics.named("mmr"));
    assertThat(e.getMessage(), containsString("Known metrics: mrr, arr"));
  }

  @Test
  public void parametersDefaultToTheDictionaryValuesAndRejectNonsense() {
    MetricParameters p = MetricParameters.defaults();
    assertEquals(List.of("attendance", "gradebook", "timetable"), p.activationCoreFeatures());
    assertEquals(3, p.activationMinFeatures());
    assertEquals(2, p.activationMinDays());
    assertEquals(60.0, p.lqiQualificationThreshold(), 0);
    assertEquals(30, p.trialConversionWindowDays());
    assertEquals(6, p.ltvTrailingMonths());
    assertEquals(20, p.xmrBaselinePoints());
    assertTrue(p.xmrRestartAfterRunOf8());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> p.withLqiQualificationThreshold(150));
    assertThat(e.getMessage(), containsString("lqiQualificationThreshold"));
  }
}
