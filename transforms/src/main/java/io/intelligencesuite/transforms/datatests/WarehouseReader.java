package io.intelligencesuite.transforms.datatests;

import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Reading query results back from the warehouse, the same on both: what the dashboard, reconcile's
 * launch and the CLI's summaries read. {@link DuckDbWarehouseReader} runs the SQL on the embedded
 * file, {@link BigQueryWarehouseReader} through jobs.query. Callers write one SQL text per query,
 * in the subset both dialects read the same way (BigQuery standard SQL that DuckDB also accepts),
 * and name tables through {@link #table}, so the text is dataset-qualified on BigQuery.
 *
 * <p>Values come back as the same Java types from both, so a caller never branches on the
 * warehouse: integers Long, floating point Double, NUMERIC / DECIMAL BigDecimal, booleans Boolean,
 * dates LocalDate, timestamps Instant (UTC), text String; SQL NULL is null. Column labels are lower
 * case.
 */
public interface WarehouseReader {

  /** Whether the table exists (a catalog lookup, not a query). */
  boolean tableExists(String table) throws IOException;

  /**
   * The table as this warehouse's SQL names it: {@code fact_revenue} on DuckDB, {@code
   * `project.dataset.fact_revenue`} on BigQuery.
   */
  String table(String name);

  /** Every row of {@code sql}, column label -> value. */
  List<Map<String, Object>> rows(String sql) throws IOException;

  /** The reader of the warehouse {@code --warehouse} names; BigQuery with default credentials. */
  static WarehouseReader open(Warehouse warehouse) throws IOException {
    return warehouse.kind() == Warehouse.Kind.DUCKDB
        ? new DuckDbWarehouseReader(warehouse)
        : new BigQueryWarehouseReader(
            warehouse, RestBigQueryCalls.withApplicationDefaultCredentials());
  }
}
