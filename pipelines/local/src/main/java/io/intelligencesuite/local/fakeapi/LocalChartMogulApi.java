package io.intelligencesuite.local.fakeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A local server that speaks ChartMogul's list API over the demo company's {@code chartmogul/}
 * bodies: {@code GET /v1/customers} and {@code GET /v1/activities} ({@code start-date} / {@code
 * end-date} on the activity date), cursor pagination ({@code per_page}, {@code cursor}, {@code
 * has_more}), basic auth answered as ChartMogul does ({@code {"code":401,...}}).
 */
public final class LocalChartMogulApi extends LocalListsApi<LocalChartMogulApi> {
  public LocalChartMogulApi(Path chartmogulDir) throws IOException {
    super(
        "local-chartmogul-api",
        4,
        chartmogulDir,
        Map.of("/v1/customers", "customers.json", "/v1/activities", "activities.json"),
        "entries");
  }

  @Override
  void handle(HttpExchange ex) throws IOException {
    logRequest(ex);
    String path = ex.getRequestURI().getPath();
    String query = ex.getRequestURI().getRawQuery();
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null
        || !auth.startsWith("Basic ")
        || new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8)
            .startsWith(":")) {
      LoopbackHttpServer.sendJson(
          ex,
          401,
          MAPPER
              .createObjectNode()
              .put("code", 401)
              .put("message", "No valid API key provided")
              .putNull("param"));
      return;
    }
    List<JsonNode> all = served(path);
    if (all == null) {
      LoopbackHttpServer.sendJson(
          ex,
          404,
          MAPPER
              .createObjectNode()
              .put("code", 404)
              .put("message", "The requested resource could not be found."));
      return;
    }
    Map<String, List<String>> params = params(query);
    String start = first(params, "start-date");
    String end = first(params, "end-date");
    List<JsonNode> selected = new ArrayList<>();
    for (JsonNode e : all) {
      String day = e.path("date").asText("");
      if (day.length() >= 10
          && ((start != null && day.substring(0, 10).compareTo(start) < 0)
              || (end != null && day.substring(0, 10).compareTo(end) > 0))) {
        continue;
      }
      selected.add(e);
    }
    int perPage =
        first(params, "per_page") == null ? 50 : Integer.parseInt(first(params, "per_page"));
    int from = 0;
    String cursor = first(params, "cursor");
    if (cursor != null) {
      from =
          Integer.parseInt(
              new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8)
                  .replace("&", ""));
    }
    int to = Math.min(selected.size(), from + perPage);
    ObjectNode body = MAPPER.createObjectNode();
    ArrayNode entries = body.putArray("entries");
    selected.subList(from, to).forEach(entries::add);
    body.put("has_more", to < selected.size());
    body.put("per_page", perPage);
    body.put(
        "cursor", Base64.getEncoder().encodeToString(("&" + to).getBytes(StandardCharsets.UTF_8)));
    LoopbackHttpServer.sendJson(ex, 200, body);
  }
}
