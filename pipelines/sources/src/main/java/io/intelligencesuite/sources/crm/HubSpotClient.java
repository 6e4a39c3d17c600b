package io.intelligencesuite.sources.crm;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.sources.common.ApiRequestException;
import io.intelligencesuite.sources.common.JsonHttpGet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HubSpot's CRM v3 API with the JDK HttpClient and Jackson ({@link JsonHttpGet}: 429 / 5xx retried
 * with backoff up to a bound). Authentication is a private app access token as {@code
 * Authorization: Bearer TOKEN}. Lists answer {@code {"results": [...], "paging": {"next": {"after":
 * "CURSOR", "link": "..."}}}} (developers.hubspot.com, CRM API | Objects, "Retrieve records": the
 * page's cursor is {@code paging.next.after}, passed back as the {@code after} query parameter; the
 * last page has no {@code paging.next}). A non-2xx answer (HubSpot's error body: {@code {"status":
 * "error", "message": ..., "category": ...}}) is a {@link HubSpotApiException} naming the endpoint,
 * status and HubSpot's message: an error body never becomes rows.
 */
public final class HubSpotClient {
  private final String base;
  private final JsonHttpGet http;

  public HubSpotClient(String apiBase, String accessToken, int retries, Duration backoff) {
    this.base = apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase;
    this.http =
        new JsonHttpGet(
            Map.of("Authorization", "Bearer " + accessToken),
            retries,
            backoff,
            HubSpotApiException::new);
  }

  /**
   * Every result of a list: {@code path} with {@code query}, following {@code paging.next.after}
   * until a page has no next cursor.
   */
  public List<JsonNode> listAll(String path, Map<String, String> query) {
    List<JsonNode> results = new ArrayList<>();
    String after = null;
    while (true) {
      Map<String, String> q = new LinkedHashMap<>(query);
      if (after != null) {
        q.put("after", after);
      }
      JsonNode page = http.get(path, JsonHttpGet.uri(base, path, q));
      JsonNode data = page.path("results");
      if (!data.isArray()) {
        throw new HubSpotApiException(
            path, 200, "answer has no 'results' array: " + JsonHttpGet.abbreviate(page.toString()));
      }
      data.forEach(results::add);
      JsonNode next = page.path("paging").path("next").path("after");
      String cursor = next.isValueNode() && !next.asText().isEmpty() ? next.asText() : null;
      if (cursor == null || data.size() == 0) {
        return results;
      }
      if (cursor.equals(after)) {
        throw new HubSpotApiException(
            path, 200, "paging.next.after repeats the cursor '" + cursor + "': paging would loop");
      }
      after = cursor;
    }
  }

  /** A HubSpot answer that is not data. */
  public static final class HubSpotApiException extends ApiRequestException {
    private static final long serialVersionUID = 1L;

    HubSpotApiException(String path, int status, String message) {
      super("HubSpot GET " + path, status, message);
    }
  }
}
