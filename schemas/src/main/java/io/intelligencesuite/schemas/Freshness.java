package io.intelligencesuite.schemas;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * dbt-style source freshness (definitions.md 5.4): how long after its last load a staging table is
 * stale enough to warn, and to fail {@code suite check}. The load time is the finish time of the
 * latest succeeded run of a pipeline that writes the table ({@link TableDef#loadedBy()}).
 */
public record Freshness(Duration warnAfter, Duration errorAfter, String why)
    implements Serializable {
  public Freshness {
    Objects.requireNonNull(warnAfter, "warnAfter");
    Objects.requireNonNull(errorAfter, "errorAfter");
    if (warnAfter.isNegative() || warnAfter.isZero() || errorAfter.compareTo(warnAfter) < 0) {
      throw new IllegalArgumentException(
          "freshness needs 0 < warn_after <= error_after, got " + warnAfter + " / " + errorAfter);
    }
    if (why == null || why.isBlank()) {
      throw new IllegalArgumentException("say why these freshness thresholds");
    }
  }

  /** Thresholds in hours, with the reason they fit the source. */
  public static Freshness hours(long warnAfterHours, long errorAfterHours, String why) {
    return new Freshness(Duration.ofHours(warnAfterHours), Duration.ofHours(errorAfterHours), why);
  }
}
