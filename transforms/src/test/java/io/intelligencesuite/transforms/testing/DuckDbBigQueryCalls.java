package io.intelligencesuite.transforms.testing;

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
import io.intelligencesuite.transforms.datatests.BigQueryCalls;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;

/**
 * A read-only fake of BigQuery's REST calls for the read-back tests: the dataset {@code bigQuery}
 * names is a DuckDB file holding the test's fixture. jobs.query runs the SQL on that file and
 * answers in BigQuery's wire format (every cell a string, TIMESTAMPs as epoch seconds in
 * E-notation, legacy type names in the schema), {@code pageRows} rows a page with page tokens, so
 * the reader's decoding and paging run for real.
 *
 * <p>The dialect shim is one rewrite: {@code `PROJECT.DATASET.table`} becomes {@code table}.
 * Nothing else is translated, so the SQL must already be in the subset both dialects read alike.
 * Before the shim, a {@code FROM} or {@code JOIN} of a bare name that is a table of the fixture
 * fails the query, as the read-back promises dataset-qualified names.
 *
 * <p>What it cannot show: that BigQuery accepts the SQL (its grammar and functions are not checked;
 * DuckDB runs it), BigQuery's own semantics where they differ (NULL ordering, integer overflow,
 * GREATEST with NULLs, TIMESTAMP vs DuckDB's zone-less TIMESTAMP), the types BigQuery would give an
 * expression (the fake maps DuckDB's result types, e.g. HUGEINT sums to INTEGER), pages cut by size
 * rather than by row count, long-running jobs (every query completes at once), quotas, retries,
 * authentication and locations.
 */
public final class DuckDbBigQueryCalls implements BigQueryCalls {
  private static final Pattern FROM_TABLE =
      Pattern.compile("(?i)\\b(?:FROM|JOIN)\\s+([A-Za-z_][A-Za-z0-9_]*)\\b");

  private final Warehouse bigQuery;
  private final String duckDbPath;
  private final int pageRows;
  private final Map<String, Answer> jobs = new HashMap<>();

  /** Every SQL text received, as sent (before the shim). */
  public final List<String> queries = new ArrayList<>();

  /** How many jobs.getQueryResults page reads were served. */
  public int pageReads;

  private record Answer(TableSchema schema, List<TableRow> rows) {}

  public DuckDbBigQueryCalls(Warehouse bigQuery, Warehouse duckDb, int pageRows) {
    this.bigQuery = bigQuery;
    this.duckDbPath = duckDb.duckDbPath();
    this.pageRows = pageRows;
  }

  @Override
  public QueryResponse query(String projectId, QueryRequest request) throws IOException {
    if (!bigQuery.bigQueryProject().equals(projectId)
        || !Boolean.FALSE.equals(request.getUseLegacySql())) {
      throw new IOException("expected a standard-SQL query in " + bigQuery.bigQueryProject());
    }
    String sql = request.getQuery();
    queries.add(sql);
    String jobId = "job_" + queries.size();
    Answer answer = run(shim(sql));
    jobs.put(jobId, answer);
    GetQueryResultsResponse first = page(answer, 0, request.getMaxResults());
    return new QueryResponse()
        .setJobComplete(true)
        .setJobReference(new JobReference().setJobId(jobId).setLocation("EU"))
        .setSchema(first.getSchema())
        .setTotalRows(first.getTotalRows())
        .setRows(first.getRows())
        .setPageToken(first.getPageToken());
  }

  @Override
  public GetQueryResultsResponse queryResults(ResultsRequest r) throws IOException {
    String jobId = r.job().getJobId();
    Answer answer = jobs.get(jobId);
    if (answer == null) {
      throw new IOException("no job " + jobId);
    }
    pageReads++;
    return page(
        answer, r.pageToken() == null ? 0 : Integer.parseInt(r.pageToken()), r.maxResults());
  }

  private GetQueryResultsResponse page(Answer answer, int from, Long maxResults) {
    int size = (int) Math.min(pageRows, maxResults == null ? Long.MAX_VALUE : maxResults);
    int to = Math.min(answer.rows().size(), from + size);
    return new GetQueryResultsResponse()
        .setJobComplete(true)
        .setSchema(answer.schema())
        .setTotalRows(java.math.BigInteger.valueOf(answer.rows().size()))
        .setRows(answer.rows().subList(from, to))
        .setPageToken(to < answer.rows().size() ? String.valueOf(to) : null);
  }

