package io.intelligencesuite.sources.chartmogul;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.intelligencesuite.sources.common.Json;
import io.intelligencesuite.testing.Skips;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * ChartMogul's real recorded answers (../shared/realdata/chartmogul, read in place; _index.ndjson
 * names each file's endpoint and status): every recorded customer and activity entry parses into a
 * typed row, and a replay server answering with the recorded bodies drives the real client: cursor
 * pagination follows the recorded cursor, and the recorded 401 surfaces as an error.
 */
public class ChartMogulRecordedApiTest {
  private Path dir;
  private final List<JsonNode> index = new ArrayList<>();
  private HttpServer server;
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

  @Before
  public void readIndex() throws Exception {
    String shared = System.getProperty("suite.shared.dir");
    Skips.assume(
        "suite.shared.dir not set: ../shared/realdata is not beside this checkout", shared != null);
    dir = Path.of(shared, "realdata", "chartmogul");
    Skips.assume("no " + dir, Files.isDirectory(dir));
    for (String line : Files.readAllLines(dir.resolve("_index.ndjson"))) {
      index.add(Json.MAPPER.readTree(line));
    }
  }

  @After
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private List<JsonNode> recorded(String endpointDir) {
    return index.stream()
        .filter(e -> e.path("file").asText().startsWith("chartmogul/" + endpointDir + "/"))
        .toList();
  }

  @Test
  public void everyRecordedCustomerAndActivityParses() throws Exception {
    int customers = 0;
    int activities = 0;
    List<String> failures = new ArrayList<>();
    for (String endpoint : List.of("customers", "activities", "customers__id__activities")) {
      for (JsonNode e : recorded(endpoint)) {
        if (e.path("status").asInt() != 200) {
          continue;
        }
        JsonNode body =
            Json.MAPPER.readTree(dir.getParent().resolve(e.path("file").asText()).toFile());
        for (JsonNode entry : body.path("entries")) {
          try {
            if (endpoint.equals("customers")) {
              ChartMogulParsers.customer(entry.toString());
              customers++;
            } else {
              ChartMogulParsers.activity(entry.toString());
              activities++;
            }
          } catch (RuntimeException ex) {
            failures.add(e.path("file").asText() + ": " + ex.getMessage());
          }
        }
      }
    }
    assertEquals(List.of(), failures);
    assertTrue("customers parsed: " + customers, customers >= 5);
    assertTrue("activities parsed: " + activities, activities >= 5);
  }

  /**
   * Answers each recorded GET with its recorded status and body (query parameters in any order).
   */
  private String replay() throws Exception {
    Map<String, JsonNode> byRequest = new HashMap<>();
    for (JsonNode e : index) {
      if (e.path("method").asText().equals("GET")) {
        byRequest.putIfAbsent(key(URI.create(e.path("uri").asText())), e);
      }
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          requests.add(ex.getRequestURI().toString());
          JsonNode e = byRequest.get(key(ex.getRequestURI()));
          byte[] body =
              e == null
                  ? "{\"code\":404,\"message\":\"not recorded\"}".getBytes(StandardCharsets.UTF_8)
                  : Files.readAllBytes(dir.getParent().resolve(e.path("file").asText()));
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(e == null ? 404 : e.path("status").asInt(), body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static String key(URI uri) {
    String q = uri.getRawQuery();
    List<String> params =
        q == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList(q.split("&")));
    Collections.sort(params);
    return uri.getRawPath() + "?" + String.join("&", params);
  }

  @Test
  public void theRealClientFollowsTheRecordedCursorAndSurfacesTheRecorded401() throws Exception {
    ChartMogulClient client =
        new ChartMogulClient(replay(), "recorded-key", 0, Duration.ofMillis(1));

    ChartMogulClient.ChartMogulApiException unauthorised =
        assertThrows(
            ChartMogulClient.ChartMogulApiException.class,
            () -> client.get("/v1/activities", Map.of()));
    assertEquals(401, unauthorised.status());
    assertThat(unauthorised.getMessage(), containsString("No valid API key provided"));

    // page 1 (per_page=1) -> its cursor -> the recorded page 2; the recording has no page 3.
    ChartMogulClient.ChartMogulApiException end =
        assertThrows(
            ChartMogulClient.ChartMogulApiException.class,
            () -> client.listAll("/v1/activities", new TreeMap<>(Map.of("per_page", "1"))));
    assertEquals(404, end.status());
    assertThat(
        requests, hasItem("/v1/activities?per_page=1&cursor=ff76d95f-0536-4b2e-85cf-cc49a42c8757"));

    List<JsonNode> customers =
        client.listAll(
            "/v1/customers",
            new TreeMap<>(Map.of("data_source_uuid", "ds_00aa9ab0-ecd1-11ea-8422-7b2ad002e373")));
    assertEquals("the recorded empty data source", 0, customers.size());
  }
}
