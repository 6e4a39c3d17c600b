package io.intelligencesuite.transforms.warehouse;

import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import java.util.UUID;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The warehouse sink every pipeline uses: writes rows of one registry table to the warehouse chosen
 * by {@code --warehouse}, replacing what the run covers (see {@link Refresh}) so a rerun never
 * appends twice. Outputs one element: the number of rows written, for the run audit.
 *
 * <ul>
 *   <li>DuckDB: parallel appends (DuckDB Appender) into a private staging table, then one
 *       transaction deletes the replaced scope, inserts the staged rows and drops the stage, so no
 *       reader sees half a table.
 *   <li>BigQuery: file loads; day partitions are written through partition decorators with
 *       WRITE_TRUNCATE, whole snapshots with WRITE_TRUNCATE, logs with WRITE_APPEND. Tables are
 *       created from the registry with day partitioning and clustering.
 * </ul>
 */
public final class WriteTable extends PTransform<PCollection<Row>, PCollection<Long>> {
  private final TableDef table;
  private final Warehouse warehouse;
  private final @Nullable DateWindow window;
  private final @Nullable BigQueryServices bigQueryServices;
  private final transient @Nullable PCollection<?> after;

  private WriteTable(
      TableDef table,
      Warehouse warehouse,
      @Nullable DateWindow window,
      @Nullable BigQueryServices bigQueryServices,
      @Nullable PCollection<?> after) {
    super("Write " + table.name());
    this.table = table;
    this.warehouse = warehouse;
    this.window = window;
    this.bigQueryServices = bigQueryServices;
    this.after = after;
  }

  public static WriteTable to(TableDef table, Warehouse warehouse) {
    return new WriteTable(table, warehouse, null, null, null);
  }

  /**
   * Replaces nothing before {@code signal} is complete. A run that reads several sources passes its
   * "everything read" count, so a source that fails mid-read fails the run before any of its tables
   * is replaced, instead of after the tables whose reads happened to finish first.
   */
  public WriteTable afterAll(PCollection<?> signal) {
    return new WriteTable(table, warehouse, window, bigQueryServices, signal);
  }

  /**
   * For tables that replace partitions: replace exactly these days, even those with no rows now.
   * Without a window, the days present in the written rows are replaced.
   */
  public WriteTable replacingWindow(@Nullable DateWindow replaceWindow) {
    return new WriteTable(table, warehouse, replaceWindow, bigQueryServices, after);
  }

  /** Test hook: Beam's fake BigQuery services instead of the real API. */
  public WriteTable withBigQueryServices(BigQueryServices services) {
    return new WriteTable(table, warehouse, window, services, after);
  }

  @Override
  public PCollection<Long> expand(PCollection<Row> rows) {
    if (!rows.getSchema().equals(table.schema())) {
      throw new IllegalArgumentException(
          "Rows for "
              + table.name()
              + " have schema "
              + rows.getSchema()
              + " but the registry defines "
              + table.schema());
    }
    switch (warehouse.kind()) {
      case DUCKDB:
        // A fresh stage name per expansion, so a crashed earlier run's leftovers are never reused.
        String stage =
            "_stage_" + table.name() + "_" + UUID.randomUUID().toString().replace("-", "");
        return DuckDbSink.write(rows, table, warehouse.duckDbPath(), stage, window, after);
      case BIGQUERY:
        PCollection<Row> gated =
            after == null
                ? rows
                : rows.apply("After every read", Wait.on(after)).setRowSchema(table.schema());
        return BigQuerySink.write(gated, table, warehouse, bigQueryServices);
      default:
        throw new IllegalStateException("Unknown warehouse " + warehouse);
    }
  }
}
