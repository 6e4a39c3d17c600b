package io.intelligencesuite.sources.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intelligencesuite.transforms.deadletter.BadRecordException;
import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Typed field access on API JSON for the parsers: every failure is a {@link BadRecordException}
 * naming the field (a dotted path), so the dead letter points at it.
 */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * How records are read: a record is exactly one JSON object. Trailing content (two records on a
   * line) and repeated keys (a spliced record, e.g. one that overrides the {"provider", "record"}
   * wrapper's provider) make it bad instead of silently keeping one part.
   */
  private static final com.fasterxml.jackson.databind.ObjectReader RECORDS =
      MAPPER
          .reader()
          .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .with(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private Json() {}

  public static JsonNode parse(String text) {
    try {
      JsonNode node = RECORDS.readTree(text);
      if (node == null || !node.isObject()) {
        throw new BadRecordException(null, "expected a JSON object");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new BadRecordException(null, "not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new BadRecordException(null, "not valid JSON: " + e.getMessage(), e);
    }
  }

  /** The node at a dotted path, or null when any step is missing or JSON null. */
  public static @Nullable JsonNode at(JsonNode node, String path) {
    JsonNode cur = node;
    for (String step : path.split("\\.")) {
      if (cur == null || cur.isNull() || cur.isMissingNode()) {
        return null;
      }
      cur = cur.get(step);
    }
    return cur == null || cur.isNull() || cur.isMissingNode() ? null : cur;
  }

  public static @Nullable String text(JsonNode node, String path) {
    JsonNode v = at(node, path);
    if (v == null) {
      return null;
    }
    if (!v.isValueNode()) {
      throw new BadRecordException(path, "expected a string, got " + v.getNodeType());
    }
    return v.asText();
  }

  public static String requiredText(JsonNode node, String path) {
    String v = text(node, path);
    return required(v == null || v.isEmpty() ? null : v, path);
  }

  /** {@code value} itself; a bad record naming {@code path} when it is missing (null). */
  private static <T> T required(@Nullable T value, String path) {
    if (value == null) {
      throw new BadRecordException(path, "is required but missing");
    }
    return value;
  }

  /** An id field that may be expanded: the string itself, or the expanded object's {@code id}. */
  public static @Nullable String id(JsonNode node, String path) {
    JsonNode v = at(node, path);
    if (v == null) {
      return null;
    }
    if (v.isObject()) {
      return text(v, "id");
    }
    return text(node, path);
  }

  public static @Nullable Long longValue(JsonNode node, String path) {
    JsonNode v = at(node, path);
    if (v == null) {
      return null;
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.asLong();
    }
    return fromText(v, Long::parseLong, path, "an integer");
  }

  public static long requiredLong(JsonNode node, String path) {
    return required(longValue(node, path), path);
  }

  public static @Nullable Double doubleValue(JsonNode node, String path) {
    JsonNode v = at(node, path);
    if (v == null) {
      return null;
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    return fromText(v, Double::parseDouble, path, "a number");
  }

  /**
   * A number written as a JSON string ("42"), as some APIs send them; anything else is a bad record
   * that names the field and what it expected.
   */
  private static <T> T fromText(
      JsonNode v, java.util.function.Function<String, T> parse, String path, String expected) {
    if (v.isTextual()) {
      try {
        return parse.apply(v.asText());
      } catch (NumberFormatException e) {
        // reported below with the value
      }
    }
    throw new BadRecordException(path, "expected " + expected + ", got " + describe(v));
  }

  public static @Nullable Boolean bool(JsonNode node, String path) {
    JsonNode v = at(node, path);
    if (v == null) {
      return null;
    }
    if (!v.isBoolean()) {
      throw new BadRecordException(path, "expected true or false, got " + describe(v));
    }
    return v.asBoolean();
  }

  /** Unix seconds (Stripe's timestamps) as an instant; null stays null. */
  public static @Nullable Instant epochSeconds(JsonNode node, String path) {
    Long s = longValue(node, path);
    return s == null ? null : new Instant(s * 1000L);
  }

  public static Instant requiredEpochSeconds(JsonNode node, String path) {
    return new Instant(requiredLong(node, path) * 1000L);
  }

  /**
   * ISO-8601 date-time with offset (ChartMogul, enrichment feeds), or a bare date (midnight UTC).
   */
  public static @Nullable Instant isoInstant(JsonNode node, String path) {
    String s = text(node, path);
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      if (s.length() == 10) {
        return new Instant(
            LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
      }
      return new Instant(OffsetDateTime.parse(s.replace(' ', 'T')).toInstant().toEpochMilli());
    } catch (DateTimeParseException e) {
      throw new BadRecordException(
          path, "expected an ISO-8601 date-time, got '" + abbreviate(s) + "'");
    }
  }

  private static final java.util.Set<String> ISO_4217 =
      java.util.Currency.getAvailableCurrencies().stream()
          .map(java.util.Currency::getCurrencyCode)
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /**
   * The code itself when it is an ISO 4217 currency in either case (Stripe writes "usd", ChartMogul
   * "USD"); null stays null. Anything else ("usdollars", "zzz") is a bad record: no FX rate could
   * ever convert its amounts.
   */
  public static @Nullable String isoCurrency(@Nullable String code, String field) {
    if (code != null && !ISO_4217.contains(code.toUpperCase(java.util.Locale.ROOT))) {
      throw new BadRecordException(
          field, "not an ISO 4217 currency code: '" + abbreviate(code) + "'");
    }
    return code;
  }

  /**
   * An amount or count that cannot be negative (a charge, an amount paid, a quantity); null stays
   * null.
   */
  public static @Nullable Long nonNegative(@Nullable Long value, String field) {
    if (value != null && value < 0) {
      throw new BadRecordException(field, "must not be negative, got " + value);
    }
    return value;
  }

  public static LocalDate utcDate(Instant instant) {
    return java.time.Instant.ofEpochMilli(instant.getMillis())
        .atOffset(ZoneOffset.UTC)
        .toLocalDate();
  }

  /** Sum of {@code field} over the array at {@code path} (0 when absent). */
  public static long sum(JsonNode node, String path, String field) {
    JsonNode arr = at(node, path);
    if (arr == null) {
      return 0L;
    }
    if (!arr.isArray()) {
      throw new BadRecordException(path, "expected an array, got " + arr.getNodeType());
    }
    long total = 0;
    for (int i = 0; i < arr.size(); i++) {
      Long v = longValue(arr.get(i), field);
      total += v == null ? 0 : v;
    }
    return total;
  }

  public static @Nullable String jsonText(JsonNode node, String path) {
    JsonNode v = at(node, path);
    return v == null ? null : v.toString();
  }

  private static String describe(JsonNode v) {
    return v.getNodeType() + " " + abbreviate(v.toString());
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
