package io.intelligencesuite.marts.metrics;

import io.intelligencesuite.schemas.MetricDef;
import io.intelligencesuite.schemas.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What metric_monthly's segment rows must satisfy (Segments' convention), as lists of problems so a
 * failing test names every row: the golden scenario's test and the demo end-to-end test use them.
 */
public final class SegmentChecks {
  private SegmentChecks() {}

  private static final Map<String, MetricDef> DICTIONARY =
      Metrics.all().stream().collect(Collectors.toMap(MetricDef::name, Function.identity()));

  /**
   * For every additive metric ({@link Segments#isAdditive}) and month, the values of each family
   * the metric is reported by ({@link Segments#familiesOf}) whose sum is not the "all" row; a
   * missing value counts as 0, a missing "all" row too.
   */
  public static List<String> totalsProblems(List<MetricValue> monthly) {
    Map<String, Double> all = new TreeMap<>();
    Map<String, Double> sums = new TreeMap<>();
    Map<String, MetricDef> keys = new TreeMap<>();
    for (MetricValue v : monthly) {
      MetricDef m = DICTIONARY.get(v.metric());
      if (m == null || !Segments.isAdditive(m)) {
        continue;
      }
      String key = v.metric() + " " + v.period();
      keys.put(key, m);
      if (v.dimension().equals(MetricValue.ALL)) {
        all.put(key, v.value());
      } else {
        sums.merge(key + " " + Segments.familyOf(v.dimension()), v.value(), Double::sum);
      }
    }
    List<String> problems = new ArrayList<>();
    keys.forEach(
        (key, m) -> {
          double total = all.getOrDefault(key, 0.0);
          for (String family : Segments.familiesOf(m)) {
            double sum = sums.getOrDefault(key + " " + family, 0.0);
            if (Math.abs(sum - total) > 1e-6) {
              problems.add(
                  key + " " + family + ": segments add up to " + sum + ", all is " + total);
            }
          }
        });
    return problems;
  }

  /**
   * Rows whose dimension is neither "all" nor {@code family:value} of a family the metric is
   * reported by ({@link Segments#familiesOf}).
   */
  public static List<String> dimensionProblems(List<MetricValue> monthly) {
    List<String> problems = new ArrayList<>();
    for (MetricValue v : monthly) {
      MetricDef m = DICTIONARY.get(v.metric());
      String d = v.dimension();
      if (m == null) {
        problems.add(v + ": not a dictionary metric");
      } else if (d.equals(MetricValue.ALL)) {
        continue;
      } else if (!d.contains(":")
          || d.endsWith(":")
          || !Segments.familiesOf(m).contains(Segments.familyOf(d))) {
        problems.add(v + ": not all and not family:value of " + Segments.familiesOf(m));
      }
    }
    return problems;
  }
}
