package io.intelligencesuite.transforms.warehouse;

import static io.intelligencesuite.transforms.testing.TestTables.event;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.testing.FakeBigQuery;
import io.intelligencesuite.transforms.testing.TestTables;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The incremental write ({@link KeyMerge}) on both warehouses, one scenario: a snapshot a, b, c;
 * then an incremental run read b (changed: amount 20) and d (new), and the source's keys are a, b,
 * d (c was deleted). Expected by hand: a (1, untouched), b (20), d (4); c gone. A rerun of the same
 * write gives the same table.
 *
 * <p>BigQuery with Beam's fakes: the staged rows and keys loads and the one transaction's script,
 * run by {@link DuckDbEmulatedScripts} (the fake job service cannot run DML); not BigQuery's own
 * execution of it, which was never run here.
 */
public class KeyMergeTest {
  private static final String PROJECT = "suite-test";
  private static final String DATASET = "analytics";
  private static final TableDef T = TestTables.events(Refresh.REPLACE_TABLE);

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final FakeBigQuery bigQuery = new FakeBigQuery(PROJECT, DATASET);

  @Before
  public void setUp() {
    DuckDbEmulatedScripts.clear();
  }

  /** event_id -> amount of the rows the fake BigQuery holds for {@code table}. */
  private Map<String, Long> amounts(TableDef table) throws Exception {
    Map<String, Long> amounts = new TreeMap<>();
    for (TableRow r : bigQuery.rows(table.name())) {
      amounts.put((String) r.get("event_id"), Long.parseLong(String.valueOf(r.get("amount"))));
    }
    return amounts;
  }

  private static Row key(String id) {
    return Row.withSchema(KeyMerge.keySchema(T)).addValue(id).build();
  }

  private static final List<Row> SNAPSHOT =
      List.of(
          event(T, "a", "2026-01-01", 1),
          event(T, "b", "2026-01-02", 2),
          event(T, "c", "2026-01-03", 3));
  private static final List<Row> CHANGED =
      List.of(event(T, "b", "2026-01-02", 20), event(T, "d", "2026-01-04", 4));
  private static final List<Row> KEYS = List.of(key("a"), key("b"), key("d"));

  private void write(Warehouse warehouse, List<Row> rows, List<Row> keys) {
    write(T, warehouse, rows, keys == null ? null : KeyMerge.everyKey(T), keys);
  }

  private void write(
      TableDef table, Warehouse warehouse, List<Row> rows, KeyMerge merge, List<Row> keys) {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(DirectRunner.class);
    options.setTempLocation(tmp.getRoot().getAbsolutePath());
    Pipeline p = Pipeline.create(options);
    WriteTable write =
        WriteTable.to(table, warehouse)
            .withBigQueryServices(bigQuery.services)
            .withBigQueryScripts(new DuckDbEmulatedScripts(table));
    if (merge == null && table.refresh() == Refresh.REPLACE_PARTITIONS) {
      write = write.replacingWindow(ReplaceWindow.allDays());
    }
    if (merge != null) {
      write =
          write.merging(merge, p.apply("Keys", Create.of(keys).withRowSchema(merge.keySchema())));
    }
    PCollection<Long> written = p.apply(Create.of(rows).withRowSchema(table.schema())).apply(write);
    PAssert.thatSingleton(written).isEqualTo((long) rows.size());
    p.run().waitUntilFinish();
  }

  private static final Map<String, Long> EXPECTED = Map.of("a", 1L, "b", 20L, "d", 4L);

  @Test
  public void duckDbUpsertsChangedRowsAndDeletesKeysGoneFromTheSource() throws Exception {
    String path = tmp.getRoot().toPath().resolve("w.duckdb").toString();
    Warehouse w = Warehouse.parse("duckdb:" + path);
    write(w, SNAPSHOT, null);
    write(w, CHANGED, KEYS);
    DuckDbQueries q = new DuckDbQueries(w);
    assertEquals(new TreeMap<>(EXPECTED), amounts(q));
    write(w, CHANGED, KEYS);
    assertEquals(new TreeMap<>(EXPECTED), amounts(q));
    assertEquals(
        "no stage left",
        0L,
        q.value("select count(*) from information_schema.tables where table_name like '_stage_%'"));
  }

  private static Map<String, Long> amounts(DuckDbQueries q) throws Exception {
    return amounts(q, T);
  }

  private static Map<String, Long> amounts(DuckDbQueries q, TableDef table) throws Exception {
    Map<String, Long> out = new TreeMap<>();
    for (List<Object> r : q.rows("select event_id, amount from " + table.name())) {
      out.put((String) r.get(0), ((Number) r.get(1)).longValue());
    }
    return out;
  }

