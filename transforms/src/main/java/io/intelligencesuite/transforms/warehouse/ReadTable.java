package io.intelligencesuite.transforms.warehouse;

import io.intelligencesuite.schemas.Column;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.TableDef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.stream.Collectors;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.TypedRead.Method;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryUtils;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
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
 *   <li>DuckDB: one query in one worker (the embedded file is local to this JVM anyway), then a
 *       reshuffle so the work after the read is spread over the workers. A table that does not exist
 *       yet reads as empty with a warning, because an optional source (say, enrichment) may never
 *       have run.
 * </ul>
 */
public final class ReadTable extends PTransform<PBegin, PCollection<Row>> {
  private final TableDef table;
  private final Warehouse warehouse;
  private final @Nullable BigQueryServices bigQueryServices;

  private ReadTable(TableDef table, Warehouse warehouse, @Nullable BigQueryServices services) {
    super("Read " + table.name());
    this.table = table;
    this.warehouse = warehouse;
    this.bigQueryServices = services;
  }

  public static ReadTable from(TableDef table, Warehouse warehouse) {
    return new ReadTable(table, warehouse, null);
  }

  /** Test hook: Beam's fake BigQuery services (they cannot serve the Storage API: export is used). */
  public ReadTable withBigQueryServices(BigQueryServices services) {
    return new ReadTable(table, warehouse, services);
  }

  @Override
  public PCollection<Row> expand(PBegin begin) {
    switch (warehouse.kind()) {
      case DUCKDB:
        return begin.apply("Impulse", Impulse.create())
            .apply("Query DuckDB", ParDo.of(new QueryDuckDb(table, warehouse.duckDbPath())))
            .setRowSchema(table.schema())
            .apply("Spread", Reshuffle.viaRandomKey())
            .setRowSchema(table.schema());
      case BIGQUERY:
        String spec = warehouse.bigQueryProject() + ":" + warehouse.bigQueryDataset() + "." + table.name();
        BigQueryIO.TypedRead<com.google.api.services.bigquery.model.TableRow> read =
            BigQueryIO.readTableRows().from(spec).withMethod(Method.DIRECT_READ);
        if (bigQueryServices != null) {
          read = read.withMethod(Method.EXPORT).withTestServices(bigQueryServices).withoutValidation();
        }
        return begin.apply("Read BigQuery", read)
            .apply("To rows", MapElements.into(TypeDescriptors.rows())
                .via(tr -> BigQueryUtils.toBeamRow(table.schema(), tr)))
            .setRowSchema(table.schema());
      default:
        throw new IllegalStateException("Unknown warehouse " + warehouse);
    }
  }

  /** The SELECT that reads a table with every value in a type the row builder takes as is. */
  static String selectSql(TableDef table) {
    return "SELECT " + table.columns().stream()
        .map(c -> switch (c.type()) {
          // epoch milliseconds: no JDBC time-zone conversion can shift them.
          case TIMESTAMP -> "epoch_ms(" + c.name() + ") AS " + c.name();
          default -> c.name();
        })
        .collect(Collectors.joining(", ")) + " FROM " + table.name();
  }

  private static final class QueryDuckDb extends DoFn<byte[], Row> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReadTable.class);
    private final TableDef table;
    private final String path;

    QueryDuckDb(TableDef table, String path) {
      this.table = table;
      this.path = path;
    }

    @ProcessElement
    public void process(OutputReceiver<Row> out) throws SQLException {
      try (var connection = DuckDbConnections.connect(path)) {
        if (!exists(connection, table.name())) {
          LOG.warn("Table {} does not exist in {} yet: read as empty (run the pipeline that writes it)",
              table.name(), path);
          return;
        }
        long n = 0;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(selectSql(table))) {
          while (rs.next()) {
            RowBuilder row = RowBuilder.of(table);
            int i = 1;
            for (Column c : table.columns()) {
              row.set(c.name(), value(rs, i++, c));
            }
            out.output(row.build());
            n++;
          }
        }
        LOG.info("Read {} rows from {}", n, table.name());
      }
    }

    private static boolean exists(java.sql.Connection connection, String name) throws SQLException {
      try (var st = connection.prepareStatement("SELECT count(*) FROM information_schema.tables"
          + " WHERE table_schema = 'main' AND table_name = ?")) {
        st.setString(1, name);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() && rs.getLong(1) > 0;
        }
      }
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
