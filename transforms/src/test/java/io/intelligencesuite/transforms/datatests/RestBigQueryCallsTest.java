package io.intelligencesuite.transforms.datatests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.testing.http.MockHttpTransport;
import com.google.api.client.testing.http.MockLowLevelHttpRequest;
import com.google.api.client.testing.http.MockLowLevelHttpResponse;
import com.google.api.services.bigquery.Bigquery;
import com.google.api.services.bigquery.model.TableReference;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.Test;

/**
 * The REST client's retry, over Google's mock HTTP transport (no network): 429 and 5xx answers are
 * retried with back-off, other errors are not, and a 404 on tables.get is "no such table".
 */
public class RestBigQueryCallsTest {
  private static final TableReference TABLE =
      new TableReference().setProjectId("my-project").setDatasetId("analytics").setTableId("t");

  /** Answers each request with the next status in line; records the Authorization headers. */
  private static final class Answers extends MockHttpTransport {
    final Deque<Integer> statuses;
    final List<String> authorizations = new ArrayList<>();

    Answers(Integer... statuses) {
      this.statuses = new ArrayDeque<>(List.of(statuses));
    }

    @Override
    public LowLevelHttpRequest buildRequest(String method, String url) {
      return new MockLowLevelHttpRequest(url) {
        @Override
        public LowLevelHttpResponse execute() {
          authorizations.add(getFirstHeaderValue("Authorization"));
          int status = statuses.isEmpty() ? 200 : statuses.poll();
          return new MockLowLevelHttpResponse()
              .setStatusCode(status)
              .setContentType("application/json")
              .setContent(
                  status == 200 ? "{\"id\": \"t\"}" : "{\"error\": {\"code\": " + status + "}}");
        }
      };
    }
  }

  private static RestBigQueryCalls calls(Answers transport) {
    GoogleCredentials credentials = GoogleCredentials.create(new AccessToken("token-1", null));
    return new RestBigQueryCalls(
        new Bigquery.Builder(
                transport,
                GsonFactory.getDefaultInstance(),
                RestBigQueryCalls.retrying(new HttpCredentialsAdapter(credentials)))
            .setApplicationName("test")
            .build());
  }

  @Test
  public void rateLimitsAndServerErrorsAreRetriedWithTheSameCredentials() throws Exception {
    Answers transport = new Answers(429, 503, 200);
    assertTrue(calls(transport).tableExists(TABLE));
    assertEquals(3, transport.authorizations.size());
    assertEquals("Bearer token-1", transport.authorizations.get(2));
  }

  @Test
  public void aMissingTableIsFalseAndABadRequestIsNotRetried() throws Exception {
    assertFalse(calls(new Answers(404)).tableExists(TABLE));
    Answers transport = new Answers(400, 200);
    GoogleJsonResponseException e =
        assertThrows(GoogleJsonResponseException.class, () -> calls(transport).tableExists(TABLE));
    assertEquals(400, e.getStatusCode());
    assertEquals("asked once", 1, transport.authorizations.size());
  }
}
