package io.intelligencesuite.marts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intelligencesuite.schemas.MetricParameters;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.Json;
import io.intelligencesuite.sources.stripe.StripeParsers;
import io.intelligencesuite.transforms.identity.IdentifierTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;

/**
 * Golden test of trial conversion (metrics dictionary converted_trials, issue 19 rule 9) through
 * the production path: Stripe charges and invoices as Stripe returns them, parsed by {@link
 * StripeParsers}, then the marts' {@link FirstPayments#subscriptionStartsByCompany} and {@link
 * ProductFacts#trials} on the DirectRunner. A trial converts on the first payment of its own
 * subscription (first paid at or after the trial start) within trial end + 30 days; a one-off
 * charge or a subscription that was already paying before the trial never converts it.
 *
 * <p>Every trial runs 1 Mar 2026 .. 15 Mar 2026, so the window closes 14 Apr 2026:
 *
 * <ul>
 *   <li>acct_a: a one-off charge on 10 Feb (invoice without a subscription), then sub_a's first
 *       invoice paid on 20 Mar: converted 20 Mar (the first payment, 10 Feb, is not the trial's).
 *   <li>acct_b: only a one-off charge on 5 Mar, inside the trial: not converted.
 *   <li>acct_c: its company's sub_c has paid since 1 Jan and paid again on 1 Mar: the subscription
 *       was paying before the trial, so not converted.
 *   <li>acct_d: sub_d's charge failed on 16 Mar and succeeded on 1 May, after the window: not
 *       converted.
 * </ul>
 */
public class TrialConversionGoldenTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private final List<Row> invoices = new ArrayList<>();
  private final List<Row> payments = new ArrayList<>();

  @Test
  public void onlyTheTrialsOwnSubscriptionPaymentsConvertIt() {
    oneOff("in_a0", "cus_a", "ch_a0", "2026-02-10");
    subscriptionPayment("in_a1", "cus_a", "sub_a", "ch_a1", "succeeded", "2026-03-20");
    oneOff("in_b0", "cus_b", "ch_b0", "2026-03-05");
    subscriptionPayment("in_c1", "cus_c", "sub_c", "ch_c1", "succeeded", "2026-01-01");
    subscriptionPayment("in_c2", "cus_c", "sub_c", "ch_c2", "succeeded", "2026-03-01");
    subscriptionPayment("in_d1", "cus_d", "sub_d", "ch_d1", "failed", "2026-03-16");
    subscriptionPayment("in_d2", "cus_d", "sub_d", "ch_d2", "succeeded", "2026-05-01");

    List<Row> identity = new ArrayList<>();
    List<Row> companies = new ArrayList<>();
    for (String x : List.of("a", "b", "c", "d")) {
      identity.add(identity(IdentifierTypes.ACCOUNT_ID, "acct_" + x, "co_" + x));
      identity.add(identity(IdentifierTypes.STRIPE_CUSTOMER, "cus_" + x, "co_" + x));
      companies.add(
          RowBuilder.of(Tables.COMPANIES)
              .set("account_id", "acct_" + x)
              .set("name", "School " + x)
              .set("trial_ends_at", joda("2026-03-15"))
              .set("created_at", joda("2026-03-01"))
              .build());
    }
    IdentityMapping mapping = IdentityMapping.of(create(Tables.IDENTITY_MAP, identity));
    PCollectionView<Map<String, Iterable<Long>>> starts =
        FirstPayments.subscriptionStartsByCompany(
            create(Tables.PAYMENTS, payments), create(Tables.INVOICES, invoices), mapping.lookup);
    PCollection<Row> trials =
        ProductFacts.trials(
            create(Tables.COMPANIES, companies),
            create(Tables.EVENTS_PRODUCT, List.of()),
            MetricParameters.defaults(),
            mapping.lookup,
            starts,
            p.apply(
                    "No leads",
                    Create.empty(
                        KvCoder.of(StringUtf8Coder.of(), RowCoder.of(Tables.FACT_LEAD.schema()))))
                .apply("Leads view", View.asMap()),
            p.apply(
                    "No touches",
                    Create.empty(KvCoder.of(StringUtf8Coder.of(), FirstTouch.TouchCoder.INSTANCE)))
                .apply("Touches view", View.asMap()));
    PAssert.that(
            trials.apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        r ->
                            r.getString("account_id")
                                + " "
                                + (r.getDateTime("converted_at") == null
                                    ? "not converted"
                                    : Instant.ofEpochMilli(
                                            r.getDateTime("converted_at").getMillis())
                                        .toString()))))
        .containsInAnyOrder(
            "acct_a 2026-03-20T00:00:00Z",
            "acct_b not converted",
            "acct_c not converted",
            "acct_d not converted");
    p.run().waitUntilFinish();
  }

  /** A paid invoice with no subscription (a one-off invoice item) and the charge that paid it. */
  private void oneOff(String invoice, String customer, String charge, String day) {
    invoices.add(StripeParsers.invoice(invoiceJson(invoice, customer, null, day).toString()));
    payments.add(StripeParsers.payment(chargeJson(invoice, customer, charge, "succeeded", day)));
  }

  /** An invoice of {@code sub} and one charge on it ({@code status}: succeeded or failed). */
  private void subscriptionPayment(
      String invoice, String customer, String sub, String charge, String status, String day) {
    invoices.add(StripeParsers.invoice(invoiceJson(invoice, customer, sub, day).toString()));
    payments.add(StripeParsers.payment(chargeJson(invoice, customer, charge, status, day)));
  }

  private static ObjectNode invoiceJson(String id, String customer, String sub, String day) {
    ObjectNode v = Json.MAPPER.createObjectNode();
    v.put("id", id).put("object", "invoice").put("customer", customer).put("status", "paid");
    v.put("currency", "usd").put("created", epoch(day));
    v.put("billing_reason", sub == null ? "manual" : "subscription_cycle");
    v.put("subtotal", 5000).put("total", 5000).put("amount_due", 5000).put("amount_paid", 5000);
    v.putArray("total_taxes");
    if (sub != null) {
      v.putObject("parent")
          .put("type", "subscription_details")
          .putObject("subscription_details")
          .put("subscription", sub);
    }
    return v;
  }

  /** The Stripe pipeline's charge record: {@code {"invoice_id", "charge"}}. */
  private static String chargeJson(
      String invoice, String customer, String id, String status, String day) {
    ObjectNode w = Json.MAPPER.createObjectNode();
    w.put("invoice_id", invoice);
    ObjectNode c = w.putObject("charge");
    c.put("id", id).put("object", "charge").put("customer", customer).put("amount", 5000);
    c.put("amount_refunded", 0).put("currency", "usd").put("status", status);
    c.put("created", epoch(day));
    if ("failed".equals(status)) {
      c.put("failure_code", "card_declined");
    }
    return w.toString();
  }

  private static Row identity(String type, String value, String company) {
    return RowBuilder.of(Tables.IDENTITY_MAP)
        .set("identifier_type", type)
        .set("identifier_value", value)
        .set("company_id", company)
        .build();
  }

  private PCollection<Row> create(TableDef table, List<Row> rows) {
    return p.apply(table.name(), Create.of(rows).withRowSchema(table.schema()));
  }

  private static long epoch(String day) {
    return Instant.parse(day + "T00:00:00Z").getEpochSecond();
  }

  private static org.joda.time.Instant joda(String day) {
    return new org.joda.time.Instant(Instant.parse(day + "T00:00:00Z").toEpochMilli());
  }
}
