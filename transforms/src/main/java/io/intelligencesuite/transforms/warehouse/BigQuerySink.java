package io.intelligencesuite.transforms.warehouse;

import com.google.api.services.bigquery.model.TableRow;
import io.intelligencesuite.schemas.BigQueryTables;
import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryUtils;
import org.apache.beam.sdk.io.gcp.bigquery.TableDestination;
import org.apache.beam.sdk.io.gcp.bigquery.WriteResult;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.ValueInSingleWindow;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.ReadableInstant;

/** BigQuery half of {@link WriteTable}: file loads, partition decorators, registry schemas. */
final class BigQuerySink {
  private static final DateTimeFormatter DECORATOR = DateTimeFormatter.BASIC_ISO_DATE;

  private BigQuerySink() {}

  static PCollection<Long> write(
      PCollection<Row> rows,
      TableDef table,
      Warehouse warehouse,
      @Nullable BigQueryServices services) {
    BigQueryIO.Write<Row> write =
        BigQueryIO.<Row>write()
            .to(new Destination(table, warehouse.bigQueryProject(), warehouse.bigQueryDataset()))
            .withSchema(BigQueryTables.schema(table))
            .withFormatFunction(toTableRow())
            .withMethod(BigQueryIO.Write.Method.FILE_LOADS)
            .withCreateDisposition(CreateDisposition.CREATE_IF_NEEDED)
            .withWriteDisposition(
                table.refresh() == Refresh.APPEND_BY_RUN
                    ? WriteDisposition.WRITE_APPEND
                    : WriteDisposition.WRITE_TRUNCATE)
            .withClustering();
    if (services != null) {
      write = write.withTestServices(services).withoutValidation();
    }
    WriteResult result = rows.apply("BigQuery file loads", write);
    // The count is released only after the loads succeeded, so the run audit follows the write.
    return rows.apply("Count rows", Count.globally())
        .apply("After loads", Wait.on(result.getSuccessfulTableLoads()));
  }

  private static SerializableFunction<Row, TableRow> toTableRow() {
    return BigQueryUtils.toTableRow();
  }

  /**
   * Routes each row to its table, or to its day partition ({@code table$YYYYMMDD}) for tables that
   * replace partitions, with the registry's partitioning and clustering for table creation.
   */
  static final class Destination
      implements SerializableFunction<ValueInSingleWindow<Row>, TableDestination> {
    private final TableDef table;
    private final String project;
    private final String dataset;

    Destination(TableDef table, String project, String dataset) {
      this.table = table;
      this.project = project;
      this.dataset = dataset;
    }

    @Override
    public TableDestination apply(ValueInSingleWindow<Row> input) {
      String spec = project + ":" + dataset + "." + table.name();
      if (table.refresh() == Refresh.REPLACE_PARTITIONS) {
        spec += "$" + DECORATOR.format(partitionDay(input.getValue(), table));
      }
      return new TableDestination(
          spec,
          table.description(),
          BigQueryTables.timePartitioning(table),
          BigQueryTables.clustering(table));
    }
  }

  /** The UTC day of a row's partition column (a DATE, or the day of a TIMESTAMP). */
  static LocalDate partitionDay(Row row, TableDef table) {
    Object value = row.getValue(table.partitionColumn().orElseThrow());
    if (value instanceof LocalDate day) {
      return day;
    }
    if (value instanceof ReadableInstant instant) {
      return java.time.Instant.ofEpochMilli(instant.getMillis())
          .atOffset(ZoneOffset.UTC)
          .toLocalDate();
    }
    throw new IllegalArgumentException(
        "Partition column "
            + table.partitionColumn().orElseThrow()
            + " of "
            + table.name()
            + " is null or not a date: "
            + value);
  }
}
