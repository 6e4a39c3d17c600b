package io.intelligencesuite.transforms.warehouse;

import io.intelligencesuite.schemas.Column;
import io.intelligencesuite.schemas.DuckDbDdl;
import io.intelligencesuite.schemas.TableDef;
import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Helpers over the embedded warehouse outside a pipeline: queries for the CLI, checks and tests,
 * and small appends of ops rows (the data test results) that do not need a Beam pipeline.
 */
public final class DuckDbQueries {
  private final String path;

  public DuckDbQueries(Warehouse warehouse) {
    if (warehouse.kind() != Warehouse.Kind.DUCKDB) {
      throw new IllegalArgumentException(
          "This command reads the embedded warehouse (duckdb:PATH); "
              + warehouse
              + " is BigQuery: use the bq CLI or the console there.");
    }
    this.path = warehouse.duckDbPath();
  }

  /** Runs {@code sql} and prints the result as CSV with a header (RFC 4180 quoting). */
  public void printCsv(String sql, PrintStream out) throws SQLException {
    try (DuckDBConnection c = DuckDbConnections.connect(path);
        Statement s = c.createStatement()) {
      if (!s.execute(sql)) {
        out.println("rows_affected");
        out.println(s.getUpdateCount());
        return;
      }
      try (ResultSet rs = s.getResultSet()) {
        ResultSetMetaData md = rs.getMetaData();
        List<String> header = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          header.add(csv(md.getColumnLabel(i)));
        }
        out.println(String.join(",", header));
        while (rs.next()) {
          List<String> cells = new ArrayList<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            Object v = rs.getObject(i);
            cells.add(v == null ? "" : csv(v.toString()));
          }
          out.println(String.join(",", cells));
        }
      }
    }
  }

  /** All rows of a query, each as a list of values. */
  public List<List<Object>> rows(String sql) throws SQLException {
    try (DuckDBConnection c = DuckDbConnections.connect(path);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** Runs a statement that returns no rows (DDL, DML). */
  public void execute(String sql) throws SQLException {
    try (DuckDBConnection c = DuckDbConnections.connect(path);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The single value of a one-row, one-column query. */
  public Object value(String sql) throws SQLException {
    List<List<Object>> rows = rows(sql);
    return rows.isEmpty() ? null : rows.get(0).get(0);
  }

  /**
   * An order-independent checksum of a table's full contents (every column, every row): equal
   * checksums mean identical tables. Used to prove reruns and runners give the same table.
   */
  public String checksum(TableDef table) throws SQLException {
    return (String) value(checksumSql(table));
  }

  public static String checksumSql(TableDef table) {
    String cells =
        table.columns().stream()
            .map(c -> "coalesce(CAST(" + c.name() + " AS VARCHAR), '<null>')")
            .collect(java.util.stream.Collectors.joining(", "));
    return "SELECT count(*) || ':' || md5(coalesce(string_agg(md5(concat_ws('|', "
        + cells
        + ")), ',' ORDER BY md5(concat_ws('|', "
        + cells
        + "))), '')) FROM "
        + table.name();
  }

  /**
   * Appends a few rows of a registry table in one transaction, creating the table from the registry
   * if needed. For small ops tables; pipelines write through {@link WriteTable}.
   */
  public void append(TableDef table, List<Row> rows) throws SQLException {
    try (DuckDBConnection c = DuckDbConnections.connect(path)) {
      synchronized (DuckDbConnections.ddlLock(path)) {
        try (Statement s = c.createStatement()) {
          s.execute(DuckDbDdl.createTable(table));
        }
      }
      try (DuckDBAppender appender =
          c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table.name())) {
        for (Row row : rows) {
          appender.beginRow();
          for (Column column : table.columns()) {
            DuckDbSink.appendValue(appender, column, row.getValue(column.name()));
          }
          appender.endRow();
        }
      }
    }
  }

  public boolean tableExists(String table) throws SQLException {
    return ((Number)
                value(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = '"
                        + table.replace("'", "''")
                        + "'"))
            .longValue()
        > 0;
  }

  /** RFC 4180: quote a field when it holds a comma, quote, CR or LF; double inner quotes. */
  public static String csv(String s) {
    if (s.indexOf(',') >= 0
        || s.indexOf('"') >= 0
        || s.indexOf('\n') >= 0
        || s.indexOf('\r') >= 0) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }
}
