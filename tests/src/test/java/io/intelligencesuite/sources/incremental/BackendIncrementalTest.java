package io.intelligencesuite.sources.incremental;

import static io.intelligencesuite.sources.incremental.IncrementalAssertions.cursor;
import static io.intelligencesuite.sources.incremental.IncrementalAssertions.sameAsFullRefresh;
import static io.intelligencesuite.sources.incremental.IncrementalAssertions.sameTables;
import static org.junit.Assert.assertEquals;

import io.intelligencesuite.local.databases.EmbeddedDatabases;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.backend.BackendOptions;
import io.intelligencesuite.sources.backend.BackendPipeline;
import io.intelligencesuite.tests.ClassDatabase;
import io.intelligencesuite.tests.PipelineArgs;
import io.intelligencesuite.tests.RunCounts;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.util.Arrays;
import java.util.List;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/**
 * Incremental loads of the backend (embedded MariaDB): a full load, then changes in the source (an
 * update, an insert, deletes), then an incremental run, must give the tables a full refresh of the
 * changed source gives, while reading only the changed rows.
 */
public class BackendIncrementalTest {
  @ClassRule
  public static final ClassDatabase<EmbeddedDatabases.MariaDb> MARIA =
      ClassDatabase.mariaDb("incr", db -> {});

  @Rule public final TempWarehouses warehouses = new TempWarehouses();

  private static DuckDbQueries run(String warehouse, String runId, String... extra) {
    List<String> args =
        Arrays.asList(
            "--warehouse=duckdb:" + warehouse,
            "--backendJdbcUrl=" + MARIA.get().url(),
            "--backendUser=root",
            "--backendPassword=",
            "--runId=" + runId,
            "--accountsQuery=SELECT account_id, name, domain, created_at, updated_at FROM inc_accounts",
            "--usersQuery=SELECT user_id, account_id, email, role, created_at FROM inc_users",
            "--productEventsTable=inc_events",
            "--productEventsPartitions=1");
    BackendOptions options = PipelineArgs.options(BackendOptions.class, args, extra);
    return TempWarehouses.queriesAfter(BackendPipeline.run(options, name -> ""), warehouse);
  }

  @Test
  public void anIncrementalRunEndsWithTheTablesOfAFullRefreshAndReadsOnlyTheChanges()
      throws Exception {
    MARIA.execute(
        "DROP TABLE IF EXISTS inc_accounts, inc_users, inc_events",
        "CREATE TABLE inc_accounts (account_id INT PRIMARY KEY, name VARCHAR(50) NOT NULL,"
            + " domain VARCHAR(50), created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL)",
        "INSERT INTO inc_accounts VALUES"
            + " (1, 'Alpha', 'alpha.edu', '2025-01-01 08:00:00', '2025-01-01 08:00:00'),"
            + " (2, 'Beta', 'beta.edu', '2025-01-02 08:00:00', '2025-01-02 08:00:00'),"
            + " (3, 'Gamma', 'gamma.edu', '2025-01-03 08:00:00', '2025-01-03 08:00:00')",
        "CREATE TABLE inc_users (user_id VARCHAR(10) PRIMARY KEY, account_id INT,"
            + " email VARCHAR(50) NOT NULL, role VARCHAR(20), created_at DATETIME NOT NULL)",
        "INSERT INTO inc_users VALUES"
            + " ('u1', 1, 'ann@alpha.edu', 'admin', '2025-01-01 09:00:00'),"
            + " ('u2', 2, 'bob@beta.edu', 'teacher', '2025-01-02 09:00:00'),"
            + " ('u3', 3, 'cy@gamma.edu', 'teacher', '2025-01-03 09:00:00')",
        "CREATE TABLE inc_events (event_id BIGINT PRIMARY KEY, user_id VARCHAR(10),"
            + " account_id INT, event_name VARCHAR(30), feature VARCHAR(30),"
            + " occurred_at DATETIME, properties JSON)",
        "INSERT INTO inc_events VALUES"
            + " (1, 'u1', 1, 'login', 'attendance', '2025-01-01 10:00:00', NULL),"
            + " (2, 'u2', 2, 'login', 'gradebook', '2025-01-02 10:00:00', NULL)");
    String w = warehouses.path("incremental.duckdb");

    // Run 1, no cursor yet: full. 3 accounts + 3 users + 2 events read.
    DuckDbQueries q = run(w, "b-1");
    assertEquals(RunCounts.succeeded(8, 8, 0, 0), RunCounts.of(q, "b-1"));
    assertEquals(
        Arrays.asList("full", 3L, null, "2025-01-03 08:00:00", null),
        cursor(q, "b-1", "companies"));

    // Beta renamed, Gamma and its user deleted, Delta and its user created.
    MARIA.execute(
        "UPDATE inc_accounts SET name = 'Beta School', updated_at = '2025-01-05 08:00:00'"
            + " WHERE account_id = 2",
        "DELETE FROM inc_accounts WHERE account_id = 3",
        "DELETE FROM inc_users WHERE user_id = 'u3'",
        "INSERT INTO inc_accounts VALUES"
            + " (4, 'Delta', 'delta.edu', '2025-01-06 08:00:00', '2025-01-06 08:00:00')",
        "INSERT INTO inc_users VALUES ('u4', 4, 'di@delta.edu', 'admin', '2025-01-06 09:00:00')");

    // Run 2, incremental from 2025-01-03 08:00 minus the 60-minute overlap: accounts 2 and 4
    // (account 1 is older; 3 is gone), user u4, and the 2 events (read by their own window rule).
    q = run(w, "b-2");
    assertEquals(RunCounts.succeeded(5, 5, 0, 0), RunCounts.of(q, "b-2"));
    assertEquals(
        Arrays.asList("incremental", 2L, 3L, "2025-01-06 08:00:00", "2025-01-03 07:00:00"),
        cursor(q, "b-2", "companies"));
    assertEquals(
        Arrays.asList("incremental", 1L, 3L, "2025-01-06 09:00:00", "2025-01-03 08:00:00"),
        cursor(q, "b-2", "users"));

    DuckDbQueries f =
        sameAsFullRefresh(
            q,
            BackendIncrementalTest::run,
            warehouses.path("full.duckdb"),
            "b-full",
            8,
            Tables.COMPANIES,
            Tables.USERS,
            Tables.EVENTS_PRODUCT);
    assertEquals(
        List.of(List.of(1L, "Alpha"), List.of(2L, "Beta School"), List.of(4L, "Delta")).toString(),
        q.rows("select account_id, name from companies order by account_id").toString());

    // Rerunning run 2 (same run id) reads from the same cursor (not its own) and leaves the same
    // tables.
    q = run(w, "b-2");
    assertEquals(RunCounts.succeeded(5, 5, 0, 0), RunCounts.of(q, "b-2"));
    sameTables(q, f, Tables.COMPANIES, Tables.USERS, Tables.EVENTS_PRODUCT);
    assertEquals(2L, q.value("select count(*) from source_cursors where run_id = 'b-2'"));
  }
}
