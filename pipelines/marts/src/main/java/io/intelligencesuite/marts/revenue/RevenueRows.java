package io.intelligencesuite.marts.revenue;

import static io.intelligencesuite.schemas.ColumnType.INT64;
import static io.intelligencesuite.schemas.ColumnType.STRING;
import static io.intelligencesuite.schemas.ColumnType.TIMESTAMP;

import io.intelligencesuite.marts.revenue.CustomerRevenue.SubscriptionDay;
import io.intelligencesuite.marts.revenue.CustomerRevenue.Summary;
import io.intelligencesuite.schemas.Layer;
import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import java.time.Instant;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The engine's results as rows of the registry tables (and of the customer revenue summary). */
public final class RevenueRows {
  private RevenueRows() {}

  /**
   * One row per customer who ever paid, for dim_customer (not a warehouse table of its own: the
   * marts pipeline joins it into dim_customer).
   */
  public static final TableDef CUSTOMER_REVENUE_SUMMARY =
      TableDef.builder("customer_revenue_summary", Layer.MART)
          .description("A paying customer's revenue state at the as-of day, for dim_customer.")
          .grain("one customer who ever paid")
          .required("customer_id", STRING, "Stripe customer id")
          .nullable(
              "first_paid_at", TIMESTAMP, "First successful payment (an invoice paid with money)")
          .required("mrr_cents", INT64, "MRR at the end of the as-of day, reporting-currency cents")
          .required("status", STRING, "active, past_due or churned")
          .nullable("churned_at", TIMESTAMP, "When MRR last went to 0 (churned customers only)")
          .nullable(
              "current_plan",
              STRING,
              "Price id of the subscription paying most now (last paying one if churned)")
          .primaryKey("customer_id")
          .refresh(Refresh.REPLACE_TABLE)
          .build();

  public static Row movement(Movement m, @Nullable String companyId) {
    return RowBuilder.of(Tables.FACT_REVENUE)
        .set("movement_id", m.movementId())
        .set("customer_id", m.customerId())
        .set("company_id", companyId)
        .set("movement_date", m.date())
        .set("movement_type", m.type())
        .set("mrr_before_cents", m.mrrBeforeCents())
        .set("mrr_after_cents", m.mrrAfterCents())
        .set("mrr_delta_cents", m.deltaCents())
        .build();
  }

  public static Row subscriptionDay(
      SubscriptionDay d, String customerId, @Nullable String companyId) {
    return RowBuilder.of(Tables.FACT_SUBSCRIPTION)
        .set("subscription_id", d.subscriptionId())
        .set("date", d.date())
        .set("customer_id", customerId)
        .set("company_id", companyId)
        .set("status", d.status())
        .set("mrr_cents", d.mrrCents())
        .build();
  }

  public static Row cohort(CohortRetention.Row c) {
    return RowBuilder.of(Tables.FACT_COHORT_RETENTION)
        .set("cohort_month", c.cohortMonth())
        .set("months_since_first_payment", c.monthsSinceFirstPayment())
        .set("cohort_customers", c.cohortCustomers())
        .set("cohort_mrr_cents", c.cohortMrrCents())
        .set("customers_retained", c.customersRetained())
        .set("mrr_retained_cents", c.mrrRetainedCents())
        .build();
  }

  public static Row summary(Summary s) {
    return RowBuilder.of(CUSTOMER_REVENUE_SUMMARY)
        .set("customer_id", s.customerId())
        .set("first_paid_at", joda(s.firstPaidAt()))
        .set("mrr_cents", s.mrrCents())
        .set("status", s.status())
        .set("churned_at", joda(s.churnedAt()))
        .set("current_plan", s.currentPlan())
        .build();
  }

  private static org.joda.time.@Nullable Instant joda(@Nullable Instant t) {
    return t == null ? null : new org.joda.time.Instant(t.toEpochMilli());
  }
}
