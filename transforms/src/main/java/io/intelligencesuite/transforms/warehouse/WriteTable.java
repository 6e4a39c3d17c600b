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
 * appends twice. A {@link Refresh#REPLACE_PARTITIONS} table needs the run's {@link ReplaceWindow}
 * (the days it read): those days are replaced, other rows merged by key. Outputs one element: the
 * number of rows written, for the run audit.
 *
 * <ul>
 *   <li>DuckDB: parallel appends (DuckDB Appender) into a private staging table, then one
 *       transaction deletes the replaced scope, inserts the staged rows and drops the stage, so no
 *       reader sees half a table.
 *   <li>BigQuery: file loads. Day-partitioned tables: a staging table, then one multi-statement
 *       transaction with the same DELETE as DuckDB and an INSERT (see {@link BigQuerySink}); whole
 *       snapshots WRITE_TRUNCATE, logs WRITE_APPEND. Tables are created from the registry with day
 *       partitioning and clustering.
 * </ul>
 */
public final class WriteTable extends PTransform<PCollection<Row>, PCollection<Long>> {
  private final TableDef table;
  private final Warehouse warehouse;
  private final @Nullable ReplaceWindow window;
  private final @Nullable BigQueryServices bigQueryServices;
  private final @Nullable BigQueryScripts bigQueryScripts;
  private final transient @Nullable PCollection<?> after;
  private final transient @Nullable PCollection<Row> sourceKeys;
  private final @Nullable KeyMerge merge;

  private WriteTable(
      TableDef table,
      Warehouse warehouse,
      @Nullable ReplaceWindow window,
      @Nullable BigQueryServices bigQueryServices,
      @Nullable BigQueryScripts bigQueryScripts,
      @Nullable PCollection<?> after,
      @Nullable PCollection<Row> sourceKeys,
      @Nullable KeyMerge merge) {
    super("Write " + table.name());
    this.table = table;
    this.warehouse = warehouse;
    this.window = window;
    this.bigQueryServices = bigQueryServices;
    this.bigQueryScripts = bigQueryScripts;
    this.after = after;
    this.sourceKeys = sourceKeys;
    this.merge = merge;
  }

  public static WriteTable to(TableDef table, Warehouse warehouse) {
    return new WriteTable(table, warehouse, null, null, null, null, null, null);
  }

  /**
   * An incremental write of a snapshot table (see {@link KeyMerge}): the rows upsert by primary
   * key, and rows whose key is not in {@code keys} (every key the source has now, rows of {@link
   * KeyMerge#keySchema}) are deleted.
   */
  public WriteTable mergingByKey(PCollection<Row> keys) {
    return merging(KeyMerge.everyKey(table), keys);
  }

  /**
   * An incremental write by {@code merge}'s rule ({@link KeyMerge}); {@code keys} are the rows of
   * its {@link KeyMerge#keySchema}. A day-partitioned table merged this way needs no window.
   */
  public WriteTable merging(KeyMerge merge, PCollection<Row> keys) {
    if (!merge.table().name().equals(table.name())) {
      throw new IllegalArgumentException(
          "A merge of " + merge.table().name() + " given to the write of " + table.name());
    }
    return new WriteTable(
        table, warehouse, window, bigQueryServices, bigQueryScripts, after, keys, merge);
  }

  /**
   * Replaces nothing before {@code signal} is complete. A run that reads several sources passes its
   * "everything read" count, so a source that fails mid-read fails the run before any of its tables
   * is replaced, instead of after the tables whose reads happened to finish first.
   */
  public WriteTable afterAll(PCollection<?> signal) {
    return new WriteTable(
        table, warehouse, window, bigQueryServices, bigQueryScripts, signal, sourceKeys, merge);
  }

  /**
   * For tables that replace partitions (required for them): replace exactly these days, even those
   * with no rows now, and merge the rows dated outside them by primary key.
   */
  public WriteTable replacingWindow(@Nullable ReplaceWindow replaceWindow) {
    return new WriteTable(
        table,
        warehouse,
        replaceWindow,
        bigQueryServices,
        bigQueryScripts,
        after,
        sourceKeys,
        merge);
  }

  /** Test hook: Beam's fake BigQuery services instead of the real API. */
  public WriteTable withBigQueryServices(BigQueryServices services) {
    return new WriteTable(
        table, warehouse, window, services, bigQueryScripts, after, sourceKeys, merge);
  }

  /**
   * Test hook: what runs the replace transaction's script (Beam's fake job service cannot run DML).
   */
  public WriteTable withBigQueryScripts(BigQueryScripts scripts) {
    return new WriteTable(
        table, warehouse, window, bigQueryServices, scripts, after, sourceKeys, merge);
  }

  @Override
  public PCollection<Long> expand(PCollection<Row> rows) {
    table.requireSchema(rows.getSchema(), "Rows written to " + table.name());
    if (table.refresh() == Refresh.REPLACE_PARTITIONS && window == null && merge == null) {
      // The days present in the rows are not what a run covers: a late row would wipe its day.
      throw new IllegalArgumentException(
          table.name()
              + " replaces day partitions, so its write needs the days the run read: "
              + "WriteTable.replacingWindow(ReplaceWindow) (TableLoad.replacing in a source). "
              + "ReplaceWindow.noDays() merges by primary key without replacing any day.");
    }
    if (merge != null) {
      merge.keysTable().requireSchema(sourceKeys.getSchema(), "Keys staged for " + table.name());
    }
    switch (warehouse.kind()) {
      case DUCKDB:
        // A fresh stage name per expansion, so a crashed earlier run's leftovers are never reused.
        String stage =
            "_stage_" + table.name() + "_" + UUID.randomUUID().toString().replace("-", "");
        return DuckDbSink.write(
            rows, table, warehouse.duckDbPath(), stage, window, after, sourceKeys, merge);
      case BIGQUERY:
        PCollection<Row> gated =
            after == null
                ? rows
                : rows.apply("After every read", Wait.on(after)).setRowSchema(table.schema());
        return BigQuerySink.write(
            gated, table, warehouse, window, sourceKeys, merge, bigQueryServices, bigQueryScripts);
      default:
        throw new IllegalStateException("Unknown warehouse " + warehouse);
    }
  }
}
