package io.intelligencesuite.marts.reconcile;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/** The Beam composite on a few rows: grouping by Stripe customer and the rows it writes. */
public class ReconcileTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  static Row revenue(String customer, String date, String type, long delta) {
    return RowBuilder.of(Tables.FACT_REVENUE)
        .set("movement_id", customer + date)
        .set("customer_id", customer)
        .set("company_id", "co_" + customer)
        .set("movement_date", LocalDate.parse(date))
        .set("movement_type", type)
        .set("mrr_before_cents", 0L)
        .set("mrr_after_cents", 0L)
        .set("mrr_delta_cents", delta)
        .build();
  }

  static Row activity(String customer, String date, long delta) {
    return RowBuilder.of(Tables.CHARTMOGUL_ACTIVITIES)
        .set("activity_id", customer + date)
        .set("activity_at", Instant.parse(date + "T10:00:00Z"))
        .set("activity_date", LocalDate.parse(date))
        .set("activity_type", "new_biz")
        .set("mrr_movement_cents", delta)
        .set("customer_external_id", customer)
        .build();
  }

  static Row subscription(String source, String customer, String status, String price) {
    return RowBuilder.of(Tables.SUBSCRIPTIONS)
        .set("source", source)
        .set("subscription_id", "sub_" + customer + source)
        .set("customer_id", customer)
        .set("status", status)
        .set("price_id", price)
        .set("created_at", Instant.parse("2026-01-05T10:00:00Z"))
        .build();
  }

  static Row account(String accountId, String customer, String plan, String status) {
    return RowBuilder.of(Tables.COMPANIES)
        .set("account_id", accountId)
        .set("name", "School " + accountId)
        .set("plan", plan)
        .set("status", status)
        .set("stripe_customer_id", customer)
        .set("created_at", Instant.parse("2025-12-01T10:00:00Z"))
        .build();
  }

  /** The rows as a PCollection of the table's registry schema, in a step named after the table. */
  private PCollection<Row> rows(TableDef table, List<Row> rows) {
    return p.apply(table.name(), Create.of(rows).withRowSchema(table.schema()));
  }

  /** The two MRR sources (fact_revenue and ChartMogul's activities), the inputs every test has. */
  private PCollectionTuple mrrSources(List<Row> revenue, List<Row> activities) {
    return PCollectionTuple.of(Reconcile.FACT_REVENUE, rows(Tables.FACT_REVENUE, revenue))
        .and(Reconcile.CHARTMOGUL_ACTIVITIES, rows(Tables.CHARTMOGUL_ACTIVITIES, activities));
  }

  @Test
  public void groupsEachCustomersSourcesAndWritesTheDisagreements() {
    // cus_1: Stripe 10,000 then +3,500 in March; ChartMogul only the 10,000 -> one MRR row (March).
    //        Stripe's live price is pro, the backend says growth -> one plan row (as-of month,
    // April).
    // cus_2: everything agrees. Account 1003 has no Stripe customer: nothing to compare.
    PCollectionTuple input =
        mrrSources(
                List.of(
                    revenue("cus_1", "2026-01-05", "new", 10_000),
                    revenue("cus_1", "2026-03-03", "expansion", 3_500),
                    revenue("cus_2", "2026-02-01", "new", 5_000)),
                List.of(
                    activity("cus_1", "2026-01-05", 10_000),
                    activity("cus_2", "2026-02-01", 5_000)))
            .and(
                Reconcile.SUBSCRIPTIONS,
                rows(
                    Tables.SUBSCRIPTIONS,
                    List.of(
                        subscription("stripe", "cus_1", "active", "price_pro_month_usd"),
                        subscription("chartmogul", "cus_1", "active", "plan_growth_monthly"),
                        subscription("stripe", "cus_2", "active", "price_starter_month_usd"))))
            .and(
                Reconcile.COMPANIES,
                rows(
                    Tables.COMPANIES,
                    List.of(
                        account("1001", "cus_1", "growth", "active"),
                        account("1002", "cus_2", "starter", "active"),
                        account("1003", null, "trial", "expired"))));
    PCollection<Row> out = input.apply(Reconcile.asOf(LocalDate.of(2026, 4, 15)));
    PAssert.that(out)
        .containsInAnyOrder(
            new ReconciliationRules.Finding(
                    ReconciliationRules.STRIPE_VS_CHARTMOGUL_MRR,
                    "cus_1",
                    "co_cus_1",
                    LocalDate.of(2026, 3, 1),
                    "stripe",
                    "13500",
                    "chartmogul",
                    "10000",
                    3_500.0,
                    "ChartMogul missed this month's expansion in Stripe (lost webhook or sync), so its MRR for the customer "
                        + "is off by the change (the same gap for 2 month ends, still open).")
                .toRow(),
            new ReconciliationRules.Finding(
                    ReconciliationRules.BACKEND_VS_STRIPE_PLAN,
                    "cus_1",
                    "co_cus_1",
                    LocalDate.of(2026, 4, 1),
                    "stripe",
                    "price_pro_month_usd",
                    "backend",
                    "growth",
                    null,
                    "The plan was changed in Stripe (dashboard or API) but the backend's plan field was not updated: "
                        + "its webhook handler failed, so the product unlocks the wrong features.")
                .toRow());
    p.run().waitUntilFinish();
  }

  @Test
  public void inputsMayBeLeftOut() {
    // Only the two MRR sources: cus_3 is in Stripe and missing from ChartMogul.
    PCollectionTuple input =
        mrrSources(List.of(revenue("cus_3", "2026-04-02", "new", 4_000)), List.of());
    PCollection<Row> out = input.apply(Reconcile.asOf(LocalDate.of(2026, 4, 30)));
    PAssert.that(out)
        .containsInAnyOrder(
            new ReconciliationRules.Finding(
                    ReconciliationRules.STRIPE_VS_CHARTMOGUL_PAYING,
                    "cus_3",
                    "co_cus_3",
                    LocalDate.of(2026, 4, 1),
                    "stripe",
                    "4000",
                    "chartmogul",
                    "0",
                    4_000.0,
                    "ChartMogul has no MRR for a customer Stripe bills: the customer or its subscription never synced.")
                .toRow());
    p.run().waitUntilFinish();
  }
}
