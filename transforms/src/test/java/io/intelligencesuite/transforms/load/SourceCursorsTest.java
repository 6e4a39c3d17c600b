package io.intelligencesuite.transforms.load;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.datatests.BigQueryWarehouseReader;
import io.intelligencesuite.transforms.datatests.DuckDbWarehouseReader;
import io.intelligencesuite.transforms.datatests.WarehouseReader;
import io.intelligencesuite.transforms.testing.DuckDbBigQueryCalls;
import io.intelligencesuite.transforms.testing.TestTables;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.time.Duration;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Which cursor a launch starts from, read through both warehouse readers from one fixture: the
 * latest cursor of a succeeded run of the same pipeline and table, never the run's own (a rerun of
 * a run id reads what its first attempt read), never one of a failed run.
 */
public class SourceCursorsTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private Warehouse duckDb;
  private DuckDbQueries db;

  private static Row runRow(String runId, String status) {
    return TestTables.runRow(runId, "backend", status);
  }

  private static Row cursorRow(String runId, String table, String recordedAt, String cursor) {
    return TestTables.cursorRow(runId, "backend", table, "updated_at", recordedAt, cursor);
  }

  @Before
  public void fixture() throws Exception {
    duckDb = Warehouse.parse("duckdb:" + tmp.getRoot().toPath().resolve("w.duckdb"));
    db = new DuckDbQueries(duckDb);
    db.append(
        Tables.PIPELINE_RUNS,
        List.of(runRow("r1", "succeeded"), runRow("r2", "succeeded"), runRow("r3", "failed")));
    db.append(
        Tables.SOURCE_CURSORS,
        List.of(
            cursorRow("r1", "companies", "2026-11-01T00:00:00Z", "2026-10-30T10:00:00Z"),
            cursorRow("r2", "companies", "2026-11-02T00:00:00Z", "2026-10-31T10:00:00Z"),
            // A later run that failed: its cursor must not count.
            cursorRow("r3", "companies", "2026-11-03T00:00:00Z", "2026-11-02T10:00:00Z"),
            cursorRow("r1", "users", "2026-11-01T00:00:00Z", "2026-10-29T10:00:00Z")));
  }

  private static RunContext run(String runId) {
    return TestTables.run(runId, "backend", "2026-11-04T00:00:00Z");
  }

  private void assertPlans(WarehouseReader reader) {
    SourceCursors.Plan companies =
        SourceCursors.plan(
            reader, run("r4"), "companies", "updated_at", false, Duration.ofMinutes(60));
    assertTrue(companies.incremental());
    assertEquals(Instant.parse("2026-10-31T10:00:00Z"), companies.previousCursor());
    assertEquals(Instant.parse("2026-10-31T09:00:00Z"), companies.readSince());

    // Rerunning r2 reads from r1's cursor, as r2's first attempt did.
    assertEquals(
        Instant.parse("2026-10-30T10:00:00Z"),
        SourceCursors.plan(reader, run("r2"), "companies", "updated_at", false, Duration.ZERO)
            .readSince());
    assertEquals(
        Instant.parse("2026-10-29T10:00:00Z"),
        SourceCursors.plan(reader, run("r4"), "users", "created_at", false, Duration.ZERO)
            .previousCursor());

    SourceCursors.Plan full =
        SourceCursors.plan(reader, run("r4"), "companies", "updated_at", true, Duration.ZERO);
    assertFalse(full.incremental());
    assertNull(full.readSince());
    assertEquals(
        "full",
        SourceCursors.plan(reader, run("r4"), "leads", "updated_at", false, Duration.ZERO).mode());
  }

  @Test
  public void duckDbLaunchReadsTheLatestSucceededCursor() {
    assertPlans(new DuckDbWarehouseReader(duckDb));
  }

  /** The same fixture read as BigQuery answers (DuckDbBigQueryCalls: wire format and paging). */
  @Test
  public void bigQueryLaunchReadsTheSameCursor() {
    Warehouse bigQuery = Warehouse.parse("bigquery:my-project.analytics");
    assertPlans(
        new BigQueryWarehouseReader(bigQuery, new DuckDbBigQueryCalls(bigQuery, duckDb, 1)));
  }

  @Test
  public void noCursorTableMeansAFullFirstRun() throws Exception {
    Warehouse empty = Warehouse.parse("duckdb:" + tmp.getRoot().toPath().resolve("empty.duckdb"));
    assertEquals(
        "full",
        SourceCursors.plan(
                new DuckDbWarehouseReader(empty),
                run("r1"),
                "companies",
                "updated_at",
                false,
                Duration.ofMinutes(60))
            .mode());
  }
}
