package io.intelligencesuite.transforms.datatests;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpBackOffIOExceptionHandler;
import com.google.api.client.http.HttpBackOffUnsuccessfulResponseHandler;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.ExponentialBackOff;
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
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@link BigQueryCalls} over the BigQuery REST client, with Application Default Credentials. Every
 * call is retried with exponential back-off on 429 and 5xx answers and on dropped connections (up
 * to {@value #RETRY_MS} ms): the reads are idempotent, and the one write (insertAll) carries insert
 * ids, so a retried call cannot count a row twice.
 */
public final class RestBigQueryCalls implements BigQueryCalls {
  /** How long one call keeps retrying before its error surfaces. */
  static final int RETRY_MS = 120_000;

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
                retrying(new HttpCredentialsAdapter(credentials)))
            .setApplicationName("intelligence-suite")
            .build());
  }

  /**
   * A client as a pipeline launcher has it: the credentials of {@code options} (GcpOptions'
   * factory: Application Default Credentials unless the launch says otherwise) and its {@code
   * --bigQueryEndpoint} when set, so a launch-time read goes where the pipeline's own BigQuery
   * calls go (the offline translation's fake BigQuery included).
   */
  public static RestBigQueryCalls forOptions(PipelineOptions options) {
    com.google.auth.Credentials credential = options.as(GcpOptions.class).getGcpCredential();
    HttpCredentialsAdapter auth =
        credential == null ? null : new HttpCredentialsAdapter(credential);
    Bigquery.Builder builder =
        new Bigquery.Builder(
                new NetHttpTransport(), GsonFactory.getDefaultInstance(), retrying(auth))
            .setApplicationName("intelligence-suite");
    String endpoint = options.as(BigQueryOptions.class).getBigQueryEndpoint();
    if (endpoint != null && !endpoint.isBlank()) {
      builder.setRootUrl(endpoint.endsWith("/") ? endpoint : endpoint + "/");
    }
    return new RestBigQueryCalls(builder.build());
  }

  /**
   * The credentials' initializer plus back-off; the adapter still answers a 401 first (it refreshes
   * the token), so the retry does not replace the refresh.
   */
  static HttpRequestInitializer retrying(@Nullable HttpCredentialsAdapter auth) {
    return request -> {
      if (auth != null) {
        auth.initialize(request);
      }
      HttpBackOffUnsuccessfulResponseHandler backOff =
          new HttpBackOffUnsuccessfulResponseHandler(backOff())
              .setBackOffRequired(
                  response ->
                      response.getStatusCode() == 429 || response.getStatusCode() / 100 == 5);
      request.setUnsuccessfulResponseHandler(
          (req, response, supportsRetry) ->
              (auth != null && auth.handleResponse(req, response, supportsRetry))
                  || backOff.handleResponse(req, response, supportsRetry));
      request.setIOExceptionHandler(new HttpBackOffIOExceptionHandler(backOff()));
    };
  }

  private static ExponentialBackOff backOff() {
    return new ExponentialBackOff.Builder().setMaxElapsedTimeMillis(RETRY_MS).build();
  }

  @Override
  public QueryResponse query(String projectId, QueryRequest request) throws IOException {
    return client.jobs().query(projectId, request).execute();
  }

  @Override
  public GetQueryResultsResponse queryResults(ResultsRequest r) throws IOException {
    return client
        .jobs()
        .getQueryResults(r.projectId(), r.job().getJobId())
        .setLocation(r.job().getLocation())
        .setPageToken(r.pageToken())
        .setMaxResults(r.maxResults())
        .setTimeoutMs(r.timeoutMs())
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
