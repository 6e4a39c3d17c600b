package io.intelligencesuite.sources.chartmogul;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.sources.common.ApiRequestException;
import io.intelligencesuite.sources.common.JsonHttpGet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * ChartMogul's REST API with the JDK HttpClient and Jackson: basic auth (the API key as the user,
 * empty password), cursor pagination ({@code cursor}, {@code has_more}), 429 / 5xx retried with
 * backoff up to a bound ({@link JsonHttpGet}). A non-2xx answer is a {@link ChartMogulApiException}
 * naming the endpoint, status and ChartMogul's message: an error body never becomes rows.
 */
public final class ChartMogulClient {
  private final String base;
  private final JsonHttpGet http;

  public ChartMogulClient(String apiBase, String apiKey, int retries, Duration backoff) {
    this.base = apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase;
    String authorization =
        "Basic "
            + Base64.getEncoder().encodeToString((apiKey + ":").getBytes(StandardCharsets.UTF_8));
    this.http =
        new JsonHttpGet(
            Map.of("Authorization", authorization), retries, backoff, ChartMogulApiException::new);
  }

  /**
   * Every entry of a cursor-paginated list: {@code path} with {@code query}, following {@code
   * cursor} while {@code has_more}.
   */
  public List<JsonNode> listAll(String path, Map<String, String> query) {
    List<JsonNode> entries = new ArrayList<>();
    forEach(path, query, entries::add);
    return entries;
  }

  /** Each entry of the list to {@code entries} as its page arrives (see {@link #listAll}). */
  public void forEach(String path, Map<String, String> query, Consumer<JsonNode> entries) {
    String cursor = null;
    while (true) {
      Map<String, String> q = new LinkedHashMap<>(query);
      if (cursor != null) {
        q.put("cursor", cursor);
      }
      JsonNode page = get(path, q);
      JsonNode data = page.path("entries");
      if (!data.isArray()) {
        throw new ChartMogulApiException(
            path, 200, "answer has no 'entries' array: " + JsonHttpGet.abbreviate(page.toString()));
      }
      data.forEach(entries);
      String next = page.path("cursor").isTextual() ? page.get("cursor").asText() : null;
      if (!page.path("has_more").asBoolean(false)
          || next == null
          || next.equals(cursor)
          || data.size() == 0) {
        return;
      }
      cursor = next;
    }
  }

  JsonNode get(String path, Map<String, String> query) {
    return http.get(path, JsonHttpGet.uri(base, path, query));
  }

  /** A ChartMogul answer that is not data. */
  public static final class ChartMogulApiException extends ApiRequestException {
    private static final long serialVersionUID = 1L;

    ChartMogulApiException(String path, int status, String message) {
      super("ChartMogul GET " + path, status, message);
    }
  }
}
