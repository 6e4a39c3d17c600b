package io.intelligencesuite.sources.ga4;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import io.intelligencesuite.testing.Skips;
import io.intelligencesuite.transforms.deadletter.BadRecordException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/**
 * Conformance on real GA4 export rows, read in place from ../shared/realdata/ga4 (never copied into
 * the project). Without that folder the tests report themselves skipped.
 */
public class Ga4EventParserTest {

  static Path realData(String file) {
    String shared = System.getProperty("suite.shared.dir", "../../../shared");
    Path path = Path.of(shared, "realdata", "ga4", file);
    Skips.assume(
        "real GA4 samples not found at " + path + " (CI has ../shared beside the checkout)",
        Files.exists(path));
    return path;
  }

  static List<String> lines(Path path) throws IOException {
    return Files.readAllLines(path, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank())
        .toList();
  }

  @Test
  public void everyRealSampleRowParses() throws IOException {
    for (String file :
        List.of(
            "ga4_obfuscated_sample_ecommerce__spider2-lite.ndjson",
            "ga4_obfuscated_sample_ecommerce__spider2-lite__DERIVED_int64_as_string.ndjson",
            "ga4_obfuscated_sample_ecommerce__spider2-snow.ndjson",
            "firebase_analytics_153293282_floodit__spider2-lite.ndjson",
            "firebase_analytics_153293282_floodit__spider2-lite__DERIVED_int64_as_string.ndjson")) {
      List<String> lines = lines(realData(file));
      int n = 0;
      for (String line : lines) {
        Ga4EventParser.parse(line); // throws on any problem, naming the field
        n++;
      }
      assertEquals(file, lines.size(), n);
    }
  }

  @Test
  public void int64AsStringsAndAsNumbersGiveIdenticalRows() throws IOException {
    for (String base :
        List.of(
            "ga4_obfuscated_sample_ecommerce__spider2-lite",
            "firebase_analytics_153293282_floodit__spider2-lite")) {
      List<String> plain = lines(realData(base + ".ndjson"));
      List<String> strings = lines(realData(base + "__DERIVED_int64_as_string.ndjson"));
      assertEquals(plain.size(), strings.size());
      for (int i = 0; i < plain.size(); i++) {
        assertEquals(
            base + " line " + (i + 1),
            Ga4EventParser.parse(plain.get(i)),
            Ga4EventParser.parse(strings.get(i)));
      }
    }
  }

  @Test
  public void firstEcommerceRowFlattensToTheValuesInTheExport() throws IOException {
    Row row =
        Ga4EventParser.parse(
            lines(realData("ga4_obfuscated_sample_ecommerce__spider2-lite.ndjson")).get(0));
    // Values read off the first line of the file by hand.
    assertEquals(LocalDate.of(2020, 11, 1), row.getValue("event_date"));
    assertEquals("page_view", row.getString("event_name"));
    assertEquals(1604192073036L, row.getDateTime("event_ts").getMillis());
    assertEquals(row.getString("user_pseudo_id") + ".4863244888", row.getString("session_id"));
    assertEquals(1L, (long) row.getInt64("ga_session_number"));
    assertEquals(
        "https://shop.googlemerchandisestore.com/Google+Redesign/Lifestyle/Drinkware",
        row.getString("page_location"));
    assertEquals("Drinkware | Lifestyle | Google Merchandise Store", row.getString("page_title"));
    assertNull(row.getString("user_id"));
    assertThat(row.getString("params"), containsString("\"ga_session_id\":4863244888"));
    assertThat(row.getString("params"), containsString("\"all_data\":null"));
  }

  private static final String GOOD =
      "{\"event_date\":\"20260105\",\"event_timestamp\":\"1767600000123456\","
          + "\"event_name\":\"page_view\",\"user_pseudo_id\":\"111.222\",\"user_id\":null,\"stream_id\":\"42\","
          + "\"event_params\":[{\"key\":\"ga_session_id\",\"value\":{\"int_value\":\"1767600000\"}},"
          + "{\"key\":\"source\",\"value\":{\"string_value\":\"google\"}},{\"key\":\"medium\",\"value\":{\"string_value\":\"cpc\"}},"
          + "{\"key\":\"campaign\",\"value\":{\"string_value\":\"brand\"}},{\"key\":\"engagement_time_msec\",\"value\":{\"int_value\":12}}],"
          + "\"device\":{\"category\":\"desktop\"},\"geo\":{\"country\":\"Greece\"},"
          + "\"collected_traffic_source\":{\"manual_source\":\"newsletter\",\"manual_medium\":null}}";

