package io.intelligencesuite.transforms.warehouse;

import com.google.api.services.bigquery.model.TableReference;
import io.intelligencesuite.schemas.Column;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.transforms.load.FirstRowLog;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.TypedRead.Method;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServicesImpl;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryUtils;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The read half of the warehouse: every row of one registry table, as Beam {@link Row}s of the
 * registry schema, from the warehouse chosen by {@code --warehouse}. The marts pipeline reads the
 * staging tables with it, so BigQuery and DuckDB feed the same transforms.
 *
 * <ul>
 *   <li>BigQuery: the Storage Read API ({@code DIRECT_READ}), converted with BigQueryUtils.
 *   <li>DuckDB: a bounded source of {@value #SHARDS} queries, each reading every {@value #SHARDS}th
 *       row ({@code rowid}), spread over the workers by the runner: the rows are made where they
 *       are used, rather than read on one worker and reshuffled to the others (a reshuffle encodes,
 *       sorts and decodes every row; for events_web that was most of the marts' read cost). A table
 *       that does not exist yet reads as empty with a warning, because an optional source (say,
 *       enrichment) may never have run.
 * </ul>
 *
 * <p>{@link #columns} reads only the columns a consumer uses (rows of a narrower schema, same
 * column types): the marts need 8 of events_web's 18 columns, and not its JSON params. {@link
 * #distinctWithCounts} reads each distinct combination of those columns once, with the number of
 * table rows it stands for ({@value #TABLE_ROWS}): identity needs events_web's visitor-login pairs,
 * about a tenth of its rows, and the run's rows read still count every row ({@link #rowsIn}).
 */
public final class ReadTable extends PTransform<PBegin, PCollection<Row>> {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReadTable.class);

  /** DuckDB read queries per table: a few per worker, so a slow worker does not hold the rest. */
  static final int SHARDS = 4;

  /**
   * Rows per element of the DuckDB source, unpacked by the step after it. Beam's Flink source
   * wrapper updates the job's metrics after every element it reads (ReaderInvocationUtil), which
   * was over a quarter of events_web's read thread; per batch it is paid once per this many rows.
   */
  static final int BATCH = 1000;

  /** The column a {@link #distinctWithCounts} read adds: how many table rows the row stands for. */
  public static final String TABLE_ROWS = "table_rows";

  /**
   * What a read reads, as one value (as Beam's IOs keep theirs): the table and warehouse, the
   * columns (in the table's order), whether a table missing on BigQuery reads as empty, whether
   * rows come grouped with their counts, and the test's BigQuery services. The DuckDB source
   * carries it to the workers.
   */
  record Settings(
      TableDef table,
      Warehouse warehouse,
      @Nullable BigQueryServices services,
      List<Column> columns,
      boolean emptyIfMissing,
      boolean counted)
      implements Serializable {
    Settings withColumns(List<Column> c) {
      return new Settings(table, warehouse, services, c, emptyIfMissing, counted);
    }

    Settings withCounts() {
      return new Settings(table, warehouse, services, columns, emptyIfMissing, true);
    }

    Settings withEmptyIfMissing() {
      return new Settings(table, warehouse, services, columns, true, counted);
    }

    Settings withServices(BigQueryServices s) {
      return new Settings(table, warehouse, s, columns, emptyIfMissing, counted);
    }

    /** Whether only some of the table's columns are read. */
    boolean selected() {
      return columns.size() != table.columns().size();
    }

    /** The schema of the columns read: the table's, or its selected columns'. */
    Schema columnsSchema() {
      if (!selected()) {
        return table.schema();
      }
      return new Schema(
          columns.stream()
              .map(c -> table.schema().getField(c.name()))
              .collect(Collectors.toList()));
    }

    /** The schema of the rows read: the columns', then {@value #TABLE_ROWS} when counted. */
    Schema schema() {
      Schema read = columnsSchema();
      if (!counted) {
        return read;
      }
      List<Schema.Field> fields = new ArrayList<>(read.getFields());
      fields.add(Schema.Field.of(TABLE_ROWS, Schema.FieldType.INT64));
      return new Schema(fields);
    }
  }

  private final Settings settings;

  private ReadTable(Settings settings) {
    super("Read " + settings.table().name());
    this.settings = settings;
  }

  public static ReadTable from(TableDef table, Warehouse warehouse) {
    return new ReadTable(new Settings(table, warehouse, null, table.columns(), false, false));
  }

  /**
   * Only these columns (in the table's order), as rows of a schema with just them; an unknown name
   * fails here, naming it.
   */
  public ReadTable columns(String... names) {
    TableDef table = settings.table();
    Set<String> wanted = new HashSet<>(Arrays.asList(names));
    for (String n : names) {
      if (table.columns().stream().noneMatch(c -> c.name().equals(n))) {
        throw new IllegalArgumentException(table.name() + " has no column " + n);
      }
    }
    return new ReadTable(
        settings.withColumns(
            table.columns().stream()
                .filter(c -> wanted.contains(c.name()))
                .collect(Collectors.toList())));
  }

  /**
   * Each distinct combination of the columns read, once, with the number of table rows that have it
   * in a last INT64 column, {@value #TABLE_ROWS}, for a consumer that needs the combinations (and
   * the rows read, {@link #rowsIn}) but not each row. DuckDB groups each shard's rows (so a
   * combination may come once per shard); BigQuery reads every row with a count of 1.
   */
  public ReadTable distinctWithCounts() {
    return new ReadTable(settings.withCounts());
  }

  /**
   * The table rows one element stands for: the {@value #TABLE_ROWS} of a {@link
   * #distinctWithCounts} row, 1 for any other element.
   */
  public static long rowsIn(Object element) {
    if (element instanceof Row r && r.getSchema().hasField(TABLE_ROWS)) {
      Long n = r.getInt64(TABLE_ROWS);
      return n == null ? 1 : n;
    }
    return 1;
  }

  /**
   * On BigQuery too, a table that does not exist reads as empty (with a warning) instead of failing
   * the launch, as on DuckDB: for a table that a first run legitimately lacks (the identity
   * pipeline's previous identity_map). Checked when the pipeline is built, in the launcher.
   */
  public ReadTable emptyIfMissing() {
    return new ReadTable(settings.withEmptyIfMissing());
  }

  /**
   * Test hook: Beam's fake BigQuery services (they cannot serve the Storage API: export is used).
   */
  public ReadTable withBigQueryServices(BigQueryServices services) {
    return new ReadTable(settings.withServices(services));
  }

  /** The schema of the rows this read gives: the table's, or its selected columns'. */
  public Schema schema() {
    return settings.schema();
  }

  @Override
  public PCollection<Row> expand(PBegin begin) {
    TableDef table = settings.table();
    Warehouse warehouse = settings.warehouse();
    Schema schema = settings.schema();
    switch (warehouse.kind()) {
      case DUCKDB:
        return begin
            .apply("Read DuckDB", Read.from(new DuckDbTableSource(settings, -1)))
            .apply("Rows", ParDo.of(new Unbatch()))
            .setRowSchema(schema);
      case BIGQUERY:
        if (settings.emptyIfMissing() && !bigQueryTableExists(begin.getPipeline().getOptions())) {
          LOG.warn(
              "Table {}.{} does not exist yet: read as empty (run the pipeline that writes it)",
              warehouse.bigQueryDataset(),
              table.name());
          return begin.apply("Missing " + table.name(), Create.empty(schema));
        }
        String spec =
            warehouse.bigQueryProject() + ":" + warehouse.bigQueryDataset() + "." + table.name();
        BigQueryIO.TypedRead<com.google.api.services.bigquery.model.TableRow> read =
            BigQueryIO.readTableRows().from(spec).withMethod(Method.DIRECT_READ);
        if (settings.selected()) {
          read =
              read.withSelectedFields(
                  settings.columns().stream().map(Column::name).collect(Collectors.toList()));
        }
        if (settings.services() != null) {
          read =
              read.withMethod(Method.EXPORT)
                  .withTestServices(settings.services())
                  .withoutValidation();
        }
        Schema columnsSchema = settings.columnsSchema();
        boolean counted = settings.counted();
        return begin
            .apply("Read BigQuery", read)
            .apply(
                "To rows",
                MapElements.into(TypeDescriptors.rows())
                    .via(
                        tr -> {
                          Row r = BigQueryUtils.toBeamRow(columnsSchema, tr);
                          return counted
                              ? Row.withSchema(schema).addValues(r.getValues()).addValue(1L).build()
                              : r;
                        }))
            .setRowSchema(schema);
      default:
        throw new IllegalStateException("Unknown warehouse " + warehouse);
    }
  }

  private boolean bigQueryTableExists(PipelineOptions options) {
    BigQueryServices services =
        settings.services() != null ? settings.services() : new BigQueryServicesImpl();
    TableReference ref =
        new TableReference()
            .setProjectId(settings.warehouse().bigQueryProject())
            .setDatasetId(settings.warehouse().bigQueryDataset())
            .setTableId(settings.table().name());
    try (BigQueryServices.DatasetService tables =
        services.getDatasetService(options.as(BigQueryOptions.class))) {
      return tables.getTable(ref) != null;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot tell whether "
              + ref
              + " exists ("
              + e.getMessage()
              + "): check the dataset name"
              + " in --warehouse and the launcher's BigQuery permissions",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while looking up " + ref, e);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot look up " + ref + ": " + e.getMessage(), e);
    }
  }

  /** The SELECT that reads a table with every value in a type the row builder takes as is. */
  static String selectSql(TableDef table) {
    return selectSql(table.name(), table.columns(), Set.of());
  }

  /**
   * The SELECT of {@code columns}; those named in {@code absent} (NULLABLE registry columns the
   * table does not have yet: it was written before they were added) read as NULL.
   */
  static String selectSql(String table, List<Column> columns, Set<String> absent) {
    return "SELECT " + selectList(columns, absent) + " FROM " + table;
  }

  private static String selectList(List<Column> columns, Set<String> absent) {
    return columns.stream()
        .map(
            c ->
                absent.contains(c.name())
                    ? "CAST(NULL AS " + c.type().duckDbType() + ") AS " + c.name()
                    : switch (c.type()) {
                      // epoch milliseconds: no JDBC time-zone conversion can shift them.
                      case TIMESTAMP -> "epoch_ms(" + c.name() + ") AS " + c.name();
                      default -> c.name();
                    })
        .collect(Collectors.joining(", "));
  }

  /** One shard's query: every {@value #SHARDS}th row by DuckDB's row id. */
  static String shardSql(String table, List<Column> columns, Set<String> absent, int shard) {
    return selectSql(table, columns, absent) + shardFilter(shard);
  }

  private static String shardFilter(int shard) {
    return shard < 0 ? "" : " WHERE rowid % " + SHARDS + " = " + shard;
  }

  /**
   * A {@link #distinctWithCounts} query: the distinct combinations of the shard's (or the table's)
   * rows, each with its row count.
   */
  static String countedSql(String table, List<Column> columns, Set<String> absent, int shard) {
    return "SELECT "
        + selectList(columns, absent)
        + ", count(*) AS "
        + TABLE_ROWS
        + " FROM "
        + table
        + shardFilter(shard)
        + " GROUP BY ALL";
  }

  /**
   * One DuckDB table (its chosen columns) as a bounded source: split into {@value #SHARDS} rowid
   * shards, which the runner reads in parallel where the rows are used. A source rather than
   * Impulse, a shard-numbering step, a reshuffle and a query step: two steps of the job graph (with
   * the one unpacking its batches of {@value #BATCH} rows) instead of ten, so the embedded Flink
   * runner translates, schedules and sorts less per table read (the marts read twenty). Unsplit
   * (shard -1), it reads the whole table.
   */
  static final class DuckDbTableSource extends BoundedSource<List<Row>> {
    private final Settings read;
    private final int shard;

    DuckDbTableSource(Settings read, int shard) {
      this.read = read;
      this.shard = shard;
    }

    @Override
    public List<DuckDbTableSource> split(long desiredBundleSizeBytes, PipelineOptions options) {
      if (shard >= 0) {
        return List.of(this);
      }
      List<DuckDbTableSource> shards = new ArrayList<>();
      for (int i = 0; i < SHARDS; i++) {
        shards.add(new DuckDbTableSource(read, i));
      }
      return shards;
    }

    /**
     * Unknown until queried; the shards do not depend on it, so no query is spent on it at launch.
     */
    @Override
    public long getEstimatedSizeBytes(PipelineOptions options) {
      return 0;
    }

    @Override
    public Coder<List<Row>> getOutputCoder() {
      return ListCoder.of(RowCoder.of(read.schema()));
    }

    @Override
    public BoundedReader<List<Row>> createReader(PipelineOptions options) {
      // A pipeline launched without the suite's run id (a test) is known by its job name.
      String runId = options.as(WarehouseOptions.class).getRunId();
      return new ShardReader(this, runId != null ? runId : options.getJobName());
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder
          .add(DisplayData.item("table", read.table().name()))
          .add(DisplayData.item("shard", shard));
    }
  }

  /** The rows of each batch the source read, one by one. */
  private static final class Unbatch extends DoFn<List<Row>, Row> {
    @ProcessElement
    public void process(@Element List<Row> batch, OutputReceiver<Row> out) {
      for (Row r : batch) {
        out.output(r);
      }
    }
  }

  /** Reads one shard (or the whole table) with one query on one connection, in batches. */
  private static final class ShardReader extends BoundedSource.BoundedReader<List<Row>> {
    private final DuckDbTableSource source;
    private final Settings read;
    private final String table;
    private final String path;
    private final String runId;
    private final Schema schema;
    private @Nullable Connection connection;
    private @Nullable Statement statement;
    private @Nullable ResultSet rows;
    private @Nullable List<Row> current;
    private long n;

    ShardReader(DuckDbTableSource source, String runId) {
      this.source = source;
      this.read = source.read;
      this.table = read.table().name();
      this.path = read.warehouse().duckDbPath();
      this.runId = runId;
      this.schema = read.schema();
    }

    @Override
    public boolean start() throws IOException {
      try {
        connection = DuckDbConnections.connect(path);
        SchemaDrift drift = DuckDbSchema.drift(connection, read.table(), path);
        if (drift == null) {
          if (source.shard <= 0) {
            LOG.warn(
                "Table {} does not exist in {} yet: read as empty (run the pipeline that writes it)",
                table,
                path);
          }
          return false;
        }
        // Reads never change the table: the next write of it applies the additive changes.
        drift.refuseUnreadable("nothing was read from it");
        Set<String> absent = new HashSet<>();
        drift.added().forEach(c -> absent.add(c.name()));
        if (source.shard <= 0 && !absent.isEmpty()) {
          LOG.warn(
              "Table {} in {} lacks the registry's new column(s) {}: read as NULL until the"
                  + " pipeline that writes it runs again (which adds them)",
              table,
              path,
              absent);
        }
        statement = connection.createStatement();
        rows =
            statement.executeQuery(
                read.counted()
                    ? countedSql(table, read.columns(), absent, source.shard)
                    : shardSql(table, read.columns(), absent, source.shard));
        return advance();
      } catch (SQLException e) {
        throw new IOException("Cannot read " + table + " from " + path + ": " + e, e);
      }
    }

    @Override
    public boolean advance() throws IOException {
      try {
        List<Row> batch = new ArrayList<>(BATCH);
        while (batch.size() < BATCH && rows != null && rows.next()) {
          batch.add(row(rows));
        }
        current = batch.isEmpty() ? null : batch;
        return current != null;
      } catch (SQLException e) {
        throw new IOException("Cannot read " + table + " from " + path + ": " + e, e);
      }
    }

    /** The result set's current row. */
    private Row row(ResultSet rows) throws SQLException {
      List<Column> columns = read.columns();
      int width = columns.size();
      Object[] values = new Object[read.counted() ? width + 1 : width];
      if (read.counted()) {
        values[width] = rows.getLong(width + 1);
      }
      for (int i = 0; i < width; i++) {
        Column c = columns.get(i);
        values[i] = value(rows, i + 1, c);
        if (values[i] == null && !schema.getField(i).getType().getNullable()) {
          throw new IllegalStateException(
              table
                  + "."
                  + c.name()
                  + " is NULL in "
                  + path
                  + " but the registry says it is required: reload the table with its pipeline");
        }
      }
      // The values are already of the schema's types (value() maps each column type), and
      // nullability is checked above: no second validation per row (RowBuilder#build's
      // Row.Builder check was a third of this read's CPU).
      if (n == 0) {
        FirstRowLog.firstRow(runId, table, null);
      }
      n++;
      return Row.withSchema(schema).attachValues(values);
    }

    @Override
    public List<Row> getCurrent() {
      if (current == null) {
        throw new NoSuchElementException("no current row of " + table);
      }
      return current;
    }

    @Override
    public void close() throws IOException {
      try (Connection c = connection;
          Statement st = statement;
          ResultSet rs = rows) {
        if (rows != null) {
          LOG.info(
              "Read {} rows from {} ({})",
              n,
              table,
              source.shard < 0 ? "whole table" : "shard " + (source.shard + 1) + " of " + SHARDS);
        }
      } catch (SQLException e) {
        throw new IOException("Cannot close the read of " + table + ": " + e, e);
      }
    }

    @Override
    public DuckDbTableSource getCurrentSource() {
      return source;
    }

    private static Object value(ResultSet rs, int i, Column c) throws SQLException {
      Object v = rs.getObject(i);
      if (v == null) {
        return null;
      }
      switch (c.type()) {
        case TIMESTAMP:
          return new Instant(((Number) v).longValue());
        case DATE:
          return rs.getObject(i, LocalDate.class);
        case INT64:
          return ((Number) v).longValue();
        case FLOAT64:
          return ((Number) v).doubleValue();
        case BOOL:
          return (Boolean) v;
        default:
          return v.toString();
      }
    }
  }
}
