package io.intelligencesuite.transforms.warehouse;

import io.intelligencesuite.schemas.Column;
import io.intelligencesuite.schemas.Layer;
import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The incremental write of a table, the one home of its rule on both warehouses: the rows an
 * incremental run read (those changed since its cursor) replace the rows with the same primary key,
 * and rows the source no longer has are deleted. Which rows those are comes from a second staged
 * table next to the rows, in one of two forms:
 *
 * <ul>
 *   <li>{@link #everyKey}: every key the source has now (a keys-only read of the source, cheap: one
 *       or two columns, no payload); a row whose key is not among them is deleted. For sources with
 *       no delete signal: neither the backend nor the lead-scoring schema has a {@code deleted_at}
 *       column, and a hard delete leaves nothing an {@code updated_at} cursor can find, so the pass
 *       reads every key on each run. Snapshots ({@link Refresh#REPLACE_TABLE}) only: the anti-join
 *       reads the whole table.
 *   <li>{@link #replacing}: the scopes the run read whole, as values of some of the table's columns
 *       (its key, or its parent's id): every row in a staged scope is replaced by the staged rows
 *       of that scope, none left meaning all gone. For sources that say what changed (Stripe's
 *       events): an invoice read again by id brings all its lines, so a line it no longer has goes;
 *       a deleted invoice is a scope with no rows. The staging is as large as the change, not the
 *       table, and it works on day-partitioned tables too: on BigQuery the delete is confined to
 *       the partitions holding a row it deletes ({@link #bigQueryDelete}).
 * </ul>
 *
 * <p>Why not the warehouse's held keys plus the changes as "every key" for an event source: that
 * equals {@link #replacing} row for row (held keys minus the changed scopes' old keys plus their
 * new ones), but stages and anti-joins every key of the table on each run; the scopes are the
 * change itself.
 *
 * <p>Both sinks stage the rows and the keys, then run the delete and the insert of the staged rows
 * in one transaction.
 */
public final class KeyMerge implements Serializable {
  private final TableDef table;
  private final @Nullable List<String> scope;

  private KeyMerge(TableDef table, @Nullable List<String> scope) {
    this.table = table;
    this.scope = scope;
  }

  /** Rows whose key is not among the staged keys (every key the source has now) are deleted. */
  public static KeyMerge everyKey(TableDef table) {
    if (table.refresh() != Refresh.REPLACE_TABLE) {
      throw new IllegalArgumentException(
          table.name()
              + " is "
              + table.refresh()
              + "; a merge against every key the source has is for REPLACE_TABLE snapshots"
              + " (KeyMerge.replacing merges day-partitioned tables)");
    }
    return new KeyMerge(table, null);
  }

  /**
   * Every row whose {@code scopeColumns} values are staged is replaced by the staged rows with
   * those values (the run read each such scope whole, e.g. an invoice with all its lines).
   */
  public static KeyMerge replacing(TableDef table, String... scopeColumns) {
    if (scopeColumns.length == 0) {
      throw new IllegalArgumentException(table.name() + ": a replaced scope needs its columns");
    }
    if (table.refresh() == Refresh.APPEND_BY_RUN) {
      throw new IllegalArgumentException(
          table.name() + " is APPEND_BY_RUN, a log: it is replaced by run, not merged by key");
    }
    for (String c : scopeColumns) {
      table
          .column(c)
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      table.name() + " has no column " + c + " to scope a merge by"));
    }
    return new KeyMerge(table, List.of(scopeColumns));
  }

  /** The staged table of the source's keys for a merge of {@code table}: its key columns only. */
  public static TableDef keysTable(TableDef table) {
    return everyKey(table).keysTable();
  }

  /** The Beam schema of the source keys a merge of {@code table} takes. */
  public static Schema keySchema(TableDef table) {
    return keysTable(table).schema();
  }

  public TableDef table() {
    return table;
  }

  /**
   * The staged table next to the rows: every key the source has ({@code <table>__source_keys}, the
   * key columns), or the scopes the run read whole ({@code <table>__replaced_scopes}).
   */
  public TableDef keysTable() {
    List<String> columns = scope == null ? table.primaryKey() : scope;
    TableDef.Builder b =
        TableDef.builder(
                table.name() + (scope == null ? "__source_keys" : "__replaced_scopes"), Layer.OPS)
            .description(
                (scope == null
                        ? "Primary keys the source has now"
                        : "Scopes (" + String.join(", ", scope) + ") the run read whole")
                    + ", staged for an incremental write of "
                    + table.name())
            .grain(scope == null ? "one key of " + table.name() : "one scope of " + table.name());
    for (String k : columns) {
      Column c = table.column(k).orElseThrow();
      b.required(k, c.type(), c.description());
    }
    return b.primaryKey(columns.toArray(String[]::new)).refresh(Refresh.REPLACE_TABLE).build();
  }

  /** The Beam schema of the staged keys or scopes. */
  public Schema keySchema() {
    return keysTable().schema();
  }

  /** For logs: what the write deletes. */
  public String describe() {
    return scope == null
        ? "merged by key, keys gone from the source deleted"
        : "merged by key, scopes (" + String.join(", ", scope) + ") read whole replaced";
  }

  /**
   * {@code DELETE} of what an incremental write replaces in {@code target} (aliased {@code t}):
   * every row whose key is staged in {@code stage} (it changed: the staged version replaces it),
   * and every row whose key is not among the source's keys in {@code keys} ({@link #everyKey}) or
   * whose scope is staged in {@code keys} ({@link #replacing}). Valid GoogleSQL and DuckDB SQL; the
   * caller quotes the table references for its warehouse.
   */
  public String deleteStatement(String target, String stage, String keys) {
    return "DELETE FROM " + target + " AS t WHERE " + deleted(stage, keys);
  }

  /**
   * {@link #deleteStatement} for BigQuery, where a DELETE rewrites (and bills) every partition it
   * scans: for a day-partitioned table, the days holding a row it deletes are found first (reading
   * only the key, scope and partition columns) into {@code merged_days}, and the delete is confined
   * to them, which BigQuery prunes on since the filter is a script variable, not a subquery. These
   * days are exactly the partitions of the old versions: a changed row's new day, if different,
   * only receives the insert. Statements to put before the transaction ({@code DECLARE} must open
   * the script; the days are computed before it) and the delete inside it.
   */
  public BigQueryDelete bigQueryDelete(String target, String stage, String keys) {
    if (table.partitionColumn().isEmpty()) {
      return new BigQueryDelete("", deleteStatement(target, stage, keys));
    }
    String day = "CAST(t." + table.partitionColumn().get() + " AS DATE)";
    return new BigQueryDelete(
        "DECLARE merged_days ARRAY<DATE>;\nSET merged_days = (SELECT ARRAY_AGG(DISTINCT "
            + day
            + ") FROM "
            + target
            + " AS t WHERE "
            + deleted(stage, keys)
            + ");\n",
        "DELETE FROM "
            + target
            + " AS t WHERE "
            + day
            + " IN UNNEST(merged_days) AND ("
            + deleted(stage, keys)
            + ")");
  }

  /** A BigQuery merge delete: what runs before the transaction, and the statement inside it. */
  public record BigQueryDelete(String beforeTransaction, String delete) {}

  private String deleted(String stage, String keys) {
    return "EXISTS (SELECT 1 FROM "
        + stage
        + " AS s WHERE "
        + same(table.primaryKey(), "s")
        + ") OR "
        + (scope == null ? "NOT EXISTS" : "EXISTS")
        + " (SELECT 1 FROM "
        + keys
        + " AS k WHERE "
        + same(scope == null ? table.primaryKey() : scope, "k")
        + ")";
  }

  private static String same(List<String> columns, String alias) {
    return columns.stream()
        .map(k -> alias + "." + k + " = t." + k)
        .collect(Collectors.joining(" AND "));
  }
}
