package io.intelligencesuite.transforms.warehouse;

import io.intelligencesuite.schemas.Column;
import io.intelligencesuite.schemas.Layer;
import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;

/**
 * The incremental write of a snapshot table, the one home of its rule on both warehouses: the rows
 * an incremental run read (those changed since its cursor) replace the rows with the same primary
 * key, and every row whose key the source no longer has is deleted. The keys the source has are
 * staged next to the rows (a keys-only read of the source, cheap: one or two columns, no payload),
 * so a delete in the source is seen without a soft-delete column the sources do not have.
 *
 * <p>Why a keys-only pass and not a {@code deleted_at} column: neither the backend nor the
 * lead-scoring schema has one, and a hard delete leaves nothing an {@code updated_at} cursor can
 * find. The pass reads every key on each run, which is what makes an incremental run end with the
 * table a full refresh would give.
 *
 * <p>Both sinks stage the rows and the keys, then run {@link #deleteStatement} and the insert of
 * the staged rows in one transaction.
 */
public final class KeyMerge {
  private KeyMerge() {}

  /** The staged table of the source's keys for a merge of {@code table}: its key columns only. */
  public static TableDef keysTable(TableDef table) {
    TableDef.Builder b =
        TableDef.builder(table.name() + "__source_keys", Layer.OPS)
            .description(
                "Primary keys the source has now, staged for an incremental write of "
                    + table.name())
            .grain("one key of " + table.name());
    for (String k : table.primaryKey()) {
      Column c = table.column(k).orElseThrow();
      b.required(k, c.type(), c.description());
    }
    return b.primaryKey(table.primaryKey().toArray(String[]::new))
        .refresh(Refresh.REPLACE_TABLE)
        .build();
  }

  /** The Beam schema of the source keys a merge of {@code table} takes. */
  public static Schema keySchema(TableDef table) {
    return keysTable(table).schema();
  }

  /**
   * {@code DELETE} of what an incremental write replaces in {@code target} (aliased {@code t}):
   * every row whose key is staged in {@code stage} (it changed: the staged version replaces it) and
   * every row whose key is not among the source's keys in {@code keys} (deleted in the source).
   * Valid GoogleSQL and DuckDB SQL; the caller quotes the table references for its warehouse.
   */
  public static String deleteStatement(TableDef table, String target, String stage, String keys) {
    if (table.refresh() != Refresh.REPLACE_TABLE) {
      throw new IllegalArgumentException(
          table.name()
              + " is "
              + table.refresh()
              + "; an incremental key merge is for REPLACE_TABLE snapshots");
    }
    return "DELETE FROM "
        + target
        + " AS t WHERE EXISTS (SELECT 1 FROM "
        + stage
        + " AS s WHERE "
        + sameKey(table, "s")
        + ") OR NOT EXISTS (SELECT 1 FROM "
        + keys
        + " AS k WHERE "
        + sameKey(table, "k")
        + ")";
  }

  private static String sameKey(TableDef table, String alias) {
    return table.primaryKey().stream()
        .map(k -> alias + "." + k + " = t." + k)
        .collect(Collectors.joining(" AND "));
  }
}
