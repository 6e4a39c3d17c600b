package io.intelligencesuite.sources.ga4;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;

import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.tests.PipelineArgs;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** The GA4 pipeline end to end on the local runners, into an embedded DuckDB warehouse. */
public class Ga4PipelineTest {
  @Rule public final TempWarehouses warehouses = new TempWarehouses();
  private Path input;

  public static String event(
      String day, long micros, String name, String pseudoId, long session, String page) {
    return "{\"event_date\":\""
        + day
        + "\",\"event_timestamp\":\""
        + micros
        + "\",\"event_name\":\""
        + name
        + "\",\"user_pseudo_id\":\""
        + pseudoId
        + "\",\"stream_id\":\"7\",\"event_params\":["
        + "{\"key\":\"ga_session_id\",\"value\":{\"int_value\":\""
        + session
        + "\"}},"
        + "{\"key\":\"page_location\",\"value\":{\"string_value\":\""
        + page
        + "\"}}],"
        + "\"device\":{\"category\":\"desktop\"},\"geo\":{\"country\":\"Greece\"}}";
  }

  /** 5 good events (one of them twice: an exact export duplicate) and 4 bad lines. */
  public static List<String> lines() {
    String dup =
        event(
            "20260105",
            1767571200000001L,
            "page_view",
            "v1.1",
            1767571200,
            "https://dreamclass.io/");
    return List.of(
        dup,
        dup,
        event(
            "20260105",
            1767571260000000L,
            "sign_up",
            "v1.1",
            1767571200,
            "https://dreamclass.io/signup"),
        event(
            "20260105",
            1767600000000000L,
            "page_view",
            "v2.2",
            1767600000,
            "https://dreamclass.io/pricing"),
        event(
            "20260106",
            1767657600000000L,
            "page_view",
            "v2.2",
            1767657600,
            "https://dreamclass.io/"),
        event(
            "20260106",
            1767657700000000L,
            "login",
            "v3.3",
            1767657700,
            "https://app.dreamclass.io/"),
        "{\"event_date\":\"20260106\",\"event_timestamp\":\"17676", // truncated JSON
        event("20260106", 1767657600000000L, "page_view", "v4.4", 1, "x")
            .replace("\"event_timestamp\":\"1767657600000000\",", ""),
        event("20260106", 1767657600000000L, "page_view", "v5.5", 1, "x")
            .replace("\"stream_id\":\"7\"", "\"stream_id\":{\"id\":7}"),
        event("20260106", 1767657600000000L, "page_view", "v6.6", 1, "x" + "y".repeat(1 << 20))
            .replace("\"event_date\":\"20260106\"", "\"event_date\":\"someday\""));
  }

  @Before
  public void writeInput() throws Exception {
    input = warehouses.root().resolve("events_20260105.ndjson");
    Files.write(input, lines(), StandardCharsets.UTF_8);
  }

  private DuckDbQueries run(String runner, String warehouseFile, String... extra) {
    String path = warehouses.path(warehouseFile);
    Ga4Options options =
        PipelineArgs.options(
            Ga4Options.class,
            List.of(
                "--runner=" + runner, "--ga4ExportFiles=" + input, "--warehouse=duckdb:" + path),
            extra);
    assertEquals(PipelineResult.State.DONE, Ga4Pipeline.run(options).waitUntilFinish());
    return TempWarehouses.queries(path);
  }

  @Test
  public void rowsInEqualRowsWrittenPlusDuplicatesPlusDeadLetters() throws Exception {
    DuckDbQueries q = run("DirectRunner", "w.duckdb", "--runId=ga4-test-1");
    assertEquals(5L, q.value("select count(*) from events_web"));
    assertEquals(
        List.of(List.of("ga4-test-1", "succeeded", 10L, 5L, 1L, 4L)),
        q.rows(
            "select run_id, status, rows_read, rows_written, duplicates_removed, rows_dead_lettered from pipeline_runs"));

    Map<String, String> reasons = new TreeMap<>();
    for (List<Object> r :
        q.rows(
            "select coalesce(field, '-'), reason, payload_bytes from dead_letters where run_id = 'ga4-test-1'")) {
      reasons.put((String) r.get(0), (String) r.get(1));
    }
    assertEquals(
        List.of("-", "event_date", "event_timestamp", "stream_id"),
        new ArrayList<>(reasons.keySet()));
    assertThat(reasons.get("-"), containsString("not valid JSON"));
    assertThat(reasons.get("event_timestamp"), containsString("required but missing"));
    assertThat(reasons.get("stream_id"), containsString("expected a string or integer id"));
    assertThat(reasons.get("event_date"), containsString("expected YYYYMMDD, got 'someday'"));
    assertEquals(1L, q.value("select count(*) from dead_letters where payload_bytes > 1048576"));

    assertEquals(
        List.of(List.of("v1.1.1767571200", "https://dreamclass.io/signup")),
        q.rows("select session_id, page_location from events_web where event_name = 'sign_up'"));
  }

  @Test
  public void rerunningTheSameInputGivesAnIdenticalTable() throws Exception {
    DuckDbQueries first = run("DirectRunner", "w.duckdb");
    String checksum = first.checksum(Tables.EVENTS_WEB);
    DuckDbQueries second = run("DirectRunner", "w.duckdb");
    assertEquals(checksum, second.checksum(Tables.EVENTS_WEB));
    assertEquals(2L, second.value("select count(*) from pipeline_runs"));
  }

  @Test
  public void aWindowRunMergesRowsDatedOutsideItInsteadOfDeadLetteringThem() throws Exception {
    // The shard of Jan 5 holds 2 valid rows of Jan 6: late rows, merged by event_id (issue 20).
    DuckDbQueries q =
        run("DirectRunner", "w.duckdb", "--startDate=2026-01-05", "--endDate=2026-01-05");
    assertEquals(
        List.of(List.of("2026-01-05", 3L), List.of("2026-01-06", 2L)),
        q.rows(
            "select cast(event_date as varchar), count(*) from events_web group by 1 order by 1"));
    assertEquals(0L, q.value("select count(*) from dead_letters where reason like '%window%'"));
    assertEquals("succeeded", q.value("select status from pipeline_runs"));
  }

  @Test
  public void flinkAndDirectRunnersWriteIdenticalTables() throws Exception {
    String direct = run("DirectRunner", "direct.duckdb").checksum(Tables.EVENTS_WEB);
    String flink = run("FlinkRunner", "flink.duckdb").checksum(Tables.EVENTS_WEB);
    assertThat(direct, containsString("5:"));
    assertEquals(direct, flink);
  }
}
