package io.intelligencesuite.transforms.datatests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import com.google.api.services.bigquery.model.ErrorProto;
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
import io.intelligencesuite.schemas.Severity;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.datatests.DataTestResult.Status;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.Test;

/** The BigQuery side of the checks, against a fake of the REST calls: no GCP needed. */
public class BigQueryCheckWarehouseTest {
  private static final Warehouse WAREHOUSE = Warehouse.parse("bigquery:my-project.analytics");

  /** Answers jobs.query with "still running", then the results; records what it was asked. */
  static final class FakeCalls implements BigQueryCalls {
    final List<QueryRequest> queries = new ArrayList<>();
    final Set<String> tables = new HashSet<>(Set.of("pipeline_runs"));
    final List<Table> created = new ArrayList<>();
    final List<TableDataInsertAllRequest> inserts = new ArrayList<>();
    int polls;
    List<ErrorProto> insertErrors;

    @Override
    public QueryResponse query(String projectId, QueryRequest request) {
      assertEquals("my-project", projectId);
      queries.add(request);
      return new QueryResponse()
          .setJobComplete(false)
          .setJobReference(new JobReference().setJobId("job_1").setLocation("EU"));
    }

    @Override
    public GetQueryResultsResponse queryResults(ResultsRequest r) {
      assertEquals("job_1", r.job().getJobId());
      assertEquals("EU", r.job().getLocation());
      if (polls++ == 0) {
        return new GetQueryResultsResponse().setJobComplete(false);
      }
      return new GetQueryResultsResponse()
          .setJobComplete(true)
          .setTotalRows(BigInteger.valueOf(12))
          .setSchema(
              new TableSchema()
                  .setFields(
                      List.of(
                          new TableFieldSchema().setName("run_id").setType("STRING"),
                          new TableFieldSchema().setName("finished_at").setType("TIMESTAMP"))))
          .setRows(List.of(row("ga4-1", "1.7636256E9"), row("ga4-2", null)));
    }

    private static TableRow row(Object... values) {
      List<TableCell> cells = new ArrayList<>();
      for (Object v : values) {
        cells.add(new TableCell().setV(v));
      }
      return new TableRow().setF(cells);
    }

    @Override
    public boolean tableExists(TableReference table) {
      return tables.contains(table.getTableId());
    }

    @Override
    public void createTable(Table table) {
      created.add(table);
      tables.add(table.getTableReference().getTableId());
    }

    @Override
    public TableDataInsertAllResponse insertAll(
        TableReference table, TableDataInsertAllRequest rows) {
      inserts.add(rows);
      return new TableDataInsertAllResponse()
          .setInsertErrors(
              insertErrors == null
                  ? null
                  : List.of(
                      new TableDataInsertAllResponse.InsertErrors()
                          .setIndex(0L)
                          .setErrors(insertErrors)));
    }
  }

  @Test
  public void runsStandardSqlInTheWarehouseDatasetAndKeepsOnlyTheSample() throws Exception {
    FakeCalls calls = new FakeCalls();
    BigQueryCheckWarehouse warehouse = new BigQueryCheckWarehouse(WAREHOUSE, calls);
    DataTest test = Invariants.runsBalance();

    FailingRows rows = warehouse.failingRows(test.sql(), 5);

    QueryRequest request = calls.queries.get(0);
    assertEquals(test.sql(), request.getQuery());
    assertFalse(request.getUseLegacySql());
    assertEquals("my-project", request.getDefaultDataset().getProjectId());
    assertEquals("analytics", request.getDefaultDataset().getDatasetId());
    assertEquals(Long.valueOf(5), request.getMaxResults());
    assertEquals("polled until the job completed", 2, calls.polls);
    assertEquals(12, rows.count());
    assertEquals(
        "run_id=ga4-1, finished_at="
            + Instant.ofEpochSecond(1_763_625_600L)
            + "; run_id=ga4-2, finished_at=null",
        rows.render());
    assertEquals(Status.FAIL, DataTestResult.of(test, rows).status());
  }

  @Test
  public void resultsTableIsCreatedFromTheRegistryThenStreamedWithKeyedInsertIds()
      throws Exception {
    FakeCalls calls = new FakeCalls();
    BigQueryCheckWarehouse warehouse = new BigQueryCheckWarehouse(WAREHOUSE, calls);
    assertFalse(warehouse.tableExists("data_test_results"));
    DataTest test =
        new DataTest(
            "unique_users",
            TestKind.UNIQUE,
            "users",
            List.of("user_id"),
            Severity.ERROR,
            "SELECT 1",
            List.of("users"),
            "duplicates");
    DataTestResult result = DataTestResult.of(test, FailingRows.none());

    warehouse.append(
        Tables.DATA_TEST_RESULTS,
        List.of(result.toRow("check-1", Instant.parse("2026-11-22T06:00:00Z"))));

    Table created = calls.created.get(0);
    assertEquals("data_test_results", created.getTableReference().getTableId());
    assertEquals("checked_date", created.getTimePartitioning().getField());
    assertEquals(Tables.DATA_TEST_RESULTS.columns().size(), created.getSchema().getFields().size());
    TableDataInsertAllRequest.Rows row = calls.inserts.get(0).getRows().get(0);
    assertEquals("check-1|unique_users", row.getInsertId());
    assertEquals("pass", row.getJson().get("status"));

    calls.insertErrors = List.of(new ErrorProto().setReason("invalid").setMessage("no such field"));
    Exception e =
        assertThrows(
            java.io.IOException.class,
            () ->
                warehouse.append(
                    Tables.DATA_TEST_RESULTS,
                    List.of(result.toRow("check-2", Instant.parse("2026-11-22T06:00:00Z")))));
    assertThat(e.getMessage(), containsString("no such field"));
    assertEquals("created once", 1, calls.created.size());
  }
}
