package io.intelligencesuite.marts.reconcile;

import io.intelligencesuite.schemas.Column;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.values.Row;
import org.duckdb.DuckDBConnection;
import org.joda.time.Instant;

/**
 * Reads a registry table of the embedded warehouse back into Beam rows of its registry schema, so a
 * pipeline that starts from marts (reconcile) can run locally. Meant for mart-sized tables that fit
 * in memory; on BigQuery the same transform reads through BigQueryIO instead.
 */
final class DuckDbTableRows {
  private DuckDbTableRows() {}

  static List<Row> read(String duckDbPath, TableDef table) {
    String columns = table.columns().stream().map(Column::name).collect(Collectors.joining(", "));
    try (DuckDBConnection c = DuckDbConnections.connect(duckDbPath);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + columns + " FROM " + table.name())) {
      List<Row> rows = new ArrayList<>();
      while (rs.next()) {
        RowBuilder b = RowBuilder.of(table);
        int i = 1;
        for (Column col : table.columns()) {
          b.set(col.name(), value(rs, i++, col));
        }
        rows.add(b.build());
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot read " + table.name() + " from " + duckDbPath + ": " + e.getMessage(), e);
    }
  }

  private static Object value(ResultSet rs, int i, Column col) throws SQLException {
    Object v;
    switch (col.type()) {
      case INT64 -> v = rs.getLong(i);
      case FLOAT64 -> v = rs.getDouble(i);
      case BOOL -> v = rs.getBoolean(i);
      case DATE -> v = rs.getObject(i, LocalDate.class);
      case TIMESTAMP -> {
        LocalDateTime t = rs.getObject(i, LocalDateTime.class);
        v = t == null ? null : new Instant(t.toInstant(ZoneOffset.UTC).toEpochMilli());
      }
      default -> v = rs.getString(i);
    }
    return rs.wasNull() ? null : v;
  }
}
