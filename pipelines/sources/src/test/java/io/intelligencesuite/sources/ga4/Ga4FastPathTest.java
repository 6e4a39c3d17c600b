package io.intelligencesuite.sources.ga4;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.transforms.deadletter.BadRecordException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/**
 * {@link Ga4EventParser#parse} reads only the fields it uses ({@link Ga4ExportFields}); the full
 * tree ({@link Ga4EventParser#parseFullTree}) is the reference. Every line must give the same row,
 * or the same rejection (field and message), both ways.
 */
public class Ga4FastPathTest {
  private static final String GOOD =
      "{\"event_date\":\"20260105\",\"event_timestamp\":\"1767600000123456\","
          + "\"event_name\":\"page_view\",\"user_pseudo_id\":\"111.222\",\"user_id\":null,\"stream_id\":\"42\","
          + "\"event_params\":[{\"key\":\"ga_session_id\",\"value\":{\"int_value\":\"1767600000\"}},"
          + "{\"key\":\"page_title\",\"value\":{\"string_value\":\"Caf\\u00e9 \\\"x\\\"\"}},"
          + "{\"key\":\"score\",\"value\":{\"double_value\":1.5e3}}],"
          + "\"items\":[{\"item_id\":\"a\",\"price\":NaN,\"nested\":{\"deep\":[1,[2,{\"x\":null}]]}}],"
          + "\"device\":{\"category\":\"desktop\",\"web_info\":{\"browser\":\"Safari\"}},\"geo\":{\"country\":\"Greece\"},"
          + "\"collected_traffic_source\":{\"manual_source\":\"newsletter\",\"manual_medium\":null}}";

  /** One outcome of a parse: the row, or the rejection's field and message. */
  private record Outcome(Row row, String field, String message) {
    static Outcome of(java.util.function.Supplier<Row> parse) {
      try {
        return new Outcome(parse.get(), null, null);
      } catch (BadRecordException e) {
        return new Outcome(null, e.field(), e.getMessage());
      }
    }
  }

  private static void assertSameAsFullTree(String line) {
    Outcome fast = Outcome.of(() -> Ga4EventParser.parse(line));
    Outcome full = Outcome.of(() -> Ga4EventParser.parseFullTree(line));
    assertEquals(line, full, fast);
  }

  @Test
  public void unusedFieldsAreSkippedButTheRowIsTheSame() {
    Row row = Ga4EventParser.parse(GOOD);
    assertEquals("desktop", row.getString("device_category"));
    assertEquals("newsletter", row.getString("utm_source"));
    assertEquals(
        "{\"ga_session_id\":1767600000,\"page_title\":\"Caf\u00e9 \\\"x\\\"\",\"score\":1500.0}",
        row.getString("params"));
    assertSameAsFullTree(GOOD);
  }

  @Test
  public void theFastPathKeepsOnlyUsedFieldsAndDeclinesWhatTheFullTreeMustJudge() {
    var event = Ga4EventParser.FIELDS.read(GOOD);
    assertEquals(
        List.of(
            "event_date",
            "event_timestamp",
            "event_name",
            "user_pseudo_id",
            "user_id",
            "stream_id",
            "event_params",
            "device",
            "geo",
            "collected_traffic_source"),
        iterableToList(event.fieldNames()));
    assertEquals("{\"category\":\"desktop\"}", event.get("device").toString());
    for (String line : List.of("", "[1]", "null", GOOD + "{}", GOOD.substring(0, 80))) {
      assertNull(line, Ga4EventParser.FIELDS.read(line));
    }
  }

  private static List<String> iterableToList(java.util.Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }

  @Test
  public void repeatedFieldsKeepTheLastValueAsTheFullTreeDoes() {
    assertSameAsFullTree(
        GOOD.replace("{\"event_date\"", "{\"event_name\":\"first\",\"event_date\""));
    assertSameAsFullTree(GOOD.replace("{\"event_date\"", "{\"event_name\":42,\"event_date\""));
    assertSameAsFullTree(GOOD.replace("}}", ",\"event_name\":42}}"));
    assertSameAsFullTree(
        GOOD.replace(
            "\"geo\":{", "\"geo\":{\"country\":\"first\",\"country\":\"second\",\"region\":1,"));
    assertSameAsFullTree(GOOD.replace("\"geo\":{", "\"device\":\"not a record\",\"geo\":{"));
    assertSameAsFullTree(GOOD.replace("{\"event_date\"", "{\"device\":\"before\",\"event_date\""));
    assertEquals(
        "desktop",
        Ga4EventParser.parse(GOOD.replace("{\"event_date\"", "{\"device\":[1,2],\"event_date\""))
            .getString("device_category"));
    assertNull(
        Ga4EventParser.parse(GOOD.replace("\"geo\":{", "\"device\":[1,2],\"geo\":{"))
            .getString("device_category"));
  }

