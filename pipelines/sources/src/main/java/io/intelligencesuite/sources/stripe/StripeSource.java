package io.intelligencesuite.sources.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.stream.JsonReader;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.StripeObject;
import com.stripe.net.ApiRequestParams;
import com.stripe.net.ApiResource;
import com.stripe.net.FormEncoder;
import com.stripe.param.ChargeListParams;
import com.stripe.param.CouponListParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.EventListParams;
import com.stripe.param.InvoiceLineItemListParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.SubscriptionListParams;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.FetchedRecords;
import io.intelligencesuite.sources.common.Json;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the Stripe lists with the real stripe-java {@link StripeClient}, one list per call (the
 * pipeline pages through each inside a DoFn: {@link StripeLists}), {@code limit=100} pages followed
 * with {@code starting_after} while {@code has_more}, expansions requested in the list call itself.
 * Each page is fetched raw (the client's raw-request API with its typed list params) and decoded
 * entry by entry with the client's own GSON: an entry of the wrong type or that does not decode is
 * rejected alone (a dead letter naming its id and field) while the rest of the page loads, and the
 * stored objects keep every field the API sent. A list that fails after the retry bound fails the
 * run, and the run writes nothing.
 */
public final class StripeSource {
  /** The API version stripe-java 33.3.0 pins and the parsers are written against. */
  public static final String API_VERSION = "2026-07-29.dahlia";

  static final long PAGE_SIZE = 100L;
  private static final Logger LOG = LoggerFactory.getLogger(StripeSource.class);

  private final StripeClient client;
  private final RetryingHttpClient http;

  public StripeSource(
      String apiKey,
      String apiBase,
      int maxNetworkRetries,
      int retryLimit,
      Duration retryBackoff,
      Duration maxRetryWait) {
    this.http = new RetryingHttpClient(retryLimit, retryBackoff, maxRetryWait);
    this.client =
        StripeClient.builder()
            .setApiKey(apiKey)
            .setApiBase(apiBase)
            .setMaxNetworkRetries(maxNetworkRetries)
            .setHttpClient(http)
            .build();
  }

  /**
   * Every page of one list, each decodable object to {@code objects} and each rejection to {@code
   * rejected} (by dead-letter table) as it arrives; {@code sinceEpochSeconds} limits invoices and
   * charges to those created since. A list that fails after the retry bound is a {@link
   * StripeFetchException} naming it.
   */
  public void list(
      StripeResource r,
      @Nullable Long sinceEpochSeconds,
      Consumer<JsonNode> objects,
      BiConsumer<TableDef, String> rejected) {
    long started = System.nanoTime();
    long retriedBefore = http.retried();
    try {
      int[] counts = pages(r, sinceEpochSeconds, objects, rejected);
      LOG.info(
          "Stripe fetch: {} {} pages, {} objects in {} s, {} retries",
          r.path(),
          counts[0],
          counts[1],
          String.format("%.2f", (System.nanoTime() - started) / 1e9),
          http.retried() - retriedBefore);
    } catch (StripeException | IOException | RuntimeException e) {
      if (e instanceof StripeFetchException sfe) {
        throw sfe;
      }
      throw new StripeFetchException(
          "Stripe list " + r.path() + " failed, so nothing was written: " + describe(e), e);
    }
  }

  private static String describe(Throwable t) {
    if (t instanceof StripeException se) {
      return "HTTP "
          + se.getStatusCode()
          + " "
          + se.getClass().getSimpleName()
          + ": "
          + abbreviate(se.getMessage());
    }
    return abbreviate(t.toString());
  }

  /** stripe-java puts a whole undecodable page in its message; keep the error readable. */
  private static String abbreviate(String s) {
    return s == null || s.length() <= 600
        ? s
        : s.substring(0, 300)
            + " ...["
            + (s.length() - 600)
            + " chars]... "
            + s.substring(s.length() - 300);
  }

  /** Follows the list's pages; returns {pages, objects}. */
  private int[] pages(
      StripeResource r,
      @Nullable Long since,
      Consumer<JsonNode> objects,
      BiConsumer<TableDef, String> rejected)
      throws StripeException, IOException {
    int pages = 0;
    int count = 0;
    String after = null;
    while (true) {
      JsonNode body = page(r.path(), params(r, after, since));
      pages++;
      JsonNode data = body.path("data");
      for (JsonNode o : data) {
        String rejection = rejection(r.model(), r.objectType(), r.path(), o);
        if (rejection != null) {
          rejected.accept(r.deadLetterTable(), rejection);
          continue;
        }
        if (r == StripeResource.INVOICES) {
          completeLines(o, rejected);
        }
        objects.accept(o);
        count++;
      }
      if (!body.path("has_more").asBoolean(false) || data.size() == 0) {
        return new int[] {pages, count};
      }
      after = data.get(data.size() - 1).path("id").asText();
    }
  }

  /**
   * One page, raw: the request stripe-java would send for these typed params, through the client's
   * raw-request API, so a bad entry costs only itself ({@link #rejection}) rather than the whole
   * page (the typed list call decodes the page at once). Errors and retries are the client's as
   * before.
   */
  private JsonNode page(String path, ApiRequestParams params) throws StripeException, IOException {
    String query = FormEncoder.createQueryString(params.toMap());
    return Json.MAPPER.readTree(
        client
            .rawRequest(
                ApiResource.RequestMethod.GET, query.isEmpty() ? path : path + "?" + query, null)
            .body());
  }

  /**
   * What a read of {@code r}'s objects expands, the one home of it for the list calls and the
   * retrieves by id: subscriptions' discounts and their coupons (the parsers fill items' coupons
   * from them); invoices' payments, includable only, which link charges to the invoices they paid.
   */
  static List<String> expansions(StripeResource r) {
    switch (r) {
      case SUBSCRIPTIONS:
        return List.of("discounts", "discounts.source.coupon");
      case INVOICES:
        return List.of("payments");
      default:
        return List.of();
    }
  }

  /** {@link #expansions} as a list call names them (each under {@code data.}). */
  private static List<String> listExpansions(StripeResource r) {
    return expansions(r).stream().map(e -> "data." + e).toList();
  }

  /** The typed params of one list page: the page after {@code after} (null: the first page). */
  private static ApiRequestParams params(
      StripeResource r, @Nullable String after, @Nullable Long since) {
    switch (r) {
      case CUSTOMERS:
        return CustomerListParams.builder().setLimit(PAGE_SIZE).setStartingAfter(after).build();
      case SUBSCRIPTIONS:
        // status=all: canceled and ended subscriptions too; discounts and their coupons expanded.
        return SubscriptionListParams.builder()
            .setLimit(PAGE_SIZE)
            .setStartingAfter(after)
            .setStatus(SubscriptionListParams.Status.ALL)
            .addAllExpand(listExpansions(r))
            .build();
      case INVOICES:
        {
          // payments is includable only: expanded here, it links charges to the invoices they paid.
          InvoiceListParams.Builder b =
              InvoiceListParams.builder()
                  .setLimit(PAGE_SIZE)
                  .setStartingAfter(after)
                  .addAllExpand(listExpansions(r));
          if (since != null) {
            b.setCreated(InvoiceListParams.Created.builder().setGte(since).build());
          }
          return b.build();
        }
      case CHARGES:
        {
          ChargeListParams.Builder b =
              ChargeListParams.builder().setLimit(PAGE_SIZE).setStartingAfter(after);
          if (since != null) {
            b.setCreated(ChargeListParams.Created.builder().setGte(since).build());
          }
          return b.build();
        }
      case COUPONS:
        return CouponListParams.builder().setLimit(PAGE_SIZE).setStartingAfter(after).build();
      case PRICES:
        // No active filter: archived prices too, since old invoice lines still bill them. The
        // lines themselves cannot carry the price: pricing.price_details.price is expandable only
        // since 2025-12-15.clover and data.lines.data.pricing.price_details.price is deeper than
        // the four levels Stripe expands.
        return PriceListParams.builder().setLimit(PAGE_SIZE).setStartingAfter(after).build();
      default:
        throw new IllegalStateException("no list params for " + r);
    }
  }

  /**
   * Null when a list entry is what stripe-java would have made of it (its {@code object} type, and
   * decodable by the client's own GSON into the model); else the entry's rejection, naming its id
   * and the field where decoding stopped.
   */
  static @Nullable String rejection(
      Class<? extends StripeObject> model, String objectType, String list, JsonNode o) {
    String id = o.path("id").asText("(no id)");
    String type = o.path("object").isTextual() ? o.get("object").asText() : null;
    if (!o.isObject() || (type != null && !type.equals(objectType))) {
      return FetchedRecords.rejection(
          "object",
          "a "
              + (type != null ? "'" + type + "'" : o.getNodeType().name().toLowerCase(Locale.ROOT))
              + " in the "
              + list
              + " list, expected '"
              + objectType
              + "' (id "
              + id
              + ")",
          o);
    }
    DecodeFailure failure = decode(model, o);
    if (failure == null) {
      return null;
    }
    String path = failure.path();
    if (path.equals("$")) {
      // the model's adapter decoded a tree (no path left): find the top-level field that fails
      // alone
      for (Iterator<String> names = o.fieldNames(); names.hasNext() && path.equals("$"); ) {
        String name = names.next();
        ObjectNode probe = Json.MAPPER.createObjectNode();
        probe.set("object", o.get("object"));
        probe.set(name, o.get(name));
        if (decode(model, probe) != null) {
          path = "$." + name;
        }
      }
    }
    Throwable cause =
        failure.error().getCause() != null ? failure.error().getCause() : failure.error();
    return FetchedRecords.rejection(
        path.startsWith("$.") ? path.substring(2) : null,
        "stripe-java cannot decode "
            + objectType
            + " "
            + id
            + " at "
            + path
            + ": "
            + abbreviate(cause.getMessage()),
        o);
  }

  private record DecodeFailure(String path, RuntimeException error) {}

  /**
   * Null when {@code o} decodes into {@code model} with the client's GSON; else where and why it
   * stopped.
   */
  private static @Nullable DecodeFailure decode(Class<? extends StripeObject> model, JsonNode o) {
    JsonReader reader = new JsonReader(new StringReader(o.toString()));
    try {
      ApiResource.GSON.fromJson(reader, model);
      return null;
    } catch (RuntimeException e) {
      return new DecodeFailure(reader.getPath(), e);
    }
  }

  /**
   * An invoice embeds its first lines only; when {@code lines.has_more}, page through the rest. A
   * line that does not decode is rejected on its own (to invoice_lines), the invoice kept.
   */
  private void completeLines(JsonNode invoice, BiConsumer<TableDef, String> rejected)
      throws StripeException, IOException {
    JsonNode lines = invoice.path("lines");
    if (!lines.path("has_more").asBoolean(false) || !lines.path("data").isArray()) {
      return;
    }
    ArrayNode data = (ArrayNode) lines.get("data");
    String invoiceId = invoice.path("id").asText();
    String path = "/v1/invoices/" + invoiceId + "/lines";
    String after = data.size() == 0 ? null : data.get(data.size() - 1).path("id").asText();
    while (true) {
      JsonNode page =
          page(
              path,
              InvoiceLineItemListParams.builder()
                  .setLimit(PAGE_SIZE)
                  .setStartingAfter(after)
                  .build());
      JsonNode more = page.path("data");
      for (JsonNode line : more) {
        String rejection = rejection(InvoiceLineItem.class, "line_item", path, line);
        if (rejection == null) {
          data.add(line);
        } else {
          rejected.accept(Tables.INVOICE_LINES, rejection);
        }
      }
      if (!page.path("has_more").asBoolean(false) || more.size() == 0) {
        break;
      }
      after = more.get(more.size() - 1).path("id").asText();
    }
    ((ObjectNode) lines).put("has_more", false);
  }

  /**
   * What the events created after a cursor say changed: per list, the ids of the objects changed
   * (false) or deleted (true) by their newest event, in the order first seen; and the newest
   * event's {@code created} (null: no event).
   */
  public record Changes(
      Map<StripeResource, Map<String, Boolean>> ids, @Nullable Long newestEvent, int events) {

    /** The ids of {@code r}'s objects that changed or were deleted. */
    public Map<String, Boolean> of(StripeResource r) {
      return ids.getOrDefault(r, Map.of());
    }
  }

  /**
   * Pages through {@code /v1/events} created after {@code afterEpochSeconds} (newest first, {@code
   * starting_after}) and keeps only which objects changed: an event's snapshot is not what the list
   * calls return (no expansions, invoice lines cut at 10, no payments), so the objects are then
   * read by id ({@link #retrieve}). Events of objects no table holds (coupons, prices, disputes,
   * ...) are skipped; a {@code *.deleted} event of a customer or invoice marks it deleted (a
   * canceled subscription's {@code customer.subscription.deleted} is a change: the object stays,
   * canceled).
   */
  public Changes changesSince(long afterEpochSeconds) {
    Map<StripeResource, Map<String, Boolean>> ids = new EnumMap<>(StripeResource.class);
    Long newest = null;
    int events = 0;
    String after = null;
    try {
      while (true) {
        JsonNode body =
            page(
                "/v1/events",
                EventListParams.builder()
                    .setLimit(PAGE_SIZE)
                    .setStartingAfter(after)
                    .setCreated(EventListParams.Created.builder().setGt(afterEpochSeconds).build())
                    .build());
        JsonNode data = body.path("data");
        for (JsonNode e : data) {
          events++;
          long created = e.path("created").asLong();
          newest = newest == null ? created : Math.max(newest, created);
          JsonNode o = e.path("data").path("object");
          StripeResource r = tableResource(o.path("object").asText());
          if (r == null || !o.path("id").isTextual()) {
            continue;
          }
          boolean deleted =
              (r == StripeResource.CUSTOMERS || r == StripeResource.INVOICES)
                  && e.path("type").asText().endsWith(".deleted");
          // newest first: the first event of an id is its latest state
          ids.computeIfAbsent(r, x -> new LinkedHashMap<>())
              .putIfAbsent(o.get("id").asText(), deleted);
        }
        if (!body.path("has_more").asBoolean(false) || data.size() == 0) {
          break;
        }
        after = data.get(data.size() - 1).path("id").asText();
      }
    } catch (StripeException | IOException | RuntimeException e) {
      throw new StripeFetchException(
          "Stripe events after "
              + afterEpochSeconds
              + " failed, so nothing was written: "
              + describe(e),
          e);
    }
    LOG.info("Stripe events after {}: {} events, changed ids {}", afterEpochSeconds, events, ids);
    return new Changes(ids, newest, events);
  }

  /** The list whose table holds objects of {@code objectType}, or null. */
  private static @Nullable StripeResource tableResource(String objectType) {
    for (StripeResource r :
        List.of(
            StripeResource.CUSTOMERS,
            StripeResource.SUBSCRIPTIONS,
            StripeResource.INVOICES,
            StripeResource.CHARGES)) {
      if (r.objectType().equals(objectType)) {
        return r;
      }
    }
    return null;
  }

  /**
   * One object by id ({@code GET /v1/<list>/<id>}) with the expansions its list call uses, checked
   * and completed as a list entry is: true and the object to {@code objects}, or true and a
   * rejection to {@code rejected}; false when Stripe says it is deleted ({@code deleted: true}, or
   * a 404 for an object that no longer exists).
   */
  public boolean retrieve(
      StripeResource r,
      String id,
      Consumer<JsonNode> objects,
      BiConsumer<TableDef, String> rejected) {
    String path = r.path() + "/" + id;
    try {
      Map<String, Object> params = new LinkedHashMap<>();
      if (!expansions(r).isEmpty()) {
        params.put("expand", expansions(r));
      }
      String query = FormEncoder.createQueryString(params);
      JsonNode o =
          Json.MAPPER.readTree(
              client
                  .rawRequest(
                      ApiResource.RequestMethod.GET,
                      query.isEmpty() ? path : path + "?" + query,
                      null)
                  .body());
      if (o.path("deleted").asBoolean(false)) {
        return false;
      }
      String rejection = rejection(r.model(), r.objectType(), path, o);
      if (rejection != null) {
        rejected.accept(r.deadLetterTable(), rejection);
        return true;
      }
      if (r == StripeResource.INVOICES) {
        completeLines(o, rejected);
      }
      objects.accept(o);
      return true;
    } catch (InvalidRequestException e) {
      if (Integer.valueOf(404).equals(e.getStatusCode())) {
        return false;
      }
      throw new StripeFetchException(
          "Stripe " + path + " failed, so nothing was written: " + describe(e), e);
    } catch (StripeException | IOException | RuntimeException e) {
      throw new StripeFetchException(
          "Stripe " + path + " failed, so nothing was written: " + describe(e), e);
    }
  }

  /** A list that could not be read completely. */
  public static final class StripeFetchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StripeFetchException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
