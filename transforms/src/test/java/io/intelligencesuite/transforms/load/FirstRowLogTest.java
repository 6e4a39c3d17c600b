package io.intelligencesuite.transforms.load;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.testing.TestTables;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;

/**
 * The first-row line (issue 23): logged once per run however many readers and bundles a run has,
 * with the seconds since JVM start and since the run's launch. The tests collect the lines from
 * FirstRowLog's sink (they log at WARN, so the INFO line would not reach System.err).
 */
public class FirstRowLogTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final TableDef T = TestTables.events(Refresh.REPLACE_TABLE);

  @Test
  public void aLoadLogsItsFirstRowOnceAcrossBundlesAndReaders() {
    String runId = "first-row-test-" + System.nanoTime();
    RunContext run =
        new RunContext(
            runId,
            "first-row-test",
            Instant.now(),
            null,
            "DirectRunner",
            Warehouse.parse("duckdb:target/unused.duckdb"));
    // 500 records in many bundles (the DirectRunner splits Create and runs several DoFn
    // instances on several threads): each instance sees a first row, the run logs one.
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      ids.add("e" + i);
    }
    PCollectionTuple out =
        p.apply(Create.of(ids))
            .apply(
                CleanTable.of(
                    TableLoad.ofText(T, "event_ts", id -> TestTables.event(T, id, "2026-01-01", 7)),
                    run));
    PAssert.thatSingleton(out.get(CleanTable.ROWS).apply(Count.globally())).isEqualTo(500L);

    List<String> lines = logged(() -> p.run().waitUntilFinish(), runId);

    assertEquals(lines.toString(), 1, lines.size());
    // Both figures with one decimal; the table is the one parsed into.
    assertTrue(
        lines.get(0),
        Pattern.compile(
                Pattern.quote(runId)
                    + ": first row read after \\d+\\.\\d s since JVM start,"
                    + " \\d+\\.\\d s after the run started \\(table "
                    + T.name()
                    + "\\)")
            .matcher(lines.get(0))
            .find());
  }

  @Test
  public void oncePerRunIdAndWithoutALaunchTimeOnlySinceJvmStart() {
    String first = "first-row-a-" + System.nanoTime();
    String second = "first-row-b-" + System.nanoTime();
    List<String> lines =
        logged(
            () -> {
              FirstRowLog.firstRow(first, "t1", null);
              FirstRowLog.firstRow(first, "t2", null);
              FirstRowLog.firstRow(second, "t3", null);
            },
            "first-row-");

    // t2 is the same run's second reader: not logged again.
    assertEquals(lines.toString(), 2, lines.size());
    assertTrue(lines.get(0), sinceJvmOnly(first, "t1").matcher(lines.get(0)).find());
    assertTrue(lines.get(1), sinceJvmOnly(second, "t3").matcher(lines.get(1)).find());
  }

  private static Pattern sinceJvmOnly(String runId, String table) {
    return Pattern.compile(
        Pattern.quote(runId)
            + ": first row read after \\d+\\.\\d s since JVM start \\(table "
            + table
            + "\\)$");
  }

  /** The lines {@code action} logged that contain {@code marker}. */
  private static List<String> logged(Runnable action, String marker) {
    List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.function.Consumer<String> original = FirstRowLog.sink;
    FirstRowLog.sink = lines::add;
    try {
      action.run();
    } finally {
      FirstRowLog.sink = original;
    }
    return lines.stream().filter(l -> l.contains(marker)).toList();
  }
}
