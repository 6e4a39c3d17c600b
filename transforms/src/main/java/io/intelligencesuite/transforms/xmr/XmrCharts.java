package io.intelligencesuite.transforms.xmr;

import io.intelligencesuite.schemas.MetricDef;
import io.intelligencesuite.schemas.MetricParameters;
import io.intelligencesuite.schemas.Metrics;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * metric_monthly rows -> metric_xmr rows: one {@link XmrChart} per charted metric, over the monthly
 * values (dimension 'all') of the series the dictionary names for it ({@link
 * io.intelligencesuite.schemas.MetricDef#xmrSeries()}: mrr is charted through net_new_mrr), one
 * shuffle keyed by charted metric, so each chart's few dozen points meet on one worker. A series
 * runs from its first monthly value to its last; a month between them without a value is a gap row
 * (null value, a note), so the chart's months are explicit.
 *
 * <pre>{@code
 * PCollection<Row> xmr = metricMonthly.apply(XmrCharts.forDictionary(MetricParameters.defaults()));
 * }</pre>
 */
public final class XmrCharts extends PTransform<PCollection<Row>, PCollection<Row>> {
  private static final String ALL = "all";

  /** Charted metric -> the metric whose values its chart plots. */
  private final Map<String, String> seriesOf;

  private final XmrChart chart;

  private XmrCharts(Map<String, String> seriesOf, XmrChart chart) {
    this.seriesOf = seriesOf;
    this.chart = chart;
  }

  /** Charts the metrics the dictionary flags, with its baseline and restart parameters. */
  public static XmrCharts forDictionary(MetricParameters params) {
    return of(
        Metrics.xmrMetrics().stream().map(MetricDef::name).collect(Collectors.toList()),
        params.xmrBaselinePoints(),
        params.xmrRestartAfterRunOf8());
  }

  /**
   * Charts these metrics (names from the dictionary), each through the series the dictionary names
   * for it (itself when it has no chart there).
   */
  public static XmrCharts of(List<String> metrics, int baselinePoints, boolean restartAfterRunOf8) {
    Map<String, String> seriesOf = new TreeMap<>();
    for (String m : metrics) {
      // An unknown name fails here, listing the known ones.
      String series = Metrics.named(m).xmrSeries().orElse(m);
      Metrics.named(series);
      seriesOf.put(m, series);
    }
    return new XmrCharts(seriesOf, new XmrChart(baselinePoints, restartAfterRunOf8));
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> metricMonthly) {
    return metricMonthly
        .apply("KeepChartedSeries", ParDo.of(new KeyByChart(seriesOf)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(), DoubleCoder.of())))
        .apply("GroupByChart", GroupByKey.create())
        .apply("ChartEachMetric", ParDo.of(new Chart(chart, seriesOf)))
        .setRowSchema(Tables.METRIC_XMR.schema());
  }

  /** (charted metric, (epoch day of the month, value)) for the charted series' 'all' rows. */
  private static final class KeyByChart extends DoFn<Row, KV<String, KV<Long, Double>>> {
    private final Map<String, String> seriesOf;

    KeyByChart(Map<String, String> seriesOf) {
      this.seriesOf = seriesOf;
    }

    @ProcessElement
    public void process(@Element Row r, OutputReceiver<KV<String, KV<Long, Double>>> out) {
      String metric = r.getString("metric");
      if (!ALL.equals(r.getString("dimension"))) {
        return;
      }
      LocalDate month = r.getValue("month");
      for (Map.Entry<String, String> chart : seriesOf.entrySet()) {
        if (chart.getValue().equals(metric)) {
          out.output(KV.of(chart.getKey(), KV.of(month.toEpochDay(), r.getDouble("value"))));
        }
      }
    }
  }

  private static final class Chart extends DoFn<KV<String, Iterable<KV<Long, Double>>>, Row> {
    private final XmrChart chart;
    private final Map<String, String> seriesOf;

    Chart(XmrChart chart, Map<String, String> seriesOf) {
      this.chart = chart;
      this.seriesOf = seriesOf;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<KV<Long, Double>>> series, OutputReceiver<Row> out) {
      TreeMap<LocalDate, Double> byMonth = new TreeMap<>();
      series
          .getValue()
          .forEach(kv -> byMonth.put(LocalDate.ofEpochDay(kv.getKey()), kv.getValue()));
      // Every month from the first value to the last; NaN marks a month without one (a gap).
      List<LocalDate> months = new ArrayList<>();
      for (LocalDate m = byMonth.firstKey(); !m.isAfter(byMonth.lastKey()); m = m.plusMonths(1)) {
        months.add(m);
      }
      double[] values =
          months.stream().mapToDouble(m -> byMonth.getOrDefault(m, Double.NaN)).toArray();
      List<XmrPoint> charted = chart.compute(values);
      for (int i = 0; i < charted.size(); i++) {
        XmrPoint p = charted.get(i);
        out.output(
            RowBuilder.of(Tables.METRIC_XMR)
                .set("metric", series.getKey())
                .set("period", months.get(i))
                .set("value", p.isGap() ? null : p.value())
                .set("centre", p.centre())
                .set("lower_limit", p.lowerLimit())
                .set("upper_limit", p.upperLimit())
                .set("moving_range", p.movingRange())
                .set("upper_range_limit", p.upperRangeLimit())
                .set("signal", p.signal().code())
                .set("series", seriesOf.get(series.getKey()))
                .set("note", p.note())
                .build());
      }
    }
  }
}
