package io.intelligencesuite.transforms.warehouse;

import io.intelligencesuite.schemas.Column;
import io.intelligencesuite.schemas.DuckDbDdl;
import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registry table on DuckDB: created when missing, evolved by {@link SchemaDrift}'s rule when it
 * drifted. Added columns land at the table's end ({@code ALTER TABLE ADD COLUMN} has no position),
 * which is harmless because every write names its columns and every read selects them by name; the
 * alternative, rebuilding a copy in registry order, would rewrite the whole table (all of
 * events_web) for one new column.
 */
final class DuckDbSchema {
  private static final Logger LOG = LoggerFactory.getLogger(DuckDbSchema.class);

  private DuckDbSchema() {}

  /** The table's columns as DuckDB reports them, in order; empty when it does not exist. */
  static List<SchemaDrift.Existing> existing(Connection c, String tableName) throws SQLException {
    List<SchemaDrift.Existing> columns = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
                + "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position")) {
      ps.setString(1, tableName);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.add(
              new SchemaDrift.Existing(
                  rs.getString(1), rs.getString(2), "YES".equalsIgnoreCase(rs.getString(3))));
        }
      }
    }
    return columns;
  }

  /** The drift of {@code table} in the file at {@code path}; null when the table does not exist. */
  static SchemaDrift drift(Connection c, TableDef table, String path) throws SQLException {
    List<SchemaDrift.Existing> existing = existing(c, table.name());
    return existing.isEmpty()
        ? null
        : new SchemaDrift(table, "duckdb:" + path, existing, column -> column.type().duckDbType());
  }

  /**
   * Fails, before anything is staged, when the table drifted in a way a write refuses (a snapshot
   * table is rebuilt instead, see {@link #ensure}).
   */
  static void refuseBreaking(Connection c, TableDef table, String path) throws SQLException {
    SchemaDrift drift = drift(c, table, path);
    if (drift != null && table.refresh() != Refresh.REPLACE_TABLE) {
      drift.refuseBreaking("nothing was written to " + table.name());
    }
  }

  /**
   * Makes the table match the registry, on {@code s}'s connection (inside the caller's transaction,
   * if any): creates it when missing, applies additive changes, and for a breaking change either
   * rebuilds it (a {@link Refresh#REPLACE_TABLE} snapshot, which this run rewrites whole anyway, so
   * nothing is lost) or refuses, naming the column and the fix.
   */
  static void ensure(Connection c, Statement s, TableDef table, String path) throws SQLException {
    SchemaDrift drift = drift(c, table, path);
    if (drift != null && drift.isBreaking()) {
      if (table.refresh() != Refresh.REPLACE_TABLE) {
        drift.refuseBreaking(table.name() + " is unchanged");
      }
      LOG.warn(
          "Table {} in {} differs from the registry; it is a full snapshot, so this run rebuilds"
              + " it with the registry's columns.",
          table.name(),
          path);
      s.execute("DROP TABLE " + table.name());
      drift = null;
    }
    if (drift == null) {
      s.execute(DuckDbDdl.createTable(table));
      return;
    }
    for (Column added : drift.added()) {
      s.execute(
          "ALTER TABLE "
              + table.name()
              + " ADD COLUMN IF NOT EXISTS "
              + added.name()
              + " "
              + added.type().duckDbType());
    }
    for (Column relaxed : drift.relaxed()) {
      s.execute(
          "ALTER TABLE " + table.name() + " ALTER COLUMN " + relaxed.name() + " DROP NOT NULL");
    }
    if (!drift.added().isEmpty() || !drift.relaxed().isEmpty()) {
      LOG.info("Table {} in {}: {}", table.name(), path, drift.describeAdditive());
    }
  }
}
