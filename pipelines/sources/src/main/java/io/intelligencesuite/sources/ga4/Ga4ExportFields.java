package io.intelligencesuite.sources.ga4;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads from one GA4 export line only the fields {@link Ga4EventParser} uses, as a small tree with
 * the same nodes a full {@code readTree} would give for them. An export row is 1-3 KB, most of it
 * (items, app_info, privacy_info, the rest of device and geo, ...) never read; building a tree of
 * all of it was most of the parse cost. Skipped values still go through the tokenizer, so the line
 * is still checked to be well-formed JSON, one object with nothing after it.
 *
 * <p>Gives {@code null} for anything but that plain case (not an object, malformed, trailing
 * content, a line long enough to hit Jackson's string limit): the caller then reads the full tree
 * as it always did, so such lines fail with exactly the message they always had.
 */
final class Ga4ExportFields {
  /** Top-level fields kept whole. */
  private static final Set<String> KEPT =
      Set.of(
          "event_date",
          "event_timestamp",
          "event_name",
          "user_pseudo_id",
          "user_id",
          "stream_id",
          "event_params",
          "batch_page_id",
          "batch_ordering_id",
          "batch_event_index");

  /** Records of which only these fields are read ({@code event.path(record).get(field)}). */
  private static final Map<String, Set<String>> NARROWED =
      Map.of(
          "device", Set.of("category"),
          "geo", Set.of("country"),
          "collected_traffic_source",
              Set.of("manual_source", "manual_medium", "manual_campaign_name", "gclid"));

  private final ObjectMapper json;

  /** Reads one value in the middle of a line: the line's own trailing-token check is ours to do. */
  private final ObjectReader valueReader;

  private final int maxChars;

  Ga4ExportFields(ObjectMapper json) {
    this.json = json;
    this.valueReader = json.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.maxChars = json.getFactory().streamReadConstraints().getMaxStringLength();
  }

  /** The used fields of {@code line} as an object node, or null when the full tree must decide. */
  @Nullable ObjectNode read(String line) {
    if (line.length() >= maxChars) {
      return null; // a skipped string is never measured against the limit a full read enforces
    }
    try (JsonParser p = json.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      ObjectNode event = JsonNodeFactory.instance.objectNode();
      readObject(p, event, KEPT, NARROWED);
      return p.nextToken() == null ? event : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Reads the fields of the object whose START_OBJECT is current into {@code into}, up to its
   * END_OBJECT. A repeated field replaces the earlier one, as in a full tree.
   */
  private void readObject(
      JsonParser p, ObjectNode into, Set<String> kept, Map<String, Set<String>> narrowed)
      throws IOException {
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      JsonToken token = p.nextToken();
      Set<String> narrowTo = narrowed.get(name);
      if (kept.contains(name)) {
        into.set(name, value(p, token));
      } else if (narrowTo != null && token == JsonToken.START_OBJECT) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        readObject(p, record, narrowTo, Map.of());
        into.set(name, record);
      } else if (narrowTo != null) {
        // Not a record: path(name).get(field) finds nothing in it, as in null.
        p.skipChildren();
        into.set(name, NullNode.getInstance());
      } else {
        p.skipChildren();
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new IllegalStateException("expected the end of an object, at " + p.currentToken());
    }
  }

  /**
   * The current value as the node a full tree holds, built here for the shapes an export row has
   * (strings, nulls, booleans, int and long numbers, arrays and objects of them: event_params, the
   * INT64 fields) and by Jackson for the rest (floats, big integers), whose node types and NaN
   * handling stay Jackson's own. Calling Jackson's tree reader per value set up a deserialization
   * context each time, five or more times a row: profiled as a third of the parse.
   */
  private JsonNode value(JsonParser p, JsonToken token) throws IOException {
    switch (token) {
      case VALUE_STRING:
        return TextNode.valueOf(p.getText());
      case VALUE_NULL:
        return NullNode.getInstance();
      case VALUE_TRUE:
        return BooleanNode.TRUE;
      case VALUE_FALSE:
        return BooleanNode.FALSE;
      case VALUE_NUMBER_INT:
        JsonParser.NumberType type = p.getNumberType();
        if (type == JsonParser.NumberType.INT) {
          return IntNode.valueOf(p.getIntValue());
        }
        if (type == JsonParser.NumberType.LONG) {
          return LongNode.valueOf(p.getLongValue());
        }
        return valueReader.readTree(p);
      case START_ARRAY:
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          array.add(value(p, t));
        }
        return array;
      case START_OBJECT:
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
          object.set(name, value(p, p.nextToken()));
        }
        return object;
      default:
        return valueReader.readTree(p);
    }
  }
}
