package io.intelligencesuite.sources.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Normalise before parsing: turns the fetched Stripe objects into one JSON record per target row.
 * Subscription items and invoice lines are embedded in their parents, so they are lifted out (a
 * line carries its invoice's id, customer, creation time and currency); charges carry the invoice
 * they paid, found through the invoices' expanded {@code payments} (the charge itself lost its
 * {@code invoice} field in 2025-03-31.basil). A coupon a discount names only by id is filled in
 * from the coupon list when the list has it; likewise a line's price (a line names its price by id
 * only, and MRR needs the price's recurring interval), carried next to the line as {@code price}.
 */
public final class StripeRecords {
  private StripeRecords() {}

  public static Map<TableDef, List<String>> split(Map<StripeResource, List<JsonNode>> fetched) {
    Map<String, JsonNode> coupons = new HashMap<>();
    for (JsonNode c : fetched.getOrDefault(StripeResource.COUPONS, List.of())) {
      coupons.put(c.path("id").asText(), c);
    }
    Map<String, JsonNode> prices = new HashMap<>();
    for (JsonNode p : fetched.getOrDefault(StripeResource.PRICES, List.of())) {
      prices.put(p.path("id").asText(), p);
    }
    List<String> customers = new ArrayList<>();
    List<String> subscriptions = new ArrayList<>();
    List<String> items = new ArrayList<>();
    List<String> invoices = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    List<String> payments = new ArrayList<>();
    for (JsonNode c : fetched.getOrDefault(StripeResource.CUSTOMERS, List.of())) {
      customers.add(c.toString());
    }
    for (JsonNode s : fetched.getOrDefault(StripeResource.SUBSCRIPTIONS, List.of())) {
      subscriptions.add(subscription(s, coupons::get, items::add));
    }
    Map<String, String> invoiceByCharge = new HashMap<>();
    for (JsonNode v : fetched.getOrDefault(StripeResource.INVOICES, List.of())) {
      invoices.add(
          invoice(
              v,
              prices::get,
              lines::add,
              (charge, invoice) ->
                  invoiceByCharge.merge(charge, invoice, StripeRecords::invoiceOfCharge)));
    }
    for (JsonNode c : fetched.getOrDefault(StripeResource.CHARGES, List.of())) {
      payments.add(payment(c, invoiceByCharge::get));
    }
    Map<TableDef, List<String>> out = new LinkedHashMap<>();
    out.put(Tables.CUSTOMERS, customers);
    out.put(Tables.SUBSCRIPTIONS, subscriptions);
    out.put(Tables.SUBSCRIPTION_ITEMS, items);
    out.put(Tables.INVOICES, invoices);
    out.put(Tables.INVOICE_LINES, lines);
    out.put(Tables.PAYMENTS, payments);
    return out;
  }

  /**
   * A subscription's record, its discounts' coupons filled in from {@code coupons} (by id; null:
   * unknown); each of its items goes to {@code items}, carrying the subscription's id.
   */
  public static String subscription(
      JsonNode s, Function<String, @Nullable JsonNode> coupons, Consumer<String> items) {
    fillCoupons(s, coupons);
    JsonNode data = s.path("items").path("data");
    // Only a list holds items; anything else is the subscription's own dead letter (items.data),
    // and iterating an object's values would lift stray copies of items out as rows.
    for (JsonNode item : data.isArray() ? data : Json.MAPPER.createArrayNode()) {
      if (item.isObject() && !item.hasNonNull("subscription") && s.hasNonNull("id")) {
        ((ObjectNode) item).put("subscription", s.get("id").asText());
      }
      items.accept(item.toString());
    }
    return s.toString();
  }

  /**
   * An invoice's record without its lines; each line goes to {@code lines} (with the invoice's id,
   * customer, creation time, currency and its price from {@code prices}, by id; null: unknown), and
   * each charge that paid it to {@code paidBy} as (charge id, invoice id).
   */
  public static String invoice(
      JsonNode v,
      Function<String, @Nullable JsonNode> prices,
      Consumer<String> lines,
      BiConsumer<String, String> paidBy) {
    if (v.hasNonNull("id")) {
      chargesPaying(v).forEach(charge -> paidBy.accept(charge, v.get("id").asText()));
    }
    for (JsonNode line : v.path("lines").path("data")) {
      ObjectNode w = Json.MAPPER.createObjectNode();
      w.set("invoice_id", v.get("id"));
      w.put("customer_id", Json.id(v, "customer"));
      w.set("invoice_created", v.get("created"));
      w.set("currency", v.get("currency"));
      w.set("line", line);
      JsonNode priceId = line.path("pricing").path("price_details").path("price");
      JsonNode price = priceId.isTextual() ? prices.apply(priceId.asText()) : null;
      if (price != null) {
        w.set("price", price);
      }
      lines.accept(w.toString());
    }
    return withoutLines(v).toString();
  }

  /** The charges an invoice's expanded {@code payments} name: the charges that paid it. */
  static List<String> chargesPaying(JsonNode v) {
    List<String> charges = new ArrayList<>();
    for (JsonNode p : v.path("payments").path("data")) {
      String charge = Json.id(p, "payment.charge");
      if (charge != null) {
        charges.add(charge);
      }
    }
    return charges;
  }

  /** A charge's payment record, with the invoice it paid ({@code invoiceOfCharge}; null: none). */
  public static String payment(JsonNode c, Function<String, @Nullable String> invoiceOfCharge) {
    ObjectNode w = Json.MAPPER.createObjectNode();
    w.put("invoice_id", invoiceOfCharge.apply(c.path("id").asText()));
    w.set("charge", c);
    return w.toString();
  }

  /**
   * Which invoice a charge paid when two invoices list it: the smaller id, so the answer does not
   * depend on the order the lists arrive in.
   */
  public static String invoiceOfCharge(String a, String b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** The invoice without its embedded lines (they become invoice_lines rows of their own). */
  private static JsonNode withoutLines(JsonNode v) {
    if (!v.isObject() || !v.has("lines")) {
      return v;
    }
    ObjectNode copy = ((ObjectNode) v).deepCopy();
    copy.remove("lines");
    return copy;
  }

  private static void fillCoupons(JsonNode s, Function<String, @Nullable JsonNode> coupons) {
    for (JsonNode d : s.path("discounts")) {
      JsonNode source = d.path("source");
      JsonNode coupon =
          source.isObject() && source.path("coupon").isTextual()
              ? coupons.apply(source.get("coupon").asText())
              : null;
      if (coupon != null) {
        ((ObjectNode) source).set("coupon", coupon);
      }
    }
  }
}
