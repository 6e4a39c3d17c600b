package io.intelligencesuite.marts.metrics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import io.intelligencesuite.schemas.MetricParameters;
import io.intelligencesuite.schemas.Metrics;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;

/**
 * Win rate and sales cycle from CRM deals, through the production transform, against values
 * computed by hand from {@link GoldenScenario#DEALS} (as of 2026-03-31).
 */
public class DealMetricsTest {
  private static Map<String, Double> monthly(String metric) {
    Map<String, Double> out = new TreeMap<>();
    for (MetricValue v :
        ProductionMetrics.compute(
                GoldenScenario.inputs(), GoldenScenario.AS_OF, MetricParameters.defaults())
            .monthly()) {
      if (v.metric().equals(metric)) {
        out.put(v.period().toString(), v.value());
      }
    }
    return out;
  }

  @Test
  public void winRateByMonthOfClose() {
    // Jan: 2 won / (2 won + 1 lost) = 0.6667; Feb: 3 / (3 + 1) = 0.75; Mar: 0 / (0 + 1) = 0.
    // The open deal with an expected close date in Feb and the deal won on 2026-04-02 (after the
    // as-of date) count nowhere; months without closed deals (Nov, Dec 2025) have no row.
    Map<String, Double> rate = monthly(Metrics.WIN_RATE.name());
    assertEquals(3, rate.size());
    assertEquals(2.0 / 3, rate.get("2026-01-01"), 1e-12);
    assertEquals(0.75, rate.get("2026-02-01"), 1e-12);
    assertEquals(0.0, rate.get("2026-03-01"), 1e-12);
  }

  @Test
  public void salesCycleIsTheMedianOfTheWonDealsDays() {
    // Jan: won after 10 days (Jan 1 -> Jan 11) and 31.5 days (Dec 20 12:00 -> Jan 21):
    // median of two = (10 + 31.5) / 2 = 20.75.
    // Feb: 7.25 (Feb 1 -> Feb 8 06:00), 12 (Feb 3 -> Feb 15), 41 (Jan 10 -> Feb 20): median 12.
    // Mar: no deal won, no row (the lost deal has no cycle).
    Map<String, Double> cycle = monthly(Metrics.SALES_CYCLE_DAYS.name());
    assertEquals(2, cycle.size());
    assertEquals(20.75, cycle.get("2026-01-01"), 1e-12);
    assertEquals(12.0, cycle.get("2026-02-01"), 1e-12);
    assertFalse(cycle.containsKey("2026-03-01"));
  }

  @Test
  public void medianOfAnOddAndAnEvenCount() {
    assertEquals(2.0, MetricFormulas.median(java.util.List.of(1.0, 2.0, 9.0)).getAsDouble(), 0);
    assertEquals(
        5.5, MetricFormulas.median(java.util.List.of(1.0, 2.0, 9.0, 10.0)).getAsDouble(), 0);
    assertFalse(MetricFormulas.median(java.util.List.of()).isPresent());
    assertEquals(LocalDate.parse("2026-03-31"), GoldenScenario.AS_OF);
  }
}
