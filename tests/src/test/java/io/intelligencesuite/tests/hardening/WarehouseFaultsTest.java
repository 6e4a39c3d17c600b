package io.intelligencesuite.tests.hardening;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.testing.Skips;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbFaults.WarehouseFault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A warehouse path that cannot take the write: a full disk (a 8 MB tmpfs filled to the last byte)
 * and a read-only folder (a read-only bind mount). The GA4 pipeline over the corpus's good events
 * loads once, then a second run hits the fault: it fails with an error naming the file and the fix,
 * and every table it writes has the same rows and checksum as before.
 */
public class WarehouseFaultsTest {
  private static final List<TableDef> TABLES =
      List.of(Tables.EVENTS_WEB, Tables.DEAD_LETTERS, Tables.PIPELINE_RUNS);

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  private Path dir;
  private Path warehouse;

  @After
  public void restore() throws Exception {
    if (warehouse != null) {
      DuckDbConnections.close(warehouse.toString());
    }
    if (dir != null) {
      Mounts.restore(dir);
    }
  }

  @Test
  public void aFullDiskFailsNamingThePathAndLeavesEveryTableAsItWas() throws Exception {
    dir = tmp.newFolder("small-disk").toPath();
    Skips.assume("mounting a tmpfs needs root (CAP_SYS_ADMIN)", Mounts.tmpfs(dir, "8m"));
    warehouse = dir.resolve("warehouse.duckdb");
    runGa4("ga4-before");
    Map<String, String> before = checksums();
    Path filler = Mounts.fill(dir);

    WarehouseFault fault = fault(() -> runGa4("ga4-disk-full"));
    assertThat(
        fault.getMessage(),
        containsString("The disk holding the DuckDB warehouse " + warehouse + " is full"));
    assertThat(fault.getMessage(), containsString("No space left on device"));
    assertThat(fault.getMessage(), containsString("df -h " + dir));
    assertThat(fault.getMessage(), containsString("--warehouse=duckdb:PATH"));

    Files.delete(filler);
    assertEquals(before, checksums());
  }

  @Test
  public void aReadOnlyPathFailsNamingThePathAndLeavesEveryTableAsItWas() throws Exception {
    dir = tmp.newFolder("read-only").toPath();
    warehouse = dir.resolve("warehouse.duckdb");
    runGa4("ga4-before");
    Map<String, String> before = checksums();
    Skips.assume("a read-only bind mount needs root (CAP_SYS_ADMIN)", Mounts.readOnly(dir));

    WarehouseFault fault = fault(() -> runGa4("ga4-read-only"));
    assertThat(
        fault.getMessage(),
        containsString("The DuckDB warehouse " + warehouse + " cannot be written"));
    assertThat(fault.getMessage(), containsString("Make " + dir + " and the file writable"));

    Mounts.restore(dir);
    dir = null;
    assertEquals(before, checksums());
  }

  private void runGa4(String runId) throws Exception {
    Ga4CorpusTest.runCorpus(false, tmp.newFolder(runId).toPath(), warehouse, runId);
  }

  /**
   * Checksums of the tables, read after releasing the file (so a fresh open sees what is on disk).
   */
  private Map<String, String> checksums() throws Exception {
    DuckDbConnections.close(warehouse.toString());
    Map<String, String> sums = CorpusRuns.checksums(CorpusRuns.queries(warehouse), TABLES);
    assertThat(sums.get("events_web"), containsString("5:")); // the corpus's five good events
    DuckDbConnections.close(warehouse.toString());
    return sums;
  }

  /**
   * The run fails with a WarehouseFault, and that fault is the root of the cause chain, so the CLI
   * (which prints the root cause's message) shows it rather than DuckDB's bare IO error.
   */
  private static WarehouseFault fault(org.junit.function.ThrowingRunnable run) {
    Throwable t = assertThrows(Exception.class, run);
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    assertThat("root cause " + t, t instanceof WarehouseFault);
    assertNull(t.getCause());
    System.out.println("The run failed with: " + t.getMessage());
    return (WarehouseFault) t;
  }
}
