package io.intelligencesuite.transforms.datatests;

import io.intelligencesuite.schemas.TableDef;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/**
 * What the data tests need from a warehouse: whether a table exists, the failing rows of a test's
 * query, and appending the results. {@link DuckDbCheckWarehouse} and {@link BigQueryCheckWarehouse}
 * implement it; tests can fake it.
 */
public interface CheckWarehouse {
  /**
   * Whether the table exists (a catalog lookup, which is not portable SQL, hence not a test query).
   */
  boolean tableExists(String table) throws Exception;

  /** Runs {@code sql}, counting its rows and keeping the first {@code sampleSize}. */
  FailingRows failingRows(String sql, int sampleSize) throws Exception;

  /** Appends rows of a registry table, creating the table from the registry if it is missing. */
  void append(TableDef table, List<Row> rows) throws Exception;
}
