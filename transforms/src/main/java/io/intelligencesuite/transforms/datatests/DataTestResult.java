package io.intelligencesuite.transforms.datatests;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Severity;
import io.intelligencesuite.schemas.Tables;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.beam.sdk.values.Row;

/** The outcome of one data test in one check run: a row of {@code data_test_results}. */
public record DataTestResult(
    DataTest test, Severity severity, Status status, FailingRows failures, String message) {

  /** pass; warn or fail (it failed at warn or error severity); error (it could not run). */
  public enum Status {
    PASS,
    WARN,
    FAIL,
    ERROR;

    public String label() {
      return name().toLowerCase();
    }
  }

  /** The status a test's failing rows give it at its severity. */
  static DataTestResult of(DataTest test, FailingRows failures) {
    Status status =
        failures.count() == 0
            ? Status.PASS
            : test.severity() == Severity.ERROR ? Status.FAIL : Status.WARN;
    return new DataTestResult(
        test, test.severity(), status, failures, status == Status.PASS ? null : test.message());
  }

  static DataTestResult couldNotRun(DataTest test, Exception e) {
    return new DataTestResult(
        test,
        test.severity(),
        Status.ERROR,
        FailingRows.none(),
        "the test could not run: " + e.getMessage());
  }

  /**
   * Whether this result fails the check run: an error-level failure, or a test that could not run.
   */
  public boolean failsTheRun() {
    return status == Status.FAIL || status == Status.ERROR;
  }

  public Row toRow(String runId, Instant checkedAt) {
    return RowBuilder.of(Tables.DATA_TEST_RESULTS)
        .set("run_id", runId)
        .set("checked_at", new org.joda.time.Instant(checkedAt.toEpochMilli()))
        .set("checked_date", LocalDate.ofInstant(checkedAt, ZoneOffset.UTC))
        .set("test_name", test.name())
        .set("test_kind", test.kind().label())
        .set("table_name", test.table())
        .set("column_names", test.columns().isEmpty() ? null : String.join(", ", test.columns()))
        .set("severity", severity.label())
        .set("status", status.label())
        .set("failing_rows", failures.count())
        .set("failing_sample", failures.count() == 0 ? null : failures.render())
        .set("message", message)
        .set("sql", test.sql())
        .build();
  }
}
