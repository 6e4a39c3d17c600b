package io.intelligencesuite.marts.metrics;

import static io.intelligencesuite.marts.metrics.GoldenScenario.move;
import static org.junit.Assert.assertEquals;

import io.intelligencesuite.schemas.MetricParameters;
import java.time.LocalDate;
import java.util.List;
import org.junit.Test;

/**
 * fx movements (mrr rule 8) in the metrics, on the production metrics pipeline: fx_mrr is their
 * signed sum, net_new_mrr includes it (so mrr at the end - mrr at the start = net_new_mrr), and no
 * other movement metric or net_mrr_churn_rate sees it.
 *
 * <p>Customer F (EUR): new 1100 on 5 Jan; on 1 Feb a new period with more seats and a higher rate:
 * expansion 1100 -> 1650 and fx 1650 -> 1800; on 1 Mar a lower rate alone: fx 1800 -> 1710.
 *
 * <ul>
 *   <li>February: expansion_mrr 550, fx_mrr 150, net_new_mrr 550 + 150 = 700 = 1800 - 1100;
 *       net_mrr_churn_rate (0 + 0 - 550 - 0) / 1100 = -0.5 (fx left out).
 *   <li>March: fx_mrr -90, contraction_mrr 0, net_new_mrr -90 = 1710 - 1800, net_mrr_churn_rate 0.
 * </ul>
 */
public class FxMetricsTest {
  @Test
  public void fxIsItsOwnMetricAndPartOfNetNewMrrOnly() {
    MetricInputs in =
        new MetricInputs(
            List.of(
                move("F", null, "2026-01-05", "new", 0, 1100),
                move("F", null, "2026-02-01", "expansion", 1100, 1650),
                move("F", null, "2026-02-01", "fx", 1650, 1800),
                move("F", null, "2026-03-01", "fx", 1800, 1710)),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    MetricLedger.Values v =
        ProductionMetrics.compute(in, LocalDate.parse("2026-03-31"), MetricParameters.defaults());
    assertEquals(550, monthly(v, "expansion_mrr", "2026-02-01"), 0);
    assertEquals(150, monthly(v, "fx_mrr", "2026-02-01"), 0);
    assertEquals(700, monthly(v, "net_new_mrr", "2026-02-01"), 0);
    assertEquals(1800, monthly(v, "mrr", "2026-02-01"), 0);
    assertEquals(-0.5, monthly(v, "net_mrr_churn_rate", "2026-02-01"), 1e-12);
    assertEquals(-90, monthly(v, "fx_mrr", "2026-03-01"), 0);
    assertEquals(0, monthly(v, "contraction_mrr", "2026-03-01"), 0);
    assertEquals(-90, monthly(v, "net_new_mrr", "2026-03-01"), 0);
    assertEquals(1710, monthly(v, "mrr", "2026-03-01"), 0);
    assertEquals(0, monthly(v, "net_mrr_churn_rate", "2026-03-01"), 1e-12);
  }

  private static double monthly(MetricLedger.Values v, String metric, String month) {
    return v.monthly().stream()
        .filter(
            m ->
                m.metric().equals(metric)
                    && m.period().equals(LocalDate.parse(month))
                    && m.dimension().equals("all"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + metric + " row for " + month))
        .value();
  }
}
