package io.intelligencesuite.transforms.datatests;

import com.google.api.services.bigquery.model.GetQueryResultsResponse;
import com.google.api.services.bigquery.model.QueryRequest;
import com.google.api.services.bigquery.model.QueryResponse;
import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableDataInsertAllRequest;
import com.google.api.services.bigquery.model.TableDataInsertAllResponse;
import com.google.api.services.bigquery.model.TableReference;
import java.io.IOException;

/**
 * The BigQuery REST calls the checks make (jobs.query and friends), behind an interface so that
 * {@link BigQueryCheckWarehouse} is testable without GCP. {@link RestBigQueryCalls} is the real
 * one.
 */
public interface BigQueryCalls {
  QueryResponse query(String projectId, QueryRequest request) throws IOException;

  /** jobs.getQueryResults: polls a query that did not finish within jobs.query's timeout. */
  GetQueryResultsResponse queryResults(
      String projectId, String jobId, String location, long maxResults, long timeoutMs)
      throws IOException;

  /** tables.get, with a 404 as false. */
  boolean tableExists(TableReference table) throws IOException;

  void createTable(Table table) throws IOException;

  TableDataInsertAllResponse insertAll(TableReference table, TableDataInsertAllRequest rows)
      throws IOException;
}