  @Test
  public void oddParamsAreJudgedAsTheFullTreeJudgesThem() {
    String first = "{\"key\":\"ga_session_id\",\"value\":{\"int_value\":\"1767600000\"}}";
    for (String replacement :
        List.of(
            "42",
            "null",
            "[]",
            "{\"value\":{\"int_value\":1}}",
            "{\"key\":7,\"value\":{}}",
            "{\"key\":\"a\",\"value\":\"flat\"}",
            "{\"key\":\"a\",\"value\":[1]}",
            "{\"key\":\"a\"}",
            "{\"key\":\"a\",\"key\":\"b\",\"value\":{\"string_value\":\"x\",\"string_value\":null,\"int_value\":3}}",
            "{\"key\":\"a\",\"value\":{\"set_timestamp_micros\":5,\"float_value\":\"2.5\",\"extra\":{\"x\":[1]}}}",
            "{\"key\":\"a\",\"value\":{\"double_value\":\"bad\"}}",
            "{\"key\":\"ga_session_id\",\"value\":{\"double_value\":3.7}}",
            "{\"key\":\"ga_session_id\",\"value\":{\"double_value\":NaN}}",
            first + "," + first.replace("1767600000", "99"))) {
      assertSameAsFullTree(GOOD.replace(first, replacement));
    }
    for (String params : List.of("null", "{}", "\"x\"", "[]", "7")) {
      assertSameAsFullTree(
          GOOD.replaceFirst(
              "\"event_params\":\\[.*?\\],\"items\"", "\"event_params\":" + params + ",\"items\""));
    }
  }

  @Test
  public void linesThatAreNotOneWellFormedObjectAreRejectedAsBefore() {
    for (String line :
        List.of(
            "",
            " ",
            "null",
            "[1,2,3]",
            "\"text\"",
            "42",
            GOOD + "{}",
            GOOD + " x",
            GOOD + GOOD,
            GOOD.substring(0, 80),
            GOOD.replace("\"Safari\"", "\"Saf\\qri\""),
            GOOD.replace("\"Safari\"", "Safari"),
            GOOD.replace("[1,[2,", "[1,[2,,"),
            GOOD.replace("\"nested\":{", "\"nested\":{\"a\":}"),
            GOOD.replace("\"items\":[", "\"items\":[[[[[[[[[[[[[[")
                .replace("]}}]}]}]}}]", "]}}]}]}]}}]]]]]]]]]]]]]]"),
            GOOD + "\n",
            "\uFEFF" + GOOD)) {
      assertSameAsFullTree(line);
    }
  }

  @Test
  public void eventDatesAreReadAsTheFormatterReadsThem() {
    for (String date :
        List.of(
            "20260105",
            "20260229",
            "20240229",
            "20261301",
            "00000101",
            "2026010",
            "202601050",
            "2026-01-05",
            "20260105Z",
            "20260105+0100",
            "+2026010",
            "２０２６０１０５",
            "20260104")) {
      assertSameAsFullTree(GOOD.replace("\"20260105\"", "\"" + date + "\""));
    }
    assertEquals(
        java.time.LocalDate.of(2026, 1, 5),
        Ga4EventParser.parse(GOOD.replace("\"20260105\"", "\"20260105Z\"")).getValue("event_date"));
  }

  @Test
  public void everyCorpusAndSampleLineGivesTheSameOutcome() throws IOException {
    Path corpus =
        Path.of(
            System.getProperty("suite.root.dir", "../.."), "tests/src/test/resources/corpus/ga4");
    List<Path> files =
        new ArrayList<>(List.of(corpus.resolve("good.ndjson"), corpus.resolve("bad.ndjson")));
    Path samples =
        Path.of(System.getProperty("suite.shared.dir", "../../../shared"), "realdata", "ga4");
    if (Files.isDirectory(samples)) {
      try (var listing = Files.list(samples)) {
        listing.filter(p -> p.toString().endsWith(".ndjson")).sorted().forEach(files::add);
      }
    }
    int lines = 0;
    for (Path file : files) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        assertSameAsFullTree(line);
        lines++;
      }
    }
    assertTrue("read the corpus, " + lines + " lines", lines >= 20);
  }
}
