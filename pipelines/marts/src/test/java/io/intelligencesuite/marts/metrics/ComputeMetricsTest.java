package io.intelligencesuite.marts.metrics;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertThrows;

import io.intelligencesuite.schemas.MetricParameters;
import io.intelligencesuite.schemas.Tables;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
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
    // metric_xmr: one row per monthly 'all' value of a charted metric (mrr 5, lqi 2,
    // activation_rate 1,
    // trial_conversion_rate 1 in the scenario).
    PAssert.that(out.get(ComputeMetrics.METRIC_XMR).apply(Count.globally())).containsInAnyOrder(9L);
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
