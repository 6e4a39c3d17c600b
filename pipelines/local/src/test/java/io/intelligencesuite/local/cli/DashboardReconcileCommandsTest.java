package io.intelligencesuite.local.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.intelligencesuite.schemas.DuckDbDdl;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;

/**
 * {@code ./suite dashboard} and {@code ./suite reconcile} through the CLI: files written, inputs
 * named.
 */
public class DashboardReconcileCommandsTest {
  @Rule public final TempWarehouses duck = new TempWarehouses();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final Suite suite = new Suite(new PrintStream(bytes, true, StandardCharsets.UTF_8));

  @Test
  public void dashboardWritesTheFileNamedByOutput() throws Exception {
    DuckDbQueries db = duck.queries();
    db.execute(DuckDbDdl.createTable(Tables.METRIC_MONTHLY));
    db.execute("INSERT INTO metric_monthly VALUES ('mrr', DATE '2026-03-01', 'all', 1260000)");
    Path out = duck.root().resolve("site/index.html");
    assertEquals(
        0,
        suite.execute(new String[] {"dashboard", "--warehouse=" + duck.spec(), "--output=" + out}));
    assertThat(
        bytes.toString(StandardCharsets.UTF_8),
        containsString("dashboard written to " + out.toAbsolutePath()));
    assertThat(Files.readString(out), containsString("$12.6k"));
  }

  @Test
  public void badInputIsNamedWithTheFix() throws Exception {
    String nowhere = duck.root().resolve("none.duckdb").toString();
    IllegalArgumentException noWarehouse =
        assertThrows(
            IllegalArgumentException.class,
            () -> suite.execute(new String[] {"dashboard", "--warehouse=duckdb:" + nowhere}));
    assertThat(noWarehouse.getMessage(), containsString("run ./suite demo first"));

    // A warehouse with staging tables only.
    duck.queries().execute(DuckDbDdl.createTable(Tables.COMPANIES));
    IllegalArgumentException noMarts =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                suite.execute(
                    new String[] {
                      "reconcile", "--warehouse=" + duck.spec(), "--runner=DirectRunner"
                    }));
    assertThat(noMarts.getMessage(), containsString("reconcile needs"));
    assertThat(noMarts.getMessage(), containsString("./suite run"));

    assertEquals(0, suite.execute(new String[] {"help"}));
    assertThat(
        bytes.toString(StandardCharsets.UTF_8),
        containsString("write the executive dashboard (default .suite/dashboard.html)"));
  }
}
