package io.intelligencesuite.marts.metrics;

import io.intelligencesuite.marts.revenue.FxRates;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * Golden values of the marketing metrics, worked out by hand, on the DirectRunner through the
 * production transform.
 *
 * <pre>
 * As of 2026-02-28 (last complete month: February). FX usd:1, eur:1.08 into usd.
 * Spend in January:
 *   google_ads (paid_search) Jan 10  $300.00 = 300,000,000 micros -> 30,000 cents
 *   google_ads (paid_search) Jan 20  $150.00                      -> 15,000 cents
 *   linkedin   (social)      Jan 15  EUR 100.00 x 1.08             -> 10,800 cents
 *   google_ads               Mar 01  (after the last complete month: not counted)
 * Customers ('new' movements) and their channel (dim_customer.first_touch_channel):
 *   a paid_search new Jan 05 +10,000; b paid_search new Jan 25 +5,000;
 *   c social new Jan 12 +20,000, churned Jan 28 (not paying at the end of January);
 *   d no channel (channel:unknown, as in every segment) new Jan 03 +7,000.
 * Trials started in January: 3 paid_search, 1 social, 1 without a channel.
 *
 * January, paid_search: spend 45,000; new 2; new MRR 15,000; trials 3; paying at end 2 (a, b)
 *   cac 45,000 / 2 = 22,500; payback 45,000 / 15,000 = 3; per trial 15,000; per paying 22,500
 * January, social: spend 10,800; new 1; new MRR 20,000; trials 1; paying at end 0
 *   cac 10,800; payback 10,800 / 20,000 = 0.54; per trial 10,800; per paying: no row (0 paying)
 * January, all: spend 55,800; new 4; new MRR 42,000; trials 5; paying at end 3 (a, b, d)
 *   cac 13,950; payback 55,800 / 42,000 = 1.3285714...; per trial 11,160; per paying 18,600
 * January, channel:unknown: no spend, no rows. February: no spend, no rows.
 * Dimensions are Segments' channel values: channel:paid_search, channel:social.
 * </pre>
 */
public class MarketingMetricsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final LocalDate JAN = LocalDate.of(2026, 1, 1);

  @Test
  public void goldenValuesPerChannelAndAll() {
    PCollectionTuple in =
        PCollectionTuple.of(
                MarketingMetrics.MARKETING_SPEND,
                p.apply(
                    "spend",
                    Create.of(
                            spend("2026-01-10", "paid_search", "usd", 300_000_000L),
                            spend("2026-01-20", "paid_search", "usd", 150_000_000L),
                            spend("2026-01-15", "social", "eur", 100_000_000L),
                            spend("2026-03-01", "paid_search", "usd", 999_000_000L))
                        .withRowSchema(Tables.MARKETING_SPEND.schema())))
            .and(
                MarketingMetrics.FACT_REVENUE,
                p.apply(
                    "revenue",
                    Create.of(
                            movement("a", "2026-01-05", "new", 0, 10_000),
                            movement("b", "2026-01-25", "new", 0, 5_000),
                            movement("c", "2026-01-12", "new", 0, 20_000),
                            movement("c", "2026-01-28", "churn", 20_000, 0),
                            movement("d", "2026-01-03", "new", 0, 7_000))
                        .withRowSchema(Tables.FACT_REVENUE.schema())))
            .and(
                MarketingMetrics.DIM_CUSTOMER,
                p.apply(
                    "customers",
                    Create.of(
                            customer("a", "paid_search"),
                            customer("b", "paid_search"),
                            customer("c", "social"),
                            customer("d", null))
                        .withRowSchema(Tables.DIM_CUSTOMER.schema())))
            .and(
                MarketingMetrics.FACT_TRIAL,
                p.apply(
                    "trials",
                    Create.of(
                            trial("t1", "paid_search"),
                            trial("t2", "paid_search"),
                            trial("t3", "paid_search"),
                            trial("t4", "social"),
                            trial("t5", null))
                        .withRowSchema(Tables.FACT_TRIAL.schema())));
    PAssert.that(
            in.apply(
                    MarketingMetrics.asOf(
                        LocalDate.of(2026, 2, 28), "usd", FxRates.parse("usd:1,eur:1.08")))
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            r ->
                                r.getString("metric")
                                    + " "
                                    + r.getValue("month")
                                    + " "
                                    + r.getString("dimension")
                                    + " "
                                    + r.getDouble("value"))))
        .containsInAnyOrder(
            List.of(
                "spend 2026-01-01 channel:paid_search 45000.0",
                "cac 2026-01-01 channel:paid_search 22500.0",
                "cac_payback_months 2026-01-01 channel:paid_search 3.0",
                "spend_per_trial 2026-01-01 channel:paid_search 15000.0",
                "spend_per_paying_customer 2026-01-01 channel:paid_search 22500.0",
                "spend 2026-01-01 channel:social 10800.0",
                "cac 2026-01-01 channel:social 10800.0",
                "cac_payback_months 2026-01-01 channel:social 0.54",
                "spend_per_trial 2026-01-01 channel:social 10800.0",
                "spend 2026-01-01 all 55800.0",
                "cac 2026-01-01 all 13950.0",
                "cac_payback_months 2026-01-01 all " + (55_800.0 / 42_000.0),
                "spend_per_trial 2026-01-01 all 11160.0",
                "spend_per_paying_customer 2026-01-01 all 18600.0"));
    p.run().waitUntilFinish();
  }

  private static Row spend(String date, String channel, String currency, long micros) {
    return RowBuilder.of(Tables.MARKETING_SPEND)
        .set("date", LocalDate.parse(date))
        .set("network", channel.equals("social") ? "linkedin" : "google_ads")
        .set("campaign_id", "c-" + date)
        .set("channel", channel)
        .set("currency", currency)
        .set("cost_micros", micros)
        .set("source", channel.equals("social") ? "csv" : "google_ads_transfer")
        .build();
  }

  private static Row movement(String customer, String date, String type, long before, long after) {
    return RowBuilder.of(Tables.FACT_REVENUE)
        .set("movement_id", customer + date + type)
        .set("customer_id", customer)
        .set("movement_date", LocalDate.parse(date))
        .set("movement_type", type)
        .set("mrr_before_cents", before)
        .set("mrr_after_cents", after)
        .set("mrr_delta_cents", after - before)
        .build();
  }

  private static Row customer(String id, String channel) {
    return RowBuilder.of(Tables.DIM_CUSTOMER)
        .set("customer_id", id)
        .set("first_touch_channel", channel)
        .set("mrr_cents", 0L)
        .set("status", "active")
        .build();
  }

  private static Row trial(String id, String channel) {
    Instant started =
        new Instant(JAN.plusDays(9).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
    return RowBuilder.of(Tables.FACT_TRIAL)
        .set("trial_id", id)
        .set("company_id", "co-" + id)
        .set("started_at", started)
        .set("trial_ends_at", started.plus(14L * 86_400_000L))
        .set("channel", channel)
        .build();
  }
}
