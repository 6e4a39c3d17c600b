package io.intelligencesuite.sources.leads;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.local.databases.EmbeddedDatabases;
import io.intelligencesuite.tests.ClassDatabase;
import io.intelligencesuite.tests.DemoFixture;
import io.intelligencesuite.tests.FailsFast;
import io.intelligencesuite.tests.PipelineArgs;
import io.intelligencesuite.tests.RunCounts;
import io.intelligencesuite.tests.Throughput;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/**
 * The lead-scoring pipeline against a real embedded PostgreSQL (zonky) holding the demo company's
 * leads.
 */
public class LeadScoringPipelineTest {
  @ClassRule
  public static final ClassDatabase<EmbeddedDatabases.Postgres> PG =
      ClassDatabase.postgres(LeadScoringPipelineTest::loadDemoAndMessyLeads);

  @Rule public final TempWarehouses warehouses = new TempWarehouses();

  private static void loadDemoAndMessyLeads(EmbeddedDatabases.Postgres pg) throws Exception {
    pg.load(DemoFixture.dir().resolve("leads"));
    pg.execute(
        // A messy source: text columns, no keys, a history of lead versions.
        "CREATE SCHEMA messy",
        "CREATE TABLE messy.leads (lead_id text, email text, company_domain text, source text, utm_source text,"
            + " utm_medium text, utm_campaign text, ga_client_id text, created_at text, updated_at text, status text)",
        "INSERT INTO messy.leads VALUES"
            + " ('l1', ' Ann@Gmail.com', NULL, 'direct', NULL, NULL, NULL, '1.2', '2025-01-01 10:00:00+00', '2025-01-01 10:00:00+00', 'new'),"
            + " ('l1', 'ann@gmail.com', 'aschool.org', 'direct', NULL, NULL, NULL, '1.2', '2025-01-01 10:00:00+00', '2025-01-05 10:00:00+00', 'qualified'),"
            + " ('l2', NULL, NULL, 'email', NULL, NULL, NULL, NULL, '2025-01-02 10:00:00+00', '2025-01-02 10:00:00+00', 'new'),"
            + " ('l3', 'bob@bschool.org', NULL, 'referral', NULL, NULL, NULL, NULL, 'yesterday', '2025-01-02 10:00:00+00', 'new')",
        "CREATE TABLE messy.lead_scores (run_id text, lead_id text, scored_at text, score text, grade text, model_version text)",
        "INSERT INTO messy.lead_scores VALUES"
            + " ('r1', 'l1', '2025-01-03 02:00:00+00', '40', 'C', 'v1'),"
            + " ('r2', 'l1', '2025-01-10 02:00:00+00', '71', 'B', 'v2'),"
            + " ('r2', 'l1', '2025-01-10 02:00:00+00', '71', 'B', 'v2')," // exact copy: duplicate
            + " ('r2', 'l3', '2025-01-10 02:00:00+00', 'high', 'A', 'v2')," // non-numeric score
            + " ('r3', 'l3', '2025-01-11 02:00:00+00', '55', 'C', 'v2'),"
            + " ('r3', 'l3', '2025-01-11 02:00:00+00', '56', 'C', 'v2')"); // same key and time,
    // other score
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

  private static DuckDbQueries run(String warehousePath, LeadScoringOptions options) {
    return TempWarehouses.queriesAfter(LeadScoringPipeline.run(options, name -> ""), warehousePath);
  }

  @Test
  public void wholeDemoLeadsMatchTheCsvFilesAndTheTruth() throws Exception {
    Path leadsDir = DemoFixture.dir().resolve("leads");
    List<Map<String, String>> leads = DemoFixture.csv(leadsDir.resolve("leads.csv"));
    List<Map<String, String>> scores = DemoFixture.csv(leadsDir.resolve("lead_scores.csv"));
    String w = warehouses.path("demo.duckdb");
    long total = leads.size() + scores.size();
    DuckDbQueries q =
        Throughput.timed(
            "lead-scoring pipeline, whole demo on Flink",
            total,
            () -> run(w, options(w, PG.get().url(), "--runner=FlinkRunner", "--runId=leads-demo")));

    assertEquals((long) leads.size(), q.value("select count(*) from leads"));
    assertEquals((long) scores.size(), q.value("select count(*) from lead_scoring_runs"));
    assertEquals(RunCounts.succeeded(total, total, 0, 0), RunCounts.of(q, "leads-demo"));
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
                PG.get().url(),
                "--runner=DirectRunner",
                "--runId=leads-messy",
                "--leadsQuery=SELECT * FROM messy.leads",
                "--leadScoresQuery=SELECT * FROM messy.lead_scores"));
    // read 10 = written (1 lead + 2 scores) + duplicates (1 older lead version + 1 score copy)
    //         + dead-lettered (NULL email, bad created_at, non-numeric score, 2 conflicting scores)
    assertEquals(RunCounts.succeeded(10, 3, 2, 5), RunCounts.of(q, "leads-messy"));
    assertEquals(
        List.of(List.of("l1", "ann@gmail.com", "gmail.com", "aschool.org", "qualified")),
        q.rows("select lead_id, email, email_domain, company_domain, status from leads"));
    assertEquals(
        List.of(List.of("r1", 40.0), List.of("r2", 71.0)),
        q.rows("select run_id, score from lead_scoring_runs order by run_id"));
    Map<String, List<String>> reasons = RunCounts.deadLetterReasons(q, "leads-messy");
    assertEquals(
        reasons.toString(),
        List.of("lead_scoring_runs.score", "leads.created_at", "leads.email"),
        List.copyOf(reasons.keySet()));
    assertThat(reasons.get("leads.email"), contains(containsString("required but NULL")));
    assertThat(
        reasons.get("leads.created_at"), contains(containsString("invalid timestamp 'yesterday'")));
    // The non-numeric score, and both scores of r3/l3 (same key and time, other score).
    String conflict = "duplicate primary key (run_id=r3, lead_id=l3) with conflicting content";
    assertThat(
        reasons.get("lead_scoring_runs.score"),
        containsInAnyOrder(
            containsString(conflict),
            containsString(conflict),
            containsString("not a number: 'high'")));
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
