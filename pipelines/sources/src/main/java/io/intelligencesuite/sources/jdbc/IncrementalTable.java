package io.intelligencesuite.sources.jdbc;

import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.IncrementalOptions;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.datatests.WarehouseReader;
import io.intelligencesuite.transforms.deadletter.BadRecordException;
import io.intelligencesuite.transforms.load.LoadSource;
import io.intelligencesuite.transforms.load.SourceCursors;
import io.intelligencesuite.transforms.load.TableLoad;
import io.intelligencesuite.transforms.warehouse.KeyMerge;
import java.sql.JDBCType;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One snapshot table of a JDBC source, read fully or since its cursor (see {@link SourceCursors}):
 *
 * <ul>
 *   <li>full: every row of the query; the table is replaced.
 *   <li>incremental: {@code SELECT * FROM (query) q WHERE q.cursor >= cursor - overlap}, plus a
 *       keys-only pass {@code SELECT key FROM (query) q}; the changed rows are upserted by key and
 *       rows whose key the source no longer has are deleted ({@link KeyMerge}). The query option
 *       keeps its meaning: the cursor column and the keys are columns of its result.
 * </ul>
 *
 * <p>The cursor is the greatest cursor value read; {@code pipeline_runs.rows_read} counts the
 * changed records only, so it shows what an incremental run read.
 */
public final class IncrementalTable {
  private static final Logger LOG = LoggerFactory.getLogger(IncrementalTable.class);

  /** Column types a cursor can be compared on in SQL. */
  private static final Set<Integer> TIME_TYPES =
      Set.of(Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.DATE);

  private final RunContext run;
  private final TableDef table;
  private final String query;
  private final SourceCursors.Plan plan;

  private IncrementalTable(RunContext run, TableDef table, String query, SourceCursors.Plan plan) {
    this.run = run;
    this.table = table;
    this.query = query;
    this.plan = plan;
  }

  /**
   * A snapshot table of a JDBC source: the load of its records (which names the table), its query
   * and its cursor column, each with the option that sets it, for the messages.
   */
  public record Source(
      TableLoad<Map<String, String>> load,
      String query,
      String queryOption,
      String cursorColumn,
      String cursorOption) {}

  /**
   * Plans each table's read from its cursor ({@link #plan}), reads it into {@code load} ({@link
   * #readInto}), in the order given, and returns the tables' cursor rows as one collection, for
   * {@link SourceCursors#write}.
   */
  public static PCollection<Row> readAll(
      Pipeline pipeline,
      RunContext run,
      IncrementalOptions options,
      JdbcSource db,
      LoadSource.Builder load,
      List<Source> tables) {
    WarehouseReader reader = SourceCursors.reader(run, options);
    List<IncrementalTable> planned = new ArrayList<>();
    for (Source t : tables) {
      planned.add(
          plan(
              reader,
              run,
              options,
              db,
              t.load().table(),
              t.query(),
              t.queryOption(),
              t.cursorColumn(),
              t.cursorOption()));
    }
    PCollectionList<Row> cursors = PCollectionList.empty(pipeline);
    for (int i = 0; i < tables.size(); i++) {
      cursors = cursors.and(planned.get(i).readInto(pipeline, db, load, tables.get(i).load()));
    }
    return cursors
        .apply("Cursors", Flatten.pCollections())
        .setRowSchema(Tables.SOURCE_CURSORS.schema());
  }

  /**
   * Plans the read of {@code table} from {@code query} at launch, from its cursor if any. A cursor
   * column that the query's result lacks, or that is not a timestamp or date there (a text column
   * in a loose replica: comparing it with a time fails on PostgreSQL and compares as text on
   * MySQL), makes the read full, with a warning that says how to make it incremental.
   */
  static IncrementalTable plan(
      WarehouseReader reader,
      RunContext run,
      IncrementalOptions options,
      JdbcSource db,
      TableDef table,
      String query,
      String queryOption,
      String cursorColumn,
      String cursorOption) {
    JdbcSource.identifier(cursorColumn, cursorOption);
    boolean fullRefresh = options.getFullRefresh();
    if (!fullRefresh) {
      Integer type = db.columnTypes(query, queryOption).get(cursorColumn.toLowerCase(Locale.ROOT));
      if (type == null || !TIME_TYPES.contains(type)) {
        LOG.warn(
            "{}: {} is {} in the result of {}, not a timestamp: read in full. Return it as a"
                + " timestamp (or point {} at a timestamp column) to load incrementally.",
            table.name(),
            cursorColumn,
            type == null ? "missing" : typeName(type),
            queryOption,
            cursorOption);
        fullRefresh = true;
      }
    }
    return new IncrementalTable(
        run,
        table,
        query,
        SourceCursors.plan(
            reader,
            run,
            table.name(),
            cursorColumn,
            fullRefresh,
            Duration.ofMinutes(options.getCursorOverlapMinutes())));
  }

