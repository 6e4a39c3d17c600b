package io.intelligencesuite.sources.leads;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.local.databases.EmbeddedDatabases;
import io.intelligencesuite.tests.DemoFixture;
import io.intelligencesuite.tests.FailsFast;
import io.intelligencesuite.tests.PipelineArgs;
import io.intelligencesuite.tests.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;

/**
 * The lead-scoring pipeline against a real embedded PostgreSQL (zonky) holding the demo company's
 * leads.
 */
public class LeadScoringPipelineTest {
  private static EmbeddedDatabases.Postgres pg;

  @Rule public final TempWarehouses warehouses = new TempWarehouses();

  @BeforeClass
  public static void startPostgres() throws Exception {
    pg = EmbeddedDatabases.Postgres.start();
    pg.load(DemoFixture.dir().resolve("leads"));
    try (Connection c = pg.connect();
        Statement s = c.createStatement()) {
      // A messy source: text columns, no keys, a history of lead versions.
      s.execute("CREATE SCHEMA messy");
      s.execute(
          "CREATE TABLE messy.leads (lead_id text, email text, company_domain text, source text, utm_source text,"
              + " utm_medium text, utm_campaign text, ga_client_id text, created_at text, updated_at text, status text)");
      s.execute(
          "INSERT INTO messy.leads VALUES"
              + " ('l1', ' Ann@Gmail.com', NULL, 'direct', NULL, NULL, NULL, '1.2', '2025-01-01 10:00:00+00', '2025-01-01 10:00:00+00', 'new'),"
              + " ('l1', 'ann@gmail.com', 'aschool.org', 'direct', NULL, NULL, NULL, '1.2', '2025-01-01 10:00:00+00', '2025-01-05 10:00:00+00', 'qualified'),"
              + " ('l2', NULL, NULL, 'email', NULL, NULL, NULL, NULL, '2025-01-02 10:00:00+00', '2025-01-02 10:00:00+00', 'new'),"
              + " ('l3', 'bob@bschool.org', NULL, 'referral', NULL, NULL, NULL, NULL, 'yesterday', '2025-01-02 10:00:00+00', 'new')");
      s.execute(
          "CREATE TABLE messy.lead_scores (run_id text, lead_id text, scored_at text, score text, grade text, model_version text)");
      s.execute(
          "INSERT INTO messy.lead_scores VALUES"
              + " ('r1', 'l1', '2025-01-03 02:00:00+00', '40', 'C', 'v1'),"
              + " ('r2', 'l1', '2025-01-10 02:00:00+00', '71', 'B', 'v2'),"
              + " ('r2', 'l1', '2025-01-10 02:00:00+00', '71', 'B', 'v2')," // exact copy: duplicate
              + " ('r2', 'l3', '2025-01-10 02:00:00+00', 'high', 'A', 'v2')," // non-numeric score
              + " ('r3', 'l3', '2025-01-11 02:00:00+00', '55', 'C', 'v2'),"
              + " ('r3', 'l3', '2025-01-11 02:00:00+00', '56', 'C', 'v2')"); // same key and time,
      // other score
    }
  }

  @AfterClass
  public static void stopPostgres() throws Exception {
    if (pg != null) {
      pg.close();
    }
  }

  private LeadScoringOptions options(String warehousePath, String url, String... extra) {
    return PipelineArgs.options(
        LeadScoringOptions.class,
        List.of(
            "--warehouse=duckdb:" + warehousePath,
            "--leadsJdbcUrl=" + url,
            "--leadsUser=postgres",
            "--leadsPassword="),
        extra);
  }

  private DuckDbQueries run(String warehousePath, LeadScoringOptions options) {
    assertEquals(
        PipelineResult.State.DONE, LeadScoringPipeline.run(options, name -> "").waitUntilFinish());
    return TempWarehouses.queries(warehousePath);
  }

