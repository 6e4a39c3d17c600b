package io.intelligencesuite.tests.hardening;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The other process of {@link WarehouseConcurrencyTest}: opens the warehouse (taking DuckDB's file
 * lock), writes a table of five 'old' rows, then replaces them with five 'new' rows in one
 * transaction the way the sink does (delete, then insert) and stops halfway, after the delete,
 * until told to go on by a line on stdin. A reader that could see this half-done work would count
 * no rows.
 */
public final class HoldWarehouse {
  private HoldWarehouse() {}

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0]);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE probe AS SELECT i, 'old' AS version FROM range(5) r(i)");
      c.setAutoCommit(false);
      s.execute("DELETE FROM probe");
      System.out.println("HOLDING " + ProcessHandle.current().pid());
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      s.execute("INSERT INTO probe SELECT i, 'new' FROM range(5) r(i)");
      c.commit();
    }
    System.out.println("DONE");
  }
}
