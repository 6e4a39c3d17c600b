package io.intelligencesuite.sources.ga4;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.intelligencesuite.sources.ga4.Ga4EventParser.Fields;
import io.intelligencesuite.transforms.deadletter.BadRecordException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads from one GA4 export line, token by token, only the fields {@link Ga4EventParser} uses,
 * straight into its {@link Fields}: the scalars as strings and longs, {@code event_params} into the
 * sorted params map, and nothing built for the rest of the row. An export row is 1-3 KB, most of it
 * (items, app_info, privacy_info, the rest of device and geo, ...) never read; building a tree of
 * it, or even of the kept fields, was most of the parse cost. Skipped values still go through the
 * tokenizer, so the line is still checked to be well-formed JSON, one object with nothing after it.
 *
 * <p>Gives {@code null} for anything but the plain shape of a good row (not an object, malformed,
 * trailing content, a line long enough to hit Jackson's string limit, a value of another JSON type
 * than the export writes, a missing required field, any check that fails): the caller then reads
 * the full tree as it always did, so such lines give exactly the row or the rejection they always
 * gave. Repeated fields keep the last value, as a tree does.
 */
final class Ga4ExportFields {
  /**
   * The export's field order (BigQuery's schema order): matching the expected next name is a plain
   * comparison of its characters, where any other name costs a symbol-table lookup (Jackson's
   * {@code findSymbol}, the largest single cost of the parse). A name out of order is read as
   * usual, so the order is only a guess.
   */
  private static final Order TOP =
      new Order(
          "event_date",
          "event_timestamp",
          "event_name",
          "event_params",
          "event_previous_timestamp",
          "event_value_in_usd",
          "event_bundle_sequence_id",
          "event_server_timestamp_offset",
          "user_id",
          "user_pseudo_id",
          "privacy_info",
          "user_properties",
          "user_first_touch_timestamp",
          "user_ltv",
          "device",
          "geo",
          "app_info",
          "traffic_source",
          "stream_id",
          "platform",
          "event_dimensions",
          "ecommerce",
          "items",
          "collected_traffic_source",
          "batch_event_index",
          "batch_ordering_id",
          "batch_page_id");

  private static final Order PARAM = new Order("key", "value");
  private static final Order SLOT =
      new Order("string_value", "int_value", "float_value", "double_value");
  private static final Order DEVICE =
      new Order(
          "category",
          "mobile_brand_name",
          "mobile_model_name",
          "mobile_marketing_name",
          "mobile_os_hardware_model",
          "operating_system",
          "operating_system_version",
          "vendor_id",
          "advertising_id",
          "language",
          "is_limited_ad_tracking",
          "time_zone_offset_seconds",
          "web_info");
  private static final Order GEO =
      new Order("continent", "sub_continent", "country", "region", "city", "metro");
  private static final Order TRAFFIC =
      new Order(
          "manual_campaign_id",
          "manual_campaign_name",
          "manual_source",
          "manual_medium",
          "manual_term",
          "manual_content",
          "manual_source_platform",
          "manual_creative_format",
          "manual_marketing_tactic",
          "gclid",
          "dclid",
          "srsltid");

  /** Field names in an expected order; see {@link #TOP}. */
  private static final class Order {
    private final Map<String, SerializedString> next = new HashMap<>();

    Order(String... names) {
      String previous = "";
      for (String name : names) {
        next.put(previous, new SerializedString(name));
        previous = name;
      }
    }

    /** The next field name of the current object after {@code previous} ("" for the first). */
    @Nullable String next(JsonParser p, String previous) throws IOException {
      SerializedString expected = next.get(previous);
      if (expected == null) {
        return p.nextFieldName();
      }
      if (p.nextFieldName(expected)) {
        return expected.getValue();
      }
      return p.currentToken() == JsonToken.FIELD_NAME ? p.currentName() : null;
    }
  }

  private final JsonFactory json;
  private final int maxChars;

  Ga4ExportFields(JsonFactory json) {
    this.json = json;
    this.maxChars = json.streamReadConstraints().getMaxStringLength();
  }

