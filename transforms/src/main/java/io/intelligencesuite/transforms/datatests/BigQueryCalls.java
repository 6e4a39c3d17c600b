package io.intelligencesuite.transforms.datatests;

import com.google.api.services.bigquery.model.GetQueryResultsResponse;
import com.google.api.services.bigquery.model.JobReference;
import com.google.api.services.bigquery.model.QueryRequest;
import com.google.api.services.bigquery.model.QueryResponse;
import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableDataInsertAllRequest;
import com.google.api.services.bigquery.model.TableDataInsertAllResponse;
import com.google.api.services.bigquery.model.TableReference;
import java.io.IOException;

/**
 * The BigQuery REST calls the checks and the read-back make (jobs.query and friends), behind an
 * interface so that {@link BigQueryCheckWarehouse} and {@link BigQueryWarehouseReader} are testable
 * without GCP. {@link RestBigQueryCalls} is the real one, and the only place these calls are made.
 */
public interface BigQueryCalls {
  QueryResponse query(String projectId, QueryRequest request) throws IOException;

  /**
   * jobs.getQueryResults: polls a query that did not finish within jobs.query's timeout, or reads
   * the page after {@code pageToken} (null: the first page) of one that did.
   */
  GetQueryResultsResponse queryResults(ResultsRequest request) throws IOException;

  /**
   * One jobs.getQueryResults call: the job (its id and location), the page after {@code pageToken}
   * (null: the first page), at most {@code maxResults} rows, waiting up to {@code timeoutMs}.
   */
  record ResultsRequest(
      String projectId, JobReference job, String pageToken, long maxResults, long timeoutMs) {}

  /** tables.get, with a 404 as false. */
  boolean tableExists(TableReference table) throws IOException;

  void createTable(Table table) throws IOException;

  TableDataInsertAllResponse insertAll(TableReference table, TableDataInsertAllRequest rows)
      throws IOException;
}
