package io.intelligencesuite.marts.revenue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.Json;
import io.intelligencesuite.sources.stripe.StripeParsers;
import io.intelligencesuite.sources.stripe.StripeRecords;
import io.intelligencesuite.sources.stripe.StripeResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.beam.sdk.values.Row;

/**
 * Stripe API objects for the golden billing tests, in the shapes Stripe returns them (the pinned
 * 2026-07-29.dahlia shape: {@code parent}, {@code pricing}, {@code taxes[]}; and the pre-basil line
 * shape: {@code type}, {@code subscription}, {@code proration}, {@code tax_amounts[]}), turned into
 * staging rows by the Stripe pipeline's own normaliser ({@link StripeRecords}) and parsers ({@link
 * StripeParsers}). Dates are UTC midnights ({@code 2026-03-16}) unless a full instant is given.
 */
final class StripeShapes {
  private final List<JsonNode> customers = new ArrayList<>();
  private final List<JsonNode> subscriptions = new ArrayList<>();
  private final List<JsonNode> invoices = new ArrayList<>();
  private final Map<String, JsonNode> prices = new java.util.LinkedHashMap<>();

  static long epoch(String day) {
    return (day.length() == 10 ? Instant.parse(day + "T00:00:00Z") : Instant.parse(day))
        .getEpochSecond();
  }

  StripeShapes customer(String id) {
    ObjectNode c = Json.MAPPER.createObjectNode();
    c.put("id", id).put("object", "customer").put("created", epoch("2026-01-01"));
    c.put("email", id + "@school.example").put("currency", "usd");
    customers.add(c);
    return this;
  }

  /** A recurring price: {@code interval} x {@code count}, tax behaviour as given. */
  static ObjectNode price(
      String id, long unitAmount, String interval, long count, String taxBehavior) {
    ObjectNode p = Json.MAPPER.createObjectNode();
    p.put("id", id).put("object", "price").put("currency", "usd").put("unit_amount", unitAmount);
    p.put("product", "prod_" + id).put("tax_behavior", taxBehavior).put("type", "recurring");
    p.putObject("recurring")
        .put("interval", interval)
        .put("interval_count", count)
        .put("usage_type", "licensed");
    return p;
  }

  /** A subscription with its current items ({@code si id -> price}, quantity 1). */
  StripeShapes subscription(
      String id, String customer, String status, String created, Object... itemIdAndPrice) {
    ObjectNode s = Json.MAPPER.createObjectNode();
    s.put("id", id).put("object", "subscription").put("customer", customer);
    s.put("status", status).put("created", epoch(created)).put("start_date", epoch(created));
    s.put("cancel_at_period_end", false).put("currency", "usd");
    ArrayNode data = s.putObject("items").put("object", "list").putArray("data");
    for (int i = 0; i < itemIdAndPrice.length; i += 2) {
      ObjectNode item = data.addObject();
      item.put("id", (String) itemIdAndPrice[i]).put("object", "subscription_item");
      item.put("created", epoch(created)).put("quantity", 1);
      item.set("price", (ObjectNode) itemIdAndPrice[i + 1]);
      listPrice((ObjectNode) itemIdAndPrice[i + 1]);
    }
    subscriptions.add(s);
    return this;
  }

  /**
   * A price in the account's price list (GET /v1/prices lists archived prices too); the prices of
   * subscription items are listed already.
   */
  StripeShapes listPrice(ObjectNode price) {
    prices.putIfAbsent(price.get("id").asText(), price);
    return this;
  }

  private ObjectNode lastSubscription() {
    return (ObjectNode) subscriptions.get(subscriptions.size() - 1);
  }

  private ObjectNode lastInvoice() {
    return (ObjectNode) invoices.get(invoices.size() - 1);
  }

  /**
   * The last subscription has payment collection paused now: {@code pause_collection: {behavior,
   * resumes_at: null}} (docs.stripe.com/billing/subscriptions/pause-payment; the status stays).
   */
  StripeShapes pauseCollection(String behavior) {
    lastSubscription()
        .putObject("pause_collection")
        .put("behavior", behavior)
        .putNull("resumes_at");
    return this;
  }

  /** The last subscription's trial_start and trial_end. */
  StripeShapes trial(String start, String end) {
    lastSubscription().put("trial_start", epoch(start)).put("trial_end", epoch(end));
    return this;
  }

  /** The last invoice renews its subscription ({@code billing_reason: subscription_cycle}). */
  StripeShapes renewal() {
    lastInvoice().put("billing_reason", "subscription_cycle");
    return this;
  }

  /** The last invoice's {@code attempt_count}: payment attempts Stripe made. */
  StripeShapes attempts(long n) {
    lastInvoice().put("attempt_count", n);
    return this;
  }

  /** The last (paid) invoice was paid on {@code day}, not when it was created. */
  StripeShapes paidOn(String day) {
    ((ObjectNode) lastInvoice().get("status_transitions")).put("paid_at", epoch(day));
    return this;
  }

  /** The last (uncollectible) invoice was written off on {@code day}. */
  StripeShapes writtenOffOn(String day) {
    lastInvoice().putObject("status_transitions").put("marked_uncollectible_at", epoch(day));
    return this;
  }

  /** The last invoice and its lines are in {@code currency}. */
  StripeShapes inCurrency(String currency) {
    ObjectNode v = lastInvoice();
    v.put("currency", currency);
    for (JsonNode l : v.get("lines").get("data")) {
      ((ObjectNode) l).put("currency", currency);
    }
    return this;
  }

