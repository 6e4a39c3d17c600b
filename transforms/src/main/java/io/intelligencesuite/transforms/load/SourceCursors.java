package io.intelligencesuite.transforms.load;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.datatests.BigQueryWarehouseReader;
import io.intelligencesuite.transforms.datatests.DuckDbWarehouseReader;
import io.intelligencesuite.transforms.datatests.RestBigQueryCalls;
import io.intelligencesuite.transforms.datatests.WarehouseReader;
import io.intelligencesuite.transforms.warehouse.TableStatements;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import io.intelligencesuite.transforms.warehouse.WriteTable;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Max;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Incremental-load cursors, kept in the warehouse's {@code source_cursors} with the run that
 * advanced them (the one home of the cursor rule for every source):
 *
 * <ul>
 *   <li>At launch, {@link #plan} reads the latest cursor of a source table through the {@link
 *       WarehouseReader} (DuckDB or BigQuery alike), counting only cursors of runs whose {@code
 *       pipeline_runs} row says {@code succeeded} and never the run's own (so a rerun of a run id
 *       reads from the same cursor as the first attempt, and ends in the same tables).
 *   <li>In the pipeline, {@link #record} makes the run's cursor row: the greatest cursor value
 *       read, or the previous cursor when nothing newer was read. {@link #write} writes the rows
 *       only after the run's {@code pipeline_runs} row, so a run whose writes failed never moves a
 *       cursor, and a run that failed its accounting has a cursor that {@link #plan} ignores.
 * </ul>
 */
public final class SourceCursors {
  private SourceCursors() {}

  /**
   * The run's warehouse as a reader of the cursors, opened at launch with the launch's own BigQuery
   * credentials and endpoint.
   */
  public static WarehouseReader reader(RunContext run, PipelineOptions options) {
    return run.warehouse().kind() == Warehouse.Kind.DUCKDB
        ? new DuckDbWarehouseReader(run.warehouse())
        : new BigQueryWarehouseReader(run.warehouse(), RestBigQueryCalls.forOptions(options));
  }

  /** How one source table is read by this run. */
  public record Plan(
      String table,
      String cursorColumn,
      boolean incremental,
      @Nullable Instant previousCursor,
      @Nullable Instant readSince)
      implements Serializable {

    /** "full" or "incremental", as source_cursors.mode says. */
    public String mode() {
      return incremental ? "incremental" : "full";
    }
  }

  /**
   * The read plan of {@code table}: incremental from the latest cursor minus {@code overlap} when
   * there is one and {@code fullRefresh} is off, otherwise full (the first run, or on request).
   */
  public static Plan plan(
      WarehouseReader reader,
      RunContext run,
      String table,
      String cursorColumn,
      boolean fullRefresh,
      Duration overlap) {
    if (overlap.isNegative()) {
      throw new IllegalArgumentException(
          "The cursor overlap (--cursorOverlapMinutes) must be zero or more minutes, got "
              + overlap.toMinutes());
    }
    @Nullable Instant previous = fullRefresh ? null : latest(reader, run, table);
    if (previous == null) {
      return new Plan(table, cursorColumn, false, null, null);
    }
    return new Plan(table, cursorColumn, true, previous, previous.minus(overlap.toMillis()));
  }

  /** The latest cursor of {@code table} from a succeeded earlier run of the pipeline, or null. */
  static @Nullable Instant latest(WarehouseReader reader, RunContext run, String table) {
    try {
      if (!reader.tableExists(Tables.SOURCE_CURSORS.name())
          || !reader.tableExists(Tables.PIPELINE_RUNS.name())) {
        return null;
      }
      List<Map<String, Object>> rows =
          reader.rows(
              "SELECT c.cursor_value FROM "
                  + reader.table(Tables.SOURCE_CURSORS.name())
                  + " AS c JOIN "
                  + reader.table(Tables.PIPELINE_RUNS.name())
                  + " AS r ON r.run_id = c.run_id WHERE r.status = 'succeeded'"
                  + " AND c.pipeline = "
                  + TableStatements.literal(run.pipeline())
                  + " AND c.table_name = "
                  + TableStatements.literal(table)
                  + " AND c.run_id <> "
                  + TableStatements.literal(run.runId())
                  + " ORDER BY c.recorded_at DESC, c.run_id DESC LIMIT 1");
      if (rows.isEmpty() || rows.get(0).get("cursor_value") == null) {
        return null;
      }
      return new Instant(((java.time.Instant) rows.get(0).get("cursor_value")).toEpochMilli());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the cursor of "
              + table
              + " from source_cursors ("
              + e.getMessage()
              + "); run with --fullRefresh to load without it",
          e);
    }
  }

  /**
   * The run's cursor row for {@code plan}'s table, from the cursor values of the records it read
   * (epoch milliseconds), how many records it read and, for an incremental read, how many keys the
   * keys-only pass found.
   */
  public static PCollection<Row> record(
      RunContext run,
      Plan plan,
      PCollection<Long> cursorMillis,
      PCollection<Long> rowsRead,
      @Nullable PCollection<Long> sourceKeys) {
    String name = "Cursor of " + plan.table();
    PCollectionView<Long> read = rowsRead.apply(name + ": rows read", View.asSingleton());
    PCollectionView<Long> keys =
        sourceKeys == null ? null : sourceKeys.apply(name + ": keys", View.asSingleton());
    ParDo.SingleOutput<Long, Row> toRow =
        ParDo.of(cursorRow(run, plan, read, keys)).withSideInputs(read);
    if (keys != null) {
      toRow = toRow.withSideInputs(keys);
    }
    return cursorMillis
        .apply(name + ": greatest", Max.longsGlobally())
        .apply(name + ": row", toRow)
        .setRowSchema(Tables.SOURCE_CURSORS.schema());
  }

  /** Writes the cursor rows once {@code runRow} (the run's pipeline_runs row) is written. */
  public static PCollection<Long> write(
      RunContext run, PCollection<Row> cursors, PCollection<Row> runRow) {
    return cursors.apply(WriteTable.to(Tables.SOURCE_CURSORS, run.warehouse()).afterAll(runRow));
  }

  /** The cursor row of one table: from the greatest cursor value read and the run's counts. */
  private static DoFn<Long, Row> cursorRow(
      RunContext run, Plan plan, PCollectionView<Long> read, @Nullable PCollectionView<Long> keys) {
    return new DoFn<Long, Row>() {
      @ProcessElement
      public void process(@Element Long greatest, ProcessContext c) {
        // Max of no values is Long.MIN_VALUE: nothing newer was read, the previous cursor stays.
        @Nullable Instant cursor = greatest == Long.MIN_VALUE ? null : new Instant(greatest);
        Instant previous = plan.previousCursor();
        if (cursor == null || (previous != null && previous.isAfter(cursor))) {
          cursor = previous;
        }
        Instant started = new Instant(run.startedAt().toEpochMilli());
        c.output(
            RowBuilder.of(Tables.SOURCE_CURSORS)
                .set("run_id", run.runId())
                .set("pipeline", run.pipeline())
                .set("table_name", plan.table())
                .set("cursor_column", plan.cursorColumn())
                .set("mode", plan.mode())
                .set("read_since", plan.readSince())
                .set("cursor_value", cursor)
                .set("rows_read", c.sideInput(read))
                .set("source_keys", keys == null ? null : c.sideInput(keys))
                .set("recorded_at", started)
                .set("run_date", run.runDate())
                .build());
      }
    };
  }
}
