package io.intelligencesuite.marts.revenue;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.testing.TestTables;
import java.time.LocalDate;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * ComputeRevenue over a handful of staging rows: customer A pays 1000 from 1 Jan and cancels
 * immediately on 15 Feb; customer B pays EUR 2000 (= USD 2160) from 1 Jan and has a line without a
 * service period; one subscription item belongs to no subscription. As of 28 Feb.
 */
public class ComputeRevenueTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static Instant t(String day) {
    return new Instant(java.time.Instant.parse(day + "T00:00:00Z").toEpochMilli());
  }

  private static Row sub(
      String id, String customer, String status, String currency, String endedAt) {
    return RowBuilder.of(Tables.SUBSCRIPTIONS)
        .set("source", "stripe")
        .set("subscription_id", id)
        .set("customer_id", customer)
        .set("status", status)
        .set("price_id", "price_" + id)
        .set("currency", currency)
        .set("cancel_at_period_end", false)
        .set("canceled_at", endedAt == null ? null : t(endedAt))
        .set("ended_at", endedAt == null ? null : t(endedAt))
        .set("created_at", t("2026-01-01"))
        .build();
  }

  private static Row invoice(
      String id, String customer, String sub, long amount, String currency, String day) {
    return RowBuilder.of(Tables.INVOICES)
        .set("invoice_id", id)
        .set("customer_id", customer)
        .set("subscription_id", sub)
        .set("status", "paid")
        .set("currency", currency)
        .set("subtotal_cents", amount)
        .set("discount_cents", 0L)
        .set("tax_cents", 0L)
        .set("total_cents", amount)
        .set("amount_paid_cents", amount)
        .set("amount_due_cents", amount)
        .set("created_at", t(day))
        .set("created_date", LocalDate.parse(day))
        .set("paid_at", t(day))
        .build();
  }

  private static Row line(
      String id,
      String invoice,
      String customer,
      String sub,
      long amount,
      String currency,
      String start,
      String end) {
    return RowBuilder.of(Tables.INVOICE_LINES)
        .set("line_id", id)
        .set("invoice_id", invoice)
        .set("customer_id", customer)
        .set("subscription_id", sub)
        .set("price_id", "price_" + sub)
        .set("line_type", "subscription")
        .set("amount_cents", amount)
        .set("discount_cents", 0L)
        .set("tax_cents", 0L)
        .set("currency", currency)
        .set("is_proration", false)
        .set("period_start", start == null ? null : t(start))
        .set("period_end", end == null ? null : t(end))
        .set("invoice_created_date", LocalDate.parse("2026-01-01"))
        .build();
  }

  private static Row customer(String id) {
    return RowBuilder.of(Tables.CUSTOMERS)
        .set("customer_id", id)
        .set("created_at", t("2026-01-01"))
        .build();
  }

  @Test
  public void computesTheRevenueMartsPerCustomer() {
    PCollection<Row> subs =
        p.apply(
            "Subs",
            Create.of(
                    sub("sub_a", "cus_a", "canceled", "usd", "2026-02-15"),
                    sub("sub_b", "cus_b", "active", "eur", null))
                .withRowSchema(Tables.SUBSCRIPTIONS.schema()));
    PCollection<Row> invoices =
        p.apply(
            "Invoices",
            Create.of(
                    invoice("in_a1", "cus_a", "sub_a", 1000, "usd", "2026-01-01"),
                    invoice("in_a2", "cus_a", "sub_a", 1000, "usd", "2026-02-01"),
                    invoice("in_b1", "cus_b", "sub_b", 2000, "eur", "2026-01-01"))
                .withRowSchema(Tables.INVOICES.schema()));
    PCollection<Row> lines =
        p.apply(
            "Lines",
            Create.of(
                    line(
                        "il_a1",
                        "in_a1",
                        "cus_a",
                        "sub_a",
                        1000,
                        "usd",
                        "2026-01-01",
                        "2026-02-01"),
                    line(
                        "il_a2",
                        "in_a2",
                        "cus_a",
                        "sub_a",
                        1000,
                        "usd",
                        "2026-02-01",
                        "2026-03-01"),
                    line(
                        "il_b1",
                        "in_b1",
                        "cus_b",
                        "sub_b",
                        2000,
                        "eur",
                        "2026-01-01",
                        "2026-02-01"),
                    line("il_b2", "in_b1", "cus_b", "sub_b", 300, "eur", null, null))
                .withRowSchema(Tables.INVOICE_LINES.schema()));
    PCollection<Row> items =
        p.apply(
            "Items",
            Create.of(
                    RowBuilder.of(Tables.SUBSCRIPTION_ITEMS)
                        .set("subscription_item_id", "si_orphan")
                        .set("subscription_id", "sub_gone")
                        .set("created_at", t("2026-01-01"))
                        .build())
                .withRowSchema(Tables.SUBSCRIPTION_ITEMS.schema()));
    PCollection<Row> customers =
        p.apply(
            "Customers",
            Create.of(customer("cus_a"), customer("cus_b"))
                .withRowSchema(Tables.CUSTOMERS.schema()));
    var companies = p.apply("Companies", Create.of(KV.of("cus_a", "co_a"))).apply(View.asMap());

    RunContext run = TestTables.run("marts-test", "marts", "2026-03-01T00:00:00Z");
    PCollectionTuple out =
        ComputeRevenue.inputs(lines, invoices, subs, items, customers)
            .apply(
                ComputeRevenue.of(RevenueSettings.usd(LocalDate.parse("2026-02-28")), run)
                    .withCompanyIds(companies));

    PAssert.that(out.get(ComputeRevenue.FACT_REVENUE))
        .containsInAnyOrder(
            revenue("cus_a", "co_a", "2026-01-01", "new", 0, 1000),
            revenue("cus_a", "co_a", "2026-02-15", "churn", 1000, 0),
            revenue("cus_b", null, "2026-01-01", "new", 0, 2160));
    PAssert.that(out.get(ComputeRevenue.CUSTOMER_SUMMARY))
        .containsInAnyOrder(
            summary("cus_a", 0, "churned", t("2026-02-15"), "price_sub_a"),
            summary("cus_b", 2160, "active", null, "price_sub_b"));
    PAssert.that(out.get(ComputeRevenue.FACT_COHORT_RETENTION))
        .containsInAnyOrder(cohort(0, 2, 3160, 2, 3160), cohort(1, 2, 3160, 1, 2160));
    // cus_a is live 1 Jan .. 15 Feb (46 days), cus_b 1 Jan .. 28 Feb (59 days).
    PAssert.thatSingleton(out.get(ComputeRevenue.FACT_SUBSCRIPTION).apply(Count.globally()))
        .isEqualTo(105L);
    PAssert.that(
            out.get(ComputeRevenue.DEAD_LETTERS)
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via(r -> r.getString("field") + " " + r.getString("target_table"))))
        .containsInAnyOrder("period_start fact_revenue", "subscription_id fact_subscription");
    p.run().waitUntilFinish();
  }

  private static Row revenue(
      String customer, String company, String day, String type, long before, long after) {
    LocalDate d = LocalDate.parse(day);
    return RowBuilder.of(Tables.FACT_REVENUE)
        .set("movement_id", Movement.id(customer, d, type))
        .set("customer_id", customer)
        .set("company_id", company)
        .set("movement_date", d)
        .set("movement_type", type)
        .set("mrr_before_cents", before)
        .set("mrr_after_cents", after)
        .set("mrr_delta_cents", after - before)
        .build();
  }

  private static Row summary(
      String customer, long mrr, String status, Instant churnedAt, String plan) {
    return RowBuilder.of(RevenueRows.CUSTOMER_REVENUE_SUMMARY)
        .set("customer_id", customer)
        .set("first_paid_at", t("2026-01-01"))
        .set("mrr_cents", mrr)
        .set("status", status)
        .set("churned_at", churnedAt)
        .set("current_plan", plan)
        .build();
  }

  private static Row cohort(long k, long customers, long cohortMrr, long retained, long mrr) {
    return RowBuilder.of(Tables.FACT_COHORT_RETENTION)
        .set("cohort_month", LocalDate.parse("2026-01-01"))
        .set("months_since_first_payment", k)
        .set("cohort_customers", customers)
        .set("cohort_mrr_cents", cohortMrr)
        .set("customers_retained", retained)
        .set("mrr_retained_cents", mrr)
        .build();
  }
}
