package io.intelligencesuite.transforms.warehouse;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import io.intelligencesuite.schemas.Column;
import io.intelligencesuite.schemas.TableDef;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Test stand-in for BigQuery running the sink's replace script, because Beam's FakeJobService can
 * only answer query jobs with pre-registered results, not run DML. It runs the very script the sink
 * sent on an in-memory DuckDB holding the fake dataset's target and stage rows (every column as
 * text, {@code `project.dataset.table`} mapped to the table id), then writes the surviving rows
 * back into the fake dataset (an incremental write's staged keys are loaded too): the original
 * {@link TableRow} objects for rows the script kept, the staged ones for rows it inserted. So the
 * test sees exactly what the statements decided, row for row; what it cannot see is BigQuery's own
 * parsing, execution and transaction.
 */
final class DuckDbEmulatedScripts implements BigQueryScripts {
  private static final Pattern TABLE = Pattern.compile("`([^`.]+)\\.([^`.]+)\\.([^`]+)`");

  /** Every script run since the last {@link #clear} (static, like the fakes' storage). */
  static final List<String> SCRIPTS = Collections.synchronizedList(new ArrayList<>());

  /**
   * The {@code merged_days} each day-partitioned merge script confined its delete to (sorted; empty
   * when it deleted nothing), in the order the scripts ran.
   */
  static final List<List<String>> MERGED_DAYS = Collections.synchronizedList(new ArrayList<>());

  private final TableDef table;

  DuckDbEmulatedScripts(TableDef table) {
    this.table = table;
  }

  static void clear() {
    SCRIPTS.clear();
    MERGED_DAYS.clear();
  }

  /**
   * The BigQuery scripting a merge of a day-partitioned table uses ({@link
   * KeyMerge#bigQueryDelete}), in DuckDB's words: a session variable for the script variable, the
   * same aggregate, and the array unnested in a subquery.
   */
  static String toDuckDb(String script) {
    return script
        .replace("DECLARE merged_days ARRAY<DATE>;\n", "")
        .replace("SET merged_days = (", "SET VARIABLE merged_days = (")
        .replace("IN UNNEST(merged_days)", "IN (SELECT UNNEST(getvariable('merged_days')))");
  }

  @Override
  public void run(String project, String script, PipelineOptions options) throws IOException {
    SCRIPTS.add(script);
    Matcher m = TABLE.matcher(script);
    TableReference target = null;
    TableReference stage = null;
    TableReference keys = null;
    while (m.find()) {
      TableReference ref =
          new TableReference()
              .setProjectId(m.group(1))
              .setDatasetId(m.group(2))
              .setTableId(m.group(3));
      if (ref.getTableId().equals(table.name())) {
        target = ref;
      } else if (ref.getTableId().endsWith("_keys")) {
        keys = ref; // an incremental write's staged source keys (KeyMerge)
      } else {
        stage = ref;
      }
    }
    try {
      FakeDatasetService datasets = new FakeDatasetService();
      List<TableRow> targetRows =
          datasets.getAllRows(target.getProjectId(), target.getDatasetId(), target.getTableId());
      List<TableRow> stageRows =
          datasets.getAllRows(stage.getProjectId(), stage.getDatasetId(), stage.getTableId());
      List<TableRow> keyRows =
          keys == null
              ? List.of()
              : datasets.getAllRows(keys.getProjectId(), keys.getDatasetId(), keys.getTableId());
      List<TableRow> kept = execute(script, target, stage, keys, targetRows, stageRows, keyRows);
      Table metadata = datasets.getTable(target);
      datasets.deleteTable(target);
      datasets.createTable(metadata);
      datasets.insertAll(target, kept, null);
    } catch (SQLException | InterruptedException e) {
      throw new IOException("Emulated script failed: " + e.getMessage() + "\n" + script, e);
    }
  }

  private List<TableRow> execute(
      String script,
      TableReference target,
      TableReference stage,
      TableReference keys,
      List<TableRow> targetRows,
      List<TableRow> stageRows,
      List<TableRow> keyRows)
      throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      load(c, s, target.getTableId(), targetRows, names(table.columns()));
      load(c, s, stage.getTableId(), stageRows, names(table.columns()));
      if (keys != null) {
        load(c, s, keys.getTableId(), keyRows, keyColumns(keys));
      }
      s.execute(toDuckDb(TABLE.matcher(script).replaceAll("$3")));
      if (script.contains("merged_days")) {
        List<String> days = new ArrayList<>();
        try (ResultSet rs =
            s.executeQuery(
                "SELECT CAST(d AS VARCHAR) FROM (SELECT UNNEST(getvariable('merged_days')) AS d)"
                    + " ORDER BY 1")) {
          while (rs.next()) {
            days.add(rs.getString(1));
          }
        }
        MERGED_DAYS.add(days);
      }
      Map<String, TableRow> stagedByKey = new HashMap<>();
      for (TableRow row : stageRows) {
        stagedByKey.put(key(row), row);
      }
      List<TableRow> kept = new ArrayList<>();
      String keyText = String.join(" || '|' || ", table.primaryKey());
      try (ResultSet rs =
          s.executeQuery("SELECT _idx, " + keyText + " FROM " + target.getTableId())) {
        while (rs.next()) {
          int idx = rs.getInt(1);
          kept.add(rs.wasNull() ? stagedByKey.get(rs.getString(2)) : targetRows.get(idx));
        }
      }
      return kept;
    }
  }

  /** The staged keys' columns, as their load created them (every key, or the replaced scopes). */
  private static List<String> keyColumns(TableReference keys) throws SQLException {
    try {
      return new FakeDatasetService()
          .getTable(keys).getSchema().getFields().stream().map(f -> f.getName()).toList();
    } catch (IOException | InterruptedException e) {
      throw new SQLException("Cannot read the staged keys' schema of " + keys, e);
    }
  }

  private String key(TableRow row) {
    return table.primaryKey().stream()
        .map(k -> String.valueOf(row.get(k)))
        .collect(Collectors.joining("|"));
  }

  private static List<String> names(List<Column> columns) {
    return columns.stream().map(Column::name).toList();
  }

  /** Every registry column as text, plus {@code _idx}: the row's index in the fake table. */
  private static void load(
      Connection c, Statement s, String name, List<TableRow> rows, List<String> columns)
      throws SQLException {
    s.execute(
        "CREATE TABLE "
            + name
            + " ("
            + columns.stream().map(col -> col + " VARCHAR, ").collect(Collectors.joining())
            + "_idx INTEGER)");
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO " + name + " VALUES (" + "?, ".repeat(columns.size()) + "?)")) {
      for (int i = 0; i < rows.size(); i++) {
        for (int j = 0; j < columns.size(); j++) {
          Object value = rows.get(i).get(columns.get(j));
          insert.setString(j + 1, value == null ? null : String.valueOf(value));
        }
        insert.setInt(columns.size() + 1, i);
        insert.executeUpdate();
      }
    }
  }
}
