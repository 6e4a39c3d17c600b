package io.intelligencesuite.transforms.datatests;

import java.util.List;

/**
 * The ranges the dictionary's metric values must stay in, and the metric names themselves. Kept
 * here until the metrics dictionary carries a range per metric; then this list should come from it.
 * contraction_mrr and churned_mrr are magnitudes (the demo's truth/monthly.json reports them
 * positive, and the marts must equal it); net_new_mrr and net_mrr_churn_rate go negative by design
 * (churn can outweigh new business; expansion can outweigh churn), so they have no range.
 */
public final class MetricBounds {
  private MetricBounds() {}

  /** Fractions in [0, 1] (rates are fractions). */
  public static final List<String> FRACTIONS =
      List.of(
          "customer_churn_rate",
          "payment_success_rate",
          "activation_rate",
          "trial_conversion_rate",
          "feature_adoption_rate");

  /** Indices from 0 to 100. */
  public static final List<String> INDICES = List.of("lqi");

  /** Money, counts and ratios that are never negative. */
  public static final List<String> NON_NEGATIVE =
      List.of(
          "mrr",
          "arr",
          "new_mrr",
          "expansion_mrr",
          "contraction_mrr",
          "churned_mrr",
          "reactivation_mrr",
          "customers",
          "arpa",
          "ltv",
          "trials_started",
          "activated_trials",
          "lead_score_lift");

  /** Every metric the dictionary defines (schemas' Metrics): the one list of names. */
  public static final List<String> KNOWN_METRICS =
      io.intelligencesuite.schemas.Metrics.all().stream()
          .map(io.intelligencesuite.schemas.MetricDef::name)
          .toList();

  /**
   * The WHERE condition for a value out of range. {@code NOT (v >= lo AND v <= hi)} rather than
   * {@code v < lo OR v > hi} so NaN fails on both warehouses: BigQuery's comparisons with NaN are
   * false, and DuckDB sorts NaN above every number.
   */
  static String outOfRange() {
    return "(metric IN ("
        + Sql.literals(FRACTIONS)
        + ") AND NOT (value >= 0 AND value <= 1))"
        + " OR (metric IN ("
        + Sql.literals(INDICES)
        + ") AND NOT (value >= 0 AND value <= 100))"
        + " OR (metric IN ("
        + Sql.literals(NON_NEGATIVE)
        + ") AND NOT (value >= 0))";
  }
}
