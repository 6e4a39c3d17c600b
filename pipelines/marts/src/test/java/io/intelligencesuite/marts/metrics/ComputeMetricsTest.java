package io.intelligencesuite.marts.metrics;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertThrows;

import io.intelligencesuite.schemas.MetricParameters;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.xmr.XmrChart;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;

/**
 * What the composite adds around the values (MetricsGoldenTest checks those by hand through {@link
 * ProductionMetrics}): the XmR rows and the check of its inputs.
 */
public class ComputeMetricsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void xmrRowsFollowTheChartedMonthlyValues() {
    PCollectionTuple out =
        ProductionMetrics.factRows(p, GoldenScenario.inputs())
            .apply(ComputeMetrics.asOf(GoldenScenario.AS_OF, MetricParameters.defaults()));
    // metric_xmr: one row per month from a charted series' first value to its last.
    // mrr is charted through net_new_mrr (golden outputs: 0, 0, 3300, -300, -700 for Nov..Mar):
    // centre 2300 / 5 = 460; ranges 0, 3300, 3600, 400 -> average 1825; limits 460 +/- 4854.5;
    // halfway line 2887.25 only passed by 3300 (1 of 4); no run -> no signal.
    // lqi has Nov and Jan (50 each, no leads in Dec): Dec is a gap row; the two values are not
    // consecutive, so no moving range, no limits and no signal, each row saying why.
    // activation_rate and trial_conversion_rate: one value each (Jan), nothing to judge.
    PAssert.that(
            out.get(ComputeMetrics.METRIC_XMR)
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            r ->
                                String.format(
                                    Locale.ROOT,
                                    "%s(%s) %s %s %.2f [%.2f, %.2f] %s %s",
                                    r.getString("metric"),
                                    r.getString("series"),
                                    r.getValue("period"),
                                    r.getDouble("value"),
                                    r.getDouble("centre"),
                                    r.getDouble("lower_limit"),
                                    r.getDouble("upper_limit"),
                                    r.getString("signal"),
                                    r.getString("note")))))
        .containsInAnyOrder(
            "mrr(net_new_mrr) 2025-11-01 0.0 460.00 [-4394.50, 5314.50] none null",
            "mrr(net_new_mrr) 2025-12-01 0.0 460.00 [-4394.50, 5314.50] none null",
            "mrr(net_new_mrr) 2026-01-01 3300.0 460.00 [-4394.50, 5314.50] none null",
            "mrr(net_new_mrr) 2026-02-01 -300.0 460.00 [-4394.50, 5314.50] none null",
            "mrr(net_new_mrr) 2026-03-01 -700.0 460.00 [-4394.50, 5314.50] none null",
            "lqi(lqi) 2025-11-01 50.0 50.00 [50.00, 50.00] none " + XmrChart.NO_RANGE_NOTE,
            "lqi(lqi) 2025-12-01 null 50.00 [50.00, 50.00] none "
                + XmrChart.GAP_NOTE
                + "; "
                + XmrChart.NO_RANGE_NOTE,
            "lqi(lqi) 2026-01-01 50.0 50.00 [50.00, 50.00] none " + XmrChart.NO_RANGE_NOTE,
            "activation_rate(activation_rate) 2026-01-01 0.3333333333333333 0.33 [0.33, 0.33] none "
                + XmrChart.NO_RANGE_NOTE,
            "trial_conversion_rate(trial_conversion_rate) 2026-01-01 0.6666666666666666 0.67"
                + " [0.67, 0.67] none "
                + XmrChart.NO_RANGE_NOTE);
    p.run().waitUntilFinish();
  }

  @Test
  public void aMissingInputIsNamed() {
    p.enableAbandonedNodeEnforcement(false);
    PCollectionTuple partial =
        PCollectionTuple.of(
            ComputeMetrics.FACT_REVENUE,
            p.apply(Create.of(List.<Row>of()).withRowSchema(Tables.FACT_REVENUE.schema())));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                partial.apply(
                    ComputeMetrics.asOf(GoldenScenario.AS_OF, MetricParameters.defaults())));
    assertThat(e.getMessage(), containsString("dim_customer"));
  }
}
