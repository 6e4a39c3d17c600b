package io.intelligencesuite.sources.ga4;

import static org.junit.Assert.assertEquals;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.intelligencesuite.testing.FakeBigQuery;
import io.intelligencesuite.transforms.warehouse.DateWindow;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.TypedRead.Method;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The live-export read path against Beam's fake BigQuery services: daily and intraday shards in a
 * fake {@code analytics_<property>} dataset; only the window's shards are read. Two limits of the
 * fakes shape this test: they have no Storage Read sessions (so the test reads with EXPORT, which
 * FakeJobService implements as an Avro extract), and that extract cannot write nested records
 * (ClassCastException in FakeJobService.writeRowsHelper). So the shards here hold the flat GA4
 * columns, and the nested event_params path from TableRow to events_web is pinned separately below,
 * without the fake.
 */
public class Ga4BigQueryReadTest {
  private static final String PROJECT = "dreamclass-prod";
  private static final String DATASET = "analytics_123456";

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final FakeBigQuery bigQuery = new FakeBigQuery(PROJECT, DATASET);
  private String db;

  /**
   * The flat GA4 export columns (BigQuery types): {@link #ga4Schema} without its records, all the
   * fake's extract can write.
   */
  static TableSchema flatGa4Schema() {
    return new TableSchema()
        .setFields(
            ga4Schema().getFields().stream().filter(f -> !"RECORD".equals(f.getType())).toList());
  }

  static TableRow flatEvent(String day, String pseudoId) {
    TableRow full = event(day, pseudoId, 1);
    full.remove("event_params");
    full.remove("device");
    return full;
  }

  /** The part of the GA4 export schema the pipeline reads (BigQuery types, nested params). */
  static TableSchema ga4Schema() {
    TableFieldSchema value =
        new TableFieldSchema()
            .setName("value")
            .setType("RECORD")
            .setFields(
                List.of(
                    new TableFieldSchema().setName("string_value").setType("STRING"),
                    new TableFieldSchema().setName("int_value").setType("INTEGER"),
                    new TableFieldSchema().setName("float_value").setType("FLOAT"),
                    new TableFieldSchema().setName("double_value").setType("FLOAT")));
    return new TableSchema()
        .setFields(
            List.of(
                new TableFieldSchema().setName("event_date").setType("STRING"),
                new TableFieldSchema().setName("event_timestamp").setType("INTEGER"),
                new TableFieldSchema().setName("event_name").setType("STRING"),
                new TableFieldSchema()
                    .setName("event_params")
                    .setType("RECORD")
                    .setMode("REPEATED")
                    .setFields(
                        List.of(new TableFieldSchema().setName("key").setType("STRING"), value)),
                new TableFieldSchema().setName("user_id").setType("STRING"),
                new TableFieldSchema().setName("user_pseudo_id").setType("STRING"),
                new TableFieldSchema().setName("stream_id").setType("STRING"),
                new TableFieldSchema()
                    .setName("device")
                    .setType("RECORD")
                    .setFields(
                        List.of(new TableFieldSchema().setName("category").setType("STRING")))));
  }

