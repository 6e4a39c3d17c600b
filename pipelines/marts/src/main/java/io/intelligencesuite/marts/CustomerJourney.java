package io.intelligencesuite.marts;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.identity.IdentifierTypes;
import io.intelligencesuite.transforms.identity.IdentityAssignment;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.SchemaCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * {@code dim_customer}: the journey of each paying customer in one row: its company's first web
 * touch, earliest lead and first score, trial start and activation (from fact_trial), and the
 * revenue state (first paid, plan, MRR, status, churn) from the revenue engine's summary.
 */
final class CustomerJourney {
  private CustomerJourney() {}

  /** customer_id -> company_id, for the revenue engine. */
  static PCollectionView<Map<String, String>> companyByCustomer(
      PCollection<Row> customers, PCollectionView<Map<String, IdentityAssignment>> lookup) {
    return IdentityMapping.withCompany(
            "Customer company",
            customers,
            lookup,
            IdentifierTypes.STRIPE_CUSTOMER,
            r -> r.getString("customer_id"),
            (r, company) -> KV.of(r.getString("customer_id"), company),
            KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply("Company by customer", View.asMap());
  }

  /** company_id -> its earliest trial. */
  static PCollectionView<Map<String, Row>> firstTrialByCompany(PCollection<Row> trials) {
    return trials
        .apply(
            "Trial by company",
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.rows()))
                .via((Row r) -> KV.of(r.getString("company_id"), r)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SchemaCoder.of(Tables.FACT_TRIAL.schema())))
        .apply("Earliest trial", Combine.<String, Row>perKey(CustomerJourney::earliestTrial))
        .apply("First trial by company", View.asMap());
  }

  static Row earliestTrial(Iterable<Row> trials) {
    Row first = null;
    for (Row r : trials) {
      if (first == null || r.getDateTime("started_at").isBefore(first.getDateTime("started_at"))) {
        first = r;
      }
    }
    return first;
  }

  static PCollection<Row> build(
      PCollection<Row> summaries,
      PCollectionView<Map<String, String>> companyByCustomer,
      PCollectionView<Map<String, FirstTouch.Touch>> firstTouch,
      PCollectionView<Map<String, Row>> firstLead,
      PCollectionView<Map<String, Row>> firstTrial,
      PCollectionView<Map<String, PricePlans.Plan>> planByPrice) {
    return summaries.apply(
        "dim_customer rows",
        TableRows.of(
            Tables.DIM_CUSTOMER,
            (s, c) -> {
              String company = c.sideInput(companyByCustomer).get(s.getString("customer_id"));
              FirstTouch.Touch touch =
                  company == null ? null : c.sideInput(firstTouch).get(company);
              Row lead = company == null ? null : c.sideInput(firstLead).get(company);
              Row trial = company == null ? null : c.sideInput(firstTrial).get(company);
              String price = s.getString("current_plan");
              PricePlans.Plan plan = price == null ? null : c.sideInput(planByPrice).get(price);
              return RowBuilder.of(Tables.DIM_CUSTOMER)
                  .set("customer_id", s.getString("customer_id"))
                  .set("company_id", company)
                  .set("first_touch_channel", touch == null ? null : touch.channel())
                  .set("first_touch_campaign", touch == null ? null : touch.campaign())
                  .set("lead_id", lead == null ? null : lead.getString("lead_id"))
                  .set("first_lead_score", lead == null ? null : lead.getDouble("first_score"))
                  .set("trial_started_at", trial == null ? null : trial.getDateTime("started_at"))
                  .set("activated_at", trial == null ? null : trial.getDateTime("activated_at"))
                  .set("first_paid_at", s.getDateTime("first_paid_at"))
                  .set("current_plan", price)
                  .set("current_product", plan == null ? null : plan.product())
                  .set("billing_interval", plan == null ? null : plan.interval())
                  .set("mrr_cents", s.getInt64("mrr_cents"))
                  .set("status", s.getString("status"))
                  .set("churned_at", s.getDateTime("churned_at"))
                  .build();
            },
            companyByCustomer,
            firstTouch,
            firstLead,
            firstTrial,
            planByPrice));
  }
}
