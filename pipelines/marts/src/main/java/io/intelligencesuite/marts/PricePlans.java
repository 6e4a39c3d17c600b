package io.intelligencesuite.marts;

import java.io.Serializable;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;

/**
 * What a price id stands for: its product (the plan: Starter, Growth, ...) and billing interval,
 * from the subscription items that use it, so dim_customer can say which plan and interval a
 * customer's current price is (its current_plan is the price id, one per plan x interval x
 * currency).
 */
final class PricePlans {
  private PricePlans() {}

  /** A price's product and interval ("month", "year", or "3_month" for every 3 months). */
  record Plan(String product, String interval) implements Serializable {
    /** Of two items naming the same price differently (never in Stripe), the smaller, stably. */
    static Plan either(Plan a, Plan b) {
      return (a.product + a.interval).compareTo(b.product + b.interval) <= 0 ? a : b;
    }
  }

  /** price_id -> its plan, from the staging subscription_items rows that have all three. */
  static PCollectionView<Map<String, Plan>> byPrice(PCollection<Row> subscriptionItems) {
    return KeyedRows.by(
            "Items by price",
            subscriptionItems,
            "price_id",
            r -> r.getString("product_id") != null && r.getString("billing_interval") != null,
            r -> new Plan(r.getString("product_id"), interval(r)),
            RecordCoder.of(Plan.class))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), RecordCoder.of(Plan.class)))
        .apply("One plan per price", Combine.<String, Plan>perKey(PricePlans::oneOf))
        .apply("Plan by price", View.asMap());
  }

  private static Plan oneOf(Iterable<Plan> plans) {
    Plan out = null;
    for (Plan p : plans) {
      out = out == null ? p : Plan.either(out, p);
    }
    return out;
  }

  private static String interval(Row r) {
    Long count = r.getInt64("interval_count");
    String interval = r.getString("billing_interval");
    return count == null || count == 1 ? interval : count + "_" + interval;
  }
}
