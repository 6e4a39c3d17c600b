package io.intelligencesuite.transforms.xmr;

import io.intelligencesuite.schemas.MetricDef;
import io.intelligencesuite.schemas.MetricParameters;
import io.intelligencesuite.schemas.Metrics;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
 * metric_monthly rows -> metric_xmr rows: one {@link XmrChart} per charted metric (dimension
 * 'all'), one shuffle keyed by metric, so each chart's few dozen points meet on one worker.
 *
 * <pre>{@code
 * PCollection<Row> xmr = metricMonthly.apply(XmrCharts.forDictionary(MetricParameters.defaults()));
 * }</pre>
 */
public final class XmrCharts extends PTransform<PCollection<Row>, PCollection<Row>> {
  private static final String ALL = "all";

  private final Set<String> metrics;
  private final XmrChart chart;

  private XmrCharts(Set<String> metrics, XmrChart chart) {
    this.metrics = metrics;
    this.chart = chart;
  }

  /** Charts the metrics the dictionary flags, with its baseline and restart parameters. */
  public static XmrCharts forDictionary(MetricParameters params) {
    return of(
        Metrics.xmrMetrics().stream().map(MetricDef::name).collect(Collectors.toList()),
        params.xmrBaselinePoints(),
        params.xmrRestartAfterRunOf8());
  }

  /** Charts these metrics (names from the dictionary). */
  public static XmrCharts of(List<String> metrics, int baselinePoints, boolean restartAfterRunOf8) {
    metrics.forEach(Metrics::named); // an unknown name fails here, listing the known ones
    return new XmrCharts(new TreeSet<>(metrics), new XmrChart(baselinePoints, restartAfterRunOf8));
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> metricMonthly) {
    return metricMonthly
        .apply("KeepChartedMetrics", ParDo.of(new KeyByMetric(metrics)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(), DoubleCoder.of())))
        .apply("GroupByMetric", GroupByKey.create())
        .apply("ChartEachMetric", ParDo.of(new Chart(chart)))
        .setRowSchema(Tables.METRIC_XMR.schema());
  }

  /** (metric, (epoch day of the month, value)) for the charted metrics' 'all' rows. */
  private static final class KeyByMetric extends DoFn<Row, KV<String, KV<Long, Double>>> {
    private final Set<String> metrics;

    KeyByMetric(Set<String> metrics) {
      this.metrics = metrics;
    }

    @ProcessElement
    public void process(@Element Row r, OutputReceiver<KV<String, KV<Long, Double>>> out) {
      String metric = r.getString("metric");
      if (metrics.contains(metric) && ALL.equals(r.getString("dimension"))) {
        LocalDate month = r.getValue("month");
        out.output(KV.of(metric, KV.of(month.toEpochDay(), r.getDouble("value"))));
      }
    }
  }

  private static final class Chart extends DoFn<KV<String, Iterable<KV<Long, Double>>>, Row> {
    private final XmrChart chart;

    Chart(XmrChart chart) {
      this.chart = chart;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<KV<Long, Double>>> series, OutputReceiver<Row> out) {
      List<KV<Long, Double>> points = new ArrayList<>();
      series.getValue().forEach(points::add);
      points.sort(Comparator.comparing(KV::getKey));
      double[] values = points.stream().mapToDouble(KV::getValue).toArray();
      List<XmrPoint> charted = chart.compute(values);
      for (int i = 0; i < charted.size(); i++) {
        XmrPoint p = charted.get(i);
        out.output(
            RowBuilder.of(Tables.METRIC_XMR)
                .set("metric", series.getKey())
                .set("period", LocalDate.ofEpochDay(points.get(i).getKey()))
                .set("value", p.value())
                .set("centre", p.centre())
                .set("lower_limit", p.lowerLimit())
                .set("upper_limit", p.upperLimit())
                .set("moving_range", p.movingRange())
                .set("upper_range_limit", p.upperRangeLimit())
                .set("signal", p.signal().code())
                .build());
      }
    }
  }
}
