package io.intelligencesuite.pipelines.enrichment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** SwanAI NDJSON and G2 CSV exports into visitor_enrichment, on the DirectRunner (a handful of rows). */
public class EnrichmentPipelineTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  private String warehousePath;

  @After
  public void close() {
    if (warehousePath != null) {
      DuckDbConnections.close(warehousePath);
    }
  }

  @Test
  public void mapsEachProvidersFieldsAndReconciles() throws Exception {
    Path dir = tmp.getRoot().toPath();
    String visit = "{\"visit_id\":\"sv_1\",\"observed_at\":\"2026-01-05T10:00:00Z\",\"company_domain\":\"WWW.Mulberry.org\","
        + "\"company_name\":\"Mulberry\",\"user_pseudo_id\":\"9.1\",\"pages\":[\"/pricing\"],\"confidence\":0.9}";
    Files.write(dir.resolve("swanai_visits.ndjson"), List.of(visit, visit,
        visit.replace("sv_1", "sv_2").replace("9.1", ""),
        "{\"visit_id\":\"sv_3\",\"observed_at\":\"yesterday\"}",
        "{\"visit_id\":\"sv_4\""));
    Files.write(dir.resolve("g2_intent.csv"), List.of("signal_id,date,domain,company_name,intent_topic,signal_type,score",
        "g2_1,2026-01-04,austin.org,\"Austin, High School\",Parent Communication Software,product_profile,84",
        "g2_2,2026-01-05,columbus.org,Columbus College,School Management Software,comparison,61"));
    warehousePath = dir.resolve("w.duckdb").toString();
    EnrichmentOptions o = PipelineOptionsFactory.fromArgs("--runner=DirectRunner", "--warehouse=duckdb:" + warehousePath,
        "--enrichmentFiles=swanai=" + dir + "/swanai_*.ndjson,g2=" + dir + "/g2_*.csv").as(EnrichmentOptions.class);
    assertEquals(PipelineResult.State.DONE, EnrichmentPipeline.run(o).waitUntilFinish());

    DuckDbQueries q = new DuckDbQueries(Warehouse.parse("duckdb:" + warehousePath));
    assertEquals(List.of(
            List.of("g2_1", "g2", "austin.org", "Austin, High School", "intent", "Parent Communication Software"),
            List.of("g2_2", "g2", "columbus.org", "Columbus College", "intent", "School Management Software"),
            List.of("sv_1", "swanai", "mulberry.org", "Mulberry", "visit", "9.1"),
            List.of("sv_2", "swanai", "mulberry.org", "Mulberry", "visit", "(none)")),
        q.rows("SELECT signal_id, provider, company_domain, company_name, signal_type, "
            + "coalesce(intent_topic, user_pseudo_id, '(none)') FROM visitor_enrichment ORDER BY 1"));
    assertEquals(List.of(List.of("succeeded", 7L, 4L, 1L, 2L)), q.rows(
        "SELECT status, rows_read, rows_written, duplicates_removed, rows_dead_lettered FROM pipeline_runs"));
    assertEquals(List.of(List.of("observed_at")), q.rows("SELECT field FROM dead_letters WHERE field IS NOT NULL"));
  }

  @Test
  public void anUnknownProviderIsRejectedAtLaunch() {
    EnrichmentOptions o = PipelineOptionsFactory.fromArgs("--enrichmentFiles=clearbit=/tmp/x.ndjson")
        .as(EnrichmentOptions.class);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnrichmentPipeline.run(o));
    assertThat(e.getMessage(), containsString("unknown enrichment provider 'clearbit'"));
    assertThat(e.getMessage(), containsString("g2, swanai"));
  }
}
