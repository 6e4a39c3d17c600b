package io.intelligencesuite.marts;

import io.intelligencesuite.transforms.identity.IdentifierTypes;
import io.intelligencesuite.transforms.identity.IdentityAssignment;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Min;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;

/**
 * When each company first paid: its customers' earliest successful charge with a positive amount
 * (staging {@code payments}). "Paid" in the trial-conversion and lead-conversion definitions means
 * exactly this, so a 100%-discounted or never-charged subscription is not a conversion.
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

  static PCollectionView<Map<String, Long>> asView(PCollection<KV<String, Long>> byCustomer) {
    return byCustomer.apply("First paid by customer", View.asMap());
  }
}
