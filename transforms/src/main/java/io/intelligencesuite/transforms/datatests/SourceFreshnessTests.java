package io.intelligencesuite.transforms.datatests;

import io.intelligencesuite.schemas.Freshness;
import io.intelligencesuite.schemas.Severity;
import io.intelligencesuite.schemas.SourceFreshness;
import io.intelligencesuite.schemas.TableDef;
import java.time.Instant;
import java.util.List;

/**
 * Freshness from the source's own clock (the registry's {@link SourceFreshness}): the newest event
 * or update time the source wrote in the table, against {@code now}. A daily load that succeeds but
 * brings nothing new passes the load-time test ({@link LoadTests}) and fails this one. An empty
 * table fails it too: there is no newest time at all.
 */
public final class SourceFreshnessTests {
  private SourceFreshnessTests() {}

  /** dbt's warn_after and error_after on the source's newest time, as two tests. */
  public static List<DataTest> of(TableDef t, Instant now) {
    SourceFreshness f =
        t.sourceFreshness()
            .orElseThrow(
                () -> new IllegalArgumentException(t + " has no source freshness thresholds"));
    Freshness th = f.thresholds();
    return List.of(
        test(t, f.column(), "warn", Severity.WARN, now.minus(th.warnAfter()), th.warnAfter()),
        test(t, f.column(), "error", Severity.ERROR, now.minus(th.errorAfter()), th.errorAfter()));
  }

  private static DataTest test(
      TableDef t,
      String column,
      String level,
      Severity severity,
      Instant cutoff,
      java.time.Duration after) {
    long hours = after.toHours();
    return new DataTest(
        "source_freshness_" + t.name() + "_" + level + "_after_" + hours + "h",
        TestKind.FRESHNESS,
        t.name(),
        List.of(column),
        severity,
        "SELECT newest_"
            + column
            + " FROM (SELECT max("
            + column
            + ") AS newest_"
            + column
            + " FROM "
            + t.name()
            + ") AS newest WHERE newest_"
            + column
            + " IS NULL OR newest_"
            + column
            + " < "
            + Sql.timestamp(cutoff),
        List.of(t.name()),
        "the source's newest "
            + column
            + " is over "
            + hours
            + " h old although its loads may be on time: the source stopped producing rows or"
            + " the pipeline reads a stale copy (an export, a replica); compare with the source");
  }
}