  @Test
  public void wholeDemoLeadsMatchTheCsvFilesAndTheTruth() throws Exception {
    Path leadsDir = DemoFixture.dir().resolve("leads");
    List<Map<String, String>> leads = DemoFixture.csv(leadsDir.resolve("leads.csv"));
    List<Map<String, String>> scores = DemoFixture.csv(leadsDir.resolve("lead_scores.csv"));
    String w = warehouses.path("demo.duckdb");
    long started = System.nanoTime();
    DuckDbQueries q = run(w, options(w, pg.url(), "--runner=FlinkRunner", "--runId=leads-demo"));
    double seconds = (System.nanoTime() - started) / 1e9;
    long total = leads.size() + scores.size();
    System.out.printf(
        "lead-scoring pipeline, whole demo (%d rows) on Flink: %.1f s, %.0f rows/s%n",
        total, seconds, total / seconds);

    assertEquals((long) leads.size(), q.value("select count(*) from leads"));
    assertEquals((long) scores.size(), q.value("select count(*) from lead_scoring_runs"));
    assertEquals(
        List.of(List.of("succeeded", total, total, 0L, 0L)),
        q.rows(
            "select status, rows_read, rows_written, duplicates_removed, rows_dead_lettered from pipeline_runs where run_id = 'leads-demo'"));
    // Every scoring run kept, per model version, as in the source.
    Map<String, Long> byModel = new TreeMap<>();
    scores.forEach(s -> byModel.merge(s.get("model_version"), 1L, Long::sum));
    Map<String, Long> loaded = new TreeMap<>();
    for (List<Object> r :
        q.rows("select model_version, count(*) from lead_scoring_runs group by 1")) {
      loaded.put((String) r.get(0), ((Number) r.get(1)).longValue());
    }
    assertEquals(byModel, loaded);
    Map<String, String> s0 = scores.get(0);
    assertEquals(
        List.of(List.of(Double.parseDouble(s0.get("score")), s0.get("grade"))),
        q.rows(
            "select score, grade from lead_scoring_runs where run_id = '"
                + s0.get("run_id")
                + "' and lead_id = '"
                + s0.get("lead_id")
                + "'"));
    // Leads: e-mail and ids as in the truth's identities; free-mail leads without a stated domain
    // have none.
    Map<String, String> emailByLead = new HashMap<>();
    for (List<Object> r : q.rows("select lead_id, email from leads")) {
      emailByLead.put((String) r.get(0), (String) r.get(1));
    }
    int checked = 0;
    for (JsonNode person : DemoFixture.truth("identities.json").path("people")) {
      List<String> emails = new ArrayList<>();
      person.path("emails").forEach(e -> emails.add(e.asText()));
      for (JsonNode lead : person.path("lead_ids")) {
        assertThat(emails.toString(), emails.contains(emailByLead.get(lead.asText())));
        checked++;
      }
    }
    assertEquals(leads.size(), checked);
    long freeMailNoDomain = leads.stream().filter(l -> l.get("company_domain").isEmpty()).count();
    assertEquals(
        freeMailNoDomain, q.value("select count(*) from leads where company_domain is null"));
    assertEquals(
        0L,
        q.value(
            "select count(*) from leads where company_domain is null and email_domain not in "
                + "('gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'hotmail.com')"));
  }

  @Test
  public void badRowsAreDeadLetteredWithTheFieldAndCountsReconcile() throws Exception {
    String w = warehouses.path("messy.duckdb");
    DuckDbQueries q =
        run(
            w,
            options(
                w,
                pg.url(),
                "--runner=DirectRunner",
                "--runId=leads-messy",
                "--leadsQuery=SELECT * FROM messy.leads",
                "--leadScoresQuery=SELECT * FROM messy.lead_scores"));
    // read 10 = written (1 lead + 2 scores) + duplicates (1 older lead version + 1 score copy)
    //         + dead-lettered (NULL email, bad created_at, non-numeric score, 2 conflicting scores)
    assertEquals(
        List.of(List.of("succeeded", 10L, 3L, 2L, 5L)),
        q.rows(
            "select status, rows_read, rows_written, duplicates_removed, rows_dead_lettered from pipeline_runs"));
    assertEquals(
        List.of(List.of("l1", "ann@gmail.com", "gmail.com", "aschool.org", "qualified")),
        q.rows("select lead_id, email, email_domain, company_domain, status from leads"));
    assertEquals(
        List.of(List.of("r1", 40.0), List.of("r2", 71.0)),
        q.rows("select run_id, score from lead_scoring_runs order by run_id"));
    Map<String, String> reasons = new HashMap<>();
    for (List<Object> r :
        q.rows(
            "select target_table || '.' || field, reason from dead_letters where run_id = 'leads-messy' and reason not like 'duplicate%'")) {
      reasons.put((String) r.get(0), (String) r.get(1));
    }
    assertEquals(reasons.toString(), 3, reasons.size());
    assertThat(reasons.get("leads.email"), containsString("required but NULL"));
    assertThat(reasons.get("leads.created_at"), containsString("invalid timestamp 'yesterday'"));
    assertThat(reasons.get("lead_scoring_runs.score"), containsString("not a number: 'high'"));
    assertEquals(
        2L,
        q.value(
            "select count(*) from dead_letters where reason like 'duplicate primary key (run_id=r3, lead_id=l3) with conflicting content%'"));
  }

  @Test
  public void aDatabaseThatIsDownFailsFastNamingHostAndOptionAndWritesNothing() throws Exception {
    String w = warehouses.path("down.duckdb");
    FailsFast.assertDownDatabaseRefused(
        w,
        port ->
            () ->
                LeadScoringPipeline.run(
                    options(
                        w,
                        "jdbc:postgresql://localhost:" + port + "/postgres",
                        "--runner=DirectRunner"),
                    name -> ""),
        "localhost",
        "--leadsJdbcUrl");
  }
}
