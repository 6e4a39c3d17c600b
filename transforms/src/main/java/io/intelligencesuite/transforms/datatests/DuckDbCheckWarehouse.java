package io.intelligencesuite.transforms.datatests;

import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.duckdb.DuckDBConnection;

/** The data tests on the embedded warehouse, through the JVM's shared DuckDB instance. */
public final class DuckDbCheckWarehouse implements CheckWarehouse {
  private final String path;
  private final DuckDbQueries queries;

  public DuckDbCheckWarehouse(Warehouse warehouse) {
    this.queries = new DuckDbQueries(warehouse);
    this.path = warehouse.duckDbPath();
  }

  @Override
  public boolean tableExists(String table) throws Exception {
    return queries.tableExists(table);
  }

  /** Streams the result: counting in Java keeps the test's query the only query. */
  @Override
  public FailingRows failingRows(String sql, int sampleSize) throws Exception {
    try (DuckDBConnection c = DuckDbConnections.connect(path);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        columns.add(md.getColumnLabel(i));
      }
      List<List<Object>> sample = new ArrayList<>();
      long count = 0;
      while (rs.next()) {
        if (count++ < sampleSize) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= columns.size(); i++) {
            row.add(rs.getObject(i));
          }
          sample.add(row);
        }
      }
      return new FailingRows(count, columns, sample);
    }
  }

  @Override
  public void append(TableDef table, List<Row> rows) throws Exception {
    queries.append(table, rows);
  }
}