  static TableRow event(String day, String pseudoId, long session) {
    LocalDate date = LocalDate.parse(day, java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    long micros =
        date.atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond() * 1_000_000L + 3_600_000_000L;
    return new TableRow()
        .set("event_date", day)
        .set("event_timestamp", micros)
        .set("event_name", "page_view")
        .set("user_id", null)
        .set("user_pseudo_id", pseudoId)
        .set("stream_id", "7")
        .set(
            "event_params",
            List.of(
                new TableRow()
                    .set("key", "ga_session_id")
                    .set("value", new TableRow().set("int_value", session)),
                new TableRow()
                    .set("key", "page_location")
                    .set("value", new TableRow().set("string_value", "https://dreamclass.io/"))))
        .set("device", new TableRow().set("category", "desktop"));
  }

  private void shard(String table, TableRow... rows) throws Exception {
    TableReference ref =
        new TableReference().setProjectId(PROJECT).setDatasetId(DATASET).setTableId(table);
    bigQuery.datasets.createTable(new Table().setTableReference(ref).setSchema(flatGa4Schema()));
    bigQuery.datasets.insertAll(ref, List.of(rows), null);
  }

  @Before
  public void setUp() throws Exception {
    shard("events_20260101", flatEvent("20260101", "before-window"));
    shard("events_20260102", flatEvent("20260102", "v2"), flatEvent("20260102", "v2b"));
    shard("events_20260103", flatEvent("20260103", "v3"));
    shard("events_intraday_20260104", flatEvent("20260104", "v4-intraday"));
    shard("events_20260105", flatEvent("20260105", "after-window"));
    db = tmp.getRoot().toPath().resolve("w.duckdb").toString();
  }

  @After
  public void tearDown() {
    DuckDbConnections.close(db);
  }

  @Test
  public void theWindowSelectsDailyShardsAndIntradayOnlyWhereNoDailyExists() {
    Set<String> existing =
        Set.of(
            "events_20260102",
            "events_20260103",
            "events_intraday_20260103",
            "events_intraday_20260104");
    DateWindow window = new DateWindow(LocalDate.of(2026, 1, 2), LocalDate.of(2026, 1, 5));
    assertEquals(
        List.of("events_20260102", "events_20260103", "events_intraday_20260104"),
        Ga4ExportShards.select(window, true, existing::contains));
    assertEquals(
        List.of("events_20260102", "events_20260103"),
        Ga4ExportShards.select(window, false, existing::contains));
    assertEquals(
        new DateWindow(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 22)),
        Ga4Pipeline.lastThreeDays(LocalDate.of(2026, 11, 22)));
  }

  @Test
  public void onlyTheWindowsShardsAreReadIntoEventsWeb() throws Exception {
    Ga4Options options =
        PipelineOptionsFactory.fromArgs(
                "--runner=DirectRunner",
                "--ga4Dataset=" + PROJECT + "." + DATASET,
                "--startDate=2026-01-02",
                "--endDate=2026-01-04",
                "--includeIntraday=true",
                "--project=" + PROJECT,
                "--tempLocation=" + tmp.getRoot(),
                "--warehouse=duckdb:" + db)
            .as(Ga4Options.class);
    Pipeline p = Pipeline.create(options);
    Ga4Pipeline.build(p, options, bigQuery.services, Method.EXPORT);
    assertEquals(PipelineResult.State.DONE, p.run().waitUntilFinish());

    DuckDbQueries q = new DuckDbQueries(Warehouse.parse("duckdb:" + db));
    assertEquals(
        List.of(
            List.of("v2", "2026-01-02"),
            List.of("v2b", "2026-01-02"),
            List.of("v3", "2026-01-03"),
            List.of("v4-intraday", "2026-01-04")),
        q.rows(
            "select user_pseudo_id, cast(event_date as varchar) from events_web order by user_pseudo_id"));
    assertEquals(
        List.of(List.of("succeeded", 4L, 4L, 0L)),
        q.rows("select status, rows_read, rows_written, rows_dead_lettered from pipeline_runs"));
  }

  @Test
  public void aNestedTableRowFromBigQueryParsesLikeTheExportFileRow() {
    TableRow fromBigQuery = event("20260102", "v9", 1767312000L);
    String exportLine =
        "{\"event_date\":\"20260102\",\"event_timestamp\":"
            + fromBigQuery.get("event_timestamp")
            + ",\"event_name\":\"page_view\",\"user_id\":null,\"user_pseudo_id\":\"v9\",\"stream_id\":\"7\","
            + "\"event_params\":[{\"key\":\"ga_session_id\",\"value\":{\"int_value\":1767312000}},"
            + "{\"key\":\"page_location\",\"value\":{\"string_value\":\"https://dreamclass.io/\"}}],"
            + "\"device\":{\"category\":\"desktop\"}}";
    assertEquals(
        Ga4EventParser.parse(exportLine), Ga4EventParser.parse(ReadGa4Export.toJson(fromBigQuery)));
    assertEquals(
        "v9.1767312000",
        Ga4EventParser.parse(ReadGa4Export.toJson(fromBigQuery)).getString("session_id"));
  }
}
