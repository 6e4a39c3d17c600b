package io.intelligencesuite.transforms.warehouse;

import static io.intelligencesuite.transforms.testing.TestTables.abc;
import static io.intelligencesuite.transforms.testing.TestTables.event;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import io.intelligencesuite.schemas.BigQueryTables;
import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.testing.FakeBigQuery;
import io.intelligencesuite.transforms.testing.TestTables;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.gcp.bigquery.TableDestination;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.ValueInSingleWindow;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The BigQuery half of the sink against Beam's own fake BigQuery services (no Google Cloud here).
 *
 * <p>What the fakes show: the load of the run's rows into a staging table with the registry schema,
 * the target created from the registry (partitioning, clustering), one replace script per table and
 * run naming the window's days, and the stage dropped after it. What they cannot show: the fake job
 * service cannot run DML (it answers query jobs only with pre-registered results), so the script is
 * run by {@link DuckDbEmulatedScripts} on DuckDB over the fake tables' rows. That proves what the
 * statements decide row for row, not BigQuery's parsing of them, the transaction's rollback on
 * failure, partition pruning or DML quotas: those were never run on real BigQuery.
 */
public class WriteTableBigQueryTest {
  private static final String PROJECT = "suite-test";
  private static final String DATASET = "analytics";

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final FakeBigQuery bigQuery = new FakeBigQuery(PROJECT, DATASET);

  @Before
  public void clearScripts() {
    DuckDbEmulatedScripts.clear();
  }

  private void write(TableDef table, List<Row> rows) {
    write(table, rows, ReplaceWindow.allDays());
  }

  private void write(TableDef table, List<Row> rows, ReplaceWindow window) {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(DirectRunner.class);
    options.setTempLocation(tmp.getRoot().getAbsolutePath());
    Pipeline p = Pipeline.create(options);
    PCollection<Long> written =
        p.apply(Create.of(rows).withRowSchema(table.schema()))
            .apply(
                WriteTable.to(table, Warehouse.parse("bigquery:" + PROJECT + "." + DATASET))
                    .replacingWindow(table.refresh() == Refresh.REPLACE_PARTITIONS ? window : null)
                    .withBigQueryServices(bigQuery.services)
                    .withBigQueryScripts(new DuckDbEmulatedScripts(table)));
    PAssert.thatSingleton(written).isEqualTo((long) rows.size());
    p.run().waitUntilFinish();
  }

  private TableReference ref(TableDef t) {
    return new TableReference().setProjectId(PROJECT).setDatasetId(DATASET).setTableId(t.name());
  }

  @Test
  public void rowsLandInAPartitionedClusteredTableWithTheRegistrySchema() throws Exception {
    TableDef t = TestTables.events(Refresh.REPLACE_PARTITIONS);
    write(t, abc(t, "2026-01-02", "2026-01-02", "2026-01-02"));

    Table table = bigQuery.datasets.getTable(ref(t));
    assertEquals(
        BigQueryTables.schema(t).getFields().stream()
            .map(f -> f.getName() + ":" + f.getType() + ":" + f.getMode())
            .collect(Collectors.toList()),
        table.getSchema().getFields().stream()
            .map(f -> f.getName() + ":" + f.getType() + ":" + f.getMode())
            .collect(Collectors.toList()));
    assertEquals("event_date", table.getTimePartitioning().getField());
    assertEquals("DAY", table.getTimePartitioning().getType());
    assertEquals(List.of("event_id"), table.getClustering().getFields());

    List<TableRow> rows = bigQuery.rows(t.name());
    assertEquals(3, rows.size());
    assertEquals(
        List.of("a", "b", "c"),
        rows.stream().map(r -> (String) r.get("event_id")).sorted().collect(Collectors.toList()));
  }

  /** The table as day -> event_id -> the fake's row, every column. */
  private Map<String, Map<String, String>> byDay(TableDef t) throws Exception {
    Map<String, Map<String, String>> byDay = new TreeMap<>();
    for (TableRow row : bigQuery.rows(t.name())) {
      RerunScenario.put(
          byDay, row.get("event_date"), row.get("event_id"), new TreeMap<>(row).toString());
    }
    return byDay;
  }

