package io.intelligencesuite.transforms.testing;

import io.intelligencesuite.schemas.ColumnType;
import io.intelligencesuite.schemas.Layer;
import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/** Small registry-style tables and rows for sink and transform tests. */
public final class TestTables {
  private TestTables() {}

  public static TableDef events(Refresh refresh) {
    return TableDef.builder("test_events_" + refresh.name().toLowerCase(), Layer.STAGING)
        .description("Test events")
        .grain("one test event")
        .required("event_id", ColumnType.STRING, "Event id")
        .required("event_date", ColumnType.DATE, "Event day")
        .required("event_ts", ColumnType.TIMESTAMP, "Event time")
        .nullable("amount", ColumnType.INT64, "An amount")
        .nullable("score", ColumnType.FLOAT64, "A score")
        .nullable("is_paid", ColumnType.BOOL, "A flag")
        .nullable("payload", ColumnType.JSON, "Some JSON")
        .nullable("run_id", ColumnType.STRING, "Run id (for append-by-run)")
        .primaryKey("event_id")
        .partitionedBy("event_date")
        .clusteredBy("event_id")
        .refresh(refresh)
        .build();
  }

  public static Row event(TableDef table, String id, String day, long amount) {
    LocalDate date = LocalDate.parse(day);
    return Row.withSchema(table.schema())
        .withFieldValue("event_id", id)
        .withFieldValue("event_date", date)
        .withFieldValue(
            "event_ts",
            new org.joda.time.Instant(
                date.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli() + amount))
        .withFieldValue("amount", amount)
        .withFieldValue("score", amount / 4.0)
        .withFieldValue("is_paid", amount % 2 == 0)
        .withFieldValue("payload", "{\"n\":" + amount + "}")
        .withFieldValue("run_id", "run-1")
        .build();
  }

  /** Events a, b, c, ... one on each of {@code days} in order, with amounts 1, 2, 3, ... */
  public static List<Row> abc(TableDef table, String... days) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < days.length; i++) {
      rows.add(event(table, String.valueOf((char) ('a' + i)), days[i], i + 1));
    }
    return rows;
  }

  public static RunContext run(String pipeline, Path duckDb) {
    return run("test-" + pipeline + "-run", pipeline, "2026-11-01T00:00:00Z", "duckdb:" + duckDb);
  }

  /**
   * A run of {@code pipeline} started at {@code startedAt} (ISO instant) that writes nothing: its
   * warehouse is a DuckDB path no test opens.
   */
  public static RunContext run(String runId, String pipeline, String startedAt) {
    return run(runId, pipeline, startedAt, "duckdb:target/unused.duckdb");
  }

  /** A run of {@code pipeline} started at {@code startedAt} into {@code warehouse} (its spec). */
  public static RunContext run(String runId, String pipeline, String startedAt, String warehouse) {
    return new RunContext(
        runId,
        pipeline,
        Instant.parse(startedAt),
        null,
        "DirectRunner",
        Warehouse.parse(warehouse));
  }

  /** A pipeline_runs row of {@code pipeline} with {@code status}, for cursor fixtures. */
  public static Row runRow(String runId, String pipeline, String status) {
    org.joda.time.Instant t = org.joda.time.Instant.parse("2026-11-01T00:00:00Z");
    return RowBuilder.of(Tables.PIPELINE_RUNS)
        .set("run_id", runId)
        .set("pipeline", pipeline)
        .set("window_start", null)
        .set("window_end", null)
        .set("started_at", t)
        .set("finished_at", t)
        .set("run_date", LocalDate.of(2026, 11, 1))
        .set("rows_read", 0L)
        .set("rows_written", 0L)
        .set("rows_written_by_table", "{}")
        .set("duplicates_removed", 0L)
        .set("rows_dead_lettered", 0L)
        .set("status", status)
        .set("runner", "DirectRunner")
        .set("warehouse", "duckdb:x")
        .build();
  }

  /** A full read's source_cursors row of {@code table} (ISO instants), for cursor fixtures. */
  public static Row cursorRow(
      String runId,
      String pipeline,
      String table,
      String cursorColumn,
      String recordedAt,
      String cursor) {
    return RowBuilder.of(Tables.SOURCE_CURSORS)
        .set("run_id", runId)
        .set("pipeline", pipeline)
        .set("table_name", table)
        .set("cursor_column", cursorColumn)
        .set("mode", "full")
        .set("read_since", null)
        .set("cursor_value", org.joda.time.Instant.parse(cursor))
        .set("rows_read", 1L)
        .set("source_keys", null)
        .set("recorded_at", org.joda.time.Instant.parse(recordedAt))
        .set("run_date", LocalDate.of(2026, 11, 1))
        .build();
  }
}
