package io.intelligencesuite.schemas;

import java.util.stream.Collectors;

/**
 * DuckDB DDL for a registry table. No PRIMARY KEY constraint on purpose: DuckDB's index makes the
 * delete-then-insert of a window replace fail inside one transaction, and slows bulk appends;
 * uniqueness of the key is a data test (`suite check`) instead, as in dbt.
 */
public final class DuckDbDdl {
  private DuckDbDdl() {}

  /** {@code CREATE TABLE IF NOT EXISTS} for the table, columns in registry order. */
  public static String createTable(TableDef table) {
    return createTable(table, table.name());
  }

  /** The same columns under another name (used for staging tables of a write). */
  public static String createTable(TableDef table, String tableName) {
    String columns =
        table.columns().stream()
            .map(
                c ->
                    "  "
                        + c.name()
                        + " "
                        + c.type().duckDbType()
                        + (c.required() ? " NOT NULL" : ""))
            .collect(Collectors.joining(",\n"));
    return "CREATE TABLE IF NOT EXISTS " + tableName + " (\n" + columns + "\n);";
  }

  /** COMMENT statements carrying the registry's descriptions into the DuckDB catalog. */
  public static String comments(TableDef table) {
    StringBuilder sb = new StringBuilder();
    sb.append("COMMENT ON TABLE ")
        .append(table.name())
        .append(" IS ")
        .append(quote(table.description() + " Grain: " + table.grain() + "."))
        .append(";\n");
    for (Column c : table.columns()) {
      sb.append("COMMENT ON COLUMN ")
          .append(table.name())
          .append('.')
          .append(c.name())
          .append(" IS ")
          .append(quote(c.description()))
          .append(";\n");
    }
    return sb.toString();
  }

  static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
