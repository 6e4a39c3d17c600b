package io.intelligencesuite.sources.ga4;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.deadletter.BadRecordException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * Flattens one GA4 BigQuery-export row (newline-delimited JSON, as {@code bq extract} or the export
 * itself writes it) into an {@code events_web} row. INT64 values may be JSON numbers or strings;
 * both give the same row. Anything malformed throws a {@link BadRecordException} naming the field.
 */
public final class Ga4EventParser {
  /**
   * Lenient about NaN / Infinity tokens, which pandas-made exports write for missing numbers (seen
   * in real sample rows, on a field we do not read); a NaN in a field we do read still fails its
   * type check, naming the field.
   */
  private static final ObjectMapper JSON =
      com.fasterxml.jackson.databind.json.JsonMapper.builder()
          .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          // Anything after the row's object (a second row whose newline was lost, trailing bytes)
          // makes the
          // line bad; by default Jackson would read the first object and silently drop the rest.
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  static final Ga4ExportFields FIELDS = new Ga4ExportFields(JSON.getFactory());
  private static final DateTimeFormatter EVENT_DATE = DateTimeFormatter.BASIC_ISO_DATE;

  /** Timestamps beyond this (microseconds; year 2200) are corrupt, not events. */
  private static final long MAX_EVENT_MICROS = 7_258_118_400_000_000L;

  /**
   * One digest per thread: getInstance looks the provider up each time; digest() leaves it reset.
   */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  private Ga4EventParser() {}

  public static Row parse(String line) {
    Fields fields = FIELDS.read(line);
    return build(fields != null ? fields : fields(fullTree(line)));
  }

  /**
   * The whole line as a tree: the reference reading, and the one that says why a line is not an
   * object.
   */
  private static JsonNode fullTree(String line) {
    JsonNode event;
    try {
      event = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new BadRecordException(null, "not valid JSON: " + e.getOriginalMessage());
    }
    if (event == null || !event.isObject()) {
      throw new BadRecordException(null, "expected a JSON object (one GA4 export row per line)");
    }
    return event;
  }

  /**
   * Reading only the fields used is the fast path; the full tree decides every line it declines.
   */
  static Row parseFullTree(String line) {
    return build(fields(fullTree(line)));
  }

  /**
   * The values of one export row that the table is made of, each read and checked (by {@link
   * #fields(JsonNode)} from a tree, or by {@link Ga4ExportFields} from the line's tokens).
   */
  static final class Fields {
    LocalDate eventDate;
    long micros;
    String eventName;
    String pseudoId;

    /** Sorted by key; each value a text, integral or double node, or null (see {@link #params}). */
    Map<String, JsonNode> params;

    Long sessionId;
    String streamId;
    Long batchPageId;
    Long batchOrderingId;
    Long batchEventIndex;
    String userId;
    Long sessionNumber;
    String manualSource;
    String manualMedium;
    String manualCampaign;
    String device;
    String country;
    String trafficGclid;
  }

  /**
   * Reads the fields from a whole tree, checking them in the order the rejections have always been
   * found in (the first problem of a line names its field).
   */
  private static Fields fields(JsonNode event) {
    Fields f = new Fields();
    f.eventDate = eventDate(requiredText(event, "event_date"));
    f.micros = requiredLong(event, "event_timestamp");
    checkTimestamp(f.eventDate, f.micros);
    f.eventName = requiredText(event, "event_name");
    f.pseudoId = requiredText(event, "user_pseudo_id");
    f.params = params(event.get("event_params"));
    f.sessionId = paramLong(f.params, "ga_session_id");
    f.streamId = optionalScalar(event, "stream_id");
    JsonNode traffic = event.path("collected_traffic_source");
    f.batchPageId = optionalLong(event, "batch_page_id");
    f.batchOrderingId = optionalLong(event, "batch_ordering_id");
    f.batchEventIndex = optionalLong(event, "batch_event_index");
    f.userId = optionalText(event, "user_id");
    f.sessionNumber = paramLong(f.params, "ga_session_number");
    f.manualSource = optionalText(traffic, "manual_source");
    f.manualMedium = optionalText(traffic, "manual_medium");
    f.manualCampaign = optionalText(traffic, "manual_campaign_name");
    f.device = optionalText(event.path("device"), "category");
    f.country = optionalText(event.path("geo"), "country");
    f.trafficGclid = optionalText(traffic, "gclid");
    return f;
  }

