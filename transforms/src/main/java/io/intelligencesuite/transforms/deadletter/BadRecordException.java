package io.intelligencesuite.transforms.deadletter;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A record that cannot become a row. The message says what is wrong and what was expected; the
 * field names the culprit, so the dead letter points straight at it.
 */
public class BadRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final @Nullable String field;

  public BadRecordException(@Nullable String field, String message) {
    super(field == null ? message : "field '" + field + "': " + message);
    this.field = field;
  }

  public BadRecordException(@Nullable String field, String message, Throwable cause) {
    super(field == null ? message : "field '" + field + "': " + message, cause);
    this.field = field;
  }

  public @Nullable String field() {
    return field;
  }
}
