package io.intelligencesuite.sources.incremental;

import static io.intelligencesuite.sources.incremental.IncrementalAssertions.cursor;
import static io.intelligencesuite.sources.incremental.IncrementalAssertions.sameAsFullRefresh;
import static io.intelligencesuite.sources.incremental.IncrementalAssertions.sameTables;
import static org.junit.Assert.assertEquals;

import io.intelligencesuite.local.databases.EmbeddedDatabases;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.leads.LeadScoringOptions;
import io.intelligencesuite.sources.leads.LeadScoringPipeline;
import io.intelligencesuite.tests.ClassDatabase;
import io.intelligencesuite.tests.PipelineArgs;
import io.intelligencesuite.tests.RunCounts;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/**
 * Incremental loads of lead scoring (embedded PostgreSQL, timestamptz cursors): full load, source
 * changes, incremental run, then the same tables as a full refresh of the changed source.
 */
public class LeadScoringIncrementalTest {
  @ClassRule
  public static final ClassDatabase<EmbeddedDatabases.Postgres> PG =
      ClassDatabase.postgres(db -> {});

  @Rule public final TempWarehouses warehouses = new TempWarehouses();

  private static DuckDbQueries run(String warehouse, String runId, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--warehouse=duckdb:" + warehouse,
                "--leadsJdbcUrl=" + PG.get().url(),
                "--leadsUser=postgres",
                "--leadsPassword=",
                "--runId=" + runId,
                "--cursorOverlapMinutes=30",
                "--leadScoresQuery=SELECT run_id, lead_id, scored_at, score, model_version FROM"
                    + " inc_scores"));
    if (Arrays.stream(extra).noneMatch(a -> a.startsWith("--leadsQuery="))) {
      args.add(
          "--leadsQuery=SELECT lead_id, email, source, status, created_at, updated_at FROM"
              + " inc_leads");
    }
    LeadScoringOptions options = PipelineArgs.options(LeadScoringOptions.class, args, extra);
    return TempWarehouses.queriesAfter(LeadScoringPipeline.run(options, name -> ""), warehouse);
  }

  @Test
  public void anIncrementalRunEndsWithTheTablesOfAFullRefreshAndReadsOnlyTheChanges()
      throws Exception {
    PG.execute(
        "DROP TABLE IF EXISTS inc_scores, inc_leads",
        "CREATE TABLE inc_leads (lead_id text PRIMARY KEY, email text NOT NULL, source text,"
            + " status text, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)",
        // Stamped in +02:00 and read as UTC: the cursor must compare instants, not wall times.
        "INSERT INTO inc_leads VALUES"
            + " ('l1', 'ann@a.org', 'direct', 'new', '2025-02-01 10:00+02', '2025-02-01 10:00+02'),"
            + " ('l2', 'bob@b.org', 'email', 'new', '2025-02-02 10:00+02', '2025-02-02 10:00+02'),"
            + " ('l3', 'cy@c.org', 'ads', 'new', '2025-02-03 10:00+02', '2025-02-03 10:00+02')",
        "CREATE TABLE inc_scores (run_id text, lead_id text, scored_at timestamptz, score int,"
            + " model_version text, PRIMARY KEY (run_id, lead_id))",
        "INSERT INTO inc_scores VALUES"
            + " ('r1', 'l1', '2025-02-03 12:00+00', 40, 'v1'),"
            + " ('r1', 'l2', '2025-02-03 12:00+00', 55, 'v1')");
    String w = warehouses.path("incremental.duckdb");

    // Run 1, no cursor: full, 3 leads + 2 scores. The leads cursor is l3's 08:00 UTC.
    DuckDbQueries q = run(w, "l-1");
    assertEquals(RunCounts.succeeded(5, 5, 0, 0), RunCounts.of(q, "l-1"));
    assertEquals(
        Arrays.asList("full", 3L, null, "2025-02-03 08:00:00", null), cursor(q, "l-1", "leads"));

    // l2 qualified, l1 deleted with its score, l4 created and a new scoring run r2.
    PG.execute(
        "UPDATE inc_leads SET status = 'qualified', updated_at = '2025-02-04 09:00+00'"
            + " WHERE lead_id = 'l2'",
        "DELETE FROM inc_scores WHERE lead_id = 'l1'",
        "DELETE FROM inc_leads WHERE lead_id = 'l1'",
        "INSERT INTO inc_leads VALUES"
            + " ('l4', 'di@d.org', 'direct', 'new', '2025-02-05 09:00+00', '2025-02-05 09:00+00')",
        "INSERT INTO inc_scores VALUES ('r2', 'l2', '2025-02-05 12:00+00', 81, 'v2'),"
            + " ('r2', 'l4', '2025-02-05 12:00+00', 30, 'v2')");

    // Run 2 reads leads updated since 07:30 on Feb 3 (l2, l3 in the overlap, l4) and scores
    // since 11:30 on Feb 3 (r1/l2 in the overlap, both of r2): 3 + 3, not 3 + 3 of a full read
    // of a bigger source; here the saving is the rows before the overlap (l1 is gone anyway).
    q = run(w, "l-2");
    assertEquals(RunCounts.succeeded(6, 6, 0, 0), RunCounts.of(q, "l-2"));
    assertEquals(
        Arrays.asList("incremental", 3L, 3L, "2025-02-05 09:00:00", "2025-02-03 07:30:00"),
        cursor(q, "l-2", "leads"));
    assertEquals(
        Arrays.asList("incremental", 3L, 3L, "2025-02-05 12:00:00", "2025-02-03 11:30:00"),
        cursor(q, "l-2", "lead_scoring_runs"));

    DuckDbQueries f =
        sameAsFullRefresh(
            q,
            LeadScoringIncrementalTest::run,
            warehouses.path("full.duckdb"),
            "l-full",
            6,
            Tables.LEADS,
            Tables.LEAD_SCORING_RUNS);
    assertEquals(
        List.of(List.of("l2", "qualified"), List.of("l3", "new"), List.of("l4", "new")).toString(),
        q.rows("select lead_id, status from leads order by lead_id").toString());

    // A third run, nothing changed, with the leads' updated_at returned as text (a loose
    // replica): a text cursor cannot be compared in SQL, so leads are read in full (3) while the
    // scores read only the overlap before their cursor (r2's 2 rows, since 11:30 on Feb 5).
    q =
        run(
            w,
            "l-3",
            "--leadsQuery=SELECT lead_id, email, source, status, created_at,"
                + " updated_at::text AS updated_at FROM inc_leads");
    assertEquals(RunCounts.succeeded(5, 5, 0, 0), RunCounts.of(q, "l-3"));
    assertEquals("full", cursor(q, "l-3", "leads").get(0));
    assertEquals(
        Arrays.asList("incremental", 2L, 3L, "2025-02-05 12:00:00", "2025-02-05 11:30:00"),
        cursor(q, "l-3", "lead_scoring_runs"));
    sameTables(q, f, Tables.LEADS, Tables.LEAD_SCORING_RUNS);
  }
}
