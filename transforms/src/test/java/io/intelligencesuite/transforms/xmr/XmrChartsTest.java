package io.intelligencesuite.transforms.xmr;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertThrows;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;

public class XmrChartsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static Row monthly(String metric, String month, String dimension, double value) {
    return RowBuilder.of(Tables.METRIC_MONTHLY)
        .set("metric", metric)
        .set("month", LocalDate.parse(month))
        .set("dimension", dimension)
        .set("value", value)
        .build();
  }

  /**
   * A metric_xmr row as text, limits rounded to 6 decimals (they are sums of floating products).
   */
  private static String text(Row r) {
    Double range = r.getDouble("moving_range");
    return String.format(
        java.util.Locale.ROOT,
        "%s %s %.6f %.6f [%.6f, %.6f] mR=%s URL=%.6f %s",
        r.getString("metric"),
        r.getValue("period"),
        r.getDouble("value"),
        r.getDouble("centre"),
        r.getDouble("lower_limit"),
        r.getDouble("upper_limit"),
        range == null ? "null" : String.format(java.util.Locale.ROOT, "%.6f", range),
        r.getDouble("upper_range_limit"),
        r.getString("signal"));
  }

  @Test
  public void chartsOnlyTheFlaggedMetricsInPeriodOrder() {
    // lqi arrives out of order: 40 (Jan), 60 (Feb), 50 (Mar). Baseline = all 3: centre 50,
    // ranges |60-40| = 20, |50-60| = 10 -> average 15; limits 50 +/- 39.9 = [10.1, 89.9];
    // URL 3.268 x 15 = 49.02. Nothing fires. arpa is not charted; feature rows are not 'all'.
    PCollection<Row> out =
        p.apply(
                Create.of(
                        List.of(
                            monthly("lqi", "2026-03-01", "all", 50),
                            monthly("lqi", "2026-01-01", "all", 40),
                            monthly("lqi", "2026-02-01", "all", 60),
                            monthly("arpa", "2026-01-01", "all", 1000),
                            monthly("feature_adoption_rate", "2026-01-01", "gradebook", 0.5)))
                    .withRowSchema(Tables.METRIC_MONTHLY.schema()))
            .apply(XmrCharts.of(List.of("lqi", "feature_adoption_rate"), 20, true));
    PAssert.that(out.apply(MapElements.into(TypeDescriptors.strings()).via(XmrChartsTest::text)))
        .containsInAnyOrder(
            "lqi 2026-01-01 40.000000 50.000000 [10.100000, 89.900000] mR=null URL=49.020000 none",
            "lqi 2026-02-01 60.000000 50.000000 [10.100000, 89.900000] mR=20.000000 URL=49.020000 none",
            "lqi 2026-03-01 50.000000 50.000000 [10.100000, 89.900000] mR=10.000000 URL=49.020000 none");
    p.run().waitUntilFinish();
  }

  @Test
  public void anUnknownMetricFailsNamingTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> XmrCharts.of(List.of("lqii"), 20, true));
    assertThat(e.getMessage(), containsString("Unknown metric 'lqii'"));
  }
}
