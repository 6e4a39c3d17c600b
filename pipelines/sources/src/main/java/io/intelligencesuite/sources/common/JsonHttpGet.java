package io.intelligencesuite.sources.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A JSON GET against an HTTP API with the JDK HttpClient and Jackson, as the API sources need it
 * (ChartMogul, the enrichment APIs): fixed headers (the authorization), 429 / 5xx / connection
 * failures retried by the sources' rule ({@link HttpRetry}, waits capped at a minute), and any
 * other non-2xx answer turned into the caller's exception naming the path, the status and the API's
 * own message, so an error body never becomes rows. Headers are never logged nor put in a message:
 * they carry the key.
 */
public final class JsonHttpGet {
  /** The caller's exception for a failed request: path, HTTP status (0: no answer), message. */
  @FunctionalInterface
  public interface Failure {
    RuntimeException of(String path, int status, String message);
  }

  private static final long MAX_WAIT_MILLIS = 60_000L;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
  private final Map<String, String> headers;
  private final HttpRetry retry;
  private final Failure failure;

  /** One exchange: the server's answer, or why there was none. */
  private record Answer(@Nullable HttpResponse<String> response, @Nullable IOException failure) {
    int status() {
      return response == null ? 0 : response.statusCode();
    }

    Optional<String> retryAfter() {
      return response == null ? Optional.empty() : response.headers().firstValue("Retry-After");
    }
  }

  public JsonHttpGet(Map<String, String> headers, int retries, Duration backoff, Failure failure) {
    this.headers = Map.copyOf(headers);
    this.retry = new HttpRetry(retries, backoff, Duration.ofMillis(MAX_WAIT_MILLIS));
    this.failure = failure;
  }

  /** Requests retried so far (429, 5xx, connection failures). */
  public long retried() {
    return retry.retried();
  }

  /**
   * GET {@code uri} as JSON; {@code path} names the endpoint in errors (never the query: it may
   * hold ids).
   */
  public JsonNode get(String path, URI uri) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .header("Accept", "application/json")
            .timeout(Duration.ofSeconds(60))
            .GET();
    headers.forEach(b::header);
    HttpRequest request = b.build();
    Answer answer;
    try {
      answer =
          retry.send("GET " + path, () -> exchange(request), Answer::status, Answer::retryAfter);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure.of(path, 0, "interrupted");
    }
    if (answer.response() == null) {
      throw failure.of(path, 0, "connection failed: " + answer.failure());
    }
    HttpResponse<String> response = answer.response();
    int status = response.statusCode();
    if (status / 100 != 2) {
      throw failure.of(path, status, errorMessage(response.body()));
    }
    try {
      return Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw failure.of(path, status, "answer is not JSON: " + abbreviate(response.body()));
    }
  }

  private Answer exchange(HttpRequest request) throws InterruptedException {
    try {
      return new Answer(http.send(request, HttpResponse.BodyHandlers.ofString()), null);
    } catch (IOException e) {
      return new Answer(null, e);
    }
  }

  /**
   * An API's error message: {@code {"message": ...}} (ChartMogul), {@code {"error": "..."}} or
   * {@code {"error": {"message": ...}}} (Stripe-like), {@code {"errors": [{"detail": ...}]}}
   * (JSON:API); else the body itself, abbreviated.
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
        return first.hasNonNull("detail")
            ? first.get("detail").asText()
            : first.get("title").asText();
      }
    } catch (IOException | RuntimeException e) {
      // not JSON
    }
    return abbreviate(body);
  }

  /** {@code base + path}, with {@code query} URL-encoded in its order. */
  public static URI uri(String base, String path, Map<String, String> query) {
    StringBuilder url = new StringBuilder(base).append(path);
    char sep = '?';
    for (Map.Entry<String, String> e : query.entrySet()) {
      url.append(sep)
          .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return URI.create(url.toString());
  }

  /** At most 300 characters of an answer, for a message. */
  public static String abbreviate(@Nullable String s) {
    return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
