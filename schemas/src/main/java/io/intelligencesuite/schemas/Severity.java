package io.intelligencesuite.schemas;

/**
 * How much a failing data test matters (dbt's {@code severity}): an error fails {@code suite check}
 * (non-zero exit), a warning is printed and recorded for a data engineer to look at.
 */
public enum Severity {
  WARN,
  ERROR;

  /** Lower-case, as stored in {@code data_test_results.severity}. */
  public String label() {
    return name().toLowerCase();
  }
}
