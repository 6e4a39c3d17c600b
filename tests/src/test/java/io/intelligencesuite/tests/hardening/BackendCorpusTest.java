package io.intelligencesuite.tests.hardening;

import static io.intelligencesuite.tests.hardening.CorpusRuns.corpus;
import static org.junit.Assert.assertEquals;

import io.intelligencesuite.local.databases.EmbeddedDatabases;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.backend.BackendOptions;
import io.intelligencesuite.sources.backend.BackendPipeline;
import io.intelligencesuite.tests.ClassDatabase;
import java.nio.file.Path;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The backend pipeline over corpus/backend (README.md there) in an embedded MariaDB, plus a user
 * whose role is 10 MB (generated in the database), read by a password-protected user with a
 * recognisable fake password. The good run reads the rows whose corpus_case is 'good'. On the
 * DirectRunner: on the embedded Flink runner the 10 MB row crashes JdbcIO's reshuffle before any
 * parsing ("The record exceeds the maximum size of a sort buffer (current maximum: 1310720
 * bytes)"), a local-runner limit still open.
 */
public class BackendCorpusTest extends CorpusPipelineTest {
  static final String PASSWORD = "Hardening-Fake-Pw-7c41d09e";

  @ClassRule
  public static final ClassDatabase<EmbeddedDatabases.MariaDb> MARIA =
      ClassDatabase.mariaDb("corpus", BackendCorpusTest::loadCorpus);

  private static void loadCorpus(EmbeddedDatabases.MariaDb maria) throws Exception {
    maria.load(corpus("backend"));
    maria.execute(
        "INSERT INTO users VALUES ('u_big', '1001', 'big@athenaschool.ie', REPEAT('r', 10485760), "
            + "'2024-11-04 12:50:39', 'role of 10 MB')",
        // A table, not a view: the read-only user was refused on a view created before logins were
        // on.

        "CREATE TABLE product_events_good AS SELECT * FROM product_events WHERE "
            + CorpusRuns.GOOD_CASES);
    maria.requirePasswords("suite", PASSWORD);
  }

  public BackendCorpusTest() {
    // accounts, users (with the 10 MB one), product events
    super("backend", 7 + 7 + 8, Tables.COMPANIES, Tables.USERS, Tables.EVENTS_PRODUCT);
  }

  @Override
  void run(boolean withBad, Path warehouse, String runId) throws Exception {
    String where = CorpusRuns.where(withBad);
    BackendOptions options =
        CorpusRuns.options(
            BackendOptions.class,
            "DirectRunner",
            runId,
            warehouse,
            "--backendJdbcUrl=" + MARIA.get().url(),
            "--backendUser=suite",
            "--backendPassword=" + PASSWORD,
            "--accountsQuery=SELECT account_id, name, domain, country, segment, plan, status, stripe_customer_id, "
                + "created_at, trial_ends_at, updated_at FROM accounts"
                + where,
            "--usersQuery=SELECT user_id, account_id, email, role, created_at FROM users" + where,
            "--productEventsTable=" + (withBad ? "product_events" : "product_events_good"),
            "--productEventsPartitions=2");
    CorpusRuns.assertDone(BackendPipeline.run(options, CorpusRuns.NO_SECRETS));
  }

  @Test
  public void thePasswordIsInNoLogDeadLetterOrRunAudit() throws Exception {
    CorpusRuns.assertNoSecretAnywhere(runs().output(), mixed(), "Run backend-mixed-1", PASSWORD);
  }

  @Test
  public void hostileButValidTextIsStoredVerbatim() throws Exception {
    assertEquals(
        "Robert'); DROP TABLE companies;--",
        mixed().value("select name from companies where account_id = '1002'"));
    assertEquals(
        "École Ünïcödé 🎓 مدرسة 学校",
        mixed().value("select name from companies where account_id = '1003'"));
  }
}
