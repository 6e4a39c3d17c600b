package io.intelligencesuite.transforms.warehouse;

import static io.intelligencesuite.transforms.testing.LocalPipelines.runOnDirect;
import static io.intelligencesuite.transforms.testing.TestTables.abc;
import static io.intelligencesuite.transforms.testing.TestTables.event;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.testing.TestTables;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;

public class WriteTableDuckDbTest {
  @Rule public final TempWarehouses duck = new TempWarehouses();

  private void write(TableDef table, List<Row> rows, ReplaceWindow window) {
    runOnDirect(
        p -> {
          PCollection<Long> written =
              p.apply(Create.of(rows).withRowSchema(table.schema()))
                  .apply(WriteTable.to(table, duck.warehouse()).replacingWindow(window));
          PAssert.thatSingleton(written).isEqualTo((long) rows.size());
        });
  }

  private long count(String sql) throws Exception {
    return ((Number) duck.queries().value(sql)).longValue();
  }

  private static ReplaceWindow days(String start, String end) {
    return ReplaceWindow.days(new DateWindow(LocalDate.parse(start), LocalDate.parse(end)));
  }

  /** The table as day -> event_id -> every column value as DuckDB returns it. */
  private Map<String, Map<String, String>> byDay(TableDef t) throws Exception {
    Map<String, Map<String, String>> byDay = new TreeMap<>();
    for (List<Object> row : duck.queries().rows("select * from " + t.name())) {
      RerunScenario.put(byDay, row.get(1), row.get(0), row.toString());
    }
    return byDay;
  }

  @Test
  public void aSubRangeRerunReplacesExactlyItsWindowAndMergesLateRows() throws Exception {
    TableDef t = RerunScenario.runAndAssert(this::write, this::byDay);

    // The same rerun again changes nothing: late rows are merged by key, never appended twice.
    Map<String, Map<String, String>> afterOnce = byDay(t);
    write(t, RerunScenario.rerun(t), RerunScenario.RERUN_WINDOW);
    assertEquals(afterOnce, byDay(t));
  }

  @Test
  public void theDaysInTheRowsAreNotTheWindow() throws Exception {
    // Issue 20's reproduction: a shard of Jan 2 holding one late row of Jan 1 wiped Jan 1.
    TableDef t = TestTables.events(Refresh.REPLACE_PARTITIONS);
    write(t, abc(t, "2026-01-01", "2026-01-01", "2026-01-02"), ReplaceWindow.allDays());
    write(
        t,
        List.of(event(t, "late", "2026-01-01", 4), event(t, "c2", "2026-01-02", 5)),
        days("2026-01-02", "2026-01-02"));
    assertEquals(
        List.of(List.of("a"), List.of("b"), List.of("c2"), List.of("late")),
        duck.queries().rows("select event_id from " + t.name() + " order by event_id"));
  }

  @Test
  public void noDaysMergesByKeyAndDeletesNothing() throws Exception {
    TableDef t = TestTables.events(Refresh.REPLACE_PARTITIONS);
    write(
        t,
        List.of(event(t, "a", "2026-01-01", 1), event(t, "b", "2026-01-02", 2)),
        ReplaceWindow.noDays());
    write(t, List.of(event(t, "b", "2026-01-02", 20)), ReplaceWindow.noDays());
    assertEquals(
        List.of(List.of("a", 1L), List.of("b", 20L)),
        duck.queries().rows("select event_id, amount from " + t.name() + " order by event_id"));
  }

  @Test
  public void aPartitionedTableWithoutAWindowIsRefusedNamingTheFix() {
    TableDef t = TestTables.events(Refresh.REPLACE_PARTITIONS);
    RuntimeException e =
        assertThrows(
            RuntimeException.class, () -> write(t, List.of(event(t, "a", "2026-01-01", 1)), null));
    assertThat(e.getMessage(), containsString("replaces day partitions"));
    assertThat(e.getMessage(), containsString("ReplaceWindow"));
  }

  @Test
  public void explicitWindowReplacesEmptyDaysToo() throws Exception {
    TableDef t = TestTables.events(Refresh.REPLACE_PARTITIONS);
    write(t, abc(t, "2026-01-01", "2026-01-02", "2026-01-03"), ReplaceWindow.allDays());
    // The source now has nothing for Jan 2: a window run over Jan 1-2 must clear it.
    write(t, List.of(event(t, "a", "2026-01-01", 1)), days("2026-01-01", "2026-01-02"));
    assertEquals(
        List.of(List.of("a"), List.of("c")),
        duck.queries().rows("select event_id from " + t.name() + " order by event_id"));
  }

  @Test
  public void valuesOfEveryColumnTypeRoundTrip() throws Exception {
    TableDef t = TestTables.events(Refresh.REPLACE_TABLE);
    write(t, List.of(event(t, "x", "2026-03-04", 1234)), null);
    List<Object> row =
        duck.queries()
            .rows(
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
    assertEquals(List.of(List.of("c")), duck.queries().rows("select event_id from " + t.name()));
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
    write(t, rows, ReplaceWindow.allDays());
    assertEquals(20_000, count("select count(*) from " + t.name()));
    assertEquals(20_000, count("select count(distinct event_id) from " + t.name()));
    assertEquals(
        0,
        count("select count(*) from information_schema.tables where table_name like '_stage_%'"));
  }

  @Test
  public void aTableThatDriftedFromTheRegistryIsNamedWithTheFix() throws Exception {
    TableDef t = TestTables.events(Refresh.REPLACE_PARTITIONS);
    duck.queries()
        .execute("create table " + t.name() + " (event_id varchar, something_else integer)");
    RuntimeException e =
        assertThrows(
            RuntimeException.class,
            () -> write(t, List.of(event(t, "a", "2026-01-01", 1)), ReplaceWindow.noDays()));
    assertThat(e.getMessage(), containsString("Schema change refused: " + t.name()));
    assertThat(e.getMessage(), containsString("DROP TABLE " + t.name()));
  }

  @Test
  public void warehouseSpecsAreParsedOrRejectedWithTheAcceptedShapes() {
    assertEquals(Warehouse.Kind.BIGQUERY, Warehouse.parse("bigquery:my-project.analytics").kind());
    assertEquals("analytics", Warehouse.parse("bigquery:my-project.analytics").bigQueryDataset());
    assertEquals(Path.of(duck.path()).toString(), duck.warehouse().duckDbPath());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Warehouse.parse("postgres:x"));
    assertThat(e.getMessage(), containsString("bigquery:PROJECT.DATASET"));
  }
}
