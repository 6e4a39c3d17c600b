package io.intelligencesuite.tests;

import static org.junit.Assert.assertEquals;

import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One run's row in {@code pipeline_runs} as the tests compare it: status and the four counts. The
 * audit's arithmetic (read = written + duplicates removed + dead-lettered) is checked here once.
 */
public record RunCounts(
    String status, long read, long written, long duplicatesRemoved, long deadLettered) {

  /** The counts a test expects of a successful run. */
  public static RunCounts succeeded(
      long read, long written, long duplicatesRemoved, long deadLettered) {
    return new RunCounts("succeeded", read, written, duplicatesRemoved, deadLettered);
  }

  /**
   * The counts of run {@code runId}, or of the warehouse's only run when {@code runId} is null;
   * fails unless exactly one row matches.
   */
  public static RunCounts of(DuckDbQueries q, @Nullable String runId) throws SQLException {
    List<List<Object>> rows =
        q.rows(
            "select status, rows_read, rows_written, duplicates_removed, rows_dead_lettered "
                + "from pipeline_runs"
                + (runId == null ? "" : " where run_id = '" + runId.replace("'", "''") + "'"));
    assertEquals("one pipeline_runs row for " + runId + ": " + rows, 1, rows.size());
    List<Object> r = rows.get(0);
    return new RunCounts(
        (String) r.get(0), count(r.get(1)), count(r.get(2)), count(r.get(3)), count(r.get(4)));
  }

  /** Every row read was written, removed as a duplicate or dead-lettered: none went missing. */
  public boolean balances() {
    return read == written + duplicatesRemoved + deadLettered;
  }

  /**
   * Run {@code runId}'s dead-letter reasons by {@code target_table.field}, for tests that check
   * each bad row is named with its field and why.
   */
  public static Map<String, List<String>> deadLetterReasons(DuckDbQueries q, String runId)
      throws SQLException {
    Map<String, List<String>> reasons = new TreeMap<>();
    for (List<Object> r :
        q.rows(
            "select target_table || '.' || field, reason from dead_letters where run_id = '"
                + runId.replace("'", "''")
                + "' order by 1, 2")) {
      reasons.computeIfAbsent((String) r.get(0), k -> new ArrayList<>()).add((String) r.get(1));
    }
    return reasons;
  }

  private static long count(Object value) {
    return ((Number) value).longValue();
  }
}