  @Test
  public void aSubRangeRerunReplacesExactlyItsWindowAndMergesLateRows() throws Exception {
    TableDef t = RerunScenario.runAndAssert(this::write, this::byDay);

    // One transaction per run: the window's days (Jan 3 included, though the rerun had no row of
    // it) and the merge by key, then the insert; and no stage is left behind.
    String script = DuckDbEmulatedScripts.SCRIPTS.get(1);
    assertThat(
        script,
        startsWith(
            "BEGIN TRANSACTION;\nDELETE FROM `suite-test.analytics."
                + t.name()
                + "` AS t WHERE (CAST(t.event_date AS DATE) BETWEEN DATE '2026-01-02' AND DATE '2026-01-03') OR EXISTS (SELECT 1 FROM `suite-test.analytics."
                + t.name()
                + "__stage_"));
    assertThat(script, endsWith("COMMIT TRANSACTION;"));
    assertEquals(2, DuckDbEmulatedScripts.SCRIPTS.size());
    Matcher stage =
        Pattern.compile("analytics\\.(" + t.name() + "__stage_[0-9a-f]+)`").matcher(script);
    assertTrue(stage.find());
    assertNull(bigQuery.datasets.getTable(ref(t).setTableId(stage.group(1))));
  }

  @Test
  public void aRunWithNoRowsStillEmptiesItsWindow() throws Exception {
    TableDef t = TestTables.events(Refresh.REPLACE_PARTITIONS);
    write(t, List.of(event(t, "a", "2026-01-01", 1), event(t, "b", "2026-01-02", 2)));
    write(
        t,
        List.of(),
        ReplaceWindow.days(
            new DateWindow(LocalDate.parse("2026-01-02"), LocalDate.parse("2026-01-02"))));
    assertEquals(List.of("a"), bigQuery.texts(t.name(), "event_id"));
  }

  @Test
  public void rerunOfASnapshotLeavesOneCopy() throws Exception {
    TableDef t = TestTables.events(Refresh.REPLACE_TABLE);
    List<Row> rows = List.of(event(t, "a", "2026-01-02", 1), event(t, "b", "2026-01-03", 2));
    write(t, rows);
    write(t, rows);
    assertEquals(2, bigQuery.rows(t.name()).size());
  }

  @Test
  public void appendByRunTablesKeepEveryRunAndReplaceAReplayedRunId() throws Exception {
    // As on DuckDB: pipeline_runs and dead_letters append per run; the same run id (a replay, or a
    // run's final pipeline_runs row after its "running" row) replaces that run's rows.
    TableDef t = TestTables.events(Refresh.APPEND_BY_RUN);
    write(t, List.of(event(t, "a", "2026-01-02", 1)));
    write(t, List.of(withRunId(event(t, "b", "2026-01-03", 2), "run-2")));
    write(t, List.of(event(t, "a2", "2026-01-02", 3)));
    assertEquals(
        List.of("a2 run-1", "b run-2"),
        bigQuery.rows(t.name()).stream()
            .map(r -> r.get("event_id") + " " + r.get("run_id"))
            .sorted()
            .collect(Collectors.toList()));
  }

  private static Row withRunId(Row row, String runId) {
    return Row.fromRow(row).withFieldValue("run_id", runId).build();
  }

  @Test
  public void everyRowOfASnapshotGoesToTheTableItselfWithTheRegistryPartitioning() {
    TableDef snapshot = TestTables.events(Refresh.REPLACE_TABLE);
    TableDestination destination =
        new BigQuerySink.Destination(snapshot, PROJECT, DATASET)
            .apply(
                ValueInSingleWindow.of(
                    event(snapshot, "a", "2026-01-01", 1),
                    GlobalWindow.TIMESTAMP_MIN_VALUE,
                    GlobalWindow.INSTANCE,
                    PaneInfo.NO_FIRING));
    assertEquals("suite-test:analytics.test_events_replace_table", destination.getTableSpec());
    assertEquals(
        "{\"field\":\"event_date\",\"type\":\"DAY\"}", destination.getJsonTimePartitioning());
  }
}