  /** An invoice of a subscription, created on {@code created}, with its lines. */
  StripeShapes invoice(
      String id, String customer, String sub, String status, String created, ObjectNode... lines) {
    ObjectNode v = Json.MAPPER.createObjectNode();
    v.put("id", id).put("object", "invoice").put("customer", customer).put("status", status);
    v.put("currency", "usd").put("created", epoch(created)).put("billing_reason", "manual");
    long subtotal = 0;
    for (ObjectNode l : lines) {
      subtotal += l.get("amount").asLong();
    }
    v.put("subtotal", subtotal).put("total", subtotal);
    v.put("amount_due", subtotal).put("amount_paid", "paid".equals(status) ? subtotal : 0);
    v.putArray("total_taxes");
    if ("paid".equals(status)) {
      v.putObject("status_transitions").put("paid_at", epoch(created));
    }
    v.putObject("parent")
        .put("type", "subscription_details")
        .putObject("subscription_details")
        .put("subscription", sub);
    ArrayNode data = v.putObject("lines").put("object", "list").putArray("data");
    for (ObjectNode l : lines) {
      data.add(l);
    }
    invoices.add(v);
    return this;
  }

  /**
   * A 2026-07-29.dahlia subscription line: parent.subscription_item_details, pricing.price_details,
   * one tax in taxes[] when {@code tax} is non-zero ({@code taxBehavior} inclusive or exclusive;
   * taxable_amount as Stripe computes it: the discounted amount, without inclusive tax).
   */
  static ObjectNode line(
      String id,
      String sub,
      String item,
      String price,
      long amount,
      long discount,
      long tax,
      String taxBehavior,
      boolean proration,
      String start,
      String end) {
    ObjectNode l = Json.MAPPER.createObjectNode();
    l.put("id", id).put("object", "line_item").put("amount", amount).put("currency", "usd");
    ArrayNode discounts = l.putArray("discount_amounts");
    if (discount != 0) {
      discounts.addObject().put("amount", discount).put("discount", "di_" + id);
    }
    l.putObject("period").put("start", epoch(start)).put("end", epoch(end));
    l.put("quantity", 1);
    ObjectNode parent = l.putObject("parent");
    parent.put("type", "subscription_item_details");
    parent
        .putObject("subscription_item_details")
        .put("subscription", sub)
        .put("subscription_item", item)
        .put("proration", proration);
    l.putObject("pricing")
        .put("type", "price_details")
        .putObject("price_details")
        .put("price", price)
        .put("product", "prod_" + price);
    ArrayNode taxes = l.putArray("taxes");
    if (tax != 0) {
      long taxable = amount - discount - ("inclusive".equals(taxBehavior) ? tax : 0);
      taxes
          .addObject()
          .put("amount", tax)
          .put("tax_behavior", taxBehavior)
          .put("taxable_amount", taxable)
          .put("taxability_reason", "standard_rated")
          .put("type", "tax_rate_details");
    }
    return l;
  }

  /** A whole-period dahlia line without tax or discount. */
  static ObjectNode cycle(
      String id, String sub, String item, String price, long amount, String start, String end) {
    return line(id, sub, item, price, amount, 0, 0, "exclusive", false, start, end);
  }

  /** A dahlia proration line (parent.subscription_item_details.proration = true). */
  static ObjectNode proration(
      String id, String sub, String item, String price, long amount, String start, String end) {
    return line(id, sub, item, price, amount, 0, 0, "exclusive", true, start, end);
  }

  /**
   * A pre-basil line: {@code type} (subscription or invoiceitem), top-level subscription,
   * subscription_item, proration and plan, tax in {@code tax_amounts[]} with {@code inclusive}.
   */
  static ObjectNode legacyLine(
      String id,
      String type,
      String sub,
      String item,
      String price,
      long amount,
      long inclusiveTax,
      boolean proration,
      String start,
      String end) {
    ObjectNode l = Json.MAPPER.createObjectNode();
    l.put("id", id).put("object", "line_item").put("type", type);
    l.put("amount", amount).put("currency", "usd");
    l.put("subscription", sub).put("subscription_item", item).put("proration", proration);
    l.putObject("plan").put("id", price).put("object", "plan");
    l.putObject("period").put("start", epoch(start)).put("end", epoch(end));
    l.putArray("discount_amounts");
    ArrayNode taxes = l.putArray("tax_amounts");
    if (inclusiveTax != 0) {
      taxes.addObject().put("amount", inclusiveTax).put("inclusive", true);
    }
    return l;
  }

  /** The staging rows, per table, exactly as the Stripe pipeline would load them. */
  Map<TableDef, List<Row>> stagingRows() {
    Map<StripeResource, List<JsonNode>> fetched = new EnumMap<>(StripeResource.class);
    fetched.put(StripeResource.CUSTOMERS, customers);
    fetched.put(StripeResource.SUBSCRIPTIONS, subscriptions);
    fetched.put(StripeResource.INVOICES, invoices);
    fetched.put(StripeResource.PRICES, new ArrayList<>(prices.values()));
    Map<TableDef, List<String>> records = StripeRecords.split(fetched);
    Map<TableDef, List<Row>> rows = new java.util.LinkedHashMap<>();
    parse(rows, records, Tables.CUSTOMERS, StripeParsers::customer);
    parse(rows, records, Tables.SUBSCRIPTIONS, StripeParsers::subscription);
    parse(rows, records, Tables.SUBSCRIPTION_ITEMS, StripeParsers::subscriptionItem);
    parse(rows, records, Tables.INVOICES, StripeParsers::invoice);
    parse(rows, records, Tables.INVOICE_LINES, StripeParsers::invoiceLine);
    return rows;
  }

  private static void parse(
      Map<TableDef, List<Row>> out,
      Map<TableDef, List<String>> records,
      TableDef table,
      Function<String, Row> parser) {
    List<Row> rows = new ArrayList<>();
    for (String json : records.getOrDefault(table, List.of())) {
      rows.add(parser.apply(json));
    }
    out.put(table, rows);
  }
}
