package io.intelligencesuite.pipelines.chartmogul;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.pipelines.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * ChartMogul's REST API with the JDK HttpClient and Jackson: basic auth (the API key as the user,
 * empty password), cursor pagination ({@code cursor}, {@code has_more}), 429 / 5xx retried with
 * backoff up to a bound. A non-2xx answer is a {@link ChartMogulApiException} naming the endpoint,
 * status and ChartMogul's message: an error body never becomes rows.
 */
public final class ChartMogulClient {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
  private final String base;
  private final String authorization;
  private final int retries;
  private final Duration backoff;

  public ChartMogulClient(String apiBase, String apiKey, int retries, Duration backoff) {
    this.base = apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase;
    this.authorization = "Basic " + Base64.getEncoder().encodeToString((apiKey + ":").getBytes(StandardCharsets.UTF_8));
    this.retries = retries;
    this.backoff = backoff;
  }

  /** Every entry of a cursor-paginated list: {@code path} with {@code query}, following {@code cursor} while {@code has_more}. */
  public List<JsonNode> listAll(String path, Map<String, String> query) {
    List<JsonNode> entries = new ArrayList<>();
    String cursor = null;
    while (true) {
      Map<String, String> q = new LinkedHashMap<>(query);
      if (cursor != null) {
        q.put("cursor", cursor);
      }
      JsonNode page = get(path, q);
      JsonNode data = page.path("entries");
      if (!data.isArray()) {
        throw new ChartMogulApiException(path, 200, "answer has no 'entries' array: " + abbreviate(page.toString()));
      }
      data.forEach(entries::add);
      String next = page.path("cursor").isTextual() ? page.get("cursor").asText() : null;
      if (!page.path("has_more").asBoolean(false) || next == null || next.equals(cursor) || data.size() == 0) {
        return entries;
      }
      cursor = next;
    }
  }

  JsonNode get(String path, Map<String, String> query) {
    StringBuilder url = new StringBuilder(base).append(path);
    char sep = '?';
    for (Map.Entry<String, String> e : query.entrySet()) {
      url.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(url.toString()))
        .header("Authorization", authorization).header("Accept", "application/json")
        .timeout(Duration.ofSeconds(60)).GET().build();
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (attempt < retries) {
          sleep(attempt, null);
          continue;
        }
        throw new ChartMogulApiException(path, 0, "connection failed: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ChartMogulApiException(path, 0, "interrupted");
      }
      int status = response.statusCode();
      if ((status == 429 || status >= 500) && attempt < retries) {
        sleep(attempt, response.headers().firstValue("Retry-After").orElse(null));
        continue;
      }
      if (status / 100 != 2) {
        throw new ChartMogulApiException(path, status, errorMessage(response.body()));
      }
      try {
        return Json.MAPPER.readTree(response.body());
      } catch (IOException e) {
        throw new ChartMogulApiException(path, status, "answer is not JSON: " + abbreviate(response.body()));
      }
    }
  }

  private void sleep(int attempt, @Nullable String retryAfter) {
    long millis = backoff.toMillis() << Math.min(attempt, 10);
    if (retryAfter != null) {
      try {
        millis = (long) (Double.parseDouble(retryAfter) * 1000);
      } catch (NumberFormatException e) {
        // keep the backoff
      }
    }
    try {
      Thread.sleep(Math.min(millis, 60_000L));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** ChartMogul's error bodies: {"code":401,"message":"..."} or {"error":"..."}; else the body itself. */
  static String errorMessage(String body) {
    try {
      JsonNode n = Json.MAPPER.readTree(body);
      if (n.hasNonNull("message")) {
        return n.get("message").asText();
      }
      if (n.hasNonNull("error")) {
        return n.get("error").isTextual() ? n.get("error").asText() : n.get("error").toString();
      }
    } catch (IOException | RuntimeException e) {
      // not JSON
    }
    return abbreviate(body);
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  /** A ChartMogul answer that is not data. */
  public static final class ChartMogulApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    ChartMogulApiException(String path, int status, String message) {
      super("ChartMogul GET " + path + " failed" + (status > 0 ? " with HTTP " + status : "") + ": " + message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
