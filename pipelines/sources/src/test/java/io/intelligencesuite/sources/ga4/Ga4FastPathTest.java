package io.intelligencesuite.sources.ga4;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intelligencesuite.transforms.deadletter.BadRecordException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
  public void theFastPathReadsTheUsedFieldsAndDeclinesWhatTheFullTreeMustJudge() {
    Ga4EventParser.Fields event = Ga4EventParser.FIELDS.read(GOOD);
    assertEquals("desktop", event.device);
    assertEquals("Greece", event.country);
    assertEquals("newsletter", event.manualSource);
    assertNull(event.manualMedium);
    assertEquals("42", event.streamId);
    assertEquals(1767600000123456L, event.micros);
    assertEquals(Long.valueOf(1767600000L), event.sessionId);
    assertEquals(
        List.of("ga_session_id", "page_title", "score"), List.copyOf(event.params.keySet()));
    for (String line :
        List.of(
            "",
            "[1]",
            "null",
            GOOD + "{}",
            GOOD.substring(0, 80),
            // shapes the full tree judges (a good row or a rejection): each gives what it gave
            GOOD.replace("\"user_id\":null", "\"user_id\":7"),
            GOOD.replace("\"stream_id\":\"42\"", "\"stream_id\":123456789012345678901234567890"),
            GOOD.replace("{\"string_value\":\"Caf", "{\"string_value\":{\"x\":1},\"y\":\"Caf"),
            GOOD.replace("\"event_name\":\"page_view\"", "\"event_name\":\" \""))) {
      assertNull(line, Ga4EventParser.FIELDS.read(line));
      assertSameAsFullTree(line);
    }
  }

  /** The export's own shapes are read on the fast path, not handed to the full tree. */
  @Test
  public void plainShapesAreReadWithoutTheFullTree() {
    String first = "{\"key\":\"ga_session_id\",\"value\":{\"int_value\":\"1767600000\"}}";
    for (String line :
        List.of(
            GOOD,
            GOOD.replace("\"1767600000123456\"", "1767600000123456"),
            GOOD.replace("\"stream_id\":\"42\"", "\"stream_id\":42"),
            GOOD.replace("\"stream_id\":\"42\"", "\"stream_id\":null"),
            GOOD.replace("\"user_id\":null", "\"user_id\":\"u1\""),
            GOOD.replace("\"user_id\":null,", ""),
            GOOD.replace("\"device\":{", "\"device\":null,\"x\":{"),
            GOOD.replace(
                "{\"event_date\"",
                "{\"batch_page_id\":\"7\",\"batch_ordering_id\":8,\"batch_event_index\":null,"
                    + "\"event_date\""),
            GOOD.replace(first, first + ",{\"key\":\"n\",\"value\":null},{\"key\":\"m\"}"),
            GOOD.replace(
                first,
                first
                    + ",{\"key\":\"i\",\"value\":{\"string_value\":null,\"int_value\":12,"
                    + "\"float_value\":null,\"double_value\":null}}"
                    + ",{\"key\":\"f\",\"value\":{\"float_value\":0.1}}"
                    + ",{\"key\":\"fs\",\"value\":{\"float_value\":\"2.5\"}}"
                    + ",{\"key\":\"fi\",\"value\":{\"float_value\":3}}"
                    + ",{\"key\":\"d\",\"value\":{\"double_value\":-0.0}}"
                    + ",{\"key\":\"big\",\"value\":{\"int_value\":\"9223372036854775807\"}}"
                    + ",{\"key\":\"nan\",\"value\":{\"double_value\":NaN}}"
                    + ",{\"key\":\"e\",\"value\":{\"string_value\":\"\\u0001\\t\\u2028\"}}"),
            GOOD.replaceFirst(
                "\"event_params\":\\[.*?\\],\"items\"", "\"event_params\":null,\"items\""),
            GOOD.replaceFirst(
                "\"event_params\":\\[.*?\\],\"items\"", "\"event_params\":[],\"items\""))) {
      assertTrue(line, Ga4EventParser.FIELDS.read(line) != null);
      assertSameAsFullTree(line);
    }
  }

  /** What each typed slot gives in the params column and in the columns read from params. */
  @Test
  public void paramValueTypesAsTheColumnsHoldThem() {
    String first = "{\"key\":\"ga_session_id\",\"value\":{\"int_value\":\"1767600000\"}}";
    String line =
        GOOD.replace(
            first,
            "{\"key\":\"ga_session_id\",\"value\":{\"double_value\":1767600000.9}}"
                + ",{\"key\":\"ga_session_number\",\"value\":{\"string_value\":\" 3 \"}}"
                + ",{\"key\":\"page_location\",\"value\":{\"int_value\":\"15\"}}"
                + ",{\"key\":\"page_referrer\",\"value\":{\"float_value\":2}}"
                + ",{\"key\":\"session_engaged\",\"value\":{}}");
    assertTrue(Ga4EventParser.FIELDS.read(line) != null);
    Row row = Ga4EventParser.parse(line);
    // A double session id is truncated; a numeric string is an INT64; numbers read as text.
    assertEquals("111.222.1767600000", row.getString("session_id"));
    assertEquals(Long.valueOf(3), row.getInt64("ga_session_number"));
    assertEquals("15", row.getString("page_location"));
    assertEquals("2.0", row.getString("page_referrer"));
    assertNull(row.getBoolean("session_engaged"));
    assertEquals(
        "{\"ga_session_id\":1.7676000009E9,\"ga_session_number\":\" 3 \",\"page_location\":15,"
            + "\"page_referrer\":2.0,\"page_title\":\"Caf\u00e9 \\\"x\\\"\",\"score\":1500.0,"
            + "\"session_engaged\":null}",
        row.getString("params"));
    assertSameAsFullTree(line);
  }

  /** The params column is written as the object node of the same params writes itself. */
  @Test
  public void canonicalParamsAreWhatTheObjectNodeWrote() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    Map<String, JsonNode> params = new TreeMap<>();
    params.put(
        "a", f.textNode("\u0000\u001f\"\\/\b\f\n\r\t\u007f\u2028\ud83d\ude00\ud800 e\u0301"));
    params.put("b", f.numberNode(Long.MIN_VALUE));
    params.put("c", f.numberNode(12));
    params.put("d", f.numberNode(Double.NaN));
    params.put("e", f.numberNode(Double.NEGATIVE_INFINITY));
    params.put("f", f.numberNode(-0.0));
    params.put("g", f.numberNode(1e300));
    params.put("h", f.numberNode(4.9e-324));
    params.put("i", f.nullNode());
    params.put("j", f.objectNode().put("x", 1).set("y", f.arrayNode().add(true)));
    params.put("k\u00e9\"", f.booleanNode(false));
    params.put("l", f.numberNode(new BigInteger("123456789012345678901234567890")));
    ObjectNode node = f.objectNode();
    params.forEach(node::set);
    assertEquals(node.toString(), Ga4EventParser.canonicalParams(params));
    assertEquals("{}", Ga4EventParser.canonicalParams(Map.of()));
  }

  /**
   * Field names are matched against the export's order first; any other order reads the same. Every
   * object of the line (the row, each param and value, the records) is written reversed.
   */
  @Test
  public void fieldsInAnyOrderGiveTheSameRow() throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper mapper =
        new com.fasterxml.jackson.databind.ObjectMapper();
    String inOrder =
        "{\"event_date\":\"20260105\",\"event_timestamp\":1767600000123456,\"event_name\":\"click\","
            + "\"event_params\":[{\"key\":\"ga_session_id\",\"value\":{\"string_value\":null,"
            + "\"int_value\":1767600000,\"float_value\":null,\"double_value\":null}},"
            + "{\"key\":\"page_title\",\"value\":{\"string_value\":\"T\",\"int_value\":null,"
            + "\"float_value\":null,\"double_value\":null}}],\"user_id\":\"u\","
            + "\"user_pseudo_id\":\"1.2\",\"device\":{\"category\":\"mobile\",\"language\":\"en\","
            + "\"web_info\":{\"browser\":\"x\"}},\"geo\":{\"continent\":\"Europe\",\"country\":\"France\"},"
            + "\"stream_id\":42,\"items\":[],\"collected_traffic_source\":{\"manual_campaign_name\":\"c\","
            + "\"manual_source\":\"s\",\"manual_medium\":\"m\",\"gclid\":\"g\"},"
            + "\"batch_event_index\":0,\"batch_ordering_id\":1,\"batch_page_id\":2}";
    String reversed = mapper.writeValueAsString(reverse(mapper.readTree(inOrder)));
    assertTrue(reversed, reversed.startsWith("{\"batch_page_id\":2,"));
    assertTrue(Ga4EventParser.FIELDS.read(reversed) != null);
    assertEquals(Ga4EventParser.parse(inOrder), Ga4EventParser.parse(reversed));
    assertSameAsFullTree(inOrder);
    assertSameAsFullTree(reversed);
  }

  private static JsonNode reverse(JsonNode node) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      node.fields().forEachRemaining(fields::add);
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (int i = fields.size() - 1; i >= 0; i--) {
        out.set(fields.get(i).getKey(), reverse(fields.get(i).getValue()));
      }
      return out;
    }
    if (node.isArray()) {
      var out = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> out.add(reverse(element)));
      return out;
    }
    return node;
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
