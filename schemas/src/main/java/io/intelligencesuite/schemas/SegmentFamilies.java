package io.intelligencesuite.schemas;

import java.util.List;

/**
 * The segment families of metric_monthly's {@code dimension} column ({@code family:value}) and
 * which of them each metric is reported by: the one rule the marts (marts.metrics.Segments) and the
 * generated docs/metrics.md both read. A metric with its own dimension in the dictionary (channel
 * for the marketing metrics, feature for feature adoption) is reported by that one; the deal
 * metrics (their source is crm_deals: deals are not tied to a customer yet) by none; every other
 * metric by all five families.
 */
public final class SegmentFamilies {
  private SegmentFamilies() {}

  public static final String PLAN = "plan";
  public static final String INTERVAL = "interval";
  public static final String COUNTRY = "country";
  public static final String SIZE = "size";
  public static final String CHANNEL = "channel";

  /**
   * Not a segment: feature_adoption_rate's own dimension ({@code feature:gradebook}), one row per
   * feature and none for {@code all}.
   */
  public static final String FEATURE = "feature";

  /** Every family, in the order the marts write them. */
  public static final List<String> ALL = List.of(PLAN, INTERVAL, COUNTRY, SIZE, CHANNEL);

  /** The families {@code m} is reported by besides {@code all} (see the class comment). */
  public static List<String> of(MetricDef m) {
    if (m.dimension().isPresent()) {
      return List.of(m.dimension().get());
    }
    return m.sources().contains(Tables.CRM_DEALS) ? List.of() : ALL;
  }
}
