package io.intelligencesuite.schemas;

import java.io.Serializable;
import java.util.Objects;

/**
 * Freshness from the source's own clock: how old the newest event or update time in a staging table
 * ({@code column}, a TIMESTAMP the source sets) may be before {@code suite check} warns and fails.
 * It sees what the load-time freshness ({@link Freshness}) cannot: a pipeline that runs on time but
 * brings nothing new (an export that stopped, a tracking tag removed, a replica stuck). The
 * thresholds are per source, from how often the source really produces rows.
 */
public record SourceFreshness(String column, Freshness thresholds) implements Serializable {
  public SourceFreshness {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(thresholds, "thresholds");
  }
}
