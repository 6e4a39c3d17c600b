package io.intelligencesuite.marts.metrics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.OptionalDouble;
import org.junit.Test;

/** The formulas' edge cases, by hand. */
public class MetricFormulasTest {
  private static final double EPS = 1e-12;

  @Test
  public void zeroDenominatorsGiveNoValue() {
    assertTrue(MetricFormulas.arpa(0, 0).isEmpty());
    assertTrue(MetricFormulas.customerChurnRate(0, 0).isEmpty()); // zero customers at start
    assertTrue(MetricFormulas.netMrrChurnRate(100, 0, 0, 0, 0).isEmpty()); // zero MRR at start
    assertTrue(MetricFormulas.paymentSuccessRate(0, 0).isEmpty());
    assertTrue(MetricFormulas.lqi(0, 0).isEmpty());
  }

  @Test
  public void ltvIsArpaOverTheChurnRateAndAbsentWithoutChurn() {
    // ARPA 1000, 2 churned of 40 at start -> 5% a month -> 1000 / 0.05 = 20000.
    assertEquals(20000, MetricFormulas.ltv(OptionalDouble.of(1000), 2, 40).getAsDouble(), 1e-9);
    assertTrue(
        "zero churn: unbounded, no row",
        MetricFormulas.ltv(OptionalDouble.of(1000), 0, 40).isEmpty());
    assertTrue(
        "no customers at start", MetricFormulas.ltv(OptionalDouble.of(1000), 0, 0).isEmpty());
    assertTrue("no ARPA", MetricFormulas.ltv(OptionalDouble.empty(), 2, 40).isEmpty());
  }

  @Test
  public void netMrrChurnFollowsChartMogulsExampleAndMayBeNegative() {
    // definitions.md 1.5: $100 start, $10 churn, $10 contraction, $10 expansion -> 10%.
    assertEquals(0.10, MetricFormulas.netMrrChurnRate(10, 10, 10, 0, 100).getAsDouble(), EPS);
    // Expansion 30 against churn 10: (10 - 30) / 100 = -0.2, net expansion.
    assertEquals(-0.2, MetricFormulas.netMrrChurnRate(10, 0, 30, 0, 100).getAsDouble(), EPS);
  }

  @Test
  public void leadScoreLiftNeedsBothGroupsAndAConvertingRest() {
    // (3 / 10) / (1 / 20) = 0.3 / 0.05 = 6.
    assertEquals(6.0, MetricFormulas.leadScoreLift(3, 10, 1, 20).getAsDouble(), EPS);
    assertTrue(MetricFormulas.leadScoreLift(3, 10, 0, 20).isEmpty()); // rest never converted
    assertTrue(MetricFormulas.leadScoreLift(0, 0, 1, 20).isEmpty()); // no qualified leads
    assertEquals(0.0, MetricFormulas.leadScoreLift(0, 10, 1, 20).getAsDouble(), EPS);
  }

  @Test
  public void lqiIsAnIndexAndArrTwelveTimesMrr() {
    assertEquals(25.0, MetricFormulas.lqi(1, 4).getAsDouble(), EPS);
    assertEquals(120000.0, MetricFormulas.arr(10000), EPS);
    assertEquals(-300, MetricFormulas.netNewMrr(500, 500, 0, 800, 500, 0));
    // FX is part of the whole change: -300 + 120 of exchange-rate gain = -180.
    assertEquals(-180, MetricFormulas.netNewMrr(500, 500, 0, 800, 500, 120));
  }
}
