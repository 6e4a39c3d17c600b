package io.intelligencesuite.transforms.deadletter;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.RunContext;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/** Builds {@code dead_letters} rows. */
public final class DeadLetters {
  /** Payloads above this many characters are cut; payload_bytes keeps the full size. */
  public static final int MAX_PAYLOAD_CHARS = 1 << 20;

  private DeadLetters() {}

  public static Row row(
      RunContext run,
      String targetTable,
      String reason,
      @Nullable String field,
      @Nullable String payload,
      java.time.Instant failedAt) {
    long bytes = payload == null ? 0 : payload.getBytes(StandardCharsets.UTF_8).length;
    String kept = payload;
    if (payload != null && payload.length() > MAX_PAYLOAD_CHARS) {
      kept = payload.substring(0, MAX_PAYLOAD_CHARS);
      reason =
          reason
              + " (payload cut to "
              + MAX_PAYLOAD_CHARS
              + " characters of "
              + payload.length()
              + ")";
    }
    return RowBuilder.of(Tables.DEAD_LETTERS)
        .set("dead_letter_id", UUID.randomUUID().toString())
        .set("run_id", run.runId())
        .set("pipeline", run.pipeline())
        .set("target_table", targetTable)
        .set("failed_at", new Instant(failedAt.toEpochMilli()))
        .set("failed_date", failedAt.atOffset(ZoneOffset.UTC).toLocalDate())
        .set("reason", reason)
        .set("field", field)
        .set("raw_payload", kept)
        .set("payload_bytes", bytes)
        .build();
  }

  /** The reason for any failure: the exception's own message, with its type when it is not ours. */
  public static String reasonFor(Throwable e) {
    String message = e.getMessage() == null ? "(no message)" : e.getMessage();
    return e instanceof BadRecordException
        ? message
        : e.getClass().getSimpleName() + ": " + message;
  }

  public static @Nullable String fieldOf(Throwable e) {
    return e instanceof BadRecordException bad ? bad.field() : null;
  }
}
