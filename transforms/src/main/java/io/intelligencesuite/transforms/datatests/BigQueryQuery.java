package io.intelligencesuite.transforms.datatests;

import com.google.api.services.bigquery.model.DatasetReference;
import com.google.api.services.bigquery.model.GetQueryResultsResponse;
import com.google.api.services.bigquery.model.JobReference;
import com.google.api.services.bigquery.model.QueryRequest;
import com.google.api.services.bigquery.model.QueryResponse;
import com.google.api.services.bigquery.model.TableCell;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.intelligencesuite.transforms.datatests.BigQueryCalls.ResultsRequest;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One standard-SQL query on BigQuery through jobs.query, the one place the checks and the read-back
 * run SQL there: the warehouse's dataset is the default dataset, a query still running after
 * jobs.query's wait is polled (jobs.getQueryResults) for up to {@value #GIVE_UP_MS} ms, further
 * pages are followed by page token until {@code maxRows} rows are in, and every cell (jobs.query
 * answers strings) is turned into the Java type its column's BigQuery type names.
 */
public final class BigQueryQuery {
  /** How long one call waits for a query before polling again. */
  static final long WAIT_MS = 30_000;

  /** A query that runs longer than this fails, naming its job. */
  static final long GIVE_UP_MS = 10 * 60_000;

  /** Rows asked per page; BigQuery also cuts a page at about 10 MB. */
  static final long PAGE_ROWS = 10_000;

  /** The rows of a query: how many it has, its column names, and the rows fetched. */
  public record Result(long totalRows, List<String> columns, List<List<Object>> rows) {}

  private final String project;
  private final String dataset;
  private final BigQueryCalls calls;

  public BigQueryQuery(Warehouse warehouse, BigQueryCalls calls) {
    this.project = warehouse.bigQueryProject();
    this.dataset = warehouse.bigQueryDataset();
    this.calls = calls;
  }

  /** {@code table} in the warehouse's project and dataset. */
  TableReference reference(String table) {
    return new TableReference().setProjectId(project).setDatasetId(dataset).setTableId(table);
  }

  /** tables.get on {@code table} of the warehouse's dataset. */
  boolean tableExists(String table) throws IOException {
    return calls.tableExists(reference(table));
  }

  /** Runs {@code sql}; fetches its rows until {@code maxRows} are in or the pages end. */
  public Result run(String sql, long maxRows) throws IOException {
    long pageRows = Math.min(maxRows, PAGE_ROWS);
    QueryResponse response =
        calls.query(
            project,
            new QueryRequest()
                .setQuery(sql)
                .setUseLegacySql(false)
                .setDefaultDataset(
                    new DatasetReference().setProjectId(project).setDatasetId(dataset))
                .setMaxResults(pageRows)
                .setTimeoutMs(WAIT_MS));
    JobReference job = response.getJobReference();
    TableSchema schema = response.getSchema();
    BigInteger total = response.getTotalRows();
    List<TableRow> page = response.getRows();
    String pageToken = response.getPageToken();
    if (!Boolean.TRUE.equals(response.getJobComplete())) {
      GetQueryResultsResponse done = awaitCompletion(job, pageRows);
      schema = done.getSchema();
      total = done.getTotalRows();
      page = done.getRows();
      pageToken = done.getPageToken();
    }
    List<TableFieldSchema> fields = schema == null ? List.of() : schema.getFields();
    List<List<Object>> rows = new ArrayList<>();
    addRows(rows, page, fields, maxRows);
    while (pageToken != null && rows.size() < maxRows) {
      GetQueryResultsResponse next =
          calls.queryResults(new ResultsRequest(project, job, pageToken, pageRows, WAIT_MS));
      addRows(rows, next.getRows(), fields, maxRows);
      pageToken = next.getPageToken();
    }
    return new Result(
        total == null ? 0 : total.longValue(),
        fields.stream().map(TableFieldSchema::getName).toList(),
        rows);
  }

  private GetQueryResultsResponse awaitCompletion(JobReference job, long pageRows)
      throws IOException {
    long deadline = System.currentTimeMillis() + GIVE_UP_MS;
    while (System.currentTimeMillis() < deadline) {
      GetQueryResultsResponse results =
          calls.queryResults(new ResultsRequest(project, job, null, pageRows, WAIT_MS));
      if (Boolean.TRUE.equals(results.getJobComplete())) {
        return results;
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

  private static void addRows(
      List<List<Object>> out, List<TableRow> page, List<TableFieldSchema> fields, long maxRows) {
    for (TableRow row : page == null ? List.<TableRow>of() : page) {
      if (out.size() >= maxRows) {
        return;
      }
      List<Object> values = new ArrayList<>();
      List<TableCell> cells = row.getF();
      for (int i = 0; i < cells.size(); i++) {
        values.add(value(cells.get(i).getV(), i < fields.size() ? fields.get(i).getType() : null));
      }
      out.add(values);
    }
  }

  /**
   * A jobs.query cell as Java: INTEGER a Long, FLOAT a Double, NUMERIC a BigDecimal, BOOLEAN a
   * Boolean, DATE a LocalDate, TIMESTAMP (epoch seconds, as jobs.query writes it) an Instant; the
   * rest (STRING, DATETIME, JSON) stays text. A SQL NULL is Java null.
   */
  static Object value(Object cell, String type) {
    if (!(cell instanceof String s) || type == null) {
      // null, or a REPEATED / RECORD value (a list or map): none of the read-back queries ask
      // for one, so it is passed through as the client parsed it.
      return cell;
    }
    return switch (type.toUpperCase(Locale.ROOT)) {
      case "INTEGER", "INT64" -> Long.parseLong(s);
      case "FLOAT", "FLOAT64" -> Double.parseDouble(s);
      case "NUMERIC", "BIGNUMERIC" -> new BigDecimal(s);
      case "BOOLEAN", "BOOL" -> Boolean.parseBoolean(s);
      case "DATE" -> LocalDate.parse(s);
      case "TIMESTAMP" -> {
        long micros = new BigDecimal(s).movePointRight(6).longValue();
        yield Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
      }
      default -> s;
    };
  }
}
