package io.intelligencesuite.transforms.datatests;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.bigquery.Bigquery;
import com.google.api.services.bigquery.BigqueryScopes;
import com.google.api.services.bigquery.model.GetQueryResultsResponse;
import com.google.api.services.bigquery.model.QueryRequest;
import com.google.api.services.bigquery.model.QueryResponse;
import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableDataInsertAllRequest;
import com.google.api.services.bigquery.model.TableDataInsertAllResponse;
import com.google.api.services.bigquery.model.TableReference;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;

/** {@link BigQueryCalls} over the BigQuery REST client, with Application Default Credentials. */
public final class RestBigQueryCalls implements BigQueryCalls {
  private final Bigquery client;

  public RestBigQueryCalls(Bigquery client) {
    this.client = client;
  }

  /**
   * A client with Application Default Credentials (gcloud auth, or the Dataflow / Cloud Run service
   * account).
   */
  public static RestBigQueryCalls withApplicationDefaultCredentials() throws IOException {
    GoogleCredentials credentials =
        GoogleCredentials.getApplicationDefault().createScoped(BigqueryScopes.BIGQUERY);
    return new RestBigQueryCalls(
        new Bigquery.Builder(
                new NetHttpTransport(),
                GsonFactory.getDefaultInstance(),
                new HttpCredentialsAdapter(credentials))
            .setApplicationName("intelligence-suite-check")
            .build());
  }

  @Override
  public QueryResponse query(String projectId, QueryRequest request) throws IOException {
    return client.jobs().query(projectId, request).execute();
  }

  @Override
  public GetQueryResultsResponse queryResults(
      String projectId, String jobId, String location, long maxResults, long timeoutMs)
      throws IOException {
    return client
        .jobs()
        .getQueryResults(projectId, jobId)
        .setLocation(location)
        .setMaxResults(maxResults)
        .setTimeoutMs(timeoutMs)
        .execute();
  }

  @Override
  public boolean tableExists(TableReference t) throws IOException {
    try {
      client.tables().get(t.getProjectId(), t.getDatasetId(), t.getTableId()).execute();
      return true;
    } catch (GoogleJsonResponseException e) {
      if (e.getStatusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void createTable(Table table) throws IOException {
    TableReference t = table.getTableReference();
    client.tables().insert(t.getProjectId(), t.getDatasetId(), table).execute();
  }

  @Override
  public TableDataInsertAllResponse insertAll(TableReference t, TableDataInsertAllRequest rows)
      throws IOException {
    return client
        .tabledata()
        .insertAll(t.getProjectId(), t.getDatasetId(), t.getTableId(), rows)
        .execute();
  }
}
