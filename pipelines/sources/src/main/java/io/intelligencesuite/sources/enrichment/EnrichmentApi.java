package io.intelligencesuite.sources.enrichment;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.sources.common.ApiRequestException;
import io.intelligencesuite.sources.common.JsonHttpGet;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A provider's HTTP JSON endpoint, read page by page inside the pipeline ({@link
 * EnrichmentEndpoints}; a failed read fails the run before anything is written): {@code GET URL}
 * with {@code Authorization: Bearer KEY}, each page's records in its {@code data} array (the same
 * objects as the provider's export lines, so the one field mapping of {@link EnrichmentProviders}
 * applies), the next page at {@code links.next} (JSON:API, as G2 pages) or {@code next}, absolute
 * or relative, until there is none. 429 / 5xx are retried ({@link JsonHttpGet}); any other error
 * fails with the provider, endpoint, status and the API's message. A next link to another host is
 * refused: the key is only ever sent to the host the option names.
 */
public final class EnrichmentApi {
  private final String provider;
  private final JsonHttpGet http;

  public EnrichmentApi(String provider, String apiKey, int retries, Duration backoff) {
    this.provider = provider;
    this.http =
        new JsonHttpGet(
            Map.of("Authorization", "Bearer " + apiKey),
            retries,
            backoff,
            (path, status, message) -> new EnrichmentApiException(provider, path, status, message));
  }

  /** Every record of every page, in order. */
  public List<JsonNode> fetchAll(String url) {
    List<JsonNode> records = new ArrayList<>();
    forEach(url, records::add);
    return records;
  }

  /** Each record to {@code records} as its page arrives (see {@link #fetchAll}). */
  public void forEach(String url, Consumer<JsonNode> records) {
    URI next = URI.create(url);
    String origin = origin(next);
    Set<URI> seen = new HashSet<>();
    while (next != null) {
      if (!seen.add(next)) {
        throw new EnrichmentApiException(
            provider, next.getPath(), 200, "the next-page link repeats " + next);
      }
      JsonNode page = http.get(next.getPath(), next);
      JsonNode data = page.path("data");
      if (!data.isArray()) {
        throw new EnrichmentApiException(
            provider, next.getPath(), 200, "answer has no 'data' array");
      }
      data.forEach(records);
      String link = nextLink(page);
      next = link == null ? null : next.resolve(link);
      if (next != null && !origin(next).equals(origin)) {
        throw new EnrichmentApiException(
            provider,
            next.getPath(),
            200,
            "the next-page link leaves "
                + origin
                + "; refusing to send the key to "
                + origin(next));
      }
    }
  }

  private static @Nullable String nextLink(JsonNode page) {
    JsonNode link = page.path("links").path("next");
    if (!link.isTextual()) {
      link = page.path("next");
    }
    return link.isTextual() && !link.asText().isBlank() ? link.asText() : null;
  }

  private static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  /** An enrichment API answer that is not data. */
  public static final class EnrichmentApiException extends ApiRequestException {
    private static final long serialVersionUID = 1L;

    EnrichmentApiException(String provider, String path, int status, String message) {
      super(provider + " API GET " + Objects.toString(path, ""), status, message);
    }
  }
}