  /** Thrown inside the reader when the full tree must decide; never leaves this class. */
  private static final class Decline extends Exception {
    private static final Decline INSTANCE = new Decline();

    private Decline() {
      super(null, null, false, false);
    }
  }

  /** The checked fields of {@code line}, or null when the full tree must decide. */
  @Nullable Fields read(String line) {
    if (line.length() >= maxChars) {
      return null; // a skipped string is never measured against the limit a full read enforces
    }
    try (JsonParser p = json.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Fields f = readEvent(p);
      return p.nextToken() == null ? f : null;
    } catch (IOException | Decline | BadRecordException | NumberFormatException e) {
      return null;
    }
  }

  private Fields readEvent(JsonParser p) throws IOException, Decline {
    Fields f = new Fields();
    String eventDate = null;
    Long micros = null;
    Map<String, JsonNode> params = new TreeMap<>();
    for (String name = TOP.next(p, ""); name != null; name = TOP.next(p, name)) {
      JsonToken token = p.nextToken();
      switch (name) {
        case "event_date" -> eventDate = text(p, token);
        case "event_timestamp" -> micros = int64(p, token);
        case "event_name" -> f.eventName = text(p, token);
        case "user_pseudo_id" -> f.pseudoId = text(p, token);
        case "user_id" -> f.userId = text(p, token);
        case "stream_id" -> f.streamId = streamId(p, token);
        case "event_params" -> params = params(p, token);
        case "batch_page_id" -> f.batchPageId = int64(p, token);
        case "batch_ordering_id" -> f.batchOrderingId = int64(p, token);
        case "batch_event_index" -> f.batchEventIndex = int64(p, token);
        case "device" -> f.device = oneField(p, token, DEVICE, "category");
        case "geo" -> f.country = oneField(p, token, GEO, "country");
        case "collected_traffic_source" -> {
          f.manualSource = null;
          f.manualMedium = null;
          f.manualCampaign = null;
          f.trafficGclid = null;
          for (String field = record(p, token, TRAFFIC);
              field != null;
              field = TRAFFIC.next(p, field)) {
            JsonToken t = p.nextToken();
            switch (field) {
              case "manual_source" -> f.manualSource = text(p, t);
              case "manual_medium" -> f.manualMedium = text(p, t);
              case "manual_campaign_name" -> f.manualCampaign = text(p, t);
              case "gclid" -> f.trafficGclid = text(p, t);
              default -> p.skipChildren();
            }
          }
        }
        default -> p.skipChildren();
      }
    }
    if (eventDate == null
        || micros == null
        || blank(f.eventName)
        || blank(f.pseudoId)
        || eventDate.isBlank()) {
      throw Decline.INSTANCE;
    }
    f.eventDate = Ga4EventParser.eventDate(eventDate);
    f.micros = micros;
    Ga4EventParser.checkTimestamp(f.eventDate, f.micros);
    f.params = params;
    f.sessionId = Ga4EventParser.paramLong(params, "ga_session_id");
    f.sessionNumber = Ga4EventParser.paramLong(params, "ga_session_number");
    return f;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /**
   * Enters a narrowed record (device, geo, collected_traffic_source) and gives its first field
   * name; anything but an object is skipped and reads as a record without the fields, as {@code
   * path(record).get(field)} finds nothing in it.
   */
  private static @Nullable String record(JsonParser p, JsonToken token, Order order)
      throws IOException {
    if (token != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    return order.next(p, "");
  }

  /**
   * The one field read of a narrowed record (device.category, geo.country): null when the record is
   * not an object or lacks it; a repeated field keeps its last value.
   */
  private static @Nullable String oneField(
      JsonParser p, JsonToken token, Order order, String wanted) throws IOException, Decline {
    String value = null;
    for (String field = record(p, token, order); field != null; field = order.next(p, field)) {
      JsonToken t = p.nextToken();
      if (field.equals(wanted)) {
        value = text(p, t);
      } else {
        p.skipChildren();
      }
    }
    return value;
  }

  /** A string or null; any other type is for the full tree. */
  private static @Nullable String text(JsonParser p, JsonToken token) throws IOException, Decline {
    if (token == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    throw Decline.INSTANCE;
  }

  /** An INT64 written as a JSON integer or a string of digits, or null. */
  private static @Nullable Long int64(JsonParser p, JsonToken token) throws IOException, Decline {
    return switch (token) {
      case VALUE_NULL -> null;
      case VALUE_STRING -> Long.parseLong(p.getText().trim());
      case VALUE_NUMBER_INT -> {
        JsonParser.NumberType type = p.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
          throw Decline.INSTANCE;
        }
        yield p.getLongValue();
      }
      default -> throw Decline.INSTANCE;
    };
  }

  /** stream_id: a string or an integer id, as text. */
  private static @Nullable String streamId(JsonParser p, JsonToken token)
      throws IOException, Decline {
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return Long.toString(int64(p, token));
    }
    return text(p, token);
  }

  /** A FLOAT64 slot: a JSON number or a numeric string, or null. */
  private static @Nullable Double float64(JsonParser p, JsonToken token)
      throws IOException, Decline {
    return switch (token) {
      case VALUE_NULL -> null;
      case VALUE_STRING -> Double.parseDouble(p.getText().trim());
      case VALUE_NUMBER_INT -> (double) int64(p, token);
      case VALUE_NUMBER_FLOAT -> {
        if (p.getNumberType() != JsonParser.NumberType.DOUBLE) {
          throw Decline.INSTANCE;
        }
        yield p.getDoubleValue();
      }
      default -> throw Decline.INSTANCE;
    };
  }

  /**
   * event_params: an array of {key, value: {string_value | int_value | double_value |
   * float_value}}, each param mapped to its first set slot in that order (as {@link
   * Ga4EventParser#params(JsonNode)} does), or JSON null when none is set (a missing or null value
   * too). A null array is no params.
   */
  private static Map<String, JsonNode> params(JsonParser p, JsonToken token)
      throws IOException, Decline {
    Map<String, JsonNode> params = new TreeMap<>();
    if (token == JsonToken.VALUE_NULL) {
      return params;
    }
    if (token != JsonToken.START_ARRAY) {
      throw Decline.INSTANCE;
    }
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.START_OBJECT) {
        throw Decline.INSTANCE;
      }
      String key = null;
      String string = null;
      Long integer = null;
      Double dbl = null;
      Double flt = null;
      for (String name = PARAM.next(p, ""); name != null; name = PARAM.next(p, name)) {
        JsonToken v = p.nextToken();
        if (name.equals("key")) {
          if (v != JsonToken.VALUE_STRING) {
            throw Decline.INSTANCE;
          }
          key = p.getText();
        } else if (name.equals("value")) {
          // A repeated value replaces the earlier one; a null value has no slot set.
          string = null;
          integer = null;
          dbl = null;
          flt = null;
          if (v == JsonToken.VALUE_NULL) {
            continue;
          }
          if (v != JsonToken.START_OBJECT) {
            throw Decline.INSTANCE;
          }
          for (String slot = SLOT.next(p, ""); slot != null; slot = SLOT.next(p, slot)) {
            JsonToken s = p.nextToken();
            switch (slot) {
              case "string_value" -> string = text(p, s);
              case "int_value" -> integer = int64(p, s);
              case "double_value" -> dbl = float64(p, s);
              case "float_value" -> flt = float64(p, s);
              default -> p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
      if (key == null) {
        throw Decline.INSTANCE;
      }
      JsonNode typed;
      if (string != null) {
        typed = TextNode.valueOf(string);
      } else if (integer != null) {
        typed = LongNode.valueOf(integer);
      } else if (dbl != null) {
        typed = DoubleNode.valueOf(dbl);
      } else if (flt != null) {
        typed = DoubleNode.valueOf(flt);
      } else {
        typed = NullNode.getInstance();
      }
      params.put(key, typed);
    }
    return params;
  }
}
