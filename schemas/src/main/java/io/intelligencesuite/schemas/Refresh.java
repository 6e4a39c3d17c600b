package io.intelligencesuite.schemas;

/** How a pipeline run replaces a table's contents, so that a rerun never appends twice. */
public enum Refresh {
  /**
   * Replace exactly the day partitions the run covers (the days it read: its window or its export
   * shards, never the days that appear in its rows), emptying covered days without rows, and merge
   * rows dated outside them by primary key. Both warehouses: stage, then one transaction deletes
   * and inserts (the writer's ReplaceWindow).
   */
  REPLACE_PARTITIONS,
  /** A full snapshot replaces the whole table atomically (WRITE_TRUNCATE). */
  REPLACE_TABLE,
  /**
   * Append-only logs keyed by run id (dead letters, the run audit): a rerun is a new run with a new
   * id, and replaying the same run id first removes that run's rows.
   */
  APPEND_BY_RUN
}
