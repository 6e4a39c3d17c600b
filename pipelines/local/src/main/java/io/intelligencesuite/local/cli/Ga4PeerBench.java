package io.intelligencesuite.local.cli;

import io.intelligencesuite.local.bench.Ga4SqlPeer;
import io.intelligencesuite.sources.ga4.Ga4Pipeline;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The GA4 pipeline against its hand-written DuckDB SQL peer ({@link Ga4SqlPeer}) on the same export
 * files, as a user meets both: {@code ./suite run ga4} in its own JVM, timed from launch to exit
 * (JVM start, jar check and Flink start-up included), then the SQL statement, one after the other
 * in each repetition so both see the same load. The last repetition's two tables are compared row
 * for row, so the report says whether the peer did the same work.
 */
final class Ga4PeerBench {
  private final PrintStream out;
  private final PrintStream log;
  private final BenchReport report;

  Ga4PeerBench(PrintStream out, PrintStream log, BenchReport report) {
    this.out = out;
    this.log = log;
    this.report = report;
  }

  void run(Path demoDir, Path scaleDir, int scale, int reps) throws Exception {
    String glob = demoDir.resolve("ga4") + "/events_*.ndjson";
    Path suite = suiteScript();
    for (int rep = 1; rep <= reps; rep++) {
      Path pipelineFile = Bench.freshWarehouse(scaleDir.resolve("ga4-run-" + rep + ".duckdb"));
      Warehouse pipeline = Warehouse.parse("duckdb:" + pipelineFile);
      long t = System.nanoTime();
      double childCpu = cpuSeconds(CHILDREN);
      int code = runInOwnJvm(suite, glob, pipelineFile);
      double pipelineSeconds = (System.nanoTime() - t) / 1e9;
      report.cpu(scale, BenchReport.SUITE_RUN, cpuSeconds(CHILDREN) - childCpu);
      long rowsRead = -1;
      if (code == 0) {
        rowsRead =
            ((Number)
                    new DuckDbQueries(pipeline)
                        .value("SELECT max(rows_read) FROM pipeline_runs WHERE pipeline = 'ga4'"))
                .longValue();
        DuckDbConnections.close(pipelineFile.toString());
      }
      report.add(
          new BenchReport.Sample(
              scale,
              BenchReport.SUITE_RUN,
              Ga4Pipeline.NAME,
              pipelineSeconds,
              rowsRead,
              -1,
              -1,
              -1,
              code == 0 ? "DONE" : "FAILED"));

      Path peerFile = Bench.freshWarehouse(scaleDir.resolve("ga4-sql-" + rep + ".duckdb"));
      Warehouse peer = Warehouse.parse("duckdb:" + peerFile);
      Ga4SqlPeer.Result result;
      double ownCpu = cpuSeconds(SELF);
      try {
        result = Ga4SqlPeer.run(glob, peer);
      } finally {
        DuckDbConnections.close(peerFile.toString());
      }
      report.cpu(scale, BenchReport.SQL_PEER, cpuSeconds(SELF) - ownCpu);
      report.add(
          new BenchReport.Sample(
              scale,
              BenchReport.SQL_PEER,
              Ga4Pipeline.NAME,
              result.seconds(),
              -1,
              result.rowsWritten(),
              -1,
              -1,
              "DONE"));
      out.printf(
          Locale.ROOT,
          "[bench] scale %d, GA4 against DuckDB SQL, repetition %d/%d: ./suite run ga4 %.1f s%s,"
              + " SQL %.1f s%n",
          scale,
          rep,
          reps,
          pipelineSeconds,
          code == 0 ? "" : " (exit " + code + ", see the bench log)",
          result.seconds());
      if (rep == reps && code == 0) {
        try {
          Ga4SqlPeer.Parity parity = Ga4SqlPeer.compare(peer, pipeline);
          report.peerParity(scale, parity);
          out.printf(Locale.ROOT, "[bench] scale %d, events_web compared: %s%n", scale, parity);
        } finally {
          DuckDbConnections.close(peerFile.toString());
        }
      }
    }
  }

  /** Fields of /proc/self/stat after the command name: utime, stime; cutime, cstime. */
  static final int[] SELF = {11, 12};

  private static final int[] CHILDREN = {13, 14};

  /**
   * CPU seconds (user + system) of this process, all threads (DuckDB's native ones included), or of
   * its children that have ended and been waited for (the pipeline's JVM), from Linux's
   * /proc/self/stat in clock ticks of 1/100 s; NaN elsewhere.
   */
  static double cpuSeconds(int[] fields) {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[fields[0]]) + Long.parseLong(f[fields[1]])) / 100.0;
    } catch (java.io.IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** {@code ./suite run ga4} as a user types it, its output into the bench log; the exit code. */
  private int runInOwnJvm(Path suite, String glob, Path warehouse) throws Exception {
    return runScript(
        suite,
        log,
        "run",
        Ga4Pipeline.NAME,
        "--ga4ExportFiles=" + glob,
        "--warehouse=duckdb:" + warehouse);
  }

  /** {@code suite ARGS} in its own JVM, as a user types it, its output into {@code log}. */
  static int runScript(Path suite, PrintStream log, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(suite.toString());
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .directory(suite.getParent().toFile())
            .redirectErrorStream(true)
            .start();
    p.getInputStream().transferTo(log);
    return p.waitFor();
  }

  /**
   * The {@code suite} script in the working directory, where {@code ./suite bench} runs (the script
   * changes to the repository root): the command a user runs, with the JVM options it sets.
   */
  static Path suiteScript() {
    Path script = Path.of("suite").toAbsolutePath();
    if (!Files.isExecutable(script) || Files.isDirectory(script)) {
      throw new IllegalStateException(
          "The GA4 bench runs ./suite run ga4 in its own JVM but found no executable "
              + script
              + "; run the bench from the repository root with ./suite bench");
    }
    return script;
  }
}
