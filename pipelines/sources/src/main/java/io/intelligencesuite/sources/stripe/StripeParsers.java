package io.intelligencesuite.sources.stripe;

import static io.intelligencesuite.sources.common.Json.at;
import static io.intelligencesuite.sources.common.Json.bool;
import static io.intelligencesuite.sources.common.Json.doubleValue;
import static io.intelligencesuite.sources.common.Json.epochSeconds;
import static io.intelligencesuite.sources.common.Json.id;
import static io.intelligencesuite.sources.common.Json.jsonText;
import static io.intelligencesuite.sources.common.Json.longValue;
import static io.intelligencesuite.sources.common.Json.requiredEpochSeconds;
import static io.intelligencesuite.sources.common.Json.requiredLong;
import static io.intelligencesuite.sources.common.Json.requiredText;
import static io.intelligencesuite.sources.common.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.Json;
import io.intelligencesuite.transforms.deadletter.BadRecordException;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Stripe objects (JSON text, as the API returns them) -> typed rows. Written against the pinned API
 * version ({@link StripeSource#API_VERSION}, 2026-07-29.dahlia) and tolerant of the older shapes
 * still found in stored objects: subscription-level current period (before 2025-03-31.basil),
 * {@code plan} instead of {@code price}, singular {@code discount}, {@code discount.coupon} (before
 * 2025-09-30.clover), line-level {@code subscription} / {@code proration} / {@code type} (before
 * basil's {@code parent}), {@code tax_amounts} instead of {@code taxes}.
 */
public final class StripeParsers {
  private StripeParsers() {}

  public static org.apache.beam.sdk.values.Row customer(String json) {
    JsonNode c = Json.parse(json);
    rejectDeleted(c);
    String email = text(c, "email");
    return RowBuilder.of(Tables.CUSTOMERS)
        .set("customer_id", requiredText(c, "id"))
        .set("email", email == null ? null : email.trim().toLowerCase(Locale.ROOT))
        .set("name", text(c, "name"))
        .set("account_id", text(c, "metadata.account_id"))
        .set("currency", lower(Json.isoCurrency(text(c, "currency"), "currency")))
        .set("is_delinquent", bool(c, "delinquent"))
        .set("created_at", requiredEpochSeconds(c, "created"))
        .set("metadata", jsonText(c, "metadata"))
        .build();
  }

  public static org.apache.beam.sdk.values.Row subscription(String json) {
    JsonNode s = Json.parse(json);
    rejectDeleted(s);
    JsonNode item = firstItem(s);
    JsonNode price = item == null ? at(s, "plan") : priceOf(item);
    JsonNode discount = activeDiscount(s);
    JsonNode coupon = discount == null ? null : couponOf(discount);
    return RowBuilder.of(Tables.SUBSCRIPTIONS)
        .set("source", "stripe")
        .set("subscription_id", requiredText(s, "id"))
        .set("customer_id", required(id(s, "customer"), "customer"))
        .set("status", requiredText(s, "status"))
        .set("price_id", price == null ? null : text(price, "id"))
        .set("product_id", price == null ? null : id(price, "product"))
        .set("billing_interval", price == null ? null : interval(price))
        .set("interval_count", price == null ? null : intervalCount(price))
        .set(
            "quantity",
            Json.nonNegative(
                item != null ? longValue(item, "quantity") : longValue(s, "quantity"), "quantity"))
        .set("unit_amount_cents", price == null ? null : unitAmount(price))
        .set(
            "currency",
            lower(
                Json.isoCurrency(
                    price != null && text(price, "currency") != null
                        ? text(price, "currency")
                        : text(s, "currency"),
                    "currency")))
        .set("discount_percent_off", coupon == null ? null : doubleValue(coupon, "percent_off"))
        .set("discount_amount_off_cents", coupon == null ? null : longValue(coupon, "amount_off"))
        .set("discount_duration", coupon == null ? null : text(coupon, "duration"))
        .set(
            "discount_duration_in_months",
            coupon == null ? null : longValue(coupon, "duration_in_months"))
        .set("discount_coupon_id", discount == null ? null : couponId(discount))
        .set("discount_start", discount == null ? null : epochSeconds(discount, "start"))
        .set("discount_end", discount == null ? null : epochSeconds(discount, "end"))
        .set("trial_start", epochSeconds(s, "trial_start"))
        .set("trial_end", epochSeconds(s, "trial_end"))
        .set("current_period_start", periodField(s, item, "current_period_start"))
        .set("current_period_end", periodField(s, item, "current_period_end"))
        .set("cancel_at_period_end", bool(s, "cancel_at_period_end"))
        .set("cancel_at", epochSeconds(s, "cancel_at"))
        .set("canceled_at", epochSeconds(s, "canceled_at"))
        .set("ended_at", epochSeconds(s, "ended_at"))
        .set("created_at", requiredEpochSeconds(s, "created"))
        .set("raw", json)
        .set("pause_collection_behavior", text(s, "pause_collection.behavior"))
        .set("pause_resumes_at", epochSeconds(s, "pause_collection.resumes_at"))
        .build();
  }

  public static org.apache.beam.sdk.values.Row subscriptionItem(String json) {
    JsonNode i = Json.parse(json);
    rejectDeleted(i);
    JsonNode price = priceOf(i);
    return RowBuilder.of(Tables.SUBSCRIPTION_ITEMS)
        .set("subscription_item_id", requiredText(i, "id"))
        .set("subscription_id", required(id(i, "subscription"), "subscription"))
        .set("price_id", price == null ? null : text(price, "id"))
        .set("product_id", price == null ? null : id(price, "product"))
        .set("quantity", Json.nonNegative(longValue(i, "quantity"), "quantity"))
        .set("unit_amount_cents", price == null ? null : unitAmount(price))
        .set(
            "currency",
            price == null
                ? null
                : lower(Json.isoCurrency(text(price, "currency"), "price.currency")))
        .set("billing_interval", price == null ? null : interval(price))
        .set("interval_count", price == null ? null : intervalCount(price))
        .set("usage_type", price == null ? null : usageType(price))
        .set("tax_behavior", price == null ? null : text(price, "tax_behavior"))
        .set("current_period_start", epochSeconds(i, "current_period_start"))
        .set("current_period_end", epochSeconds(i, "current_period_end"))
        .set("created_at", requiredEpochSeconds(i, "created"))
        .build();
  }

  public static org.apache.beam.sdk.values.Row invoice(String json) {
    JsonNode v = Json.parse(json);
    rejectDeleted(v);
    Instant created = requiredEpochSeconds(v, "created");
    return RowBuilder.of(Tables.INVOICES)
        .set("invoice_id", requiredText(v, "id"))
        .set("customer_id", required(id(v, "customer"), "customer"))
        .set("subscription_id", invoiceSubscription(v))
        .set("status", requiredText(v, "status"))
        .set("currency", lower(Json.isoCurrency(requiredText(v, "currency"), "currency")))
        .set("billing_reason", text(v, "billing_reason"))
        .set("subtotal_cents", requiredLong(v, "subtotal"))
        .set("discount_cents", Json.sum(v, "total_discount_amounts", "amount"))
        .set("tax_cents", invoiceTax(v))
        .set("total_cents", requiredLong(v, "total"))
        .set("amount_paid_cents", requiredLong(v, "amount_paid"))
        .set("amount_due_cents", requiredLong(v, "amount_due"))
        .set("attempt_count", longValue(v, "attempt_count"))
        .set("period_start", epochSeconds(v, "period_start"))
        .set("period_end", epochSeconds(v, "period_end"))
        .set("created_at", created)
        .set("created_date", Json.utcDate(created))
        .set("paid_at", epochSeconds(v, "status_transitions.paid_at"))
        .set(
            "marked_uncollectible_at",
            epochSeconds(v, "status_transitions.marked_uncollectible_at"))
        .build();
  }

  /**
   * A line in its invoice's context: {@code {"invoice_id", "customer_id", "invoice_created",
   * "currency", "line", "price"}} ({@code price}, optional: the line's price from the price list).
   */
  public static org.apache.beam.sdk.values.Row invoiceLine(String json) {
    JsonNode w = Json.parse(json);
    JsonNode l = requiredObject(w, "line");
    // The parent named by parent.type; Stripe nulls the other one, but a stored object may carry
    // both (the API reference fixture does), so the type decides.
    String parentType = text(l, "parent.type");
    JsonNode subItem =
        parentType == null || parentType.equals("subscription_item_details")
            ? at(l, "parent.subscription_item_details")
            : null;
    JsonNode invItem =
        parentType == null || parentType.equals("invoice_item_details")
            ? at(l, "parent.invoice_item_details")
            : null;
    String subscription =
        subItem != null
            ? text(subItem, "subscription")
            : invItem != null ? text(invItem, "subscription") : id(l, "subscription");
    String subscriptionItem =
        subItem != null ? text(subItem, "subscription_item") : id(l, "subscription_item");
    String price = id(l, "pricing.price_details.price");
    if (price == null) {
      price = at(l, "price") != null ? id(l, "price") : id(l, "plan");
    }
    JsonNode priceObject = linePrice(w, l);
    Boolean proration =
        subItem != null
            ? bool(subItem, "proration")
            : invItem != null ? bool(invItem, "proration") : bool(l, "proration");
    Instant invoiceCreated = requiredEpochSeconds(w, "invoice_created");
    String currency = text(l, "currency") != null ? text(l, "currency") : text(w, "currency");
    return RowBuilder.of(Tables.INVOICE_LINES)
        .set("line_id", requiredText(l, "id"))
        .set("invoice_id", requiredText(w, "invoice_id"))
        .set("customer_id", requiredText(w, "customer_id"))
        .set("subscription_id", subscription)
        .set("subscription_item_id", subscriptionItem)
        .set("price_id", price)
        .set("line_type", lineType(l))
        .set("quantity", longValue(l, "quantity"))
        .set("amount_cents", requiredLong(l, "amount"))
        .set("discount_cents", Json.sum(l, "discount_amounts", "amount"))
        .set("tax_cents", lineTax(l, false))
        .set("tax_inclusive_cents", lineTax(l, true))
        .set(
            "currency",
            lower(Json.isoCurrency(required(currency, "line.currency"), "line.currency")))
        .set("is_proration", proration != null && proration)
        .set("period_start", epochSeconds(l, "period.start"))
        .set("period_end", epochSeconds(l, "period.end"))
        .set("billing_interval", priceObject == null ? null : interval(priceObject))
        .set("interval_count", priceObject == null ? null : intervalCount(priceObject))
        .set("invoice_created_date", Json.utcDate(invoiceCreated))
        .build();
  }

  /** A charge with the invoice it paid, when known: {@code {"invoice_id", "charge"}}. */
  public static org.apache.beam.sdk.values.Row payment(String json) {
    JsonNode w = Json.parse(json);
    JsonNode c = requiredObject(w, "charge");
    Instant attempted = requiredEpochSeconds(c, "created");
    String invoice = text(w, "invoice_id") != null ? text(w, "invoice_id") : id(c, "invoice");
    Long refunded = longValue(c, "amount_refunded");
    return RowBuilder.of(Tables.PAYMENTS)
        .set("payment_id", requiredText(c, "id"))
        .set("invoice_id", invoice)
        .set("customer_id", id(c, "customer"))
        .set("amount_cents", Json.nonNegative(requiredLong(c, "amount"), "charge.amount"))
        .set(
            "amount_refunded_cents",
            refunded == null ? 0L : Json.nonNegative(refunded, "charge.amount_refunded"))
        .set("currency", lower(Json.isoCurrency(requiredText(c, "currency"), "charge.currency")))
        .set("status", requiredText(c, "status"))
        .set("failure_code", text(c, "failure_code"))
        .set("attempted_at", attempted)
        .set("attempted_date", Json.utcDate(attempted))
        .build();
  }

  // ------------------------------------------------------------------ shared field rules

  static @Nullable JsonNode firstItem(JsonNode s) {
    JsonNode data = at(s, "items.data");
    if (data == null) {
      return null;
    }
    if (!data.isArray()) {
      throw new BadRecordException("items.data", "expected an array, got " + data.getNodeType());
    }
    return data.size() == 0 ? null : data.get(0);
  }

  private static @Nullable JsonNode priceOf(JsonNode item) {
    JsonNode price = at(item, "price");
    if (price != null && price.isObject()) {
      return price;
    }
    JsonNode plan = at(item, "plan");
    return plan != null && plan.isObject() ? plan : null;
  }

  /**
   * The price object of a line, for its recurring interval: the price list's copy next to the line,
   * else the line's expanded {@code pricing.price_details.price} (expandable from
   * 2025-12-15.clover), else the pre-basil line's own {@code price} or {@code plan} object. Null
   * when only the price id is known.
   */
  private static @Nullable JsonNode linePrice(JsonNode wrapper, JsonNode l) {
    for (JsonNode p :
        new JsonNode[] {
          at(wrapper, "price"), at(l, "pricing.price_details.price"), at(l, "price"), at(l, "plan")
        }) {
      if (p != null && p.isObject()) {
        return p;
      }
    }
    return null;
  }

  private static @Nullable String interval(JsonNode price) {
    String v = text(price, "recurring.interval");
    return v != null ? v : text(price, "interval");
  }

  private static @Nullable Long intervalCount(JsonNode price) {
    Long v = longValue(price, "recurring.interval_count");
    return v != null ? v : longValue(price, "interval_count");
  }

  private static @Nullable String usageType(JsonNode price) {
    String v = text(price, "recurring.usage_type");
    return v != null ? v : text(price, "usage_type");
  }

  private static @Nullable Long unitAmount(JsonNode price) {
    Long v = longValue(price, "unit_amount");
    return v != null || at(price, "recurring") != null ? v : longValue(price, "amount");
  }

  private static @Nullable Instant periodField(JsonNode s, @Nullable JsonNode item, String field) {
    Instant fromItem = item == null ? null : epochSeconds(item, field);
    return fromItem != null ? fromItem : epochSeconds(s, field);
  }

  /**
   * The first expanded discount (2025-03-31.basil on), else the legacy singular {@code discount}.
   */
  private static @Nullable JsonNode activeDiscount(JsonNode s) {
    JsonNode discounts = at(s, "discounts");
    if (discounts != null && discounts.isArray()) {
      for (JsonNode d : discounts) {
        if (d.isObject()) {
          return d;
        }
      }
    }
    JsonNode legacy = at(s, "discount");
    return legacy != null && legacy.isObject() ? legacy : null;
  }

  private static @Nullable JsonNode couponOf(JsonNode discount) {
    JsonNode c = at(discount, "source.coupon");
    if (c == null) {
      c = at(discount, "coupon");
    }
    return c != null && c.isObject() ? c : null;
  }

  private static @Nullable String couponId(JsonNode discount) {
    return at(discount, "source.coupon") != null
        ? id(discount, "source.coupon")
        : id(discount, "coupon");
  }

  private static @Nullable String invoiceSubscription(JsonNode v) {
    String s = text(v, "parent.subscription_details.subscription");
    return s != null ? s : id(v, "subscription");
  }

  /**
   * A line's tax (all of it, or only the inclusive part that sits inside {@code amount}): from
   * {@code taxes[]} (2025-03-31.basil on; {@code tax_behavior} inclusive / exclusive), else from
   * the older {@code tax_amounts[]} ({@code inclusive} true / false). Stripe's reference: "If
   * tax_behavior=inclusive, then the amount includes taxes"; MRR never includes tax, so the
   * inclusive part is taken out of the amount downstream.
   */
  static long lineTax(JsonNode l, boolean inclusiveOnly) {
    JsonNode taxes = at(l, "taxes");
    boolean current = taxes != null && taxes.isArray();
    JsonNode list = current ? taxes : at(l, "tax_amounts");
    if (list == null || list.isNull()) {
      return 0;
    }
    if (!list.isArray()) {
      String field = current ? "taxes" : "tax_amounts";
      throw new BadRecordException(field, "expected an array, got " + list.getNodeType());
    }
    long sum = 0;
    for (JsonNode t : list) {
      boolean inclusive =
          current
              ? "inclusive".equals(text(t, "tax_behavior"))
              : Boolean.TRUE.equals(bool(t, "inclusive"));
      if (!inclusiveOnly || inclusive) {
        sum += requiredLong(t, "amount");
      }
    }
    return sum;
  }

  private static long invoiceTax(JsonNode v) {
    if (at(v, "total_taxes") != null) {
      return Json.sum(v, "total_taxes", "amount");
    }
    Long legacy = longValue(v, "tax");
    return legacy != null ? legacy : Json.sum(v, "total_tax_amounts", "amount");
  }

  private static String lineType(JsonNode l) {
    String parent = text(l, "parent.type");
    if (parent != null) {
      switch (parent) {
        case "subscription_item_details":
          return "subscription";
        case "invoice_item_details":
          return "invoiceitem";
        default:
          return parent;
      }
    }
    String legacy = text(l, "type");
    if (legacy == null) {
      throw new BadRecordException(
          "parent.type", "is required (or the pre-basil line 'type') but missing");
    }
    return legacy;
  }

  private static void rejectDeleted(JsonNode o) {
    Boolean deleted = bool(o, "deleted");
    if (deleted != null && deleted) {
      throw new BadRecordException(
          "deleted",
          "is a deleted object stub (" + text(o, "object") + " " + text(o, "id") + "), not a row");
    }
  }

  private static <T> T required(@Nullable T value, String field) {
    if (value == null) {
      throw new BadRecordException(field, "is required but missing");
    }
    return value;
  }

  private static @Nullable String lower(@Nullable String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  /** The object {@code field} of a wrapper record; a bad record naming it when it is missing. */
  private static JsonNode requiredObject(JsonNode w, String field) {
    JsonNode o = at(w, field);
    if (o == null || !o.isObject()) {
      throw new BadRecordException(field, "is required but missing");
    }
    return o;
  }
}
