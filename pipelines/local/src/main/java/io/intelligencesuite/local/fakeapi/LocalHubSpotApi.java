package io.intelligencesuite.local.fakeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A local server that speaks HubSpot's CRM v3 list API over the demo company's {@code crm/} bodies:
 * {@code GET /crm/v3/objects/{companies,contacts,deals}} and {@code GET /crm/v3/owners} paged by
 * {@code limit} (at most 100 for objects, as HubSpot) and the {@code after} cursor, answered as
 * {@code {"results": [...], "paging": {"next": {"after": "N", "link": "..."}}}} with no {@code
 * paging} on the last page; {@code GET /crm/v3/pipelines/deals} unpaged. Objects carry only the
 * properties the request names (plus HubSpot's defaults {@code createdate}, {@code
 * hs_lastmodifieddate}, {@code hs_object_id}) and associations only when asked for. A request
 * without {@code Authorization: Bearer TOKEN} is answered 401 with HubSpot's error body.
 */
public final class LocalHubSpotApi extends LocalListsApi<LocalHubSpotApi> {
  private static final Set<String> DEFAULT_PROPERTIES =
      Set.of("createdate", "hs_lastmodifieddate", "hs_object_id");
  private static final Map<String, String> FILES =
      Map.of(
          "/crm/v3/objects/companies", "companies.json",
          "/crm/v3/objects/contacts", "contacts.json",
          "/crm/v3/objects/deals", "deals.json",
          "/crm/v3/owners", "owners.json",
          "/crm/v3/pipelines/deals", "pipelines.json");

  public LocalHubSpotApi(Path crmDir) throws IOException {
    super("local-hubspot-api", 4, crmDir, FILES, "results");
  }

  @Override
  void handle(HttpExchange ex) throws IOException {
    logRequest(ex);
    String path = ex.getRequestURI().getPath();
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("Bearer ") || auth.substring(7).isBlank()) {
      error(
          ex,
          401,
          "Authentication credentials not found. This API supports OAuth 2.0 authentication.",
          "INVALID_AUTHENTICATION");
      return;
    }
    List<JsonNode> all = served(path);
    if (all == null) {
      error(ex, 404, "Resource not found", "OBJECT_NOT_FOUND");
      return;
    }
    ObjectNode body = MAPPER.createObjectNode();
    ArrayNode results = body.putArray("results");
    if (path.startsWith("/crm/v3/pipelines/")) {
      all.forEach(results::add);
      LoopbackHttpServer.sendJson(ex, 200, body);
      return;
    }
    Map<String, List<String>> params = params(ex.getRequestURI().getRawQuery());
    int max = path.startsWith("/crm/v3/owners") ? 500 : 100;
    String limitParam = first(params, "limit");
    int limit = limitParam == null ? 10 : Integer.parseInt(limitParam);
    if (limit < 1 || limit > max) {
      error(ex, 400, "limit must be between 1 and " + max, "VALIDATION_ERROR");
      return;
    }
    String after = first(params, "after");
    int from = after == null ? 0 : Integer.parseInt(after);
    int to = Math.min(all.size(), from + limit);
    String properties = first(params, "properties");
    String associations = first(params, "associations");
    for (JsonNode o : all.subList(Math.min(from, all.size()), to)) {
      results.add(shaped(o, properties, associations));
    }
    if (to < all.size()) {
      ObjectNode next = body.putObject("paging").putObject("next");
      next.put("after", String.valueOf(to));
      next.put("link", baseUrl() + path + "?after=" + to);
    }
    LoopbackHttpServer.sendJson(ex, 200, body);
  }

  /** The object with only the requested properties and associations, as HubSpot answers. */
  private static JsonNode shaped(JsonNode o, String properties, String associations) {
    ObjectNode copy = o.deepCopy();
    if (copy.has("properties")) {
      Set<String> wanted =
          new java.util.HashSet<>(
              properties == null ? List.of() : Arrays.asList(properties.split(",")));
      wanted.addAll(DEFAULT_PROPERTIES);
      ObjectNode props = (ObjectNode) copy.get("properties");
      props.retain(wanted);
    }
    if (copy.has("associations")) {
      Set<String> wanted =
          associations == null ? Set.of() : Set.copyOf(Arrays.asList(associations.split(",")));
      ObjectNode assoc = (ObjectNode) copy.get("associations");
      assoc.retain(wanted);
      if (assoc.isEmpty()) {
        copy.remove("associations");
      }
    }
    return copy;
  }

  private static void error(HttpExchange ex, int status, String message, String category)
      throws IOException {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("status", "error");
    body.put("message", message);
    body.put("correlationId", "00000000-0000-4000-8000-000000000000");
    body.put("category", category);
    LoopbackHttpServer.sendJson(ex, status, body);
  }
}
