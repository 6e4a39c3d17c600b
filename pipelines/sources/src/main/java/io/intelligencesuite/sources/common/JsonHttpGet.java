package io.intelligencesuite.sources.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A JSON GET against an HTTP API with the JDK HttpClient and Jackson, as the API sources need it
 * (ChartMogul, the enrichment APIs): fixed headers (the authorization), 429 / 5xx / connection
 * failures retried up to a bound with exponential backoff or what {@code Retry-After} asks (capped
 * at a minute), and any other non-2xx answer turned into the caller's exception naming the path, the
 * status and the API's own message, so an error body never becomes rows. Headers are never logged
 * nor put in a message: they carry the key.
 */
public final class JsonHttpGet {
  /** The caller's exception for a failed request: path, HTTP status (0: no answer), message. */
  @FunctionalInterface
  public interface Failure {
    RuntimeException of(String path, int status, String message);
  }

  private static final long MAX_WAIT_MILLIS = 60_000L;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
  private final Map<String, String> headers;
  private final int retries;
  private final Duration backoff;
  private final Failure failure;
  private final AtomicLong retried = new AtomicLong();

  public JsonHttpGet(Map<String, String> headers, int retries, Duration backoff, Failure failure) {
    this.headers = Map.copyOf(headers);
    this.retries = retries;
    this.backoff = backoff;
    this.failure = failure;
  }

  /** Requests retried so far (429, 5xx, connection failures). */
  public long retried() {
    return retried.get();
  }

  /** GET {@code uri} as JSON; {@code path} names the endpoint in errors (never the query: it may hold ids). */
  public JsonNode get(String path, URI uri) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "application/json")
        .timeout(Duration.ofSeconds(60)).GET();
    headers.forEach(b::header);
    HttpRequest request = b.build();
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (attempt < retries) {
          sleep(attempt, null);
          continue;
        }
        throw failure.of(path, 0, "connection failed: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure.of(path, 0, "interrupted");
      }
      int status = response.statusCode();
      if ((status == 429 || status >= 500) && attempt < retries) {
        sleep(attempt, response.headers().firstValue("Retry-After").orElse(null));
        continue;
      }
      if (status / 100 != 2) {
        throw failure.of(path, status, errorMessage(response.body()));
      }
      try {
        return Json.MAPPER.readTree(response.body());
      } catch (IOException e) {
        throw failure.of(path, status, "answer is not JSON: " + abbreviate(response.body()));
      }
    }
  }

  private void sleep(int attempt, @Nullable String retryAfter) {
    retried.incrementAndGet();
    long millis = backoff.toMillis() << Math.min(attempt, 10);
    if (retryAfter != null) {
      try {
        millis = (long) (Double.parseDouble(retryAfter.trim()) * 1000);
      } catch (NumberFormatException e) {
        // an HTTP date: keep the backoff
      }
    }
    try {
      Thread.sleep(Math.min(millis, MAX_WAIT_MILLIS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * An API's error message: {@code {"message": ...}} (ChartMogul), {@code {"error": "..."}} or
   * {@code {"error": {"message": ...}}} (Stripe-like), {@code {"errors": [{"detail": ...}]}} (JSON:API);
   * else the body itself, abbreviated.
   */
  public static String errorMessage(String body) {
    try {
      JsonNode n = Json.MAPPER.readTree(body);
      if (n.hasNonNull("message")) {
        return n.get("message").asText();
      }
      JsonNode error = n.path("error");
      if (error.isTextual()) {
        return error.asText();
      }
      if (error.hasNonNull("message")) {
        return error.get("message").asText();
      }
      if (!error.isMissingNode() && !error.isNull()) {
        return error.toString();
      }
      JsonNode first = n.path("errors").path(0);
      if (first.hasNonNull("detail") || first.hasNonNull("title")) {
        return first.hasNonNull("detail") ? first.get("detail").asText() : first.get("title").asText();
      }
    } catch (IOException | RuntimeException e) {
      // not JSON
    }
    return abbreviate(body);
  }

  private static String abbreviate(@Nullable String s) {
    return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
