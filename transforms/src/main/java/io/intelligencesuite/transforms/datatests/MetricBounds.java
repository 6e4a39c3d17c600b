package io.intelligencesuite.transforms.datatests;

import io.intelligencesuite.schemas.MetricDef;
import io.intelligencesuite.schemas.Metrics;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The range each metric's value must stay in, read from the metrics dictionary: a metric's {@link
 * MetricDef.Unit} carries its bounds (fractions in [0, 1], lqi in [0, 100], money and counts >= 0).
 * contraction_mrr and churned_mrr are magnitudes (unit CENTS: the demo's truth/monthly.json reports
 * them positive, and the marts must equal it); net_new_mrr and net_mrr_churn_rate go negative by
 * design (churn can outweigh new business; expansion can outweigh churn), so their signed units
 * have no bound.
 */
public final class MetricBounds {
  private MetricBounds() {}

  /** Every metric the dictionary defines (schemas' Metrics): the one list of names. */
  public static final List<String> KNOWN_METRICS =
      Metrics.all().stream().map(MetricDef::name).toList();

  /**
   * The WHERE condition for a value out of range, one clause per bounded unit. {@code NOT (v >= lo
   * AND v <= hi)} rather than {@code v < lo OR v > hi} so NaN fails on both warehouses: BigQuery's
   * comparisons with NaN are false, and DuckDB sorts NaN above every number.
   */
  static String outOfRange() {
    Map<MetricDef.Unit, List<String>> byUnit =
        Metrics.all().stream()
            .filter(m -> isBounded(m.unit()))
            .collect(
                Collectors.groupingBy(
                    MetricDef::unit,
                    () -> new EnumMap<>(MetricDef.Unit.class),
                    Collectors.mapping(MetricDef::name, Collectors.toList())));
    return byUnit.entrySet().stream()
        .map(
            e ->
                "(metric IN ("
                    + Sql.literals(e.getValue())
                    + ") AND NOT ("
                    + within(e.getKey())
                    + "))")
        .collect(Collectors.joining(" OR "));
  }

  private static boolean isBounded(MetricDef.Unit unit) {
    return Double.isFinite(unit.min()) || Double.isFinite(unit.max());
  }

  private static String within(MetricDef.Unit unit) {
    String low = Double.isFinite(unit.min()) ? "value >= " + bound(unit.min()) : null;
    String high = Double.isFinite(unit.max()) ? "value <= " + bound(unit.max()) : null;
    return low == null ? high : high == null ? low : low + " AND " + high;
  }

  /** 0, 1, 100 rather than 0.0, 1.0, 100.0: the bounds are whole numbers. */
  private static String bound(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
