package io.intelligencesuite.transforms.datatests;

/** The kinds of data test, as {@code data_test_results.test_kind} records them. */
public enum TestKind {
  /** The table exists when a pipeline that loads it has run. */
  TABLE_LOADED,
  /** The primary key identifies one row. */
  UNIQUE,
  /** Required columns hold a value. */
  NOT_NULL,
  /** A column holds only the registry's (or the dictionary's) values. */
  ACCEPTED_VALUES,
  /** A foreign key resolves in its table. */
  RELATIONSHIPS,
  /** Money and counts are never negative. */
  NON_NEGATIVE,
  /** A rule across columns or tables: the MRR identities, metric ranges, run accounting. */
  INVARIANT,
  /** A staging table was loaded recently enough, and its source's newest time is recent enough. */
  FRESHNESS,
  /** A day's row count is not below the XmR lower limit of the table's daily counts. */
  VOLUME;

  public String label() {
    return name().toLowerCase();
  }
}
