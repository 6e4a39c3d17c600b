package io.intelligencesuite.tests;

import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.sql.SQLException;

/** Row counts in a test's warehouse, for the source tests that check what a run loaded. */
public final class TableCounts {
  private TableCounts() {}

  /** The rows of {@code tableAndWhere}: a table name, optionally followed by its WHERE clause. */
  public static long count(DuckDbQueries q, String tableAndWhere) throws SQLException {
    return ((Number) q.value("SELECT count(*) FROM " + tableAndWhere)).longValue();
  }
}
