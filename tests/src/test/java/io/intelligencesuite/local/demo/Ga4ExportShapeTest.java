package io.intelligencesuite.local.demo;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intelligencesuite.testing.Skips;
import io.intelligencesuite.tests.DemoFixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Generated GA4 rows have the real export's shape: the keys of the real sample rows in
 * ../shared/realdata/ga4 (read in place), plus only the columns Google added after that sample was
 * taken. Also checks the planted export quirks.
 */
public class Ga4ExportShapeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = new JsonFactory();

  /**
   * Columns added to the export after the 2020-21 public sample (definitions.md 3.2; realdata
   * SOURCES.md caveat): collected_traffic_source (June 2023), batch_* (July 2024).
   */
  private static final Set<String> NEWER_COLUMNS =
      Set.of("collected_traffic_source", "batch_event_index", "batch_ordering_id", "batch_page_id");

  private static Set<String> realKeys;
  private static Map<String, Set<String>> realNested;
  private static Set<String> realParamValueKeys;

  @BeforeClass
  public static void readRealSample() throws IOException {
    String shared = System.getProperty("suite.shared.dir");
    Skips.assume("suite.shared.dir not set: the real GA4 sample is not available", shared != null);
    Path real =
        Paths.get(shared, "realdata/ga4/ga4_obfuscated_sample_ecommerce__spider2-lite.ndjson");
    Skips.assume("real GA4 sample missing at " + real, Files.isRegularFile(real));
    realKeys = new HashSet<>();
    realNested = new HashMap<>();
    realParamValueKeys = new HashSet<>();
    for (String line : Files.readAllLines(real, StandardCharsets.UTF_8)) {
      JsonNode row = JSON.readTree(line);
      row.fieldNames().forEachRemaining(realKeys::add);
      for (String nested : new String[] {"device", "geo", "traffic_source", "privacy_info"}) {
        JsonNode n = row.get(nested);
        if (n != null && n.isObject()) {
          n.fieldNames()
              .forEachRemaining(realNested.computeIfAbsent(nested, k -> new HashSet<>())::add);
        }
      }
      for (JsonNode p : row.get("event_params")) {
        p.get("value").fieldNames().forEachRemaining(realParamValueKeys::add);
      }
    }
  }

  @Test
  public void newerColumnsAreReallyAbsentFromTheSample() {
    for (String c : NEWER_COLUMNS) {
      assertFalse(c + " is in the sample: drop it from the allowlist", realKeys.contains(c));
    }
  }

  @Test
  public void everyRowHasOnlyRealTopLevelKeys() throws IOException {
    Set<String> allowed = new HashSet<>(realKeys);
    allowed.addAll(NEWER_COLUMNS);
    Path ga4 = DemoFixture.dir().resolve("ga4");
    long rows = 0;
    long duplicates = 0;
    Set<String> unknown = new TreeSet<>();
    List<Path> files;
    try (var s = Files.list(ga4)) {
      files = s.sorted().toList();
    }
    assertEquals(730, files.size());
    for (Path f : files) {
      Set<String> seen = new HashSet<>();
      try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          rows++;
          if (!seen.add(line)) {
            duplicates++;
          }
          try (JsonParser p = FACTORY.createParser(line)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String key = p.currentName();
              if (!allowed.contains(key)) {
                unknown.add(key);
              }
              p.nextToken();
              p.skipChildren();
            }
          }
        }
      }
    }
    assertTrue("keys unknown to the real export: " + unknown, unknown.isEmpty());
    double share = (double) duplicates / rows;
    assertTrue("duplicate share " + share, share >= 0.005 && share <= 0.02);
    JsonNode quirks = JSON.readTree(DemoFixture.dir().resolve("truth/ga4_quirks.json").toFile());
    assertEquals(quirks.get("duplicate_rows").asLong(), duplicates);
    assertEquals(quirks.get("rows_written").asLong(), rows);
  }

  @Test
  public void sampledRowsMatchNestedShapeAndQuirks() throws IOException {
    Path dir = DemoFixture.dir().resolve("ga4");
    boolean sawStringInt = false;
    boolean sawNumberInt = false;
    int late = 0;
    Set<String> events = new TreeSet<>();
    Set<String> mediums = new TreeSet<>();
    // Every 10th day keeps the test fast; the top-level check above covers every row.
    for (int i = 0; i < 730; i += 10) {
      String day = SimCalendar.yyyymmdd(SimCalendar.START + i * SimCalendar.DAY);
      Map<String, Long> loginAt = new HashMap<>();
      Map<String, Long> firstUserIdAt = new HashMap<>();
      for (String line : Files.readAllLines(dir.resolve("events_" + day + ".ndjson"))) {
        JsonNode row = JSON.readTree(line);
        events.add(row.get("event_name").asText());
        JsonNode ts = row.get("event_timestamp");
        sawStringInt |= ts.isTextual();
        sawNumberInt |= ts.isNumber();
        if (!row.get("event_date").asText().equals(day)) {
          late++;
        }
        for (String nested : realNested.keySet()) {
          Iterator<String> it = row.get(nested).fieldNames();
          while (it.hasNext()) {
            String k = it.next();
            assertTrue(
                nested + "." + k + " not in the real export", realNested.get(nested).contains(k));
          }
        }
        Long sessionId = null;
        for (JsonNode p : row.get("event_params")) {
          p.get("value")
              .fieldNames()
              .forEachRemaining(k -> assertTrue(k, realParamValueKeys.contains(k)));
          if (p.get("key").asText().equals("ga_session_id")) {
            sessionId = p.get("value").get("int_value").asLong();
          }
          if (p.get("key").asText().equals("medium")) {
            mediums.add(p.get("value").get("string_value").asText());
          }
        }
        assertTrue("every row carries ga_session_id", sessionId != null);
        // Remember, per session, when the login / sign_up happened and when user_id was set.
        String session = row.get("user_pseudo_id").asText() + "/" + sessionId;
        long t = ts.asLong();
        String name = row.get("event_name").asText();
        if (name.equals("login") || name.equals("sign_up")) {
          assertFalse(row.get("user_id").isNull());
          loginAt.merge(session, t, Math::min);
        }
        if (!row.get("user_id").isNull()) {
          firstUserIdAt.merge(session, t, Math::min);
        }
      }
      // user_id only from the login / sign_up event on: never earlier in the same session.
      for (Map.Entry<String, Long> e : loginAt.entrySet()) {
        assertEquals(
            "user_id before login in session " + e.getKey(),
            e.getValue(),
            firstUserIdAt.get(e.getKey()));
      }
    }
    assertTrue(sawStringInt && sawNumberInt);
    assertTrue("some late rows", late > 0);
    assertTrue(
        events.toString(),
        events.containsAll(
            Set.of(
                "page_view",
                "session_start",
                "first_visit",
                "user_engagement",
                "form_start",
                "login")));
    assertTrue(mediums.toString(), mediums.containsAll(Set.of("cpc", "email")));
  }
}
