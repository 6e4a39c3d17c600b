package io.intelligencesuite.local.fakeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A local server for an enrichment provider's paged JSON endpoint: {@code GET ANY_PATH?page=N}
 * answers {@code {"data": [records of page N], "links": {"next": "PATH?page=N+1" | null}}}
 * (JSON:API-style, relative links), with {@code Authorization: Bearer KEY} checked (401 with a JSON
 * error otherwise). For tests: the first {@code count} requests from request {@code from} (1-based)
 * answer a status, optionally with {@code Retry-After}; a log of the requests. JDK HttpServer only.
 */
public final class LocalEnrichmentApi extends LocalApiServer<LocalEnrichmentApi> {
  private final List<JsonNode> records;
  private final String key;
  private final int pageSize;
  private final AtomicInteger served = new AtomicInteger();
  private volatile int faultFrom;
  private volatile int faultCount;
  private volatile int faultStatus;
  private volatile @Nullable Integer faultRetryAfter;

  /** Starts serving {@code records}, {@code pageSize} a page, to requests carrying {@code key}. */
  public LocalEnrichmentApi(List<JsonNode> records, String key, int pageSize) throws IOException {
    super("local-enrichment-api", 2);
    this.records = List.copyOf(records);
    this.key = key;
    this.pageSize = pageSize;
    start();
  }

  /** Requests {@code from} .. {@code from + count - 1} (1-based) answer {@code status}. */
  public LocalEnrichmentApi fault(
      int from, int count, int status, @Nullable Integer retryAfterSeconds) {
    this.faultFrom = from;
    this.faultCount = count;
    this.faultStatus = status;
    this.faultRetryAfter = retryAfterSeconds;
    return this;
  }

  @Override
  void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String query = ex.getRequestURI().getRawQuery();
    log(path + (query == null ? "" : "?" + query));
    int n = served.incrementAndGet();
    if (n >= faultFrom && n - faultFrom < faultCount) {
      if (faultRetryAfter != null) {
        ex.getResponseHeaders().add("Retry-After", String.valueOf(faultRetryAfter));
      }
      error(ex, faultStatus, faultStatus == 429 ? "rate limit exceeded" : "server error");
      return;
    }
    if (!("Bearer " + key).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      error(ex, 401, "invalid API token");
      return;
    }
    int page =
        query != null && query.matches("page=\\d+") ? Integer.parseInt(query.substring(5)) : 1;
    int from = Math.min(records.size(), (page - 1) * pageSize);
    int to = Math.min(records.size(), from + pageSize);
    ObjectNode body = MAPPER.createObjectNode();
    body.putArray("data").addAll(records.subList(from, to));
    body.putObject("links").put("next", to < records.size() ? path + "?page=" + (page + 1) : null);
    LoopbackHttpServer.sendJson(ex, 200, body);
  }

  private static void error(HttpExchange ex, int status, String detail) throws IOException {
    ObjectNode body = MAPPER.createObjectNode();
    body.putArray("errors").addObject().put("status", String.valueOf(status)).put("detail", detail);
    LoopbackHttpServer.sendJson(ex, status, body);
  }
}
