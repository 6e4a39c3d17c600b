package io.intelligencesuite.transforms.datatests;

import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.IOException;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.duckdb.DuckDBConnection;

/** {@link WarehouseReader} over the embedded DuckDB file, through the JVM's shared instance. */
public final class DuckDbWarehouseReader implements WarehouseReader {
  private final String path;
  private final DuckDbQueries queries;

  public DuckDbWarehouseReader(Warehouse warehouse) {
    this.path = warehouse.duckDbPath();
    this.queries = new DuckDbQueries(warehouse);
  }

  @Override
  public boolean tableExists(String table) throws IOException {
    try {
      return queries.tableExists(table);
    } catch (SQLException e) {
      throw new IOException("Cannot read the catalog of " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String table(String name) {
    return name;
  }

  @Override
  public List<Map<String, Object>> rows(String sql) throws IOException {
    try (DuckDBConnection c = DuckDbConnections.connect(path);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<Map<String, Object>> out = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), value(rs, i, md.getColumnType(i)));
        }
        out.add(row);
      }
      return out;
    } catch (SQLException e) {
      throw new IOException("Query failed on " + path + ": " + e.getMessage() + "\nSQL: " + sql, e);
    }
  }

  /** DuckDB's JDBC types as the interface's: Long, Double, LocalDate, Instant (UTC). */
  private static Object value(ResultSet rs, int i, int sqlType) throws SQLException {
    Object v;
    switch (sqlType) {
      case Types.TIMESTAMP -> {
        // A plain TIMESTAMP holds UTC wall time (the sinks write it so); no JVM zone applies.
        LocalDateTime t = rs.getObject(i, LocalDateTime.class);
        v = t == null ? null : t.toInstant(ZoneOffset.UTC);
      }
      case Types.TIMESTAMP_WITH_TIMEZONE -> {
        OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
        v = t == null ? null : t.toInstant();
      }
      case Types.DATE -> v = rs.getObject(i, LocalDate.class);
      default -> v = rs.getObject(i);
    }
    if (v instanceof BigInteger big) {
      return big.longValueExact();
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    return v;
  }
}
