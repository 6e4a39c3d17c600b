package io.intelligencesuite.tests;

import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/** One figure of the marts' metric_monthly held against the demo's truth for it. */
final class MonthlyMetric {
  private MonthlyMetric() {}

  /**
   * Null when metric_monthly holds exactly one value of {@code metric} for {@code dimension} in
   * {@code month} (yyyy-MM) within {@code tolerance} of {@code expected}; otherwise a line naming
   * {@code what}, the truth and what the marts hold.
   */
  static @Nullable String mismatch(
      DuckDbQueries q,
      String metric,
      String dimension,
      String month,
      double expected,
      double tolerance,
      String what)
      throws Exception {
    List<List<Object>> got = q.rows(query(metric, dimension, month));
    if (got.size() == 1
        && Math.abs(((Number) got.get(0).get(0)).doubleValue() - expected) <= tolerance) {
      return null;
    }
    return what + ": truth " + expected + ", marts " + got;
  }

  /** The values metric_monthly holds of {@code metric} for {@code dimension} in yyyy-MM. */
  static String query(String metric, String dimension, String month) {
    return "select value from metric_monthly where metric = '"
        + metric
        + "' and dimension = '"
        + dimension
        + "' and strftime(month, '%Y-%m') = '"
        + month
        + "'";
  }
}
