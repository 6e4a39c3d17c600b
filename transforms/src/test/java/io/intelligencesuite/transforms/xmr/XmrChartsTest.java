package io.intelligencesuite.transforms.xmr;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import java.time.LocalDate;
import java.util.ArrayList;
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
        "%s(%s) %s %s %.6f [%.6f, %.6f] mR=%s URL=%.6f %s%s",
        r.getString("metric"),
        r.getString("series"),
        r.getValue("period"),
        r.getDouble("value") == null
            ? "null"
            : String.format(java.util.Locale.ROOT, "%.6f", r.getDouble("value")),
        r.getDouble("centre"),
        r.getDouble("lower_limit"),
        r.getDouble("upper_limit"),
        range == null ? "null" : String.format(java.util.Locale.ROOT, "%.6f", range),
        r.getDouble("upper_range_limit"),
        r.getString("signal"),
        r.getString("note") == null ? "" : " note: " + r.getString("note"));
  }

  /** These metric_monthly rows charted for {@code metrics} (baseline 20, restart on), as text. */
  private PCollection<String> chartTexts(List<Row> monthlyRows, String... metrics) {
    return p.apply(Create.of(monthlyRows).withRowSchema(Tables.METRIC_MONTHLY.schema()))
        .apply(XmrCharts.of(List.of(metrics), 20, true))
        .apply(MapElements.into(TypeDescriptors.strings()).via(XmrChartsTest::text));
  }

  @Test
  public void chartsOnlyTheFlaggedMetricsInPeriodOrder() {
    // lqi arrives out of order: 40 (Jan), 60 (Feb), 50 (Mar). Baseline = all 3: centre 50,
    // ranges |60-40| = 20, |50-60| = 10 -> average 15; limits 50 +/- 39.9 = [10.1, 89.9];
    // URL 3.268 x 15 = 49.02. Nothing fires. arpa is not charted; feature rows are not 'all'.
    PAssert.that(
            chartTexts(
                List.of(
                    monthly("lqi", "2026-03-01", "all", 50),
                    monthly("lqi", "2026-01-01", "all", 40),
                    monthly("lqi", "2026-02-01", "all", 60),
                    monthly("arpa", "2026-01-01", "all", 1000),
                    monthly("feature_adoption_rate", "2026-01-01", "gradebook", 0.5)),
                "lqi",
                "feature_adoption_rate"))
        .containsInAnyOrder(
            "lqi(lqi) 2026-01-01 40.000000 50.000000 [10.100000, 89.900000] mR=null URL=49.020000 none",
            "lqi(lqi) 2026-02-01 60.000000 50.000000 [10.100000, 89.900000] mR=20.000000 URL=49.020000 none",
            "lqi(lqi) 2026-03-01 50.000000 50.000000 [10.100000, 89.900000] mR=10.000000 URL=49.020000 none");
    p.run().waitUntilFinish();
  }

  @Test
  public void aMonthWithoutValueIsAnExplicitGapRow() {
    // activation_rate has values for Jan, Feb and Apr (a March cohort without trials has no
    // rate): the chart runs Jan..Apr and March is a row with a null value and the gap note.
    // Baseline = the 3 values 0.4, 0.6, 0.5: centre 0.5; the only consecutive pair is Jan-Feb
    // (range 0.2; none into or out of March) -> average 0.2, limits 0.5 +/- 0.532 =
    // [-0.032, 1.032], URL 0.6536. April has no moving range (March has no value).
    PAssert.that(
            chartTexts(
                List.of(
                    monthly("activation_rate", "2026-01-01", "all", 0.4),
                    monthly("activation_rate", "2026-02-01", "all", 0.6),
                    monthly("activation_rate", "2026-04-01", "all", 0.5)),
                "activation_rate"))
        .containsInAnyOrder(
            "activation_rate(activation_rate) 2026-01-01 0.400000 0.500000 [-0.032000, 1.032000] mR=null URL=0.653600 none",
            "activation_rate(activation_rate) 2026-02-01 0.600000 0.500000 [-0.032000, 1.032000] mR=0.200000 URL=0.653600 none",
            "activation_rate(activation_rate) 2026-03-01 null 0.500000 [-0.032000, 1.032000] mR=null URL=0.653600 none note: "
                + XmrChart.GAP_NOTE,
            "activation_rate(activation_rate) 2026-04-01 0.500000 0.500000 [-0.032000, 1.032000] mR=null URL=0.653600 none");
    p.run().waitUntilFinish();
  }

  @Test
  public void steadilyGrowingMrrIsChartedThroughNetNewMrrAndFlagsNothing() {
    // 24 months of a company adding 10,000 to 12,000 cents of MRR a month: net new MRR repeats
    // 10000, 12000, 9000, 11000, and MRR climbs from 500,000 by that much each month.
    // The dictionary charts mrr through net_new_mrr. Baseline = the first 20 net new values: centre
    // (42000 x 5) / 20 = 10500; 19 ranges (2000, 3000, 2000, 1000) x 4 + 2000, 3000, 2000 = 39000
    // -> average 39000 / 19 = 2052.63...; limits 10500 +/- 5460.0 = [5040, 15960]; URL 6708.0.
    // Halfway lines 7770 / 13230: no value reaches them; the values alternate below (10000, 9000)
    // and above (12000, 11000) the centre, so no run. Not one signal in 24 months.
    double[] netNew = {10000, 12000, 9000, 11000};
    List<Row> rows = new ArrayList<>();
    double[] mrrLevels = new double[24];
    double mrr = 500000;
    for (int i = 0; i < 24; i++) {
      mrr += netNew[i % 4];
      mrrLevels[i] = mrr;
      String month = LocalDate.parse("2025-01-01").plusMonths(i).toString();
      rows.add(monthly("mrr", month, "all", mrr));
      rows.add(monthly("net_new_mrr", month, "all", netNew[i % 4]));
    }
    PCollection<Row> out =
        p.apply(Create.of(rows).withRowSchema(Tables.METRIC_MONTHLY.schema()))
            .apply(XmrCharts.of(List.of("mrr"), 20, true));
    PAssert.that(
            out.apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        r ->
                            r.getString("metric")
                                + "("
                                + r.getString("series")
                                + ") "
                                + r.getString("signal")
                                + " "
                                + Math.round(r.getDouble("centre")))))
        .satisfies(
            texts -> {
              int n = 0;
              for (String t : texts) {
                assertEquals("mrr(net_new_mrr) none 10500", t);
                n++;
              }
              assertEquals(24, n);
              return null;
            });
    p.run().waitUntilFinish();
    // The level itself, charted the same way, is a trend. The first 20 levels' centre 610,250 is
    // passed after 10 months, the run above it restarts the baseline at month 10. Segment 1
    // (months 0-9: centre 557,800, average range 96,000 / 9 = 10,666.7, limits +/- 28,373): its
    // two first and two last months beyond, the two next to them three_of_four, two quiet.
    // Segment 2 (months 10-23: centre 683,714.3, limits +/- 28,032.3): four months beyond at each
    // end, two three_of_four next to each, two quiet. 20 of 24 months flagged: a growing company
    // would be told month after month that MRR is a signal.
    List<XmrPoint> level = new XmrChart(20, true).compute(mrrLevels);
    long flagged = level.stream().filter(pt -> pt.signal() != XmrSignal.NONE).count();
    assertEquals(20, flagged);
    assertEquals(XmrSignal.BEYOND_LIMITS, level.get(23).signal());
  }

  @Test
  public void anUnknownMetricFailsNamingTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> XmrCharts.of(List.of("lqii"), 20, true));
    assertThat(e.getMessage(), containsString("Unknown metric 'lqii'"));
  }
}
