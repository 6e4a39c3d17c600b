package io.intelligencesuite.marts;

import io.intelligencesuite.transforms.identity.IdentifierTypes;
import io.intelligencesuite.transforms.identity.IdentityAssignment;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Min;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * When each company first paid: its customers' earliest successful charge with a positive amount
 * (staging {@code payments}). "Paid" in the lead-conversion definition means exactly this, so a
 * 100%-discounted or never-charged subscription is not a conversion; trial conversion counts only
 * subscription charges ({@link #subscriptionStartsByCompany}).
 */
final class FirstPayments {
  private FirstPayments() {}

  /** customer_id -> first paid time (epoch ms). */
  static PCollection<KV<String, Long>> byCustomer(PCollection<Row> payments) {
    return KeyedRows.by(
            "Successful charges",
            payments,
            "customer_id",
            r -> "succeeded".equals(r.getString("status")) && r.getInt64("amount_cents") > 0,
            r -> r.getDateTime("attempted_at").getMillis(),
            VarLongCoder.of())
        .apply("First charge per customer", Min.longsPerKey());
  }

  /** company_id -> first paid time (epoch ms), through the identity lookup. */
  static PCollectionView<Map<String, Long>> byCompany(
      PCollection<KV<String, Long>> byCustomer,
      PCollectionView<Map<String, IdentityAssignment>> lookup) {
    return IdentityMapping.withCompany(
            "Customer to company",
            byCustomer,
            lookup,
            IdentifierTypes.STRIPE_CUSTOMER,
            KV::getKey,
            (kv, company) -> KV.of(company, kv.getValue()),
            KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .apply("First charge per company", Min.longsPerKey())
        .apply("First paid by company", View.asMap());
  }

  private static final TupleTag<Row> PAYMENT = new TupleTag<>() {};
  private static final TupleTag<Row> INVOICE = new TupleTag<>() {};

  /**
   * company_id -> the first successful, positive charge of each of its customers' subscriptions (a
   * charge paying an invoice that bills a subscription; one-off charges are left out), for trial
   * conversion (MetricRules#convertedAt).
   */
  static PCollectionView<Map<String, Iterable<Long>>> subscriptionStartsByCompany(
      PCollection<Row> payments,
      PCollection<Row> invoices,
      PCollectionView<Map<String, IdentityAssignment>> lookup) {
    PCollection<KV<String, Long>> bySubscription =
        KeyedRows.join(
                "Charges with their invoice",
                "invoice_id",
                PAYMENT,
                // a charge without an invoice is a one-off, never a subscription payment
                payments.apply(
                    "Charges of invoices",
                    org.apache.beam.sdk.transforms.Filter.by(
                        (Row r) -> r.getString("invoice_id") != null)),
                INVOICE,
                invoices)
            .apply(
                "Subscription charges",
                ParDo.of(
                    new DoFn<KV<String, CoGbkResult>, KV<String, Long>>() {
                      @ProcessElement
                      public void process(
                          @Element KV<String, CoGbkResult> g,
                          OutputReceiver<KV<String, Long>> out) {
                        Row invoice = KeyedRows.last(g.getValue().getAll(INVOICE));
                        if (invoice == null || invoice.getString("subscription_id") == null) {
                          return;
                        }
                        for (Row c : g.getValue().getAll(PAYMENT)) {
                          if ("succeeded".equals(c.getString("status"))
                              && c.getInt64("amount_cents") > 0) {
                            out.output(
                                KV.of(
                                    invoice.getString("customer_id")
                                        + "\t"
                                        + invoice.getString("subscription_id"),
                                    c.getDateTime("attempted_at").getMillis()));
                          }
                        }
                      }
                    }))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
            .apply("First charge per subscription", Min.longsPerKey());
    return IdentityMapping.withCompany(
            "Subscription to company",
            bySubscription,
            lookup,
            IdentifierTypes.STRIPE_CUSTOMER,
            kv -> kv.getKey().substring(0, kv.getKey().indexOf('\t')),
            (kv, company) -> KV.of(company, kv.getValue()),
            KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .apply("Subscription starts by company", View.asMultimap());
  }

  static PCollectionView<Map<String, Long>> asView(PCollection<KV<String, Long>> byCustomer) {
    return byCustomer.apply("First paid by customer", View.asMap());
  }
}
