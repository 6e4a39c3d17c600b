package io.intelligencesuite.marts.metrics;

import io.intelligencesuite.schemas.MetricDef;
import io.intelligencesuite.schemas.Metrics;
import io.intelligencesuite.schemas.SegmentFamilies;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The segments every monthly metric is also reported by, in metric_monthly's {@code dimension}
 * column as {@code family:value} ({@code plan:prod_chgrowth}, {@code interval:year}, {@code
 * country:GB}, {@code size:large}, {@code channel:paid_search}); {@code all} is the whole company.
 * Each fact belongs to exactly one value of each family ({@code family:unknown} when the value is
 * not known), so for every count, sum and stock the values of a family add up to {@code all}.
 *
 * <p>Membership is the customer's or company's as of the as-of date (dim_customer, dim_company), so
 * a segment's history is the history of today's members: a customer who moved from Starter to
 * Growth counts under Growth in every month. Where the values come from:
 *
 * <ul>
 *   <li>plan, interval: dim_customer.current_product and billing_interval of the customer (for a
 *       company's trials and leads: of its customer paying most, else unknown);
 *   <li>country, size: dim_company.country and segment (one size band of {@link
 *       io.intelligencesuite.schemas.SizeBands}, from the backend's label or the enrichment's
 *       employee range);
 *   <li>channel: dim_customer.first_touch_channel for revenue and payments; a trial's or lead's own
 *       channel (fact_trial.channel, fact_lead.channel) for trial and lead metrics; the spend row's
 *       own channel for spend (MarketingMetrics).
 * </ul>
 *
 * <p>Which families a metric is reported by ({@link #familiesOf}): the marketing metrics by channel
 * only (spend has a channel, not a plan or a country); feature adoption by feature ({@link
 * #FEATURE}, not a segment); the deal metrics (win_rate, sales_cycle_days) by none (deals are not
 * tied to a customer yet); every other metric by all five segment families. Of these, the counts,
 * sums and stocks ({@link #isAdditive}) add up to {@code all} within each family; the rates and
 * ratios (arpa, nrr, grr, quick_ratio, asp, discount_rate, customer_churn_rate, activation_rate,
 * lqi, cac, ...) are computed within the segment from its own numerator and denominator, so they do
 * not add up.
 */
public final class Segments {
  private Segments() {}

  public static final String PLAN = SegmentFamilies.PLAN;
  public static final String INTERVAL = SegmentFamilies.INTERVAL;
  public static final String COUNTRY = SegmentFamilies.COUNTRY;
  public static final String SIZE = SegmentFamilies.SIZE;
  public static final String CHANNEL = SegmentFamilies.CHANNEL;

  /**
   * Not a segment: feature_adoption_rate's own dimension ({@code feature:gradebook}), written with
   * the same {@link #dimension} rule so every dimension value is {@code all} or {@code
   * family:value}.
   */
  public static final String FEATURE = SegmentFamilies.FEATURE;

  /** Every family, in the order of {@link Of#dimensions()}. */
  public static final List<String> FAMILIES = SegmentFamilies.ALL;

  public static final String UNKNOWN = "unknown";

  /** The dimension value of one family, e.g. {@code plan:prod_chgrowth}. */
  public static String dimension(String family, @Nullable String value) {
    return family
        + ":"
        + (value == null || value.isBlank() ? UNKNOWN : value.trim().toLowerCase(Locale.ROOT));
  }

  /** The family of a dimension value ("all" for the whole company). */
  public static String familyOf(String dimension) {
    int colon = dimension.indexOf(':');
    return colon < 0 ? dimension : dimension.substring(0, colon);
  }

  /** The value of a dimension without its family ({@code paid_search} of {@code channel:...}). */
  public static String valueOf(String dimension) {
    return dimension.substring(dimension.indexOf(':') + 1);
  }

  /**
   * The families a metric is reported by besides {@code all} (see the class comment): the rule of
   * {@link SegmentFamilies#of}, which the generated metrics doc reads too.
   */
  public static List<String> familiesOf(MetricDef m) {
    return SegmentFamilies.of(m);
  }

  /**
   * Whether a metric's values add up over the values of a family: the stocks and flows reported per
   * day (mrr, customers, the movements), the counts, and spend (a sum of costs).
   */
  public static boolean isAdditive(MetricDef m) {
    return m.period() == MetricDef.Period.DAY
        || m.unit() == MetricDef.Unit.COUNT
        || m.equals(Metrics.SPEND);
  }

  /**
   * One customer's or company's segment values, one per family in {@link #FAMILIES} order, and its
   * company (null when unknown).
   */
  public record Of(@Nullable String companyId, List<String> dimensions) implements Serializable {
    public static final Of UNKNOWN_ALL = of(null, null, null, null, null, null);

    public static Of of(
        @Nullable String companyId,
        @Nullable String plan,
        @Nullable String interval,
        @Nullable String country,
        @Nullable String size,
        @Nullable String channel) {
      return new Of(
          companyId,
          List.of(
              dimension(PLAN, plan),
              dimension(INTERVAL, interval),
              dimension(COUNTRY, country),
              dimension(SIZE, size),
              dimension(CHANNEL, channel)));
    }

    /** The same with another channel (a trial's or lead's own). */
    public Of withChannel(@Nullable String channel) {
      List<String> d = new ArrayList<>(dimensions);
      d.set(FAMILIES.indexOf(CHANNEL), dimension(CHANNEL, channel));
      return new Of(companyId, List.copyOf(d));
    }

    /** "all" and every segment value: where a fact of this customer or company counts. */
    public List<String> allAndSegments() {
      List<String> out = new ArrayList<>();
      out.add(MetricValue.ALL);
      out.addAll(dimensions);
      return out;
    }
  }
}
