package io.intelligencesuite.reporting.dashboard;

import static org.junit.Assert.assertArrayEquals;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;

/**
 * The movements chart's net line is the marts' net_new_mrr, never a sum the dashboard makes of the
 * bars.
 */
public class MovementsNetTest {
  private static final LocalDate JAN = LocalDate.parse("2026-01-01");
  private static final LocalDate FEB = LocalDate.parse("2026-02-01");

  private static TreeMap<LocalDate, Double> values(double jan, double feb) {
    return new TreeMap<>(Map.of(JAN, jan, FEB, feb));
  }

  @Test
  public void theNetLineIsTheMartsNetNewMrr() {
    // Bars that would sum to 700 and 200; the marts' figure (here deliberately different) wins.
    Map<String, TreeMap<LocalDate, Double>> monthly =
        Map.of(
            "new_mrr",
            values(1000, 500),
            "churned_mrr",
            values(-300, -300),
            "net_new_mrr",
            values(650, 250));
    assertArrayEquals(new double[] {650, 250}, DashboardModel.movements(monthly).net(), 0);
  }

  @Test
  public void withoutTheNetMetricThereIsNoNetPoint() {
    Map<String, TreeMap<LocalDate, Double>> monthly = Map.of("new_mrr", values(1000, 500));
    assertArrayEquals(
        new double[] {Double.NaN, Double.NaN}, DashboardModel.movements(monthly).net(), 0);
  }
}
