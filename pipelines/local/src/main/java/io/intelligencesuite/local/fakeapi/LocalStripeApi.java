package io.intelligencesuite.local.fakeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A local server that speaks Stripe's list API over the list bodies in a folder (the demo company's
 * {@code stripe/}): {@code GET /v1/RESOURCE} with {@code limit} (1-100, default 10), {@code
 * starting_after}, {@code created[gte]}, subscriptions' {@code status} (default: not canceled;
 * {@code all}), {@code expand[]} ({@code data.discounts}, {@code data.discounts.source.coupon},
 * {@code data.payments}), {@code GET /v1/invoices/ID/lines}, {@code GET /v1/RESOURCE/ID} (the same
 * expansions without {@code data.}; a deleted customer answers {@code deleted: true}, as Stripe's
 * does) and {@code GET /v1/events} ({@code created[gt]}, {@code created[gte]}, {@code
 * starting_after}, {@code limit}, newest first). The events are those of the changes a test makes
 * ({@link #change}, {@link #delete}); each carries the object as Stripe's event snapshots do: not
 * expanded (discounts as ids, no payments) and with at most the embedded lines. The stored demo
 * history has no events: its objects are older than the 30 days Stripe keeps events for. Bearer-key
 * authentication as Stripe answers it (401 with an error object). For tests: faults (429 with
 * Retry-After, 5xx) on chosen requests, invoices embedding only a few lines, and a log of the
 * requests. JDK HttpServer only; the real stripe-java client talks to it through {@code
 * --stripeApiBase}.
 */
public final class LocalStripeApi extends LocalApiServer<LocalStripeApi> {
  private static final List<String> RESOURCES =
      List.of(
          "customers",
          "subscriptions",
          "invoices",
          "charges",
          "coupons",
          "prices",
          "products",
          "tax_rates");

  private final Map<String, List<ObjectNode>> lists = new HashMap<>();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> requestsByPath = new ConcurrentHashMap<>();
  private volatile int embeddedLines = 10;

  /** Events newest first, as /v1/events lists them. */
  private final List<ObjectNode> events = new CopyOnWriteArrayList<>();

  /** Ids of deleted customers: retrieving one answers a deleted customer, not a 404. */
  private final Map<String, String> deleted = new ConcurrentHashMap<>();

  private final AtomicInteger eventSeq = new AtomicInteger();

  private record Fault(
      String path, int from, int count, int status, @Nullable Integer retryAfterSeconds) {}

  public LocalStripeApi(Path stripeDir) throws IOException {
    super("local-stripe-api", 8);
    for (String r : RESOURCES) {
      Path file = stripeDir.resolve(r + ".json");
      List<ObjectNode> objects = new ArrayList<>();
      if (Files.exists(file)) {
        for (JsonNode o : MAPPER.readTree(file.toFile()).path("data")) {
          objects.add((ObjectNode) o);
        }
      }
      lists.put(r, objects);
    }
  }

  /** The objects served for a resource, newest first; tests may change them before requests. */
  public List<ObjectNode> objects(String resource) {
    return lists.get(resource);
  }

  /**
   * Requests {@code from} .. {@code from + count - 1} (1-based, per path) to {@code path} answer
   * {@code status}.
   */
  public LocalStripeApi fault(
      String path, int from, int count, int status, @Nullable Integer retryAfterSeconds) {
    faults.add(new Fault(path, from, count, status, retryAfterSeconds));
    return this;
  }

  /**
   * Invoices embed at most this many lines (Stripe embeds 10); the rest come from
   * /v1/invoices/ID/lines.
   */
  public LocalStripeApi embeddedLines(int n) {
    this.embeddedLines = n;
    return this;
  }

  /**
   * Adds or replaces (by id) {@code object} in {@code resource}'s list and records the event Stripe
   * would send, {@code <type>.created} or {@code <type>.updated}, created at {@code
   * createdEpochSeconds}. A new object is listed first (lists are newest first).
   */
  public synchronized LocalStripeApi change(
      String resource, ObjectNode object, long createdEpochSeconds) {
    return change(resource, object, createdEpochSeconds, null);
  }

  /**
   * {@link #change(String, ObjectNode, long)} recorded as {@code <type>.<action>} (null: created or
   * updated), for the events that change an object Stripe keeps: {@code
   * customer.subscription.deleted} for a canceled subscription (still listed and retrievable, with
   * status canceled), {@code invoice.paid}, {@code charge.refunded}.
   */
  public synchronized LocalStripeApi change(
      String resource, ObjectNode object, long createdEpochSeconds, @Nullable String action) {
    List<ObjectNode> list = lists.get(resource);
    int i = indexOf(list, object.path("id").asText());
    if (i < 0) {
      list.add(0, object);
    } else {
      list.set(i, object);
    }
    event(
        resource,
        object,
        action != null ? action : i < 0 ? "created" : "updated",
        createdEpochSeconds);
    return this;
  }

  /**
   * Removes object {@code id} from {@code resource}'s list and records {@code <type>.deleted}; a
   * deleted customer is still retrievable by id as {@code {id, object, deleted: true}}.
   */
  public synchronized LocalStripeApi delete(String resource, String id, long createdEpochSeconds) {
    List<ObjectNode> list = lists.get(resource);
    int i = indexOf(list, id);
    if (i < 0) {
      throw new IllegalArgumentException("No " + resource + " " + id + " to delete");
    }
    ObjectNode gone = list.remove(i);
    deleted.put(id, gone.path("object").asText());
    event(resource, gone, "deleted", createdEpochSeconds);
    return this;
  }

  /** The events recorded so far, newest first. */
  public List<ObjectNode> events() {
    return List.copyOf(events);
  }

  private void event(String resource, ObjectNode object, String action, long created) {
    ObjectNode e = MAPPER.createObjectNode();
    e.put("id", String.format("evt_local%06d", eventSeq.incrementAndGet()));
    e.put("object", "event");
    e.put("api_version", io.intelligencesuite.sources.stripe.StripeSource.API_VERSION);
    e.put("created", created);
    ObjectNode snapshot = render(resource, object, List.of());
    if (action.equals("deleted") && resource.equals("customers")) {
      snapshot.put("deleted", true);
    }
    e.putObject("data").set("object", snapshot);
    e.put("livemode", false);
    e.put("pending_webhooks", 0);
    ObjectNode request = e.putObject("request");
    request.putNull("id");
    request.putNull("idempotency_key");
    e.put("type", eventType(resource) + "." + action);
    events.add(0, e);
  }

  /** Stripe's event type prefix of a resource's objects. */
  private static String eventType(String resource) {
    switch (resource) {
      case "subscriptions":
        return "customer.subscription";
      case "tax_rates":
        return "tax_rate";
      default:
        return resource.substring(0, resource.length() - 1);
    }
  }

  @Override
  void handle(HttpExchange ex) throws IOException {
    try {
      logRequest(ex);
      String path = ex.getRequestURI().getPath();
      String query = ex.getRequestURI().getRawQuery();
      int n = requestsByPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      for (Fault f : faults) {
        if (f.path.equals(path) && n >= f.from && n - f.from < f.count) {
          if (f.retryAfterSeconds != null) {
            ex.getResponseHeaders().add("Retry-After", String.valueOf(f.retryAfterSeconds));
          }
          error(
              ex,
              f.status,
              f.status == 429 ? "rate_limit_error" : "api_error",
              f.status == 429
                  ? "Too many requests hit the API too quickly."
                  : "An unknown error occurred.");
          return;
        }
      }
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (auth == null || !(auth.startsWith("Bearer sk_") || auth.startsWith("Bearer rk_"))) {
        error(
            ex,
            401,
            "invalid_request_error",
            "Invalid API Key provided: "
                + (auth == null ? "(none)" : masked(auth.replaceFirst("^Bearer ", ""))));
        return;
      }
      if (!"GET".equals(ex.getRequestMethod())) {
        error(ex, 405, "invalid_request_error", "This local server only lists objects.");
        return;
      }
      Map<String, List<String>> params = params(query);
      String[] parts = path.split("/");
      if (parts.length == 5 && parts[2].equals("invoices") && parts[4].equals("lines")) {
        ObjectNode invoice = find(lists.get("invoices"), parts[3]);
        if (invoice == null) {
          error(ex, 404, "invalid_request_error", "No such invoice: '" + parts[3] + "'");
          return;
        }
        List<ObjectNode> lines = new ArrayList<>();
        invoice.path("lines").path("data").forEach(l -> lines.add((ObjectNode) l));
        page(ex, path, lines, params, o -> o);
        return;
      }
      if (parts.length == 3 && parts[2].equals("events")) {
        page(ex, path, eventsSince(params), params, o -> o);
        return;
      }
      if (parts.length == 4 && lists.containsKey(parts[2])) {
        retrieve(ex, parts[2], parts[3], expansions(params, "data."));
        return;
      }
      if (parts.length != 3 || !lists.containsKey(parts[2])) {
        error(ex, 404, "invalid_request_error", "Unrecognized request URL (GET: " + path + ").");
        return;
      }
      String resource = parts[2];
      List<String> expand = expansions(params, "");
      List<ObjectNode> selected = filter(resource, lists.get(resource), params);
      page(ex, path, selected, params, o -> render(resource, o, expand));
    } catch (RuntimeException e) {
      error(ex, 500, "api_error", "local server failure: " + e);
    }
  }

  /**
   * The expand[]=... or expand[0]=... values (stripe-java indexes list parameters), each with
   * {@code prefix} in front: a retrieve expands {@code payments} where a list expands {@code
   * data.payments}, and {@link #render} speaks the list's names.
   */
  private static List<String> expansions(Map<String, List<String>> params, String prefix) {
    List<String> expand = new ArrayList<>();
    params.forEach(
        (k, v) -> {
          if (k.matches("expand\\[\\d*\\]")) {
            v.forEach(e -> expand.add(prefix + e));
          }
        });
    return expand;
  }

  /** GET /v1/RESOURCE/ID: the object as the list renders it, a deleted customer, or a 404. */
  private void retrieve(HttpExchange ex, String resource, String id, List<String> expand)
      throws IOException {
    ObjectNode o = find(lists.get(resource), id);
    if (o != null) {
      send(ex, 200, render(resource, o, expand));
      return;
    }
    String type = deleted.get(id);
    if (resource.equals("customers") && "customer".equals(type)) {
      ObjectNode gone = MAPPER.createObjectNode();
      gone.put("id", id);
      gone.put("object", "customer");
      gone.put("deleted", true);
      send(ex, 200, gone);
      return;
    }
    String singular = eventType(resource).replaceFirst("^customer\\.", "");
    error(ex, 404, "invalid_request_error", "No such " + singular + ": '" + id + "'");
  }

  /** The events after {@code created[gt]} / from {@code created[gte]}, newest first. */
  private List<ObjectNode> eventsSince(Map<String, List<String>> params) {
    String gt = first(params, "created[gt]");
    String gte = first(params, "created[gte]");
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode e : events) {
      long created = e.path("created").asLong();
      if ((gt == null || created > Long.parseLong(gt))
          && (gte == null || created >= Long.parseLong(gte))) {
        out.add(e);
      }
    }
    return out;
  }

  private List<ObjectNode> filter(
      String resource, List<ObjectNode> all, Map<String, List<String>> params) {
    String status = first(params, "status");
    String gte = first(params, "created[gte]");
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode o : all) {
      if (resource.equals("subscriptions")) {
        String s = o.path("status").asText();
        if (status == null && (s.equals("canceled") || s.equals("incomplete_expired"))) {
          continue;
        }
        if (status != null && !status.equals("all") && !status.equals(s)) {
          continue;
        }
      }
      if (gte != null && o.path("created").asLong() < Long.parseLong(gte)) {
        continue;
      }
      out.add(o);
    }
    return out;
  }

  private ObjectNode render(String resource, ObjectNode stored, List<String> expand) {
    ObjectNode o = stored.deepCopy();
    if (resource.equals("subscriptions") && o.path("discounts").isArray()) {
      ArrayNode discounts = (ArrayNode) o.get("discounts");
      for (int i = 0; i < discounts.size(); i++) {
        JsonNode d = discounts.get(i);
        if (!expand.contains("data.discounts")
            && !expand.contains("data.discounts.source.coupon")) {
          discounts.set(i, d.path("id"));
        } else if (expand.contains("data.discounts.source.coupon")
            && d.path("source").path("coupon").isTextual()) {
          ObjectNode coupon = find(lists.get("coupons"), d.path("source").path("coupon").asText());
          if (coupon != null) {
            ((ObjectNode) d.get("source")).set("coupon", coupon);
          }
        }
      }
    }
    if (resource.equals("invoices")) {
      if (!expand.contains("data.payments")) {
        o.remove("payments");
      }
      JsonNode lines = o.path("lines");
      if (lines.path("data").isArray() && lines.get("data").size() > embeddedLines) {
        ArrayNode kept = MAPPER.createArrayNode();
        for (int i = 0; i < embeddedLines; i++) {
          kept.add(lines.get("data").get(i));
        }
        ((ObjectNode) lines).set("data", kept);
        ((ObjectNode) lines).put("has_more", true);
      }
    }
    return o;
  }

  private void page(
      HttpExchange ex,
      String path,
      List<ObjectNode> objects,
      Map<String, List<String>> params,
      java.util.function.UnaryOperator<ObjectNode> render)
      throws IOException {
    int limit = 10;
    if (first(params, "limit") != null) {
      limit = Integer.parseInt(first(params, "limit"));
      if (limit < 1 || limit > 100) {
        error(ex, 400, "invalid_request_error", "Invalid limit: must be between 1 and 100");
        return;
      }
    }
    int start = 0;
    String after = first(params, "starting_after");
    if (after != null) {
      int idx = indexOf(objects, after);
      if (idx < 0) {
        error(ex, 400, "invalid_request_error", "No such object: '" + after + "'");
        return;
      }
      start = idx + 1;
    }
    int end = Math.min(objects.size(), start + limit);
    ObjectNode body = MAPPER.createObjectNode();
    body.put("object", "list");
    ArrayNode data = body.putArray("data");
    for (int i = start; i < end; i++) {
      data.add(render.apply(objects.get(i)));
    }
    body.put("has_more", end < objects.size());
    body.put("url", path);
    send(ex, 200, body);
  }

  private static int indexOf(List<ObjectNode> objects, String id) {
    for (int i = 0; i < objects.size(); i++) {
      if (id.equals(objects.get(i).path("id").asText())) {
        return i;
      }
    }
    return -1;
  }

  private static @Nullable ObjectNode find(List<ObjectNode> objects, String id) {
    int i = indexOf(objects, id);
    return i < 0 ? null : objects.get(i);
  }

  private static void error(HttpExchange ex, int status, String type, String message)
      throws IOException {
    ObjectNode body = MAPPER.createObjectNode();
    ObjectNode err = body.putObject("error");
    err.put("type", type);
    err.put("message", message);
    send(ex, status, body);
  }

  private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = MAPPER.writeValueAsBytes(body);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.getResponseHeaders().add("Request-Id", "req_local" + Long.toHexString(System.nanoTime()));
    ex.getResponseHeaders()
        .add("Stripe-Version", io.intelligencesuite.sources.stripe.StripeSource.API_VERSION);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String masked(String key) {
    return key.length() <= 8
        ? "****"
        : key.substring(0, Math.min(8, key.length() - 4))
            + "****"
            + key.substring(key.length() - 4);
  }
}
