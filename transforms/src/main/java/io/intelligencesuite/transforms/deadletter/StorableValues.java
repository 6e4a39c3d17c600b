package io.intelligencesuite.transforms.deadletter;

import java.time.LocalDate;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * What every staging row must satisfy whatever its source, checked once after each parser (in
 * {@link ParseWithDeadLetters}) so no parser can forget it. Each rule names the column:
 *
 * <ul>
 *   <li>text of at most {@link #MAX_TEXT_CHARS} characters: a 10 MB value is a corrupt or hostile
 *       record, and BigQuery's Storage Write API refuses rows over 10 MB, failing the whole load;
 *   <li>text that is valid Unicode: an unpaired UTF-16 surrogate (a JSON {@code "\ud800"} escape)
 *       has no UTF-8 form, so the warehouse would store '?' instead (or BigQuery refuse the row);
 *   <li>times and dates before {@link #LATEST}: year-9999 values are "never" placeholders or
 *       corruption, and would open a day partition in 9999 and stretch every timeline to it.
 * </ul>
 */
public final class StorableValues {
  /**
   * 1 MiB characters: far above any real field (JSON columns included), far below BigQuery's 10 MB
   * row.
   */
  public static final int MAX_TEXT_CHARS = 1 << 20;

  /** Exclusive bound on any time or date column. */
  public static final LocalDate LATEST = LocalDate.of(2100, 1, 1);

  private static final long LATEST_MILLIS = LATEST.toEpochDay() * 86_400_000L;

  private StorableValues() {}

  /** Throws a {@link BadRecordException} naming the first column that breaks a rule. */
  public static void check(Row row) {
    Schema schema = row.getSchema();
    for (int i = 0; i < schema.getFieldCount(); i++) {
      Object v = row.getValue(i);
      if (v == null) {
        continue;
      }
      String column = schema.getField(i).getName();
      if (v instanceof String s) {
        checkText(column, s);
      } else if (v instanceof ReadableInstant t && t.getMillis() >= LATEST_MILLIS) {
        throw new BadRecordException(
            column,
            "time "
                + t
                + " is not before "
                + LATEST
                + ": a placeholder or corrupt value, not a real time");
      } else if (v instanceof LocalDate d && !d.isBefore(LATEST)) {
        throw new BadRecordException(
            column,
            "date "
                + d
                + " is not before "
                + LATEST
                + ": a placeholder or corrupt value, not a real date");
      }
    }
  }

  private static void checkText(String column, String s) {
    if (s.length() > MAX_TEXT_CHARS) {
      throw new BadRecordException(
          column, "is " + s.length() + " characters long; the limit is " + MAX_TEXT_CHARS);
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        throw new BadRecordException(
            column,
            String.format(
                "contains an unpaired UTF-16 surrogate U+%04X at "
                    + "character %d: not valid Unicode, so it cannot be stored as UTF-8",
                (int) c, i));
      }
    }
  }
}