  private static String typeName(int type) {
    try {
      return JDBCType.valueOf(type).getName();
    } catch (IllegalArgumentException e) {
      return "JDBC type " + type; // a driver-specific type code
    }
  }

  public SourceCursors.Plan plan() {
    return plan;
  }

  /**
   * Reads the table's records (all, or those changed since the cursor), adds them to {@code load}
   * with the source's keys when incremental, and returns the run's cursor row for the table.
   */
  PCollection<Row> readInto(
      Pipeline pipeline,
      JdbcSource db,
      LoadSource.Builder load,
      TableLoad<Map<String, String>> tableLoad) {
    if (!tableLoad.table().name().equals(table.name())) {
      throw new IllegalArgumentException(
          "The read of " + table.name() + " was given the load of " + tableLoad.table().name());
    }
    String name = table.name();
    PCollection<Map<String, String>> records;
    PCollection<Row> keys = null;
    if (plan.incremental()) {
      records =
          pipeline.apply(
              "Read " + name + " changed since the cursor",
              db.read(
                  "SELECT * FROM ("
                      + query
                      + ") AS q WHERE q."
                      + plan.cursorColumn()
                      + " >= "
                      + db.timestampLiteral(plan.readSince())));
      keys =
          pipeline
              .apply(
                  "Read " + name + " keys",
                  db.read(
                      "SELECT "
                          + table.primaryKey().stream()
                              .map(k -> "q." + k)
                              .collect(Collectors.joining(", "))
                          + " FROM ("
                          + query
                          + ") AS q"))
              .apply(name + " keys as rows", ParDo.of(new KeyRow(table)))
              .setRowSchema(KeyMerge.keySchema(table));
    } else {
      records = pipeline.apply("Read " + name, db.read(query));
    }
    load.add(records, tableLoad, keys);
    String cursorColumn = plan.cursorColumn();
    PCollection<Long> cursorMillis =
        records.apply(
            name + " cursor values",
            FlatMapElements.into(TypeDescriptors.longs())
                .via((Map<String, String> record) -> cursorMillis(record, cursorColumn)));
    return SourceCursors.record(
        run,
        plan,
        cursorMillis,
        records.apply("Count " + name + " read", Count.globally()),
        keys == null ? null : keys.apply("Count " + name + " keys", Count.globally()));
  }

  /**
   * A source key as a row of the table's key columns, normalised as the parsers do ({@link
   * Fields#required}); a key they would reject is skipped: its record is dead-lettered, not in the
   * table, so it has nothing to keep.
   */
  static final class KeyRow extends DoFn<Map<String, String>, Row> {
    private final TableDef table;
    private transient Schema schema;

    KeyRow(TableDef table) {
      this.table = table;
    }

    @Setup
    public void setup() {
      schema = KeyMerge.keySchema(table);
      if (schema.getFields().stream()
          .anyMatch(f -> f.getType().getTypeName() != Schema.TypeName.STRING)) {
        throw new IllegalStateException(
            table.name() + "'s key columns must be STRING to be read from source text: " + schema);
      }
    }

    @ProcessElement
    public void process(@Element Map<String, String> record, OutputReceiver<Row> out) {
      Row.Builder row = Row.withSchema(schema);
      try {
        for (String k : table.primaryKey()) {
          row.addValue(Fields.required(record, k));
        }
      } catch (BadRecordException e) {
        return;
      }
      out.output(row.build());
    }
  }

  /** The cursor column's value as epoch ms; none for a record without a readable one. */
  static List<Long> cursorMillis(Map<String, String> record, String column) {
    try {
      @Nullable Instant t = Fields.optionalTimestamp(record, column);
      return t == null ? List.of() : List.of(t.getMillis());
    } catch (BadRecordException e) {
      // The parser dead-letters the record if the column matters to it; no cursor from it.
      return List.of();
    }
  }
}
