package io.intelligencesuite.marts;

import io.intelligencesuite.schemas.Layer;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.warehouse.ReadTable;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * The staging tables a pipeline is built from, one PCollection of registry rows per table. A
 * pipeline reads only the tables it names (the marts {@link MartsPipeline#READS}, identity {@link
 * IdentityPipeline#READS}): a table read for nothing still costs its read, its count and its
 * internal-account filter in the job graph, which the embedded Flink runner translates and runs
 * step by step. Asking for a table that was not read fails, naming it.
 */
public final class Staging {
  private final Map<String, PCollection<Row>> tables;

  private Staging(Map<String, PCollection<Row>> tables) {
    this.tables = tables;
  }

  /**
   * The columns the marts use of a wide staging table, read instead of all of them: events_web is
   * the biggest table by far (2M rows at demo scale 10) and the marts need only its visitor, login,
   * first-touch and session-start columns (IdentityLinks, InternalAccounts, FirstTouch,
   * WebVisitors), not its JSON params or page fields. events_product is the second biggest (0.5M
   * rows at scale 10); the usage and trial facts need its keys, time and feature, not its event
   * name or JSON properties. A transform that needs another column adds it here. (A dead letter's
   * payload then holds the columns read; its event_id names the source row.)
   */
  static final Map<String, String[]> COLUMNS_USED =
      Map.of(
          Tables.EVENTS_WEB.name(),
              new String[] {
                "event_id",
                "event_ts",
                "event_date",
                "event_name",
                "user_pseudo_id",
                "user_id",
                "session_id",
                "page_location",
                "page_referrer",
                "utm_source",
                "utm_medium",
                "utm_campaign",
                "gclid",
                "session_engaged"
              },
          Tables.EVENTS_PRODUCT.name(),
              new String[] {
                "event_id", "event_ts", "event_date", "user_id", "account_id", "feature"
              });

  /**
   * Every staging table of the registry, read from the warehouse (only the columns used, see
   * above).
   */
  public static Staging read(Pipeline pipeline, Warehouse warehouse) {
    return read(pipeline, warehouse, t -> true);
  }

  /**
   * The staging tables {@code used} accepts, read from the warehouse (only the columns used, see
   * above); the others are not there, so a pipeline reads only what it needs.
   */
  static Staging read(Pipeline pipeline, Warehouse warehouse, Predicate<TableDef> used) {
    return read(pipeline, warehouse, used, COLUMNS_USED, Set.of());
  }

  /**
   * As {@link #read(Pipeline, Warehouse, Predicate)}, with the columns a pipeline uses of its wide
   * tables given by that pipeline (table name to columns; a table not named is read whole); the
   * tables named in {@code distinct} read as their columns' distinct combinations with the rows
   * each stands for ({@link ReadTable#distinctWithCounts}), for a pipeline that needs no single row
   * of them.
   */
  static Staging read(
      Pipeline pipeline,
      Warehouse warehouse,
      Predicate<TableDef> used,
      Map<String, String[]> columnsUsed,
      Set<String> distinct) {
    Map<String, PCollection<Row>> tables = new LinkedHashMap<>();
    for (TableDef t : Tables.all()) {
      if (t.layer() == Layer.STAGING) {
        String[] columns = columnsUsed.get(t.name());
        ReadTable read = ReadTable.from(t, warehouse);
        if (columns != null) {
          read = read.columns(columns);
        }
        if (distinct.contains(t.name())) {
          read = read.distinctWithCounts();
        }
        if (used.test(t)) {
          tables.put(t.name(), pipeline.apply(read));
        }
      }
    }
    return new Staging(tables);
  }

  /** For tests: the given tables; any staging table not given is empty. */
  public static Staging of(Pipeline pipeline, Map<TableDef, PCollection<Row>> given) {
    Map<String, PCollection<Row>> tables = new LinkedHashMap<>();
    for (TableDef t : Tables.all()) {
      if (t.layer() == Layer.STAGING) {
        PCollection<Row> rows = given.get(t);
        tables.put(t.name(), rows != null ? rows : empty(pipeline, t));
      }
    }
    return new Staging(tables);
  }

  private static PCollection<Row> empty(Pipeline pipeline, TableDef table) {
    return pipeline.apply("No " + table.name(), Create.empty(table.schema()));
  }

  public PCollection<Row> get(TableDef table) {
    PCollection<Row> rows = tables.get(table.name());
    if (rows == null) {
      throw new IllegalArgumentException(
          table.layer() == Layer.STAGING
              ? table.name() + " was not read: add it to the tables this pipeline reads (READS)"
              : table.name() + " is not a staging table");
    }
    return rows;
  }

  /** Whether this pipeline read {@code table}. */
  boolean has(TableDef table) {
    return tables.containsKey(table.name());
  }

  /**
   * A copy with some tables replaced (the internal-account filter uses it); a change to a table
   * that was not read is left out.
   */
  Staging with(Map<TableDef, UnaryOperator<PCollection<Row>>> changes) {
    Map<String, PCollection<Row>> copy = new LinkedHashMap<>(tables);
    changes.forEach(
        (t, f) -> {
          if (has(t)) {
            copy.put(t.name(), f.apply(get(t)));
          }
        });
    return new Staging(copy);
  }
}
