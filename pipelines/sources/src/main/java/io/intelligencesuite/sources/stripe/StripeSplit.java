package io.intelligencesuite.sources.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.ApiPages;
import io.intelligencesuite.sources.common.Json;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@link StripeRecords} inside the pipeline: the listed objects (by list, from {@link ApiPages})
 * into one record per row of each table. Three lists complete others: coupons fill in
 * subscriptions' discounts (a side input by coupon id), prices sit next to the invoice lines that
 * name them (by price id) and invoices name the charges that paid them (a side input by charge id,
 * {@link StripeRecords#invoiceOfCharge} when two invoices name one charge).
 */
final class StripeSplit {
  private static final TupleTag<String> MAIN = new TupleTag<>("main") {};
  private static final TupleTag<String> CHILDREN = new TupleTag<>("children") {};
  private static final TupleTag<KV<String, String>> PAID_BY = new TupleTag<>("paid by") {};

  private StripeSplit() {}

  static Map<TableDef, PCollection<String>> of(PCollectionTuple pages) {
    return of(pages, ApiPages.records(pages, StripeResource.CHARGES.name()), null);
  }

  /**
   * {@link #of(PCollectionTuple)} with the charges read given ({@code pages}' and more), and links
   * (charge, invoice) known besides the invoices read ({@code links}, null: none).
   */
  static Map<TableDef, PCollection<String>> of(
      PCollectionTuple pages,
      PCollection<String> charges,
      @Nullable PCollection<KV<String, String>> links) {
    KvCoder<String, String> kv = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    PCollectionView<Map<String, String>> coupons = byId(pages, StripeResource.COUPONS, "Coupon");
    PCollectionView<Map<String, String>> prices = byId(pages, StripeResource.PRICES, "Price");

    PCollectionTuple subscriptions =
        split(
            pages,
            StripeResource.SUBSCRIPTIONS,
            coupons,
            (s, coupon, c) ->
                StripeRecords.subscription(s, coupon, item -> c.output(CHILDREN, item)),
            TupleTagList.of(CHILDREN));
    PCollectionTuple invoices =
        split(
            pages,
            StripeResource.INVOICES,
            prices,
            (v, price, c) ->
                StripeRecords.invoice(
                    v,
                    price,
                    line -> c.output(CHILDREN, line),
                    (charge, invoice) -> c.output(PAID_BY, KV.of(charge, invoice))),
            TupleTagList.of(CHILDREN).and(PAID_BY));
    PCollection<KV<String, String>> paidBy = invoices.get(PAID_BY).setCoder(kv);
    if (links != null) {
      paidBy =
          PCollectionList.of(paidBy)
              .and(links)
              .apply("Links read and held", Flatten.pCollections());
    }
    PCollectionView<Map<String, String>> invoiceOfCharge =
        paidBy
            .apply("One invoice per charge", Combine.perKey(StripeSplit::preferredInvoice))
            .apply("Invoice-of-charge view", View.asMap());

    PCollection<String> payments =
        charges.apply(
            "Charges to payments",
            ParDo.of(
                    new DoFn<String, String>() {
                      @ProcessElement
                      public void process(@Element String charge, ProcessContext c) {
                        c.output(
                            StripeRecords.payment(
                                Json.parse(charge), c.sideInput(invoiceOfCharge)::get));
                      }
                    })
                .withSideInputs(invoiceOfCharge));

    Map<TableDef, PCollection<String>> out = new LinkedHashMap<>();
    out.put(Tables.CUSTOMERS, ApiPages.records(pages, StripeResource.CUSTOMERS.name()));
    out.put(Tables.SUBSCRIPTIONS, text(subscriptions.get(MAIN)));
    out.put(Tables.SUBSCRIPTION_ITEMS, text(subscriptions.get(CHILDREN)));
    out.put(Tables.INVOICES, text(invoices.get(MAIN)));
    out.put(Tables.INVOICE_LINES, text(invoices.get(CHILDREN)));
    out.put(Tables.PAYMENTS, payments);
    return out;
  }

  /** What one listed object becomes: its own record; its children and links go to {@code c}. */
  private interface Splitter extends Serializable {
    String split(
        JsonNode object,
        Function<String, @Nullable JsonNode> byId,
        DoFn<String, String>.ProcessContext c);
  }

  /**
   * One list's objects ("Split " + the list), each completed by id from {@code view} and split by
   * {@code splitter} into its record ({@link #MAIN}) and the outputs of {@code more}.
   */
  private static PCollectionTuple split(
      PCollectionTuple pages,
      StripeResource list,
      PCollectionView<Map<String, String>> view,
      Splitter splitter,
      TupleTagList more) {
    return ApiPages.records(pages, list.name())
        .apply(
            "Split " + list.name().toLowerCase(Locale.ROOT),
            ParDo.of(
                    new DoFn<String, String>() {
                      @ProcessElement
                      public void process(@Element String o, ProcessContext c) {
                        Map<String, String> byId = c.sideInput(view);
                        c.output(
                            splitter.split(
                                Json.parse(o),
                                id -> byId.containsKey(id) ? Json.parse(byId.get(id)) : null,
                                c));
                      }
                    })
                .withSideInputs(view)
                .withOutputTags(MAIN, more));
  }

  /** One list's objects by id, as a side input (copies of one object are the same: keep any). */
  private static PCollectionView<Map<String, String>> byId(
      PCollectionTuple pages, StripeResource list, String name) {
    return ApiPages.records(pages, list.name())
        .apply(
            name + "s by id",
            ParDo.of(
                new DoFn<String, KV<String, String>>() {
                  @ProcessElement
                  public void process(@Element String c, OutputReceiver<KV<String, String>> o) {
                    o.output(KV.of(Json.parse(c).path("id").asText(), c));
                  }
                }))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply(
            "One " + name.toLowerCase(Locale.ROOT) + " per id", Combine.perKey(StripeSplit::first))
        .apply(name + " view", View.asMap());
  }

  private static PCollection<String> text(PCollection<String> records) {
    return records.setCoder(StringUtf8Coder.of());
  }

  /** Copies of one coupon are the same object: keep any. */
  private static String first(Iterable<String> copies) {
    return copies.iterator().next();
  }

  private static String preferredInvoice(Iterable<String> invoices) {
    String chosen = null;
    for (String i : invoices) {
      chosen = chosen == null ? i : StripeRecords.invoiceOfCharge(chosen, i);
    }
    return chosen;
  }
}