  /** event_timestamp in range, and event_date (the property's local date) at most a day from it. */
  static void checkTimestamp(LocalDate eventDate, long micros) {
    if (micros <= 0 || micros > MAX_EVENT_MICROS) {
      throw new BadRecordException(
          "event_timestamp", "microseconds since epoch out of range: " + micros);
    }
    // event_date is the property's local date of event_timestamp: time zones put it at most a day
    // away.
    long utcDay = Math.floorDiv(micros, 86_400_000_000L);
    if (Math.abs(eventDate.toEpochDay() - utcDay) > 1) {
      throw new BadRecordException(
          "event_date",
          eventDate
              + " is more than a day from event_timestamp's UTC date "
              + LocalDate.ofEpochDay(utcDay));
    }
  }

  /** The row of checked fields; nothing here rejects a line. */
  private static Row build(Fields f) {
    Map<String, JsonNode> params = f.params;
    String session = f.sessionId == null ? null : f.pseudoId + "." + f.sessionId;
    String canonicalParams = canonicalParams(params);
    return RowBuilder.of(Tables.EVENTS_WEB)
        .set("event_id", eventId(f, session, canonicalParams))
        .set("event_ts", new Instant(Math.floorDiv(f.micros, 1000L)))
        .set("event_date", f.eventDate)
        .set("event_name", f.eventName)
        .set("user_pseudo_id", f.pseudoId)
        .set("user_id", f.userId)
        .set("session_id", session)
        .set("ga_session_number", f.sessionNumber)
        .set("stream_id", f.streamId)
        .set("page_location", paramText(params, "page_location"))
        .set("page_referrer", paramText(params, "page_referrer"))
        .set("page_title", paramText(params, "page_title"))
        .set("utm_source", firstNonNull(f.manualSource, paramText(params, "source")))
        .set("utm_medium", firstNonNull(f.manualMedium, paramText(params, "medium")))
        .set("utm_campaign", firstNonNull(f.manualCampaign, paramText(params, "campaign")))
        .set("device_category", f.device)
        .set("country", f.country)
        .set("params", canonicalParams)
        .set("gclid", firstNonNull(f.trafficGclid, paramText(params, "gclid")))
        .set("session_engaged", sessionEngaged(params))
        .build();
  }

