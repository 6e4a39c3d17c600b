package io.intelligencesuite.local.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.intelligencesuite.schemas.DuckDbDdl;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The CLI commands that need no pipeline run: sql, check, and the errors for bad input. */
public class SuiteCommandsTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  private String path;
  private String warehouseArg;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private Suite suite;

  @Before
  public void setUp() throws Exception {
    path = tmp.getRoot().toPath().resolve("w.duckdb").toString();
    warehouseArg = "--warehouse=duckdb:" + path;
    suite = new Suite(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    DuckDbQueries q = new DuckDbQueries(Warehouse.parse("duckdb:" + path));
    q.execute(DuckDbDdl.createTable(Tables.USERS));
    q.execute(
        "insert into users (user_id, email, role, created_at) values "
            + "('u1', 'a@school.edu', 'teacher, head', TIMESTAMP '2026-01-01 10:00:00'), "
            + "('u2', NULL, 'say \"hi\"', TIMESTAMP '2026-01-02 10:00:00')");
  }

  @After
  public void tearDown() {
    DuckDbConnections.close(path);
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  public void sqlPrintsCsvWithAHeaderAndRfc4180Quoting() throws Exception {
    assertEquals(
        0,
        suite.execute(
            new String[] {
              "sql", "select user_id, email, role from users order by user_id", warehouseArg
            }));
    assertEquals(
        "user_id,email,role\nu1,a@school.edu,\"teacher, head\"\nu2,,\"say \"\"hi\"\"\"\n",
        output());
  }

  @Test
  public void checkPassesOnCleanTablesAndFailsOnADuplicateKey() throws Exception {
    // Only users is loaded and no run is recorded: every other table is "not loaded yet", a
    // warning.
    assertEquals(0, suite.execute(new String[] {"check", warehouseArg}));
    assertThat(output(), containsString("unique_users"));
    assertThat(output(), containsString("table_loaded_subscriptions"));
    assertThat(output(), containsString("PASS: "));

    new DuckDbQueries(Warehouse.parse("duckdb:" + path))
        .execute(
            "insert into users (user_id, created_at) values ('u1', TIMESTAMP '2026-02-01 00:00:00')");
    bytes.reset();
    assertEquals(1, suite.execute(new String[] {"check", warehouseArg, "--failuresOnly"}));
    assertThat(output(), containsString("e.g. user_id=u1, rows_with_key=2"));
    assertThat(output(), containsString("FAIL: "));
    assertEquals(
        "both runs are recorded",
        2L,
        ((Number)
                new DuckDbQueries(Warehouse.parse("duckdb:" + path))
                    .value("select count(distinct run_id) from data_test_results"))
            .longValue());
  }

  @Test
  public void badInputIsNamedWithTheFix() {
    IllegalArgumentException unknownPipeline =
        assertThrows(
            IllegalArgumentException.class,
            () -> suite.execute(new String[] {"run", "salesforce"}));
    assertThat(unknownPipeline.getMessage(), containsString("pipelines: "));
    assertThat(unknownPipeline.getMessage(), containsString("ga4"));
    IllegalArgumentException badWarehouse =
        assertThrows(
            IllegalArgumentException.class,
            () -> suite.execute(new String[] {"sql", "select 1", "--warehouse=snowflake:x"}));
    assertThat(badWarehouse.getMessage(), containsString("bigquery:PROJECT.DATASET"));
    assertThrows(IllegalArgumentException.class, () -> suite.execute(new String[] {"frobnicate"}));
  }
}
