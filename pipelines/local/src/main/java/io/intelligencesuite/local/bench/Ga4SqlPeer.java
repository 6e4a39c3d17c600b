package io.intelligencesuite.local.bench;

import io.intelligencesuite.schemas.Column;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The GA4 job in hand-written DuckDB SQL ({@code ga4_peer.sql} next to this class): what a data
 * engineer might run instead of the pipeline, and the peer {@code ./suite bench} measures the GA4
 * pipeline against. One statement reads the export files with {@code read_ndjson} (only the needed
 * columns), flattens the params, hashes the event id from the pipeline's fields, keeps the latest
 * row per id with {@code QUALIFY row_number()} and writes {@code events_web} of a fresh warehouse.
 * {@link #compare} proves it did the pipeline's work: both tables, row for row.
 *
 * <pre>
 * java -cp pipelines/local/target/suite.jar io.intelligencesuite.local.bench.Ga4SqlPeer \
 *      '.suite/demo/ga4/events_*.ndjson' duckdb:/tmp/peer.duckdb
 * </pre>
 */
public final class Ga4SqlPeer {
  /** What one run wrote and how long the statement took (connection open included). */
  public record Result(long rowsWritten, double seconds) {}

  /**
   * Rows in one table and not the other, counted with multiplicity over every events_web column;
   * both zero: the same table.
   */
  public record Parity(long peerOnly, long pipelineOnly, long peerRows, long pipelineRows) {
    public boolean same() {
      return peerOnly == 0 && pipelineOnly == 0;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%,d rows (SQL) against %,d (pipeline); %,d only in the SQL table, %,d only in the pipeline's",
          peerRows,
          pipelineRows,
          peerOnly,
          pipelineOnly);
    }
  }

  private static final String SQL = resource("ga4_peer.sql");

  private Ga4SqlPeer() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException(
          "usage: Ga4SqlPeer FILE_GLOB duckdb:PATH (a fresh warehouse)");
    }
    Warehouse warehouse = Warehouse.parse(args[1]);
    try {
      Result r = run(args[0], warehouse);
      System.out.printf(
          Locale.ROOT, "ga4 SQL peer: %,d rows in %.1f s%n", r.rowsWritten(), r.seconds());
    } finally {
      DuckDbConnections.close(warehouse.duckDbPath());
    }
  }

  /** The statement for the files {@code fileGlob} matches. */
  static String sql(String fileGlob) {
    return SQL.replace("{{files}}", "'" + fileGlob.replace("'", "''") + "'");
  }

  /** Runs the peer over {@code fileGlob} into {@code warehouse}, which has no events_web yet. */
  public static Result run(String fileGlob, Warehouse warehouse) throws SQLException {
    DuckDbQueries target = Ga4Baseline.fresh(warehouse, "Ga4SqlPeer");
    long started = System.nanoTime();
    target.execute(sql(fileGlob));
    double seconds = (System.nanoTime() - started) / 1e9;
    long rows = ((Number) target.value("SELECT count(*) FROM events_web")).longValue();
    return new Result(rows, seconds);
  }

  /**
   * The peer's events_web against the pipeline's, EXCEPT ALL both ways over every column of the
   * registry's events_web. The pipeline's warehouse is attached read-only (its file must not be
   * open elsewhere in this JVM: it is closed here first).
   */
  public static Parity compare(Warehouse peer, Warehouse pipeline) throws SQLException {
    DuckDbConnections.close(pipeline.duckDbPath());
    String columns =
        Tables.EVENTS_WEB.columns().stream().map(Column::name).collect(Collectors.joining(", "));
    String mine = "SELECT " + columns + " FROM events_web";
    String theirs = "SELECT " + columns + " FROM pipeline.events_web";
    DuckDbQueries q = new DuckDbQueries(peer);
    q.execute("ATTACH '" + pipeline.duckDbPath().replace("'", "''") + "' AS pipeline (READ_ONLY)");
    try {
      var counts =
          q.rows(
                  "SELECT (SELECT count(*) FROM ("
                      + mine
                      + " EXCEPT ALL "
                      + theirs
                      + ")), (SELECT count(*) FROM ("
                      + theirs
                      + " EXCEPT ALL "
                      + mine
                      + ")), (SELECT count(*) FROM events_web), "
                      + "(SELECT count(*) FROM pipeline.events_web)")
              .get(0);
      return new Parity(
          ((Number) counts.get(0)).longValue(),
          ((Number) counts.get(1)).longValue(),
          ((Number) counts.get(2)).longValue(),
          ((Number) counts.get(3)).longValue());
    } finally {
      q.execute("DETACH pipeline");
    }
  }

  private static String resource(String name) {
    try (InputStream in = Ga4SqlPeer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath; rebuild the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
