package io.intelligencesuite.schemas;

/** Where a table sits in the warehouse (dbt's layering, without dbt). */
public enum Layer {
  /** One table per source object, typed and deduplicated; no joins. */
  STAGING,
  /** Analytics grain: one entity or one event per row; every metric comes from here. */
  MART,
  /** Operational tables of the suite itself: dead letters and the run audit. */
  OPS
}
