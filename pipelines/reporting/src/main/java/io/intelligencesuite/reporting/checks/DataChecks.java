package io.intelligencesuite.reporting.checks;

import io.intelligencesuite.transforms.datatests.BigQueryCheckWarehouse;
import io.intelligencesuite.transforms.datatests.CheckRun;
import io.intelligencesuite.transforms.datatests.CheckWarehouse;
import io.intelligencesuite.transforms.datatests.DataTestRunner;
import io.intelligencesuite.transforms.datatests.DuckDbCheckWarehouse;
import io.intelligencesuite.transforms.datatests.RestBigQueryCalls;
import io.intelligencesuite.transforms.datatests.WarehouseReader;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code suite check}: the registry's data tests and source freshness (transforms' datatests
 * package) on the chosen warehouse. Prints the results as a table, appends them to {@code
 * data_test_results} and returns the exit code: 1 when an error-level test failed or a test could
 * not run, else 0 (warnings do not fail the run).
 */
public final class DataChecks {
  private DataChecks() {}

  /**
   * The warehouse the checks run on: the embedded DuckDB file, or BigQuery with default
   * credentials.
   */
  public static CheckWarehouse on(Warehouse warehouse) throws IOException {
    if (warehouse.kind() == Warehouse.Kind.DUCKDB) {
      if (!Files.exists(Path.of(warehouse.duckDbPath()))) {
        throw new IllegalArgumentException(
            "no warehouse at " + warehouse.duckDbPath() + "; run ./suite demo first");
      }
      return new DuckDbCheckWarehouse(warehouse);
    }
    return new BigQueryCheckWarehouse(
        warehouse, RestBigQueryCalls.withApplicationDefaultCredentials());
  }

  /**
   * Runs every test, the volume checks included, on {@code warehouse} as of {@code now}, prints and
   * records the results; returns the exit code.
   */
  public static int run(Warehouse warehouse, PrintStream out, boolean failuresOnly, Instant now)
      throws Exception {
    return run(on(warehouse), WarehouseReader.open(warehouse), out, failuresOnly, now);
  }

  /**
   * Runs every test as of {@code now} ({@code reader}: the same warehouse, for the volume checks;
   * null leaves them out), prints and records the results; returns the exit code.
   */
  public static int run(
      CheckWarehouse warehouse,
      WarehouseReader reader,
      PrintStream out,
      boolean failuresOnly,
      Instant now)
      throws Exception {
    CheckRun run = new DataTestRunner(warehouse, reader).runAll(now);
    run.print(out, failuresOnly);
    return run.exitCode();
  }
}
