package io.intelligencesuite.local.fakeapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What the local fake APIs share: a loopback server ({@link LoopbackHttpServer}) that hands every
 * request to {@link #handle}, a log of the requests for tests, the base URL clients are pointed at,
 * and the query-string parsing.
 *
 * @param <S> the fake itself, so that {@code new LocalXApi(dir).start()} is a {@code LocalXApi}
 */
public abstract class LocalApiServer<S extends LocalApiServer<S>> implements AutoCloseable {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final String threadName;
  private final int threads;
  private @Nullable HttpServer server;

  /** A server whose threads are named {@code threadName}, {@code threads} requests at a time. */
  LocalApiServer(String threadName, int threads) {
    this.threadName = threadName;
    this.threads = threads;
  }

  /**
   * Starts serving on a free loopback port (after a test has changed what is served, if it does).
   */
  @SuppressWarnings("unchecked") // S is this class's own type (see the class comment)
  public final S start() throws IOException {
    server = LoopbackHttpServer.start(threadName, threads, this::handle);
    return (S) this;
  }

  /** Answers one request. */
  abstract void handle(HttpExchange ex) throws IOException;

  /** Adds a request to the log. */
  final void log(String request) {
    requests.add(request);
  }

  /** Logs the request as {@code METHOD PATH[?QUERY]}. */
  final void logRequest(HttpExchange ex) {
    String query = ex.getRequestURI().getRawQuery();
    log(
        ex.getRequestMethod()
            + " "
            + ex.getRequestURI().getPath()
            + (query == null ? "" : "?" + query));
  }

  /** The requests served so far, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** A raw query string as decoded parameters, each with its values in order. */
  static Map<String, List<String>> params(@Nullable String rawQuery) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  /** The array {@code field} of a JSON list body on disk (a demo company's API body). */
  static List<com.fasterxml.jackson.databind.JsonNode> readList(
      java.nio.file.Path file, String field) throws IOException {
    List<com.fasterxml.jackson.databind.JsonNode> out = new ArrayList<>();
    MAPPER.readTree(file.toFile()).path(field).forEach(out::add);
    return out;
  }

  /** A parameter's first value, or null. */
  static @Nullable String first(Map<String, List<String>> params, String key) {
    List<String> v = params.get(key);
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}
