package io.intelligencesuite.transforms.datatests;

import io.intelligencesuite.schemas.Freshness;
import io.intelligencesuite.schemas.Severity;
import io.intelligencesuite.schemas.TableDef;
import java.time.Instant;
import java.util.List;

/**
 * When a table was last loaded, from the run audit. The load time of a table is the finish time of
 * the latest succeeded run of a pipeline that loads it (the registry's loadedBy): pipeline_runs is
 * written after every write of the run, so its finished_at is when the data became readable, and it
 * is the same on both warehouses. The tables' own timestamps measure the source's activity, not the
 * load (a quiet day is not a stale table), and BigQuery's table modification time has no DuckDB
 * twin.
 */
public final class LoadTests {
  private LoadTests() {}

  private static String succeededRuns(TableDef t) {
    return "SELECT run_id, pipeline, finished_at FROM pipeline_runs WHERE pipeline IN ("
        + Sql.literals(t.loadedBy())
        + ") AND status = 'succeeded'";
  }

  /**
   * For a missing table: the succeeded runs of its loaders. Any row means a pipeline that should
   * have written the table ran, so the missing table is an error; no row means the table is not
   * loaded yet (its pipeline has not run, e.g. an optional source), which the runner reports as a
   * warning.
   */
  public static DataTest tableLoaded(TableDef t) {
    String sql = t.loadedBy().isEmpty() ? "" : succeededRuns(t);
    return new DataTest(
        "table_loaded_" + t.name(),
        TestKind.TABLE_LOADED,
        t.name(),
        List.of(),
        Severity.ERROR,
        sql,
        List.of("pipeline_runs"),
        t.loadedBy().isEmpty()
            ? "ops table missing: no pipeline has run against this warehouse yet"
            : "the table is missing although "
                + String.join(" / ", t.loadedBy())
                + " ran: its write failed or the table was dropped");
  }

  /**
   * dbt's warn_after and error_after as two tests: each returns the table's last load time when it
   * is older than {@code now} minus the threshold (or when there is no succeeded load at all).
   */
  public static List<DataTest> freshness(TableDef t, Instant now) {
    Freshness f =
        t.freshness()
            .orElseThrow(() -> new IllegalArgumentException(t + " has no freshness thresholds"));
    return List.of(
        freshness(t, "warn", Severity.WARN, now.minus(f.warnAfter()), f.warnAfter().toHours()),
        freshness(t, "error", Severity.ERROR, now.minus(f.errorAfter()), f.errorAfter().toHours()));
  }

  private static DataTest freshness(
      TableDef t, String level, Severity severity, Instant cutoff, long hours) {
    return new DataTest(
        "freshness_" + t.name() + "_" + level + "_after_" + hours + "h",
        TestKind.FRESHNESS,
        t.name(),
        List.of(),
        severity,
        "SELECT last_loaded_at FROM (SELECT max(finished_at) AS last_loaded_at FROM ("
            + succeededRuns(t)
            + ") AS runs) AS loads WHERE last_loaded_at IS NULL OR last_loaded_at < "
            + Sql.timestamp(cutoff),
        List.of(t.name(), "pipeline_runs"),
        "not loaded for over "
            + hours
            + " h (by "
            + String.join(" / ", t.loadedBy())
            + "): check the pipeline's schedule and its latest runs in pipeline_runs");
  }
}
