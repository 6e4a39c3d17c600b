package io.intelligencesuite.reporting.dashboard;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

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
  public void fxGainsStackUpAndLossesDownSoTheBarsAddUpToTheNet() {
    // fx_mrr +150 in January, -90 in February (mrr rule 8): an FX gain bar of 150 above the axis
    // in January, an FX loss bar of 90 below it in February, nothing in the other month.
    Map<String, TreeMap<LocalDate, Double>> monthly =
        Map.of("new_mrr", values(1000, 0), "fx_mrr", values(150, -90));
    DashboardModel.Movements m = DashboardModel.movements(monthly);
    Charts.Series gain = m.up().get(m.up().size() - 1);
    Charts.Series loss = m.down().get(m.down().size() - 1);
    assertEquals("FX gain", gain.name());
    assertEquals("FX loss", loss.name());
    assertArrayEquals(new double[] {150, 0}, gain.values(), 0);
    assertArrayEquals(new double[] {0, 90}, loss.values(), 0);
  }

  @Test
  public void withoutTheNetMetricThereIsNoNetPoint() {
    Map<String, TreeMap<LocalDate, Double>> monthly = Map.of("new_mrr", values(1000, 500));
    assertArrayEquals(
        new double[] {Double.NaN, Double.NaN}, DashboardModel.movements(monthly).net(), 0);
  }
}