  /**
   * The params as one JSON object in key order: what {@code ObjectNode.toString()} writes for them
   * (same generator, same escapes and number forms), without building the object node.
   */
  static String canonicalParams(Map<String, JsonNode> params) {
    StringWriter out = new StringWriter(32 * params.size() + 2);
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.writeStartObject();
      for (Map.Entry<String, JsonNode> e : params.entrySet()) {
        g.writeFieldName(e.getKey());
        JsonNode v = e.getValue();
        if (v.isTextual()) {
          g.writeString(v.textValue());
        } else if (v.isNull()) {
          g.writeNull();
        } else if (v.isLong() || v.isInt()) {
          g.writeNumber(v.longValue());
        } else if (v.isDouble()) {
          g.writeNumber(v.doubleValue());
        } else {
          JSON.writeTree(g, v); // an odd string_value (object, boolean, ...) of a full tree
        }
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * GA4's engaged-session flag: session_engaged '1' (exports hold it as string or int) or
   * engaged_session_event 1 on any event of an engaged session; null when the event has neither.
   */
  static Boolean sessionEngaged(Map<String, JsonNode> params) {
    String flag = paramText(params, "session_engaged");
    String event = paramText(params, "engaged_session_event");
    if (flag == null && event == null) {
      return null;
    }
    return "1".equals(flag) || "1".equals(event);
  }

  static LocalDate eventDate(String text) {
    if (isEightDigits(text)) {
      // The export's own shape: LocalDate.of gives what BASIC_ISO_DATE would, at a tenth of the
      // cost;
      // an impossible date falls through to the formatter for its usual message.
      try {
        return LocalDate.of(digits(text, 0, 4), digits(text, 4, 6), digits(text, 6, 8));
      } catch (DateTimeException e) {
        // the formatter below rejects it too, and says so as before
      }
    }
    try {
      return LocalDate.parse(text, EVENT_DATE);
    } catch (DateTimeParseException e) {
      throw new BadRecordException(
          "event_date", "expected YYYYMMDD, got '" + abbreviate(text) + "'");
    }
  }

  private static boolean isEightDigits(String text) {
    if (text.length() != 8) {
      return false;
    }
    for (int i = 0; i < 8; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }

  /**
   * Event params as key -> the one typed slot that is set (string, int as a number, float or
   * double), sorted by key. A param with every slot null maps to JSON null. Keys repeated in the
   * array keep the last value, as BigQuery's UNNEST lookups effectively do.
   */
  static Map<String, JsonNode> params(JsonNode array) {
    Map<String, JsonNode> params = new TreeMap<>();
    if (array == null || array.isNull() || array.isMissingNode()) {
      return params;
    }
    if (!array.isArray()) {
      throw new BadRecordException(
          "event_params", "expected an array of {key, value}, got " + array.getNodeType());
    }
    for (JsonNode param : array) {
      JsonNode key = param.get("key");
      if (key == null || !key.isTextual()) {
        throw new BadRecordException("event_params", "a param has no string 'key'");
      }
      JsonNode value = param.path("value");
      JsonNode typed = JsonNodeFactory.instance.nullNode();
      if (hasValue(value, "string_value")) {
        typed = value.get("string_value");
      } else if (hasValue(value, "int_value")) {
        typed =
            JsonNodeFactory.instance.numberNode(
                asLong(value.get("int_value"), "event_params." + key.asText() + ".int_value"));
      } else if (hasValue(value, "double_value")) {
        typed =
            JsonNodeFactory.instance.numberNode(
                asDouble(
                    value.get("double_value"), "event_params." + key.asText() + ".double_value"));
      } else if (hasValue(value, "float_value")) {
        typed =
            JsonNodeFactory.instance.numberNode(
                asDouble(
                    value.get("float_value"), "event_params." + key.asText() + ".float_value"));
      }
      params.put(key.asText(), typed);
    }
    return params;
  }

  /**
   * The dbt-ga4 dedup key (event date, stream, pseudo id, session, event name, timestamp, sorted
   * params) plus GA4's batch ordering fields, because GA4 can legitimately send identical payloads
   * within one microsecond (dbt-ga4 issue #89). Exact duplicate export rows share the id.
   */
  private static String eventId(Fields f, String session, String params) {
    String key =
        String.join(
            "\u001f",
            f.eventDate.toString(),
            String.valueOf(f.streamId),
            f.pseudoId,
            String.valueOf(session),
            f.eventName,
            Long.toString(f.micros),
            params,
            String.valueOf(f.batchPageId),
            String.valueOf(f.batchOrderingId),
            String.valueOf(f.batchEventIndex));
    byte[] digest = SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 16);
  }

  private static boolean hasValue(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  private static String requiredText(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new BadRecordException(field, "required but missing or null");
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new BadRecordException(field, "expected a non-empty string, got " + describe(v));
    }
    return v.asText();
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isValueNode() || v.isBinary()) {
      throw new BadRecordException(field, "expected a string, got " + describe(v));
    }
    return v.asText();
  }

  /** A scalar id that exports write as a string or a number (stream_id). */
  private static String optionalScalar(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isTextual() || v.isIntegralNumber()) {
      return v.asText();
    }
    throw new BadRecordException(field, "expected a string or integer id, got " + describe(v));
  }

  private static long requiredLong(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new BadRecordException(field, "required but missing or null");
    }
    return asLong(v, field);
  }

  private static Long optionalLong(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : asLong(v, field);
  }

  /** INT64 as a JSON number or as a string of digits (how bq extract and the REST API write it). */
  static long asLong(JsonNode v, String field) {
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.asLong();
    }
    if (v.isTextual()) {
      try {
        return Long.parseLong(v.asText().trim());
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new BadRecordException(
        field, "expected an INT64 (number or string of digits), got " + describe(v));
  }

  private static double asDouble(JsonNode v, String field) {
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isTextual()) {
      try {
        return Double.parseDouble(v.asText().trim());
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    throw new BadRecordException(field, "expected a FLOAT64, got " + describe(v));
  }

  static Long paramLong(Map<String, JsonNode> params, String key) {
    JsonNode v = params.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    return asLong(
        v.isNumber() && !v.isIntegralNumber() ? JsonNodeFactory.instance.numberNode(v.asLong()) : v,
        "event_params." + key);
  }

  private static String paramText(Map<String, JsonNode> params, String key) {
    JsonNode v = params.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }

  private static String describe(JsonNode v) {
    return v.getNodeType().name().toLowerCase() + " " + abbreviate(v.toString());
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "... (" + s.length() + " chars)";
  }
}