  @Test
  public void utmPrefersTheEventScopedCollectedTrafficSource() {
    Row row = Ga4EventParser.parse(GOOD);
    assertEquals("newsletter", row.getString("utm_source"));
    assertEquals("cpc", row.getString("utm_medium"));
    assertEquals("brand", row.getString("utm_campaign"));
    assertEquals("111.222.1767600000", row.getString("session_id"));
    assertEquals("42", row.getString("stream_id"));
    assertEquals("desktop", row.getString("device_category"));
    assertEquals("Greece", row.getString("country"));
  }

  @Test
  public void gclidAndTheEngagedFlagComeFromTheTrafficSourceOrTheParams() {
    // GOOD has neither: both null.
    Row none = Ga4EventParser.parse(GOOD);
    assertNull(none.getString("gclid"));
    assertNull(none.getBoolean("session_engaged"));
    // collected_traffic_source.gclid wins over the param; session_engaged as a string '1'.
    Row collected =
        Ga4EventParser.parse(
            GOOD.replace("\"manual_medium\":null", "\"manual_medium\":null,\"gclid\":\"ctsG\"")
                .replace(
                    "\"event_params\":[",
                    "\"event_params\":[{\"key\":\"gclid\",\"value\":{\"string_value\":\"paramG\"}},"
                        + "{\"key\":\"session_engaged\",\"value\":{\"string_value\":\"1\"}},"));
    assertEquals("ctsG", collected.getString("gclid"));
    assertEquals(Boolean.TRUE, collected.getBoolean("session_engaged"));
    // Only the param: it is the click id; session_engaged '0' in the int slot is not engaged.
    Row param =
        Ga4EventParser.parse(
            GOOD.replace(
                "\"event_params\":[",
                "\"event_params\":[{\"key\":\"gclid\",\"value\":{\"string_value\":\"paramG\"}},"
                    + "{\"key\":\"session_engaged\",\"value\":{\"int_value\":0}},"));
    assertEquals("paramG", param.getString("gclid"));
    assertEquals(Boolean.FALSE, param.getBoolean("session_engaged"));
  }

  @Test
  public void malformedRowsAreRejectedNamingTheField() {
    assertEquals(
        "event_timestamp", field(GOOD.replace("\"event_timestamp\":\"1767600000123456\",", "")));
    assertEquals("event_timestamp", field(GOOD.replace("\"1767600000123456\"", "\"soon\"")));
    assertEquals(
        "event_timestamp", field(GOOD.replace("\"1767600000123456\"", "\"253402300799000000\"")));
    assertEquals("event_date", field(GOOD.replace("\"20260105\"", "\"2026-01-05\"")));
    assertEquals("event_name", field(GOOD.replace("\"page_view\"", "42")));
    assertEquals("user_pseudo_id", field(GOOD.replace("\"user_pseudo_id\":\"111.222\",", "")));
    assertEquals(
        "event_params.ga_session_id.int_value", field(GOOD.replace("\"1767600000\"}", "\"abc\"}")));
    assertEquals(
        "event_params",
        field(
            GOOD.replace("\"event_params\":[", "\"event_params\":{\"a\":[")
                .replace("}}],", "}}]},")));
    BadRecordException truncated =
        assertThrows(BadRecordException.class, () -> Ga4EventParser.parse(GOOD.substring(0, 80)));
    assertThat(truncated.getMessage(), containsString("not valid JSON"));
    assertThrows(BadRecordException.class, () -> Ga4EventParser.parse("[1,2,3]"));
  }

  private static String field(String line) {
    return assertThrows(BadRecordException.class, () -> Ga4EventParser.parse(line)).field();
  }
}
