package io.intelligencesuite.tests.hardening;

import static io.intelligencesuite.tests.hardening.CorpusRuns.corpus;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.local.databases.EmbeddedDatabases;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.leads.LeadScoringOptions;
import io.intelligencesuite.sources.leads.LeadScoringPipeline;
import io.intelligencesuite.tests.ClassDatabase;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The lead-scoring database drops the connection in the middle of a result set (a proxy in front of
 * the embedded PostgreSQL stalls the leads query's connection after 8 KB of its 300-row answer,
 * about 40 KB, for 3 s, then cuts it): the run fails, saying the connection was lost, the staging
 * tables and dead letters are exactly as the previous run left them, and the run log keeps the
 * previous run's row and records this one as failed (RunLedger). The stall lets the small
 * lead_scores read finish first; what keeps its table from being replaced before the leads read
 * fails is WriteTable.afterAll (proven in WriteTableAfterAllTest: here the swap was not reached
 * within the stall even without it). The first run is on the embedded Flink runner (the
 * DirectRunner's per-key bookkeeping makes even a few hundred leads take minutes); the failing one
 * stops at the read, so the DirectRunner, without Flink's start-up, does.
 */
public class SourceConnectionDropTest {
  private static final List<TableDef> TABLES =
      List.of(Tables.LEADS, Tables.LEAD_SCORING_RUNS, Tables.DEAD_LETTERS);

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  @ClassRule
  public static final ClassDatabase<EmbeddedDatabases.Postgres> PG =
      ClassDatabase.postgres(SourceConnectionDropTest::loadCorpusAnd300Leads);

  private static void loadCorpusAnd300Leads(EmbeddedDatabases.Postgres pg) throws Exception {
    pg.load(corpus("leads"));
    pg.execute(
        "INSERT INTO leads SELECT 'gen' || i, 'lead' || i || '@school' || i || '.example', 'school' || i "
            + "|| '.example', 'direct', NULL, NULL, NULL, NULL, '2025-02-01 10:00:00+00', '2025-02-01 10:00:00+00', "
            + "'new', 'good' FROM generate_series(1, 300) i");
  }

  @Test
  public void aConnectionDroppedMidReadFailsTheRunAndChangesNoTable() throws Exception {
    Path warehouse = TMP.getRoot().toPath().resolve("warehouse.duckdb");
    run(PG.get().url(), warehouse, "leads-before", "FlinkRunner");
    Map<String, String> before = checksums(warehouse);
    assertTrue(
        before.get("leads"),
        before.get("leads").startsWith("30")); // 300 generated + the corpus's good leads

    int port = URI.create(PG.get().url().substring("jdbc:".length())).getPort();
    try (CuttingProxy proxy = new CuttingProxy(port, 8 * 1024, 3_000)) {
      Exception failed =
          assertThrows(
              Exception.class,
              () ->
                  run(
                      "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres",
                      warehouse,
                      "leads-cut",
                      "DirectRunner"));
      assertTrue("the proxy cut a connection", proxy.cuts() >= 1);
      String chain = causes(failed);
      assertTrue(
          "the failure says the connection broke: " + chain,
          chain.contains("I/O error")
              || chain.contains("EOF")
              || chain.contains("connection has been closed"));
    }
    assertEquals(before, checksums(warehouse));
    assertEquals(
        List.of(List.of("leads-before", "succeeded"), List.of("leads-cut", "failed")),
        CorpusRuns.queries(warehouse)
            .rows("SELECT run_id, status FROM pipeline_runs ORDER BY run_id"));
  }

  private static void run(String url, Path warehouse, String runId, String runner)
      throws Exception {
    LeadScoringOptions options =
        CorpusRuns.options(
            LeadScoringOptions.class,
            runner,
            runId,
            warehouse,
            "--leadsJdbcUrl=" + url,
            "--leadsUser=postgres",
            "--leadsPassword=unused-local-trust");
    CorpusRuns.assertDone(LeadScoringPipeline.run(options, CorpusRuns.NO_SECRETS));
  }

  private static Map<String, String> checksums(Path warehouse) throws Exception {
    DuckDbConnections.close(warehouse.toString());
    return CorpusRuns.checksums(CorpusRuns.queries(warehouse), TABLES);
  }

  private static String causes(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (; t != null; t = t.getCause() == t ? null : t.getCause()) {
      sb.append("\n  ").append(t);
    }
    return sb.toString();
  }
}
