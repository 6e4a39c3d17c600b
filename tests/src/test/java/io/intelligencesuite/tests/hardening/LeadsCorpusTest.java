package io.intelligencesuite.tests.hardening;

import static io.intelligencesuite.tests.hardening.CorpusRuns.corpus;
import static org.junit.Assert.assertEquals;

import io.intelligencesuite.local.databases.EmbeddedDatabases;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.leads.LeadScoringOptions;
import io.intelligencesuite.sources.leads.LeadScoringPipeline;
import io.intelligencesuite.tests.ClassDatabase;
import java.nio.file.Path;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The lead-scoring pipeline over corpus/leads (README.md there) in an embedded PostgreSQL, with a
 * recognisable fake password in the options (local trust auth ignores it; the scan does not);
 * embedded Flink runner. The good run reads the rows whose corpus_case is 'good'.
 */
public class LeadsCorpusTest extends CorpusPipelineTest {
  static final String PASSWORD = "Hardening-Fake-Supabase-Pw-31b9";

  @ClassRule
  public static final ClassDatabase<EmbeddedDatabases.Postgres> PG =
      ClassDatabase.postgres(pg -> pg.load(corpus("leads")));

  public LeadsCorpusTest() {
    super("lead-scoring", 7 + 9, Tables.LEADS, Tables.LEAD_SCORING_RUNS); // leads, lead_scores
  }

  @Override
  void run(boolean withBad, Path warehouse, String runId) throws Exception {
    String where = CorpusRuns.where(withBad);
    LeadScoringOptions options =
        CorpusRuns.options(
            LeadScoringOptions.class,
            "FlinkRunner",
            runId,
            warehouse,
            "--leadsJdbcUrl=" + PG.get().url(),
            "--leadsUser=postgres",
            "--leadsPassword=" + PASSWORD,
            "--leadsQuery=SELECT * FROM leads" + where,
            "--leadScoresQuery=SELECT * FROM lead_scores" + where);
    CorpusRuns.assertDone(LeadScoringPipeline.run(options, CorpusRuns.NO_SECRETS));
  }

  @Test
  public void thePasswordIsInNoLogDeadLetterOrRunAudit() throws Exception {
    CorpusRuns.assertNoSecretAnywhere(
        runs().output(), mixed(), "Run lead-scoring-mixed-1", PASSWORD);
  }

  @Test
  public void hostileButValidTextIsStoredVerbatim() throws Exception {
    assertEquals(
        "x'; DROP TABLE leads;--",
        mixed().value("select utm_campaign from leads where lead_id = 'l2'"));
    assertEquals(
        "zoë@école.example", mixed().value("select email from leads where lead_id = 'l3'"));
  }
}
