package io.intelligencesuite.transforms.warehouse;

import static io.intelligencesuite.transforms.testing.TestTables.event;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;

import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.transforms.testing.TestTables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.values.Row;

/**
 * The sub-range rerun both sinks must pass (issue 20), as data and expectations; each warehouse
 * test runs it and hands back the table as day -> event_id -> the row rendered by that warehouse.
 *
 * <p>First run: days 2026-01-01..05, three rows each ({@code dNa, dNb, dNc}). Rerun of the window
 * 2026-01-02..03 that read: two rows of Jan 2 (one changed, one new), nothing of Jan 3, and two
 * late rows dated outside the window: a new key on Jan 1 and a new version of {@code d4a} on Jan 4.
 */
final class RerunScenario {
  static final ReplaceWindow RERUN_WINDOW =
      ReplaceWindow.days(
          new DateWindow(LocalDate.parse("2026-01-02"), LocalDate.parse("2026-01-03")));

  private RerunScenario() {}

  /** Writes rows to the warehouse under test, replacing {@code window}. */
  interface Sink {
    void write(TableDef t, List<Row> rows, ReplaceWindow window) throws Exception;
  }

  /** The table as day -> event_id -> the row as that warehouse renders it. */
  interface ByDay {
    Map<String, Map<String, String>> read(TableDef t) throws Exception;
  }

  /**
   * Runs the scenario on a partitioned events table: {@link #firstRun} over all days, then {@link
   * #rerun} with {@link #RERUN_WINDOW}, and asserts the rerun replaced exactly its window. Returns
   * the table, for the warehouse's own further checks.
   */
  static TableDef runAndAssert(Sink sink, ByDay byDay) throws Exception {
    TableDef t = TestTables.events(Refresh.REPLACE_PARTITIONS);
    sink.write(t, firstRun(t), ReplaceWindow.allDays());
    Map<String, Map<String, String>> before = byDay.read(t);
    sink.write(t, rerun(t), RERUN_WINDOW);
    assertRerunReplacedExactlyItsWindow(before, byDay.read(t));
    return t;
  }

  static List<Row> firstRun(TableDef t) {
    List<Row> rows = new ArrayList<>();
    for (int day = 1; day <= 5; day++) {
      for (String suffix : List.of("a", "b", "c")) {
        rows.add(
            event(t, "d" + day + suffix, "2026-01-0" + day, day * 10 + suffix.charAt(0) - 'a'));
      }
    }
    return rows;
  }

  static List<Row> rerun(TableDef t) {
    return List.of(
        event(t, "d2a", "2026-01-02", 999), // in the window, changed
        event(t, "d2new", "2026-01-02", 7), // in the window, new
        event(t, "late1", "2026-01-01", 5), // late row of Jan 1: merged, Jan 1 keeps its rows
        event(t, "d4a", "2026-01-04", 444)); // late new version of d4a: replaces that row only
  }

  /**
   * {@code before}: the table after {@link #firstRun}; {@code after}: after {@link #rerun} with
   * {@link #RERUN_WINDOW}. Rows are compared as the warehouse renders them, so "identical" means
   * every column value is unchanged.
   */
  static void assertRerunReplacedExactlyItsWindow(
      Map<String, Map<String, String>> before, Map<String, Map<String, String>> after) {
    assertEquals(
        List.of("2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-05"),
        new ArrayList<>(before.keySet()));
    assertEquals(15, before.values().stream().mapToInt(Map::size).sum());

    // Outside the window, untouched: Jan 5 byte for byte.
    assertEquals(before.get("2026-01-05"), after.get("2026-01-05"));
    // Jan 1 keeps its three rows exactly, plus the late row merged in.
    Map<String, String> jan1 = new TreeMap<>(after.get("2026-01-01"));
    assertEquals(new TreeSet<>(List.of("d1a", "d1b", "d1c", "late1")), jan1.keySet());
    jan1.remove("late1");
    assertEquals(before.get("2026-01-01"), jan1);
    // Jan 4: d4a upserted by key, d4b and d4c byte for byte.
    Map<String, String> jan4 = after.get("2026-01-04");
    assertEquals(before.get("2026-01-04").keySet(), jan4.keySet());
    assertNotEquals(before.get("2026-01-04").get("d4a"), jan4.get("d4a"));
    assertEquals(before.get("2026-01-04").get("d4b"), jan4.get("d4b"));
    assertEquals(before.get("2026-01-04").get("d4c"), jan4.get("d4c"));
    // In the window: Jan 2 is exactly what the rerun read; Jan 3, where it read nothing, is empty.
    assertEquals(new TreeSet<>(List.of("d2a", "d2new")), after.get("2026-01-02").keySet());
    assertNotEquals(before.get("2026-01-02").get("d2a"), after.get("2026-01-02").get("d2a"));
    assertFalse(after.containsKey("2026-01-03"));
    assertEquals(3 + 1 + 2 + 3 + 3, after.values().stream().mapToInt(Map::size).sum());
  }

  /** Adds one rendered row to a day -> event_id -> row map. */
  static void put(Map<String, Map<String, String>> byDay, Object day, Object id, String row) {
    byDay.computeIfAbsent(String.valueOf(day), d -> new TreeMap<>()).put(String.valueOf(id), row);
  }
}
