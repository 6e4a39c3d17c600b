package io.intelligencesuite.transforms.datatests;

import io.intelligencesuite.transforms.datatests.DataTestResult.Status;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * One run of {@code suite check}: its results, how many tests had no table to run on, and the
 * verdict.
 */
public record CheckRun(String runId, Instant checkedAt, List<DataTestResult> results, int skipped) {
  public CheckRun {
    results = List.copyOf(results);
  }

  /** True when no error-level test failed and every test could run. */
  public boolean passed() {
    return results.stream().noneMatch(DataTestResult::failsTheRun);
  }

  /** The process exit code of {@code suite check}: 0 when it passed, 1 otherwise. */
  public int exitCode() {
    return passed() ? 0 : 1;
  }

  public long count(Status status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  /**
   * Prints the results as a table (test, table, severity, status, failing rows), worst last (next
   * to the summary line), each failure followed by its sample and what it means; {@code
   * failuresOnly} leaves out passes.
   */
  public void print(PrintStream out, boolean failuresOnly) {
    List<DataTestResult> shown =
        results.stream()
            .filter(r -> !failuresOnly || r.status() != Status.PASS)
            .sorted(
                Comparator.comparing((DataTestResult r) -> order(r.status()))
                    .thenComparing(r -> r.test().table())
                    .thenComparing(r -> r.test().name()))
            .toList();
    int nameWidth =
        Math.max(4, shown.stream().mapToInt(r -> r.test().name().length()).max().orElse(4));
    int tableWidth =
        Math.max(5, shown.stream().mapToInt(r -> r.test().table().length()).max().orElse(5));
    String format = "%-" + nameWidth + "s  %-" + tableWidth + "s  %-8s  %-6s  %12s%n";
    if (!shown.isEmpty()) {
      out.printf(format, "test", "table", "severity", "status", "failing rows");
      for (DataTestResult r : shown) {
        out.printf(
            format,
            r.test().name(),
            r.test().table(),
            r.severity().label(),
            r.status().label(),
            String.format("%,d", r.failures().count()));
        if (r.status() != Status.PASS) {
          if (r.failures().count() > 0) {
            out.println("    e.g. " + r.failures().render());
          }
          out.println("    " + r.message());
        }
      }
    }
    // "N error-level failures" is what scripts and the end-to-end test look for.
    out.printf(
        "%s: %d tests, %d passed, %d warnings, %d error-level failures (%d failed, %d could not run);"
            + " %d skipped (table not loaded). Check run %s, recorded in data_test_results%n",
        passed() ? "PASS" : "FAIL",
        results.size(),
        count(Status.PASS),
        count(Status.WARN),
        count(Status.FAIL) + count(Status.ERROR),
        count(Status.FAIL),
        count(Status.ERROR),
        skipped,
        runId);
  }

  private static int order(Status s) {
    switch (s) {
      case PASS:
        return 0;
      case WARN:
        return 1;
      case FAIL:
        return 2;
      default:
        return 3;
    }
  }
}
