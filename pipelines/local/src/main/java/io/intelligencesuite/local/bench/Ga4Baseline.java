package io.intelligencesuite.local.bench;

import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.ga4.Ga4EventParser;
import io.intelligencesuite.transforms.deadletter.StorableValues;
import io.intelligencesuite.transforms.dedupe.Deduplicate;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.values.Row;

/**
 * The practical limit for the GA4 pipeline on one machine: the same work in plain Java on one
 * thread, no Beam. It reads the export files line by line (the files TextIO would match, lines
 * split the same way, bad UTF-8 replaced as TextIO does), parses each line with {@link
 * Ga4EventParser} and the same {@link StorableValues} check as the pipeline's parse step (failures
 * counted as dead letters), keeps the latest row per event_id with {@link Deduplicate#later} (the
 * pipeline's rule, tie-break included) in a HashMap, and appends the survivors to {@code
 * events_web} of a fresh DuckDB warehouse with the Appender. Dead letters are counted, not written.
 *
 * <pre>
 * java -cp pipelines/target/suite.jar io.intelligencesuite.local.bench.Ga4Baseline \
 *      '/tmp/s10/demo/ga4/events_2026*.ndjson' duckdb:/tmp/baseline.duckdb
 * </pre>
 */
public final class Ga4Baseline {
  /** What one run did; {@code rowsRead = rowsWritten + duplicates + deadLettered}. */
  public record Result(
      long rowsRead, long rowsWritten, long deadLettered, long duplicates, double seconds) {
    public double eventsPerSecond() {
      return rowsRead / seconds;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "read %d, written %d, duplicates %d, dead-lettered %d in %.1f s (%.0f events/s)",
          rowsRead,
          rowsWritten,
          duplicates,
          deadLettered,
          seconds,
          eventsPerSecond());
    }
  }

  private Ga4Baseline() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException(
          "usage: Ga4Baseline FILE_GLOB duckdb:PATH (a fresh warehouse)");
    }
    Warehouse warehouse = Warehouse.parse(args[1]);
    try {
      System.out.println("ga4 baseline: " + run(args[0], warehouse));
    } finally {
      DuckDbConnections.close(warehouse.duckDbPath());
    }
  }

  /**
   * Queries on {@code warehouse}, which must have no events_web yet: the GA4 baselines measure a
   * load into an empty table and never replace anyone's data.
   */
  static DuckDbQueries fresh(Warehouse warehouse, String who) throws java.sql.SQLException {
    DuckDbQueries target = new DuckDbQueries(warehouse);
    if (target.tableExists(Tables.EVENTS_WEB.name())) {
      throw new IllegalArgumentException(
          who
              + " writes to a fresh warehouse, but "
              + warehouse
              + " already has "
              + Tables.EVENTS_WEB.name());
    }
    return target;
  }

  /**
   * Runs the baseline over the files matching {@code fileGlob} into {@code warehouse} (DuckDB, no
   * events_web yet).
   */
  public static Result run(String fileGlob, Warehouse warehouse) throws Exception {
    DuckDbQueries target = fresh(warehouse, "Ga4Baseline");
    long started = System.nanoTime();
    Map<String, Row> latest = new HashMap<>();
    long[] counts = new long[2]; // lines read, dead letters
    forEachLine(
        fileGlob,
        line -> {
          counts[0]++;
          Row row;
          try {
            row = Ga4EventParser.parse(line);
            StorableValues.check(row);
          } catch (RuntimeException e) {
            counts[1]++;
            return;
          }
          latest.merge(
              row.getString("event_id"), row, (a, b) -> Deduplicate.later(a, b, "event_ts"));
        });
    long read = counts[0];
    long deadLettered = counts[1];
    long parsed = read - deadLettered;
    List<Row> unique = new ArrayList<>(latest.values());
    latest.clear(); // the survivors are in the list; let the map's table go before the write
    target.append(Tables.EVENTS_WEB, unique);
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Result(read, unique.size(), deadLettered, parsed - unique.size(), seconds);
  }

  /**
   * Every line of the files {@code fileGlob} matches, in the files' order: lines split as TextIO
   * splits them, bad UTF-8 replaced as TextIO replaces it.
   */
  static void forEachLine(String fileGlob, Consumer<String> action) throws IOException {
    for (MatchResult.Metadata file : FileSystems.match(fileGlob).metadata()) {
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(
                  Channels.newInputStream(FileSystems.open(file.resourceId())),
                  StandardCharsets.UTF_8),
              1 << 20)) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          action.accept(line);
        }
      }
    }
  }
}
