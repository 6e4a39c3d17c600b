package io.intelligencesuite.sources.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intelligencesuite.transforms.deadletter.BadRecordException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Map;
import org.joda.time.Instant;

/**
 * Typed reads of one field of a {@link SourceRecords} record. Each failure is a {@link
 * BadRecordException} naming the field, so the record is dead-lettered with that reason.
 */
public final class Fields {
  /**
   * What drivers print for DATETIME / TIMESTAMP / timestamptz: {@code 2024-11-05 06:20:23},
   * optional fraction, optional offset ({@code +00}, {@code +01:00}, {@code Z}); 'T' also accepted.
   * A value without an offset is UTC (the backend stores UTC, as the demo company's does).
   */
  private static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          // STRICT: the builder's default (SMART) quietly turns 2025-02-30 into 2025-02-28.
          .toFormatter()
          .withResolverStyle(java.time.format.ResolverStyle.STRICT);

  private static final ObjectMapper JSON = new ObjectMapper();

  private Fields() {}

  public static String required(Map<String, String> r, String field) {
    String v = r.get(field);
    if (v == null) {
      if (!r.containsKey(field)) {
        throw new BadRecordException(
            field,
            "column missing from the query's result (columns: "
                + new java.util.TreeSet<>(r.keySet())
                + "); map it in the query option");
      }
      throw new BadRecordException(field, "required but NULL");
    }
    if (v.isBlank()) {
      throw new BadRecordException(field, "required but empty");
    }
    return v.trim();
  }

  public static String optional(Map<String, String> r, String field) {
    String v = r.get(field);
    return v == null || v.isBlank() ? null : v.trim();
  }

  public static Instant requiredTimestamp(Map<String, String> r, String field) {
    return timestamp(field, required(r, field));
  }

  public static Instant optionalTimestamp(Map<String, String> r, String field) {
    String v = optional(r, field);
    return v == null ? null : timestamp(field, v);
  }

  static Instant timestamp(String field, String text) {
    try {
      TemporalAccessor t = TIMESTAMP.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
      java.time.Instant instant =
          t instanceof OffsetDateTime o
              ? o.toInstant()
              : ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
      return new Instant(instant.toEpochMilli());
    } catch (DateTimeParseException e) {
      throw new BadRecordException(
          field,
          "invalid timestamp '"
              + abbreviate(text)
              + "' (expected YYYY-MM-DD HH:MM:SS[.fff][+HH[:MM]])");
    }
  }

  public static double requiredNumber(Map<String, String> r, String field, double min, double max) {
    String text = required(r, field);
    double v;
    try {
      v = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new BadRecordException(field, "not a number: '" + abbreviate(text) + "'");
    }
    if (Double.isNaN(v) || v < min || v > max) {
      throw new BadRecordException(field, "out of range [" + min + ", " + max + "]: " + text);
    }
    return v;
  }

  /** A JSON value, re-serialised compactly; invalid JSON is a bad record. */
  public static String optionalJson(Map<String, String> r, String field) {
    String v = optional(r, field);
    if (v == null) {
      return null;
    }
    try {
      return JSON.readTree(v).toString();
    } catch (JsonProcessingException e) {
      throw new BadRecordException(field, "not valid JSON: " + e.getOriginalMessage());
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "... (" + s.length() + " chars)";
  }
}
