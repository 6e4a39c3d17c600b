package io.intelligencesuite.transforms.warehouse;

import static io.intelligencesuite.transforms.testing.LocalPipelines.runOnDirect;
import static io.intelligencesuite.transforms.testing.TestTables.event;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.transforms.testing.TestTables;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class WriteTableDuckDbTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private String path;
  private Warehouse warehouse;
  private DuckDbQueries q;

  @Before
  public void setUp() {
    path = tmp.getRoot().toPath().resolve("w.duckdb").toString();
    warehouse = Warehouse.parse("duckdb:" + path);
    q = new DuckDbQueries(warehouse);
  }

  @After
  public void tearDown() {
    DuckDbConnections.close(path);
  }

  private void write(TableDef table, List<Row> rows, DateWindow window) {
    runOnDirect(
        p -> {
          PCollection<Long> written =
              p.apply(Create.of(rows).withRowSchema(table.schema()))
                  .apply(WriteTable.to(table, warehouse).replacingWindow(window));
          PAssert.thatSingleton(written).isEqualTo((long) rows.size());
        });
  }

  private long count(String sql) throws Exception {
    return ((Number) q.value(sql)).longValue();
  }

  @Test
  public void rerunOfTheSameDaysLeavesOneCopyAndKeepsOtherDays() throws Exception {
    TableDef t = TestTables.events(Refresh.REPLACE_PARTITIONS);
    write(t, List.of(event(t, "a", "2026-01-01", 1), event(t, "b", "2026-01-02", 2)), null);
    write(t, List.of(event(t, "a", "2026-01-01", 1), event(t, "b", "2026-01-02", 2)), null);
    assertEquals(2, count("select count(*) from " + t.name()));

    // A later run for day 2 only replaces day 2: day 1 keeps its row.
    write(t, List.of(event(t, "b2", "2026-01-02", 20), event(t, "c", "2026-01-02", 30)), null);
    assertEquals(3, count("select count(*) from " + t.name()));
    assertEquals(
        1, count("select count(*) from " + t.name() + " where event_date = DATE '2026-01-01'"));
    assertEquals(
        50, count("select sum(amount) from " + t.name() + " where event_date = DATE '2026-01-02'"));
  }

  @Test
  public void explicitWindowReplacesEmptyDaysToo() throws Exception {
    TableDef t = TestTables.events(Refresh.REPLACE_PARTITIONS);
    write(
        t,
        List.of(
            event(t, "a", "2026-01-01", 1),
            event(t, "b", "2026-01-02", 2),
            event(t, "c", "2026-01-03", 3)),
        null);
    // The source now has nothing for Jan 2: a window run over Jan 1-2 must clear it.
    write(
        t,
        List.of(event(t, "a", "2026-01-01", 1)),
        new DateWindow(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-02")));
    assertEquals(
        List.of(List.of("a"), List.of("c")),
        q.rows("select event_id from " + t.name() + " order by event_id"));
  }

  @Test
  public void valuesOfEveryColumnTypeRoundTrip() throws Exception {
    TableDef t = TestTables.events(Refresh.REPLACE_TABLE);
    write(t, List.of(event(t, "x", "2026-03-04", 1234)), null);
    List<Object> row =
        q.rows(
                "select event_id, cast(event_date as varchar), cast(event_ts as varchar), amount, "
                    + "score, is_paid, payload from "
                    + t.name())
            .get(0);
    assertEquals(
        List.of("x", "2026-03-04", "2026-03-04 00:00:01.234", 1234L, 308.5, true, "{\"n\":1234}"),
        row);
  }

  @Test
  public void fullSnapshotReplacesTheWholeTable() throws Exception {
    TableDef t = TestTables.events(Refresh.REPLACE_TABLE);
    write(t, List.of(event(t, "a", "2026-01-01", 1), event(t, "b", "2026-01-02", 2)), null);
    write(t, List.of(event(t, "c", "2026-01-05", 3)), null);
    assertEquals(List.of(List.of("c")), q.rows("select event_id from " + t.name()));
  }

  @Test
  public void emptyInputStillCreatesTheTableAndReplacesASnapshot() throws Exception {
    TableDef t = TestTables.events(Refresh.REPLACE_TABLE);
    write(t, List.of(event(t, "a", "2026-01-01", 1)), null);
    write(t, List.of(), null);
    assertEquals(0, count("select count(*) from " + t.name()));
  }

  @Test
  public void concurrentBundlesAllLandExactlyOnce() throws Exception {
    TableDef t = TestTables.events(Refresh.REPLACE_PARTITIONS);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      rows.add(event(t, "e" + i, "2026-02-" + String.format("%02d", 1 + i % 28), i));
    }
    write(t, rows, null);
    assertEquals(20_000, count("select count(*) from " + t.name()));
    assertEquals(20_000, count("select count(distinct event_id) from " + t.name()));
    assertEquals(
        0,
        count("select count(*) from information_schema.tables where table_name like '_stage_%'"));
  }

  @Test
  public void aTableThatDriftedFromTheRegistryIsNamedWithTheFix() throws Exception {
    TableDef t = TestTables.events(Refresh.REPLACE_PARTITIONS);
    q.execute("create table " + t.name() + " (event_id varchar, something_else integer)");
    RuntimeException e =
        assertThrows(
            RuntimeException.class, () -> write(t, List.of(event(t, "a", "2026-01-01", 1)), null));
    assertThat(e.getMessage(), containsString("registry defines"));
    assertThat(e.getMessage(), containsString("DROP TABLE " + t.name()));
  }

  @Test
  public void warehouseSpecsAreParsedOrRejectedWithTheAcceptedShapes() {
    assertEquals(Warehouse.Kind.BIGQUERY, Warehouse.parse("bigquery:my-project.analytics").kind());
    assertEquals("analytics", Warehouse.parse("bigquery:my-project.analytics").bigQueryDataset());
    assertEquals(Path.of(path).toString(), Warehouse.parse("duckdb:" + path).duckDbPath());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Warehouse.parse("postgres:x"));
    assertThat(e.getMessage(), containsString("bigquery:PROJECT.DATASET"));
  }
}
