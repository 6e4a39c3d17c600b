package io.intelligencesuite.sources.ga4;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import io.intelligencesuite.transforms.warehouse.DateWindow;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.ReplaceWindow;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Issue 20's reproduction on export files: a rerun of one shard holding a late row of an earlier
 * day replaced that whole earlier day with the late row (203 of 204 rows of 2024-12-31 lost). A run
 * replaces the days of the shards it read, or of its --startDate/--endDate, and merges late rows.
 */
public class Ga4RerunTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private Path dir;
  private String db;
  private DuckDbQueries q;

  private void shard(String day, String... visitors) throws Exception {
    List<String> lines = new ArrayList<>();
    for (String visitor : visitors) {
      // "late:20260101:x" is an event of Jan 1 exported in this later shard.
      String[] parts = visitor.split(":");
      String eventDay = parts.length == 3 ? parts[1] : day;
      String id = parts[parts.length - 1];
      lines.add(ReadGa4Export.toJson(Ga4BigQueryReadTest.event(eventDay, id, 1767312000L)));
    }
    Files.write(dir.resolve("events_" + day + ".ndjson"), lines, StandardCharsets.UTF_8);
  }

  @Before
  public void setUp() throws Exception {
    dir = tmp.newFolder("ga4").toPath();
    db = tmp.getRoot().toPath().resolve("w.duckdb").toString();
    q = new DuckDbQueries(Warehouse.parse("duckdb:" + db));
    shard("20260101", "a1", "a2", "a3");
    shard("20260102", "b1", "b2", "late:20260101:a4");
    shard("20260103", "c1", "c2");
    run("events_*.ndjson");
  }

  @After
  public void tearDown() {
    DuckDbConnections.close(db);
  }

  private void run(String glob, String... extra) {
    List<String> args = new ArrayList<>();
    args.add("--runner=DirectRunner");
    args.add("--ga4ExportFiles=" + dir.resolve(glob));
    args.add("--warehouse=duckdb:" + db);
    args.addAll(List.of(extra));
    assertEquals(
        PipelineResult.State.DONE,
        Ga4Pipeline.run(
                PipelineOptionsFactory.fromArgs(args.toArray(String[]::new))
                    .withValidation()
                    .as(Ga4Options.class))
            .waitUntilFinish());
  }

  /** day -> visitor -> the whole row as DuckDB returns it. */
  private Map<String, Map<String, String>> byDay() throws Exception {
    Map<String, Map<String, String>> byDay = new TreeMap<>();
    for (List<Object> r :
        q.rows(
            "select cast(event_date as varchar), user_pseudo_id, cast(columns(*) as varchar) "
                + "from events_web")) {
      byDay
          .computeIfAbsent((String) r.get(0), d -> new TreeMap<>())
          .put((String) r.get(1), r.subList(2, r.size()).toString());
    }
    return byDay;
  }

  @Test
  public void aRerunOfOneShardReplacesItsDayAndMergesItsLateRow() throws Exception {
    Map<String, Map<String, String>> before = byDay();
    assertEquals(List.of("a1", "a2", "a3", "a4"), List.copyOf(before.get("2026-01-01").keySet()));

    // The day-2 shard now has one visitor fewer; the late Jan 1 row is still in it.
    shard("20260102", "b1", "late:20260101:a4");
    run("events_20260102.ndjson");

    Map<String, Map<String, String>> after = byDay();
    assertEquals(before.get("2026-01-01"), after.get("2026-01-01")); // all 4 rows, identical
    assertEquals(before.get("2026-01-03"), after.get("2026-01-03"));
    assertEquals(List.of("b1"), List.copyOf(after.get("2026-01-02").keySet()));
  }

  @Test
  public void anExplicitWindowReadsOnlyItsShardsAndEmptiesItsDaysWithoutRows() throws Exception {
    Map<String, Map<String, String>> before = byDay();
    Files.delete(dir.resolve("events_20260103.ndjson")); // Jan 3 has nothing any more

    run("events_*.ndjson", "--startDate=2026-01-02", "--endDate=2026-01-03");

    Map<String, Map<String, String>> after = byDay();
    assertEquals(before.get("2026-01-01"), after.get("2026-01-01"));
    assertEquals(before.get("2026-01-02"), after.get("2026-01-02"));
    assertFalse(after.containsKey("2026-01-03"));
    // Only the shard of Jan 2 was read (Jan 1's is outside the window): 3 rows, one of them late.
    assertEquals(
        List.of(List.of(3L, 3L, 0L)),
        q.rows(
            "select rows_read, rows_written, rows_dead_lettered from pipeline_runs "
                + "order by started_at desc limit 1"));
  }

  @Test
  public void shardDaysComeFromTableAndFileNames() {
    assertEquals(
        LocalDate.of(2026, 1, 2), Ga4ExportShards.day("gs://b/ga4/events_20260102.ndjson").get());
    assertEquals(LocalDate.of(2026, 1, 4), Ga4ExportShards.day("events_intraday_20260104").get());
    assertFalse(Ga4ExportShards.day("/data/events_good.ndjson").isPresent());
    assertFalse(Ga4ExportShards.day("events_20261399.ndjson").isPresent());
    assertEquals(
        ReplaceWindow.days(
            List.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2), LocalDate.of(2026, 1, 5))),
        Ga4ExportShards.covered(
            List.of(
                "events_20260101.ndjson",
                "events_good.ndjson",
                "x/events_20260102.ndjson",
                "events_intraday_20260105")));
    assertEquals(
        "2026-01-01..2026-01-02,2026-01-05..2026-01-05",
        Ga4ExportShards.covered(
                List.of("events_20260101", "events_20260102", "events_intraday_20260105"))
            .toString());
    assertEquals(
        List.of("a/events_20260102.ndjson", "a/events_good.ndjson"),
        Ga4ExportShards.inWindow(
            List.of("a/events_20260101.ndjson", "a/events_20260102.ndjson", "a/events_good.ndjson"),
            new DateWindow(LocalDate.of(2026, 1, 2), LocalDate.of(2026, 1, 3))));
  }
}
