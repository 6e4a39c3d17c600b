package io.intelligencesuite.transforms.warehouse;

import static io.intelligencesuite.transforms.testing.TestTables.event;
import static org.junit.Assert.assertEquals;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import io.intelligencesuite.schemas.BigQueryTables;
import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.testing.FakeBigQuery;
import io.intelligencesuite.transforms.testing.TestTables;
import java.util.List;
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
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The BigQuery half of the sink against Beam's own fake BigQuery services (no Google Cloud here).
 * Note: the fake ignores WRITE_TRUNCATE on a partition decorator ({@code t$20260101}): it appends.
 * So per-partition replacement is asserted on the load jobs (each day's rows go to that day's
 * decorator with WRITE_TRUNCATE, which BigQuery documents as replacing exactly that partition), and
 * whole-table replacement end to end.
 */
public class WriteTableBigQueryTest {
  private static final String PROJECT = "suite-test";
  private static final String DATASET = "analytics";

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final FakeBigQuery bigQuery = new FakeBigQuery(PROJECT, DATASET);

  private void write(TableDef table, List<Row> rows) {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(DirectRunner.class);
    options.setTempLocation(tmp.getRoot().getAbsolutePath());
    Pipeline p = Pipeline.create(options);
    PCollection<Long> written =
        p.apply(Create.of(rows).withRowSchema(table.schema()))
            .apply(
                WriteTable.to(table, Warehouse.parse("bigquery:" + PROJECT + "." + DATASET))
                    .withBigQueryServices(bigQuery.services));
    PAssert.thatSingleton(written).isEqualTo((long) rows.size());
    p.run().waitUntilFinish();
  }

  private TableReference ref(TableDef t) {
    return new TableReference().setProjectId(PROJECT).setDatasetId(DATASET).setTableId(t.name());
  }

  @Test
  public void rowsLandInAPartitionedClusteredTableWithTheRegistrySchema() throws Exception {
    TableDef t = TestTables.events(Refresh.REPLACE_PARTITIONS);
    write(
        t,
        List.of(
            event(t, "a", "2026-01-02", 1),
            event(t, "b", "2026-01-02", 2),
            event(t, "c", "2026-01-02", 3)));

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

    List<TableRow> rows = bigQuery.datasets.getAllRows(PROJECT, DATASET, t.name());
    assertEquals(3, rows.size());
    assertEquals(
        List.of("a", "b", "c"),
        rows.stream().map(r -> (String) r.get("event_id")).sorted().collect(Collectors.toList()));
  }

  @Test
  public void rerunOfTheSameWindowTruncatesExactlyThatDayPartition() throws Exception {
    TableDef t = TestTables.events(Refresh.REPLACE_PARTITIONS);
    List<Row> rows = List.of(event(t, "a", "2026-01-02", 1), event(t, "b", "2026-01-02", 2));
    write(t, rows);
    write(t, rows);
    // Every load of both runs targets the day's decorator with WRITE_TRUNCATE: in BigQuery that
    // replaces the partition 2026-01-02 and nothing else, so a rerun leaves one copy.
    List<String> loads =
        bigQuery.jobs.getAllJobs().stream()
            .filter(j -> j.getConfiguration().getLoad() != null)
            .map(
                j ->
                    j.getConfiguration().getLoad().getDestinationTable().getTableId()
                        + " "
                        + j.getConfiguration().getLoad().getWriteDisposition())
            .distinct()
            .collect(Collectors.toList());
    assertEquals(List.of(t.name() + "$20260102 WRITE_TRUNCATE"), loads);
  }

  @Test
  public void rerunOfASnapshotLeavesOneCopy() throws Exception {
    TableDef t = TestTables.events(Refresh.REPLACE_TABLE);
    List<Row> rows = List.of(event(t, "a", "2026-01-02", 1), event(t, "b", "2026-01-03", 2));
    write(t, rows);
    write(t, rows);
    assertEquals(2, bigQuery.datasets.getAllRows(PROJECT, DATASET, t.name()).size());
  }

  @Test
  public void appendByRunTablesAppend() throws Exception {
    TableDef t = TestTables.events(Refresh.APPEND_BY_RUN);
    write(t, List.of(event(t, "a", "2026-01-02", 1)));
    write(t, List.of(event(t, "b", "2026-01-03", 2)));
    assertEquals(2, bigQuery.datasets.getAllRows(PROJECT, DATASET, t.name()).size());
  }

  @Test
  public void eachRowIsRoutedToItsDayPartitionDecorator() {
    TableDef t = TestTables.events(Refresh.REPLACE_PARTITIONS);
    BigQuerySink.Destination destination = new BigQuerySink.Destination(t, PROJECT, DATASET);
    TableDestination day1 =
        destination.apply(
            ValueInSingleWindow.of(
                event(t, "a", "2026-01-01", 1),
                GlobalWindow.TIMESTAMP_MIN_VALUE,
                GlobalWindow.INSTANCE,
                PaneInfo.NO_FIRING));
    TableDestination day2 =
        destination.apply(
            ValueInSingleWindow.of(
                event(t, "b", "2026-12-31", 1),
                GlobalWindow.TIMESTAMP_MIN_VALUE,
                GlobalWindow.INSTANCE,
                PaneInfo.NO_FIRING));
    assertEquals(
        "suite-test:analytics.test_events_replace_partitions$20260101", day1.getTableSpec());
    assertEquals(
        "suite-test:analytics.test_events_replace_partitions$20261231", day2.getTableSpec());
    assertEquals("{\"field\":\"event_date\",\"type\":\"DAY\"}", day1.getJsonTimePartitioning());

    TableDef snapshot = TestTables.events(Refresh.REPLACE_TABLE);
    assertEquals(
        "suite-test:analytics.test_events_replace_table",
        new BigQuerySink.Destination(snapshot, PROJECT, DATASET)
            .apply(
                ValueInSingleWindow.of(
                    event(snapshot, "a", "2026-01-01", 1),
                    GlobalWindow.TIMESTAMP_MIN_VALUE,
                    GlobalWindow.INSTANCE,
                    PaneInfo.NO_FIRING))
            .getTableSpec());
  }
}
