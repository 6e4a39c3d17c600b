package io.intelligencesuite.sources.stripe;

import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.ApiPages;
import io.intelligencesuite.sources.common.Json;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.warehouse.KeyMerge;
import io.intelligencesuite.transforms.warehouse.ReadTable;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The customer keys Stripe has now, for an incremental write ({@link KeyMerge}), without listing
 * every customer again: the keys the table holds (read from the warehouse), plus those of the
 * customers the events name, less those the events (or Stripe, asked by id) say are deleted. A
 * Stripe id is never reused, so a deleted key cannot come back.
 */
final class StripeCustomerKeys {
  private static final String DELETED = "deleted";

  private StripeCustomerKeys() {}

  static PCollection<Row> of(RunContext run, PCollectionTuple pages) {
    KvCoder<String, String> kv = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    PCollection<KV<String, String>> held =
        pages
            .getPipeline()
            .apply(
                "Customer keys held",
                ReadTable.from(Tables.CUSTOMERS, run.warehouse())
                    .columns("customer_id")
                    .emptyIfMissing())
            .apply(
                "Held keys",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                    .via(r -> KV.of(r.getString("customer_id"), "held")))
            .setCoder(kv);
    PCollection<KV<String, String>> changed =
        ApiPages.records(pages, StripeResource.CUSTOMERS.name())
            .apply(
                "Changed keys",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                    .via(c -> KV.of(Json.parse(c).path("id").asText(), "changed")))
            .setCoder(kv);
    PCollection<KV<String, String>> deleted =
        ApiPages.records(pages, StripeLists.DELETED_CUSTOMERS)
            .apply(
                "Deleted keys",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                    .via(id -> KV.of(id, DELETED)))
            .setCoder(kv);
    return PCollectionList.of(held)
        .and(changed)
        .and(deleted)
        .apply("Customer keys", Flatten.pCollections())
        .apply("By customer", GroupByKey.create())
        .apply("Keys not deleted", ParDo.of(new NotDeleted()))
        .setRowSchema(KeyMerge.keySchema(Tables.CUSTOMERS));
  }

  /** The newest event's created, epoch ms (none when no event came). */
  static PCollection<Long> newestEventMillis(PCollectionTuple pages) {
    return ApiPages.records(pages, StripeLists.NEWEST_EVENT)
        .apply(
            "Newest event",
            MapElements.into(TypeDescriptors.longs()).via(s -> Long.parseLong(s) * 1000L));
  }

  private static final class NotDeleted extends DoFn<KV<String, Iterable<String>>, Row> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<String>> key, OutputReceiver<Row> out) {
      for (String how : key.getValue()) {
        if (how.equals(DELETED)) {
          return;
        }
      }
      out.output(
          Row.withSchema(KeyMerge.keySchema(Tables.CUSTOMERS)).addValue(key.getKey()).build());
    }
  }
}
