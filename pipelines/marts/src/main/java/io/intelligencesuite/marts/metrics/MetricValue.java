package io.intelligencesuite.marts.metrics;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import java.io.Serializable;
import java.time.LocalDate;
import org.apache.beam.sdk.values.Row;

/** One metric value: a metric_daily row (period = day) or a metric_monthly row (period = month). */
public record MetricValue(String metric, LocalDate period, String dimension, double value)
    implements Serializable {
  public static final String ALL = "all";

  /** The same value reported for a segment (a company-wide value's dimension is "all"). */
  public MetricValue inDimension(String segment) {
    return new MetricValue(metric, period, segment, value);
  }

  public Row toDailyRow() {
    return RowBuilder.of(Tables.METRIC_DAILY)
        .set("metric", metric)
        .set("date", period)
        .set("dimension", dimension)
        .set("value", value)
        .build();
  }

  public Row toMonthlyRow() {
    return RowBuilder.of(Tables.METRIC_MONTHLY)
        .set("metric", metric)
        .set("month", period)
        .set("dimension", dimension)
        .set("value", value)
        .build();
  }
}
