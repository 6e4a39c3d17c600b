package io.intelligencesuite.transforms.datatests;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The few SQL fragments the tests share, written once in the dialect DuckDB and BigQuery both read.
 */
final class Sql {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private Sql() {}

  /**
   * {@code 'a', 'b'} for an IN list. The registry allows only values that need no escaping
   * (AcceptedValues), because DuckDB doubles quotes and BigQuery backslash-escapes them.
   */
  static String literals(Collection<String> values) {
    return values.stream().map(Sql::literal).collect(Collectors.joining(", "));
  }

  static String literal(String value) {
    if (!value.matches("[A-Za-z0-9 _.:-]*")) {
      throw new IllegalArgumentException(
          "'" + value + "' would need escaping, which differs between DuckDB and BigQuery");
    }
    return "'" + value + "'";
  }

  /**
   * A UTC TIMESTAMP literal, read as UTC by both warehouses (DuckDB's TIMESTAMP columns hold UTC).
   */
  static String timestamp(Instant instant) {
    return "TIMESTAMP '" + TIMESTAMP.format(instant) + "'";
  }

  /** {@code prefix.a, prefix.b} (or {@code a, b} without a prefix). */
  static String columns(Collection<String> names, String prefix) {
    return names.stream()
        .map(n -> prefix == null ? n : prefix + "." + n)
        .collect(Collectors.joining(", "));
  }
}