  @Test
  public void bigQueryRunsTheSameStatementInOneTransaction() throws Exception {
    Warehouse w = Warehouse.parse("bigquery:" + PROJECT + "." + DATASET);
    write(w, SNAPSHOT, null);
    write(w, CHANGED, KEYS);
    assertEquals(new TreeMap<>(EXPECTED), amounts(T));
    String script = DuckDbEmulatedScripts.SCRIPTS.get(0);
    assertThat(
        script,
        containsString(
            "BEGIN TRANSACTION;\nDELETE FROM `suite-test.analytics."
                + T.name()
                + "` AS t WHERE CAST(t.event_date AS DATE) IN UNNEST(merged_days) AND (EXISTS"));
    // The test table is day-partitioned: the delete keeps to the day of c, the row it deletes,
    // and of b, whose staged version replaces it.
    assertEquals(List.of(List.of("2026-01-02", "2026-01-03")), DuckDbEmulatedScripts.MERGED_DAYS);
    assertThat(
        script,
        containsString(
            ") OR NOT EXISTS (SELECT 1 FROM `suite-test.analytics." + T.name() + "__stage_"));
    assertThat(script, containsString("_keys` AS k WHERE k.event_id = t.event_id)"));
    // Both stages dropped after the transaction.
    String stage =
        script.replaceAll("(?s).*`suite-test\\.analytics\\.([^`]*__stage_[0-9a-f]+)`.*", "$1");
    assertNull(bigQuery.datasets.getTable(ref(stage)));
    assertNull(bigQuery.datasets.getTable(ref(stage + "_keys")));
  }

  private static TableReference ref(String table) {
    return new TableReference().setProjectId(PROJECT).setDatasetId(DATASET).setTableId(table);
  }

  // The replaced-scope form on a day-partitioned table: run_id stands for a parent id (an
  // invoice), event_id for its children (lines). Held: a, b of parent p1 (days 1, 2), c of p2 (day
  // 3), d of p3 (day 4). The run read p1 whole (a changed to 10, b gone, e new on day 5) and p3
  // (deleted: no rows). Expected by hand: a 10, c 3 (p2 untouched), e 5; b and d gone. The delete
  // touches the days of the rows it deletes: 1 (a's old version), 2 (b) and 4 (d), never 3.
  private static final TableDef P = TestTables.events(Refresh.REPLACE_PARTITIONS);

  private static Row child(String id, String parent, String day, long amount) {
    return Row.fromRow(event(P, id, day, amount)).withFieldValue("run_id", parent).build();
  }

  private static final List<Row> HELD =
      List.of(
          child("a", "p1", "2026-01-01", 1),
          child("b", "p1", "2026-01-02", 2),
          child("c", "p2", "2026-01-03", 3),
          child("d", "p3", "2026-01-04", 4));
  private static final List<Row> P1_NOW =
      List.of(child("a", "p1", "2026-01-01", 10), child("e", "p1", "2026-01-05", 5));
  private static final KeyMerge BY_PARENT = KeyMerge.replacing(P, "run_id");
  private static final List<Row> SCOPES =
      List.of(
          Row.withSchema(BY_PARENT.keySchema()).addValue("p1").build(),
          Row.withSchema(BY_PARENT.keySchema()).addValue("p3").build());
  private static final Map<String, Long> EXPECTED_BY_PARENT = Map.of("a", 10L, "c", 3L, "e", 5L);

  @Test
  public void duckDbReplacesTheScopesReadWholeInADayPartitionedTable() throws Exception {
    String path = tmp.getRoot().toPath().resolve("p.duckdb").toString();
    Warehouse w = Warehouse.parse("duckdb:" + path);
    write(P, w, HELD, null, null);
    write(P, w, P1_NOW, BY_PARENT, SCOPES);
    DuckDbQueries q = new DuckDbQueries(w);
    assertEquals(new TreeMap<>(EXPECTED_BY_PARENT), amounts(q, P));
    write(P, w, P1_NOW, BY_PARENT, SCOPES);
    assertEquals("a rerun changes nothing", new TreeMap<>(EXPECTED_BY_PARENT), amounts(q, P));
  }

  @Test
  public void bigQueryConfinesTheScopedDeleteToThePartitionsOfTheRowsItDeletes() throws Exception {
    Warehouse w = Warehouse.parse("bigquery:" + PROJECT + "." + DATASET);
    write(P, w, HELD, null, null);
    write(P, w, P1_NOW, BY_PARENT, SCOPES);
    assertEquals(new TreeMap<>(EXPECTED_BY_PARENT), amounts(P));
    String script = DuckDbEmulatedScripts.SCRIPTS.get(1);
    assertThat(script, containsString("DECLARE merged_days ARRAY<DATE>;\nSET merged_days = ("));
    assertThat(
        script,
        containsString("AS t WHERE CAST(t.event_date AS DATE) IN UNNEST(merged_days) AND (EXISTS"));
    assertThat(script, containsString("_keys` AS k WHERE k.run_id = t.run_id)"));
    assertEquals(
        List.of(List.of("2026-01-01", "2026-01-02", "2026-01-04")),
        DuckDbEmulatedScripts.MERGED_DAYS);
  }
}
