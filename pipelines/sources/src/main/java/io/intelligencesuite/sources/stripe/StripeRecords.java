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
    Map<TableDef, List<String>> out = new LinkedHashMap<>();
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
      fillCoupons(s, coupons);
      subscriptions.add(s.toString());
      JsonNode data = s.path("items").path("data");
      // Only a list holds items; anything else is the subscription's own dead letter (items.data),
      // and iterating an object's values would lift stray copies of items out as rows.
      for (JsonNode item : data.isArray() ? data : Json.MAPPER.createArrayNode()) {
        if (item.isObject() && !item.hasNonNull("subscription") && s.hasNonNull("id")) {
          ((ObjectNode) item).put("subscription", s.get("id").asText());
        }
        items.add(item.toString());
      }
    }
    Map<String, String> invoiceByCharge = new HashMap<>();
    for (JsonNode v : fetched.getOrDefault(StripeResource.INVOICES, List.of())) {
      for (JsonNode p : v.path("payments").path("data")) {
        String charge = Json.id(p, "payment.charge");
        if (charge != null && v.hasNonNull("id")) {
          invoiceByCharge.put(charge, v.get("id").asText());
        }
      }
      for (JsonNode line : v.path("lines").path("data")) {
        ObjectNode w = Json.MAPPER.createObjectNode();
        w.set("invoice_id", v.get("id"));
        w.put("customer_id", Json.id(v, "customer"));
        w.set("invoice_created", v.get("created"));
        w.set("currency", v.get("currency"));
        w.set("line", line);
        JsonNode price = line.path("pricing").path("price_details").path("price");
        if (price.isTextual() && prices.containsKey(price.asText())) {
          w.set("price", prices.get(price.asText()));
        }
        lines.add(w.toString());
      }
      invoices.add(withoutLines(v).toString());
    }
    for (JsonNode c : fetched.getOrDefault(StripeResource.CHARGES, List.of())) {
      ObjectNode w = Json.MAPPER.createObjectNode();
      w.put("invoice_id", invoiceByCharge.get(c.path("id").asText()));
      w.set("charge", c);
      payments.add(w.toString());
    }
    out.put(Tables.CUSTOMERS, customers);
    out.put(Tables.SUBSCRIPTIONS, subscriptions);
    out.put(Tables.SUBSCRIPTION_ITEMS, items);
    out.put(Tables.INVOICES, invoices);
    out.put(Tables.INVOICE_LINES, lines);
    out.put(Tables.PAYMENTS, payments);
    return out;
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

  private static void fillCoupons(JsonNode s, Map<String, JsonNode> coupons) {
    for (JsonNode d : s.path("discounts")) {
      JsonNode source = d.path("source");
      if (source.isObject()
          && source.path("coupon").isTextual()
          && coupons.containsKey(source.get("coupon").asText())) {
        ((ObjectNode) source).set("coupon", coupons.get(source.get("coupon").asText()));
      }
    }
  }
}
