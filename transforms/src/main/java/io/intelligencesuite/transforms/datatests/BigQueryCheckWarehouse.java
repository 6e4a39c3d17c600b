package io.intelligencesuite.transforms.datatests;

import com.google.api.services.bigquery.model.DatasetReference;
import com.google.api.services.bigquery.model.GetQueryResultsResponse;
import com.google.api.services.bigquery.model.JobReference;
import com.google.api.services.bigquery.model.QueryRequest;
import com.google.api.services.bigquery.model.QueryResponse;
import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableCell;
import com.google.api.services.bigquery.model.TableDataInsertAllRequest;
import com.google.api.services.bigquery.model.TableDataInsertAllResponse;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.intelligencesuite.schemas.BigQueryTables;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryUtils;
import org.apache.beam.sdk.values.Row;

/**
 * The data tests on BigQuery: each test's SQL through jobs.query with the warehouse's dataset as
 * the default dataset (so the same unqualified SQL runs on DuckDB), standard SQL, and only the
 * sample's rows fetched (totalRows gives the count). Results are appended with a streaming insert
 * (insertAll), keyed by run and test so a retried insert does not duplicate them.
 */
public final class BigQueryCheckWarehouse implements CheckWarehouse {
  /** How long one call waits for a query before polling again. */
  static final long WAIT_MS = 30_000;

  /** A test query that runs longer than this is reported as could-not-run. */
  static final long GIVE_UP_MS = 10 * 60_000;

  private final String project;
  private final String dataset;
  private final BigQueryCalls calls;

  public BigQueryCheckWarehouse(Warehouse warehouse, BigQueryCalls calls) {
    this.project = warehouse.bigQueryProject();
    this.dataset = warehouse.bigQueryDataset();
    this.calls = calls;
  }

  @Override
  public boolean tableExists(String table) throws IOException {
    return calls.tableExists(reference(table));
  }

  @Override
  public FailingRows failingRows(String sql, int sampleSize) throws IOException {
    QueryResponse response =
        calls.query(
            project,
            new QueryRequest()
                .setQuery(sql)
                .setUseLegacySql(false)
                .setDefaultDataset(
                    new DatasetReference().setProjectId(project).setDatasetId(dataset))
                .setMaxResults((long) sampleSize)
                .setTimeoutMs(WAIT_MS));
    if (Boolean.TRUE.equals(response.getJobComplete())) {
      return failingRows(
          response.getSchema(), response.getTotalRows(), response.getRows(), sampleSize);
    }
    JobReference job = response.getJobReference();
    long deadline = System.currentTimeMillis() + GIVE_UP_MS;
    while (System.currentTimeMillis() < deadline) {
      GetQueryResultsResponse results =
          calls.queryResults(project, job.getJobId(), job.getLocation(), sampleSize, WAIT_MS);
      if (Boolean.TRUE.equals(results.getJobComplete())) {
        return failingRows(
            results.getSchema(), results.getTotalRows(), results.getRows(), sampleSize);
      }
    }
    throw new IOException(
        "BigQuery job "
            + job.getJobId()
            + " did not finish within "
            + GIVE_UP_MS / 60_000
            + " minutes; see it in the console (project "
            + project
            + ")");
  }

  private static FailingRows failingRows(
      TableSchema schema, BigInteger totalRows, List<TableRow> rows, int sampleSize) {
    List<TableFieldSchema> fields = schema == null ? List.of() : schema.getFields();
    List<String> columns = fields.stream().map(TableFieldSchema::getName).toList();
    List<List<Object>> sample = new ArrayList<>();
    for (TableRow row : rows == null ? List.<TableRow>of() : rows) {
      if (sample.size() == sampleSize) {
        break;
      }
      List<Object> values = new ArrayList<>();
      List<TableCell> cells = row.getF();
      for (int i = 0; i < cells.size(); i++) {
        values.add(
            readable(cells.get(i).getV(), i < fields.size() ? fields.get(i).getType() : null));
      }
      sample.add(values);
    }
    return new FailingRows(totalRows == null ? 0 : totalRows.longValue(), columns, sample);
  }

  /** jobs.query returns TIMESTAMPs as epoch seconds; show them as instants, like DuckDB does. */
  private static Object readable(Object value, String type) {
    if (value instanceof String s && "TIMESTAMP".equals(type)) {
      BigDecimal micros = new BigDecimal(s).movePointRight(6);
      return Instant.EPOCH.plusNanos(micros.longValue() * 1000);
    }
    return value;
  }

  @Override
  public void append(TableDef table, List<Row> rows) throws IOException {
    TableReference ref = reference(table.name());
    if (!calls.tableExists(ref)) {
      calls.createTable(
          new Table()
              .setTableReference(ref)
              .setDescription(table.description() + " Grain: " + table.grain() + ".")
              .setSchema(BigQueryTables.schema(table))
              .setTimePartitioning(BigQueryTables.timePartitioning(table))
              .setClustering(BigQueryTables.clustering(table)));
    }
    List<TableDataInsertAllRequest.Rows> insert = new ArrayList<>();
    for (Row row : rows) {
      insert.add(
          new TableDataInsertAllRequest.Rows()
              .setInsertId(insertId(table, row))
              .setJson(BigQueryUtils.toTableRow(row)));
    }
    TableDataInsertAllResponse response =
        calls.insertAll(ref, new TableDataInsertAllRequest().setRows(insert));
    if (response.getInsertErrors() != null && !response.getInsertErrors().isEmpty()) {
      throw new IOException(
          "BigQuery rejected "
              + response.getInsertErrors().size()
              + " rows of "
              + table.name()
              + ", first: "
              + response.getInsertErrors().get(0));
    }
  }

  /** The row's primary key, so BigQuery's best-effort dedup drops a retried insert. */
  private static String insertId(TableDef table, Row row) {
    List<String> key = new ArrayList<>();
    for (String column : table.primaryKey()) {
      key.add(String.valueOf((Object) row.getValue(column)));
    }
    return String.join("|", key);
  }

  private TableReference reference(String table) {
    return new TableReference().setProjectId(project).setDatasetId(dataset).setTableId(table);
  }
}
