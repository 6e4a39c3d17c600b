package io.intelligencesuite.sources.enrichment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.local.fakeapi.LocalEnrichmentApi;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.Json;
import io.intelligencesuite.tests.FailsFast;
import io.intelligencesuite.tests.RunCounts;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Rule;
import org.junit.Test;

/**
 * SwanAI NDJSON and G2 CSV exports, and a provider's paged HTTP JSON endpoint (a local server:
 * links followed, a 429 retried, a 401 a clear error that writes nothing, malformed records
 * dead-lettered like a file's), into visitor_enrichment on the DirectRunner (a handful of rows).
 */
public class EnrichmentPipelineTest {
  private static final String KEY = "swan_live_SecretKeyNeverLogged42";
  @Rule public final TempWarehouses warehouses = new TempWarehouses();

  @Test
  public void mapsEachProvidersFieldsAndReconciles() throws Exception {
    Path dir = warehouses.root();
    String visit =
        "{\"visit_id\":\"sv_1\",\"observed_at\":\"2026-01-05T10:00:00Z\",\"company_domain\":\"WWW.Mulberry.org\","
            + "\"company_name\":\"Mulberry\",\"user_pseudo_id\":\"9.1\",\"pages\":[\"/pricing\"],\"confidence\":0.9}";
    Files.write(
        dir.resolve("swanai_visits.ndjson"),
        List.of(
            visit,
            visit,
            visit.replace("sv_1", "sv_2").replace("9.1", ""),
            "{\"visit_id\":\"sv_3\",\"observed_at\":\"yesterday\"}",
            "{\"visit_id\":\"sv_4\""));
    Files.write(
        dir.resolve("g2_intent.csv"),
        List.of(
            "signal_id,date,domain,company_name,intent_topic,signal_type,score",
            "g2_1,2026-01-04,austin.org,\"Austin, High School\",Parent Communication Software,product_profile,84",
            "g2_2,2026-01-05,columbus.org,Columbus College,School Management Software,comparison,61"));
    EnrichmentOptions o =
        PipelineOptionsFactory.fromArgs(
                "--runner=DirectRunner",
                "--warehouse=" + warehouses.spec(),
                "--enrichmentFiles=swanai=" + dir + "/swanai_*.ndjson,g2=" + dir + "/g2_*.csv")
            .as(EnrichmentOptions.class);
    DuckDbQueries q = warehouses.queriesAfter(EnrichmentPipeline.run(o));
    assertEquals(
        List.of(
            List.of(
                "g2_1",
                "g2",
                "austin.org",
                "Austin, High School",
                "intent",
                "Parent Communication Software"),
            List.of(
                "g2_2",
                "g2",
                "columbus.org",
                "Columbus College",
                "intent",
                "School Management Software"),
            List.of("sv_1", "swanai", "mulberry.org", "Mulberry", "visit", "9.1"),
            List.of("sv_2", "swanai", "mulberry.org", "Mulberry", "visit", "(none)")),
        q.rows(
            "SELECT signal_id, provider, company_domain, company_name, signal_type, "
                + "coalesce(intent_topic, user_pseudo_id, '(none)') FROM visitor_enrichment ORDER BY 1"));
    assertEquals(RunCounts.succeeded(7, 4, 1, 2), RunCounts.of(q, null));
    assertEquals(
        List.of(List.of("observed_at")),
        q.rows("SELECT field FROM dead_letters WHERE field IS NOT NULL"));
  }

