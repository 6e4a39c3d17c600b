package io.intelligencesuite.pipelines.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeCollection;
import com.stripe.param.ChargeListParams;
import com.stripe.param.CouponListParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.InvoiceLineItemListParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.SubscriptionListParams;
import io.intelligencesuite.pipelines.common.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
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
 * requested in the list call itself. Each page is read from the raw response body, so the stored
 * objects keep every field the API sent (not stripe-java's re-serialisation of its model). Any list
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

  public record Snapshot(Map<StripeResource, List<JsonNode>> objects, List<ListStats> stats, long retries,
      double seconds) {}

  public StripeSource(String apiKey, String apiBase, int maxNetworkRetries, int retryLimit, Duration retryBackoff,
      Duration maxRetryWait) {
    this.http = new RetryingHttpClient(retryLimit, retryBackoff, maxRetryWait);
    this.client = StripeClient.builder()
        .setApiKey(apiKey)
        .setApiBase(apiBase)
        .setMaxNetworkRetries(maxNetworkRetries)
        .setHttpClient(http)
        .build();
  }

  /** Every list, concurrently; {@code sinceEpochSeconds} limits invoices and charges to those created since. */
  public Snapshot fetch(@Nullable Long sinceEpochSeconds) {
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(StripeResource.values().length, r -> {
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
      List<ListStats> stats = new ArrayList<>();
      for (Map.Entry<StripeResource, Future<Listed>> e : futures.entrySet()) {
        Listed listed = await(e.getKey(), e.getValue());
        objects.put(e.getKey(), listed.objects);
        stats.add(listed.stats);
      }
      Snapshot snapshot = new Snapshot(objects, stats, http.retried(), (System.nanoTime() - started) / 1e9);
      LOG.info("Stripe fetch: {} in {} s, {} retries", stats, String.format("%.2f", snapshot.seconds()), snapshot.retries());
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
      throw new StripeFetchException("Stripe list " + r.path() + " failed, so nothing was written: "
          + describe(cause), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StripeFetchException("interrupted while listing " + r.path(), e);
    }
  }

  private static String describe(Throwable t) {
    if (t instanceof StripeException se) {
      return "HTTP " + se.getStatusCode() + " " + se.getClass().getSimpleName() + ": " + abbreviate(se.getMessage());
    }
    return abbreviate(t.toString());
  }

  /** stripe-java puts a whole undecodable page in its message; keep the error readable. */
  private static String abbreviate(String s) {
    return s == null || s.length() <= 600 ? s : s.substring(0, 300) + " ...[" + (s.length() - 600) + " chars]... "
        + s.substring(s.length() - 300);
  }

  private record Listed(List<JsonNode> objects, ListStats stats) {}

  /** One page call: the list request for the page after {@code startingAfter} (null: the first page). */
  @FunctionalInterface
  private interface PageCall {
    StripeCollection<?> page(@Nullable String startingAfter) throws StripeException;
  }

  private Listed list(StripeResource r, @Nullable Long since) throws StripeException, IOException {
    long started = System.nanoTime();
    PageCall call = pageCall(r, since);
    List<JsonNode> objects = new ArrayList<>();
    int pages = 0;
    String after = null;
    while (true) {
      JsonNode body = Json.MAPPER.readTree(call.page(after).getLastResponse().body());
      pages++;
      JsonNode data = body.path("data");
      for (JsonNode o : data) {
        if (r == StripeResource.INVOICES) {
          completeLines(o);
        }
        objects.add(o);
      }
      if (!body.path("has_more").asBoolean(false) || data.size() == 0) {
        break;
      }
      after = data.get(data.size() - 1).path("id").asText();
    }
    ListStats stats = new ListStats(r, pages, objects.size(), (System.nanoTime() - started) / 1e9);
    return new Listed(objects, stats);
  }

  private PageCall pageCall(StripeResource r, @Nullable Long since) {
    switch (r) {
      case CUSTOMERS:
        return after -> client.v1().customers().list(CustomerListParams.builder()
            .setLimit(PAGE_SIZE).setStartingAfter(after).build());
      case SUBSCRIPTIONS:
        // status=all: canceled and ended subscriptions too; discounts and their coupons expanded.
        return after -> client.v1().subscriptions().list(SubscriptionListParams.builder()
            .setLimit(PAGE_SIZE).setStartingAfter(after).setStatus(SubscriptionListParams.Status.ALL)
            .addExpand("data.discounts").addExpand("data.discounts.source.coupon").build());
      case INVOICES:
        // payments is includable only: expanded here, it links charges to the invoices they paid.
        return after -> {
          InvoiceListParams.Builder b = InvoiceListParams.builder().setLimit(PAGE_SIZE).setStartingAfter(after)
              .addExpand("data.payments");
          if (since != null) {
            b.setCreated(InvoiceListParams.Created.builder().setGte(since).build());
          }
          return client.v1().invoices().list(b.build());
        };
      case CHARGES:
        return after -> {
          ChargeListParams.Builder b = ChargeListParams.builder().setLimit(PAGE_SIZE).setStartingAfter(after);
          if (since != null) {
            b.setCreated(ChargeListParams.Created.builder().setGte(since).build());
          }
          return client.v1().charges().list(b.build());
        };
      case COUPONS:
        return after -> client.v1().coupons().list(CouponListParams.builder()
            .setLimit(PAGE_SIZE).setStartingAfter(after).build());
      default:
        throw new IllegalStateException("no list call for " + r);
    }
  }

  /** An invoice embeds its first lines only; when {@code lines.has_more}, page through the rest. */
  private void completeLines(JsonNode invoice) throws StripeException, IOException {
    JsonNode lines = invoice.path("lines");
    if (!lines.path("has_more").asBoolean(false) || !lines.path("data").isArray()) {
      return;
    }
    ArrayNode data = (ArrayNode) lines.get("data");
    String invoiceId = invoice.path("id").asText();
    String after = data.size() == 0 ? null : data.get(data.size() - 1).path("id").asText();
    while (true) {
      JsonNode page = Json.MAPPER.readTree(client.v1().invoices().lineItems().list(invoiceId,
          InvoiceLineItemListParams.builder().setLimit(PAGE_SIZE).setStartingAfter(after).build())
          .getLastResponse().body());
      JsonNode more = page.path("data");
      more.forEach(data::add);
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
