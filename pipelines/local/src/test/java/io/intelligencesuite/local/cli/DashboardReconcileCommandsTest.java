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
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code ./suite dashboard} and {@code ./suite reconcile} through the CLI: files written, inputs
 * named.
 */
public class DashboardReconcileCommandsTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final Suite suite = new Suite(new PrintStream(bytes, true, StandardCharsets.UTF_8));
  private String path;

  @After
  public void tearDown() {
    if (path != null) {
      DuckDbConnections.close(path);
    }
  }

  @Test
  public void dashboardWritesTheFileNamedByOutput() throws Exception {
    path = tmp.getRoot().toPath().resolve("w.duckdb").toString();
    DuckDbQueries db = new DuckDbQueries(Warehouse.parse("duckdb:" + path));
    db.execute(DuckDbDdl.createTable(Tables.METRIC_MONTHLY));
    db.execute("INSERT INTO metric_monthly VALUES ('mrr', DATE '2026-03-01', 'all', 1260000)");
    Path out = tmp.getRoot().toPath().resolve("site/index.html");
    assertEquals(
        0,
        suite.execute(new String[] {"dashboard", "--warehouse=duckdb:" + path, "--output=" + out}));
    assertThat(
        bytes.toString(StandardCharsets.UTF_8),
        containsString("dashboard written to " + out.toAbsolutePath()));
    assertThat(Files.readString(out), containsString("$12.6k"));
  }

  @Test
  public void badInputIsNamedWithTheFix() throws Exception {
    String nowhere = tmp.getRoot().toPath().resolve("none.duckdb").toString();
    IllegalArgumentException noWarehouse =
        assertThrows(
            IllegalArgumentException.class,
            () -> suite.execute(new String[] {"dashboard", "--warehouse=duckdb:" + nowhere}));
    assertThat(noWarehouse.getMessage(), containsString("run ./suite demo first"));

    path = tmp.getRoot().toPath().resolve("staging-only.duckdb").toString();
    new DuckDbQueries(Warehouse.parse("duckdb:" + path))
        .execute(DuckDbDdl.createTable(Tables.COMPANIES));
    IllegalArgumentException noMarts =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                suite.execute(
                    new String[] {
                      "reconcile", "--warehouse=duckdb:" + path, "--runner=DirectRunner"
                    }));
    assertThat(noMarts.getMessage(), containsString("reconcile needs"));
    assertThat(noMarts.getMessage(), containsString("./suite run"));

    assertEquals(0, suite.execute(new String[] {"help"}));
    assertThat(
        bytes.toString(StandardCharsets.UTF_8),
        containsString("write the executive dashboard (default .suite/dashboard.html)"));
  }
}