  @Test
  public void anUnknownProviderIsRejectedAtLaunch() {
    EnrichmentOptions o =
        PipelineOptionsFactory.fromArgs("--enrichmentFiles=clearbit=/tmp/x.ndjson")
            .as(EnrichmentOptions.class);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EnrichmentPipeline.run(o));
    assertThat(e.getMessage(), containsString("unknown enrichment provider 'clearbit'"));
    assertThat(e.getMessage(), containsString("g2, swanai"));
  }

  /**
   * Five SwanAI records, pages of two: two good visits, one duplicate, a bad timestamp, a
   * non-object.
   */
  private static List<JsonNode> swanaiRecords() throws Exception {
    String visit =
        "{\"visit_id\":\"sv_1\",\"observed_at\":\"2026-01-05T10:00:00Z\",\"company_domain\":\"www.Mulberry.org\","
            + "\"company_name\":\"Mulberry\",\"user_pseudo_id\":\"9.1\",\"confidence\":0.9}";
    List<JsonNode> records = new ArrayList<>();
    for (String r :
        List.of(
            visit,
            visit.replace("sv_1", "sv_2").replace("9.1", "7.3"),
            visit,
            "{\"visit_id\":\"sv_3\",\"observed_at\":\"yesterday\"}",
            "\"not a record\"")) {
      records.add(Json.MAPPER.readTree(r));
    }
    return records;
  }

  private EnrichmentOptions options(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--runner=DirectRunner",
                "--warehouse=" + warehouses.spec(),
                "--enrichmentApiRetryBackoffMillis=10",
                "--enrichmentApiRetryLimit=2"));
    args.addAll(List.of(extra));
    return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).as(EnrichmentOptions.class);
  }

  private static PipelineResult run(EnrichmentOptions o, String key) {
    return EnrichmentPipeline.run(
        o,
        n -> {
          throw new AssertionError("no secret expected");
        },
        env -> "SWANAI_API_KEY".equals(env) ? key : null);
  }

  @Test
  public void followsTheLinksRetriesA429AndDeadLettersMalformedRecordsNextToAFile()
      throws Exception {
    Path g2 = warehouses.root().resolve("g2_intent.csv");
    Files.write(
        g2,
        List.of(
            "signal_id,date,domain,company_name,intent_topic,score",
            "g2_1,2026-01-04,austin.org,Austin High School,Parent Communication Software,84"));
    try (LocalEnrichmentApi api =
        new LocalEnrichmentApi(swanaiRecords(), KEY, 2).fault(2, 1, 429, 0)) {
      EnrichmentOptions o =
          options(
              "--enrichmentApi=swanai=" + api.baseUrl() + "/v1/visits",
              "--enrichmentFiles=g2=" + g2);
      assertEquals(PipelineResult.State.DONE, run(o, KEY).waitUntilFinish());
      // page 1, page 2 rate-limited then served, page 3 (its links.next is null)
      assertEquals(
          List.of("/v1/visits", "/v1/visits?page=2", "/v1/visits?page=2", "/v1/visits?page=3"),
          api.requests());
    }
    DuckDbQueries q = warehouses.queries();
    assertEquals(
        List.of(
            List.of("g2_1", "g2", "austin.org", "Parent Communication Software"),
            List.of("sv_1", "swanai", "mulberry.org", "9.1"),
            List.of("sv_2", "swanai", "mulberry.org", "7.3")),
        q.rows(
            "SELECT signal_id, provider, company_domain, coalesce(intent_topic, user_pseudo_id) "
                + "FROM visitor_enrichment ORDER BY 1"));
    // 5 API records + 1 file row = 3 written + 1 duplicate + 2 dead letters
    assertEquals(RunCounts.succeeded(6, 3, 1, 2), RunCounts.of(q, null));
    List<List<Object>> dead =
        q.rows("SELECT field, reason, raw_payload FROM dead_letters ORDER BY field");
    assertEquals("observed_at", dead.get(0).get(0));
    assertThat((String) dead.get(0).get(2), containsString("sv_3"));
    assertEquals("record", dead.get(1).get(0));
    assertThat((String) dead.get(1).get(1), containsString("not a JSON object"));
    assertEquals(
        0L,
        ((Number)
                q.value(
                    "SELECT count(*) FROM dead_letters WHERE raw_payload LIKE '%"
                        + KEY
                        + "%' OR reason LIKE '%"
                        + KEY
                        + "%'"))
            .longValue());
  }

  @Test
  public void aRefusedKeyIsAClearErrorBeforeAnythingIsWritten() throws Exception {
    try (LocalEnrichmentApi api = new LocalEnrichmentApi(swanaiRecords(), KEY, 2)) {
      EnrichmentOptions o = options("--enrichmentApi=swanai=" + api.baseUrl() + "/v1/visits");
      IllegalArgumentException missing =
          assertThrows(IllegalArgumentException.class, () -> run(o, null));
      assertThat(missing.getMessage(), containsString("SWANAI_API_KEY"));
      assertFalse("nothing written", Files.exists(Path.of(warehouses.path())));

      // The endpoint is read inside the pipeline: the refusal fails the run, which writes no row.
      String wrong = "swan_live_WrongKeyAlsoPrivate77";
      RuntimeException failed = assertThrows(RuntimeException.class, () -> run(o, wrong));
      EnrichmentApi.EnrichmentApiException e =
          FailsFast.cause(failed, EnrichmentApi.EnrichmentApiException.class);
      assertEquals(401, e.status());
      assertEquals(
          "swanai API GET /v1/visits failed with HTTP 401: invalid API token", e.getMessage());
      assertThat(FailsFast.messages(failed), not(containsString(wrong)));
      assertEquals("one request: a 401 is not retried", 1, api.requests().size());
      DuckDbQueries q = warehouses.queries();
      assertFalse("no rows written", q.tableExists(Tables.VISITOR_ENRICHMENT.name()));
      assertEquals(
          List.of(List.of("enrichment", "failed")),
          q.rows("SELECT pipeline, status FROM pipeline_runs"));
    }
  }

  @Test
  public void needsFilesOrAnEndpoint() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> run(options(), KEY));
    assertThat(e.getMessage(), containsString("--enrichmentApi"));
  }
}
