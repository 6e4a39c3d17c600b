package io.intelligencesuite.sources.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.stream.JsonReader;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.StripeObject;
import com.stripe.net.ApiRequestParams;
import com.stripe.net.ApiResource;
import com.stripe.net.FormEncoder;
import com.stripe.param.ChargeListParams;
import com.stripe.param.CouponListParams;
import com.stripe.param.CustomerListParams;
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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the Stripe lists with the real stripe-java {@link StripeClient}: one thread per list,
 * {@code limit=100} pages followed with {@code starting_after} while {@code has_more}, expansions
 * requested in the list call itself. Each page is fetched raw (the client's raw-request API with
 * its typed list params) and decoded entry by entry with the client's own GSON: an entry of the
 * wrong type or that does not decode is rejected alone (a dead letter naming its id and field)
 * while the rest of the page loads, and the stored objects keep every field the API sent. Any list
 * that fails after the retry bound fails the whole fetch: the caller writes nothing.
 */
public final class StripeSource {
  /** The API version stripe-java 33.3.0 pins and the parsers are written against. */
  public static final String API_VERSION = "2026-07-29.dahlia";

  static final long PAGE_SIZE = 100L;
  private static final Logger LOG = LoggerFactory.getLogger(StripeSource.class);

  private final StripeClient client;
  private final RetryingHttpClient http;

  /** Per list: pages, objects and seconds, for the log and the demo's timing note. */
  public record ListStats(StripeResource resource, int pages, int objects, double seconds) {}

  /** The decodable objects per list, and per table the rejections of those that were not. */
  public record Snapshot(
      Map<StripeResource, List<JsonNode>> objects,
      Map<TableDef, List<String>> rejected,
      List<ListStats> stats,
      long retries,
      double seconds) {}

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
   * Every list, concurrently; {@code sinceEpochSeconds} limits invoices and charges to those
   * created since.
   */
  public Snapshot fetch(@Nullable Long sinceEpochSeconds) {
    long started = System.nanoTime();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            StripeResource.values().length,
            r -> {
              Thread t = new Thread(r, "stripe-list");
              t.setDaemon(true);
              return t;
            });
    Map<StripeResource, Future<Listed>> futures = new EnumMap<>(StripeResource.class);
    try {
      for (StripeResource r : StripeResource.values()) {
        futures.put(r, pool.submit(() -> list(r, sinceEpochSeconds)));
      }
      Map<StripeResource, List<JsonNode>> objects = new EnumMap<>(StripeResource.class);
      Map<TableDef, List<String>> rejected = new LinkedHashMap<>();
      List<ListStats> stats = new ArrayList<>();
      for (Map.Entry<StripeResource, Future<Listed>> e : futures.entrySet()) {
        Listed listed = await(e.getKey(), e.getValue());
        objects.put(e.getKey(), listed.objects);
        listed.rejected.forEach(
            (t, r) -> rejected.computeIfAbsent(t, x -> new ArrayList<>()).addAll(r));
        stats.add(listed.stats);
      }
      Snapshot snapshot =
          new Snapshot(
              objects, rejected, stats, http.retried(), (System.nanoTime() - started) / 1e9);
      LOG.info(
          "Stripe fetch: {} in {} s, {} retries, {} undecodable objects dead-lettered",
          stats,
          String.format("%.2f", snapshot.seconds()),
          snapshot.retries(),
          rejected.values().stream().mapToInt(List::size).sum());
      return snapshot;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Listed await(StripeResource r, Future<Listed> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new StripeFetchException(
          "Stripe list " + r.path() + " failed, so nothing was written: " + describe(cause), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StripeFetchException("interrupted while listing " + r.path(), e);
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

  private record Listed(
      List<JsonNode> objects, Map<TableDef, List<String>> rejected, ListStats stats) {}

  private Listed list(StripeResource r, @Nullable Long since) throws StripeException, IOException {
    long started = System.nanoTime();
    List<JsonNode> objects = new ArrayList<>();
    Map<TableDef, List<String>> rejected = new HashMap<>();
    int pages = 0;
    String after = null;
    while (true) {
      JsonNode body = page(r.path(), params(r, after, since));
      pages++;
      JsonNode data = body.path("data");
      for (JsonNode o : data) {
        String rejection = rejection(r.model(), r.objectType(), r.path(), o);
        if (rejection != null) {
          rejected.computeIfAbsent(r.deadLetterTable(), t -> new ArrayList<>()).add(rejection);
          continue;
        }
        if (r == StripeResource.INVOICES) {
          completeLines(o, rejected);
        }
        objects.add(o);
      }
      if (!body.path("has_more").asBoolean(false) || data.size() == 0) {
        break;
      }
      after = data.get(data.size() - 1).path("id").asText();
    }
    ListStats stats = new ListStats(r, pages, objects.size(), (System.nanoTime() - started) / 1e9);
    return new Listed(objects, rejected, stats);
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
            .addExpand("data.discounts")
            .addExpand("data.discounts.source.coupon")
            .build();
      case INVOICES:
        {
          // payments is includable only: expanded here, it links charges to the invoices they paid.
          InvoiceListParams.Builder b =
              InvoiceListParams.builder()
                  .setLimit(PAGE_SIZE)
                  .setStartingAfter(after)
                  .addExpand("data.payments");
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
  private void completeLines(JsonNode invoice, Map<TableDef, List<String>> rejected)
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
          rejected.computeIfAbsent(Tables.INVOICE_LINES, t -> new ArrayList<>()).add(rejection);
        }
      }
      if (!page.path("has_more").asBoolean(false) || more.size() == 0) {
        break;
      }
      after = more.get(more.size() - 1).path("id").asText();
    }
    ((ObjectNode) lines).put("has_more", false);
  }

  /** A list that could not be read completely. */
  public static final class StripeFetchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StripeFetchException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
