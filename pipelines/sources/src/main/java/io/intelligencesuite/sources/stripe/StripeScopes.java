package io.intelligencesuite.sources.stripe;

import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.ApiPages;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.warehouse.KeyMerge;
import io.intelligencesuite.transforms.warehouse.ReadTable;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
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
 * What an incremental Stripe run replaces in each table ({@link KeyMerge#replacing}): the objects
 * the events named, each read whole again by id. A subscription brings all its items and an invoice
 * all its lines, so the scope of items and lines is their parent's id: an item removed from a
 * changed subscription goes with the old version. A deleted customer or invoice is a scope with no
 * rows; a canceled subscription is a change (status canceled), never a delete. Stripe ids are never
 * reused, so a deleted scope cannot come back.
 *
 * <p>Why scopes and not "every key Stripe has" (the JDBC sources' keys-only pass): Stripe has no
 * cheap keys-only list (a list call returns whole objects, so "every key" would be the full read
 * again), and the warehouse's held keys plus the changes give the same delete as the scopes row for
 * row, but stage and anti-join every key of the table on each run; the scopes are as large as the
 * change.
 */
final class StripeScopes {
  /** One table an incremental run merges: the list its rows come from and its scope columns. */
  record Family(TableDef table, StripeResource list, String... scopeColumns) {
    KeyMerge merge() {
      return KeyMerge.replacing(table, scopeColumns);
    }
  }

  /** Every Stripe table, in load order, with what scopes it. */
  static final List<Family> FAMILIES =
      List.of(
          new Family(Tables.CUSTOMERS, StripeResource.CUSTOMERS, "customer_id"),
          new Family(
              Tables.SUBSCRIPTIONS, StripeResource.SUBSCRIPTIONS, "source", "subscription_id"),
          new Family(Tables.SUBSCRIPTION_ITEMS, StripeResource.SUBSCRIPTIONS, "subscription_id"),
          new Family(Tables.INVOICES, StripeResource.INVOICES, "invoice_id"),
          new Family(Tables.INVOICE_LINES, StripeResource.INVOICES, "invoice_id"),
          new Family(Tables.PAYMENTS, StripeResource.CHARGES, "payment_id"));

  private static final String SOURCE = "stripe";

  private StripeScopes() {}

  /** The staged scopes of {@code family}'s table: one row per id of its list read whole. */
  static PCollection<Row> rows(Family family, PCollection<String> ids) {
    org.apache.beam.sdk.schemas.Schema schema = family.merge().keySchema();
    boolean withSource = family.scopeColumns().length == 2;
    return ids.apply(family.table().name() + " scopes once", Distinct.create())
        .apply(
            family.table().name() + " scopes",
            MapElements.into(TypeDescriptors.rows())
                .via(
                    id ->
                        withSource
                            ? Row.withSchema(schema).addValues(SOURCE, id).build()
                            : Row.withSchema(schema).addValue(id).build()))
        .setRowSchema(schema);
  }

  /**
   * What the charges of an incremental run need from the warehouse: a payment row carries the
   * invoice whose expanded payments name its charge ({@link StripeRecords#payment}), read from the
   * invoices; an incremental run reads only the changed ones. So the links the warehouse holds
   * ({@code payments}: two columns) are split by whether their invoice was read whole this run:
   *
   * <ul>
   *   <li>not read: the link stands ({@link #kept}, (charge, invoice)), since an invoice that did
   *       not change still names the charge, for a charge read again by id (refunded, say);
   *   <li>read whole: the invoice may no longer name the charge (a failed attempt replaced by the
   *       one that paid), so each such charge not read already is read by id ({@link #again}, a
   *       second {@link ApiPages} read over {@code RETRIEVE} seeds) and linked as a full refresh
   *       would link it: to the invoices that name it now, or to none.
   * </ul>
   */
  record ChargeLinks(PCollection<KV<String, String>> kept, PCollectionTuple again) {}

  static ChargeLinks chargeLinks(RunContext run, PCollectionTuple pages, StripeLists lists) {
    KvCoder<String, String> kv = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    PCollection<KV<String, String>> held =
        pages
            .getPipeline()
            .apply(
                "Payment links held",
                ReadTable.from(Tables.PAYMENTS, run.warehouse())
                    .columns("payment_id", "invoice_id")
                    .emptyIfMissing())
            .apply("Linked payments", Filter.by(r -> r.getString("invoice_id") != null))
            .apply(
                "By invoice held",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                    .via(r -> KV.of(r.getString("invoice_id"), r.getString("payment_id"))))
            .setCoder(kv);
    PCollection<KV<String, String>> changedInvoices =
        ApiPages.records(pages, StripeLists.scope(StripeResource.INVOICES))
            .apply("Invoices read whole", MapElements.via(new Marked()))
            .setCoder(kv);
    PCollection<KV<String, Iterable<String>>> byInvoice =
        PCollectionList.of(held)
            .and(changedInvoices)
            .apply("Held links and changed invoices", Flatten.pCollections())
            .apply("By invoice", GroupByKey.create());
    PCollection<KV<String, String>> kept =
        byInvoice.apply("Links kept", ParDo.of(new Links(false))).setCoder(kv);
    PCollection<KV<String, String>> read =
        ApiPages.records(pages, StripeLists.scope(StripeResource.CHARGES))
            .apply("Charges read", MapElements.via(new Marked()))
            .setCoder(kv);
    PCollectionTuple again =
        PCollectionList.of(byInvoice.apply("Links to recheck", ParDo.of(new Links(true))))
            .and(read)
            .apply("Linked and read charges", Flatten.pCollections())
            .setCoder(kv)
            .apply("By charge", GroupByKey.create())
            .apply("Charges not read yet", ParDo.of(new UnmarkedSeeds()))
            .apply(ApiPages.fetching("Stripe charges of changed invoices", lists));
    return new ChargeLinks(kept, again);
  }

  /** {@code id -> (id, "")}: the empty value marks the id as in the other set. */
  private static final class Marked
      extends org.apache.beam.sdk.transforms.SimpleFunction<String, KV<String, String>> {
    @Override
    public KV<String, String> apply(String id) {
      return KV.of(id, "");
    }
  }

  /**
   * Per invoice, its held links as (charge, invoice): those of invoices read whole this run ({@code
   * readWhole}: to recheck) or of the others (kept).
   */
  private static final class Links extends DoFn<KV<String, Iterable<String>>, KV<String, String>> {
    private final boolean readWhole;

    Links(boolean readWhole) {
      this.readWhole = readWhole;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<String>> invoice, OutputReceiver<KV<String, String>> out) {
      if (marked(invoice.getValue()) != readWhole) {
        return;
      }
      for (String charge : invoice.getValue()) {
        if (!charge.isEmpty()) {
          out.output(KV.of(charge, invoice.getKey()));
        }
      }
    }
  }

  /** Per charge, unless it was read already (marked): the seed that reads it by id. */
  private static final class UnmarkedSeeds extends DoFn<KV<String, Iterable<String>>, String> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<String>> charge, OutputReceiver<String> out) {
      if (!marked(charge.getValue())) {
        out.output(StripeLists.retrieveSeed(StripeResource.CHARGES, charge.getKey()));
      }
    }
  }

  private static boolean marked(Iterable<String> values) {
    for (String v : values) {
      if (v.isEmpty()) {
        return true;
      }
    }
    return false;
  }
}
