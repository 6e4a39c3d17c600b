package io.intelligencesuite.marts.metrics;

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
 *   <li>country, size: dim_company.country and segment (the backend's size band);
 *   <li>channel: dim_customer.first_touch_channel for revenue and payments; a trial's or lead's own
 *       channel (fact_trial.channel, fact_lead.channel) for trial and lead metrics.
 * </ul>
 */
public final class Segments {
  private Segments() {}

  public static final String PLAN = "plan";
  public static final String INTERVAL = "interval";
  public static final String COUNTRY = "country";
  public static final String SIZE = "size";
  public static final String CHANNEL = "channel";

  /** Every family, in the order of {@link Of#dimensions()}. */
  public static final List<String> FAMILIES = List.of(PLAN, INTERVAL, COUNTRY, SIZE, CHANNEL);

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
