package io.intelligencesuite.sources.incremental;

import static org.junit.Assert.assertEquals;

import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.tests.RunCounts;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.sql.SQLException;
import java.util.List;

/** What the incremental-load tests check on two warehouses and on source_cursors. */
final class IncrementalAssertions {
  private IncrementalAssertions() {}

  /** One run of a source pipeline into a warehouse, with extra options. */
  interface SourceRun {
    DuckDbQueries run(String warehouse, String runId, String... extra);
  }

  /**
   * Runs a full refresh of the (changed) source into the new warehouse {@code fullWarehouse},
   * checks that it read and wrote {@code rows} records, and that {@code incremental} holds the same
   * {@code tables} ({@link #sameTables}); returns the full refresh's warehouse.
   */
  static DuckDbQueries sameAsFullRefresh(
      DuckDbQueries incremental,
      SourceRun source,
      String fullWarehouse,
      String runId,
      long rows,
      TableDef... tables)
      throws SQLException {
    DuckDbQueries full = source.run(fullWarehouse, runId, "--fullRefresh=true");
    assertEquals(RunCounts.succeeded(rows, rows, 0, 0), RunCounts.of(full, runId));
    sameTables(incremental, full, tables);
    return full;
  }

  /** Every column of every row equal (count and checksum), and the rows themselves on failure. */
  static void sameTables(DuckDbQueries incremental, DuckDbQueries full, TableDef... tables)
      throws SQLException {
    for (TableDef t : tables) {
      String key = String.join(", ", t.primaryKey());
      assertEquals(
          t.name() + ": incremental vs full refresh",
          full.rows("select * from " + t.name() + " order by " + key).toString(),
          incremental.rows("select * from " + t.name() + " order by " + key).toString());
      assertEquals(t.name(), full.checksum(t), incremental.checksum(t));
    }
  }

  /** The cursor row of {@code table} in run {@code runId}: mode, rows read, keys, cursor value. */
  static List<Object> cursor(DuckDbQueries q, String runId, String table) throws SQLException {
    List<List<Object>> rows =
        q.rows(
            "select mode, rows_read, source_keys, strftime(cursor_value, '%Y-%m-%d %H:%M:%S'),"
                + " strftime(read_since, '%Y-%m-%d %H:%M:%S') from source_cursors where run_id = '"
                + runId
                + "' and table_name = '"
                + table
                + "'");
    assertEquals(table + " cursor of " + runId + ": " + rows, 1, rows.size());
    return rows.get(0);
  }
}