  @Override
  public boolean tableExists(TableReference table) throws IOException {
    return bigQuery.bigQueryProject().equals(table.getProjectId())
        && bigQuery.bigQueryDataset().equals(table.getDatasetId())
        && tables().contains(table.getTableId().toLowerCase(Locale.ROOT));
  }

  @Override
  public void createTable(Table table) {
    throw new UnsupportedOperationException("DuckDbBigQueryCalls is read-only");
  }

  @Override
  public TableDataInsertAllResponse insertAll(
      TableReference table, TableDataInsertAllRequest rows) {
    throw new UnsupportedOperationException("DuckDbBigQueryCalls is read-only");
  }

  /** The one dialect rewrite, after refusing bare table names. */
  private String shim(String sql) throws IOException {
    Set<String> tables = tables();
    Matcher bare = FROM_TABLE.matcher(sql);
    while (bare.find()) {
      if (tables.contains(bare.group(1).toLowerCase(Locale.ROOT))) {
        throw new IOException(
            "table " + bare.group(1) + " is not qualified with its dataset in: " + sql);
      }
    }
    String prefix = "`" + bigQuery.bigQueryProject() + "." + bigQuery.bigQueryDataset() + ".";
    return sql.replaceAll(Pattern.quote(prefix) + "([A-Za-z0-9_]+)`", "$1");
  }

  private Set<String> tables() throws IOException {
    Set<String> names = new TreeSet<>();
    try (DuckDBConnection c = DuckDbConnections.connect(duckDbPath);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'")) {
      while (rs.next()) {
        names.add(rs.getString(1).toLowerCase(Locale.ROOT));
      }
    } catch (SQLException e) {
      throw new IOException(e.getMessage(), e);
    }
    return names;
  }

  private Answer run(String sql) throws IOException {
    try (DuckDBConnection c = DuckDbConnections.connect(duckDbPath);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<TableFieldSchema> fields = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        fields.add(
            new TableFieldSchema()
                .setName(md.getColumnLabel(i))
                .setType(bigQueryType(md.getColumnTypeName(i))));
      }
      List<TableRow> rows = new ArrayList<>();
      while (rs.next()) {
        List<TableCell> cells = new ArrayList<>();
        for (int i = 1; i <= fields.size(); i++) {
          cells.add(new TableCell().setV(cell(rs, i, fields.get(i - 1).getType())));
        }
        rows.add(new TableRow().setF(cells));
      }
      return new Answer(new TableSchema().setFields(fields), rows);
    } catch (SQLException e) {
      throw new IOException("Invalid query: " + e.getMessage(), e);
    }
  }

  /** DuckDB's result type as the legacy name jobs.query reports. */
  private static String bigQueryType(String duckDbType) {
    String t = duckDbType.toUpperCase(Locale.ROOT);
    if (t.matches("(U?)(BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT)")) {
      return "INTEGER";
    }
    if (t.equals("DOUBLE") || t.equals("FLOAT")) {
      return "FLOAT";
    }
    if (t.startsWith("DECIMAL")) {
      return "NUMERIC";
    }
    if (t.startsWith("TIMESTAMP")) {
      return "TIMESTAMP";
    }
    return switch (t) {
      case "BOOLEAN" -> "BOOLEAN";
      case "DATE" -> "DATE";
      default -> "STRING";
    };
  }

  /** A value as jobs.query writes it: a string, or null for NULL. */
  private static String cell(ResultSet rs, int i, String type) throws SQLException {
    if (rs.getObject(i) == null) {
      return null;
    }
    return switch (type) {
      case "TIMESTAMP" -> epochSeconds(rs.getObject(i, LocalDateTime.class));
      case "DATE" -> rs.getObject(i, LocalDate.class).toString();
      case "NUMERIC" -> rs.getBigDecimal(i).toPlainString();
      default -> rs.getObject(i).toString();
    };
  }

  /** A UTC wall time as jobs.query's epoch seconds, e.g. 1.7636256E9. */
  static String epochSeconds(LocalDateTime utc) {
    long micros = utc.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + utc.getNano() / 1_000L;
    BigDecimal seconds = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
    String digits = seconds.unscaledValue().abs().toString();
    int exponent = seconds.precision() - seconds.scale() - 1;
    return (micros < 0 ? "-" : "")
        + digits.charAt(0)
        + "."
        + (digits.length() > 1 ? digits.substring(1) : "0")
        + "E"
        + exponent;
  }
}
