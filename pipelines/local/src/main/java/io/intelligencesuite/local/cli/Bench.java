package io.intelligencesuite.local.cli;

import io.intelligencesuite.local.bench.Ga4Baseline;
import io.intelligencesuite.local.demo.DemoCompany;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.ga4.Ga4Pipeline;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.joda.time.Duration;

/**
 * {@code ./suite bench}: per scale, generates the demo company (once; reused on later runs), runs
 * the demo's pipelines one after another on the embedded Flink runner (the local default, with the
 * flags {@code ./suite demo} uses) {@code --reps} times (one count, or one per scale; default 3 at
 * scale 1 and 1 above it, to stay within 15 minutes on two cores), once on the DirectRunner with
 * its fast flags (each pipeline stopped at {@code --directLimit}) and compares the tables both
 * wrote, runs the plain-Java GA4 baseline {@code --reps} times and, at the demo scales, {@code
 * ./suite demo} itself once; then writes the report ({@link BenchReport}) to {@code
 * bench/results.md}. First at each scale, {@code ./suite run ga4} in its own JVM and the same job
 * in DuckDB SQL, side by side ({@link Ga4PeerBench}); {@code --ga4Only} runs just that.
 *
 * <p>Every repetition writes a fresh warehouse under {@code --dir}; the pipelines' own output stays
 * out of the report, in {@code --dir/bench.log}.
 */
final class Bench {
  /** The DirectRunner's fast flags: no defensive copies or encodability checks. */
  static final String[] DIRECT_FLAGS = {
    "--runner=DirectRunner",
    "--enforceImmutability=false",
    "--enforceEncodability=false",
    "--targetParallelism=2",
    // Else run() blocks until the pipeline ends, and the bench could not stop it at its limit.
    "--blockOnRun=false"
  };

  private final PrintStream out;

  Bench(PrintStream out) {
    this.out = out;
  }

  /** What to run; every field has a default that fits the 15-minute budget on two cores. */
  record Settings(
      List<Integer> scales,
      List<Integer> repsPerScale,
      List<Integer> directScales,
      List<Integer> demoScales,
      Duration directLimit,
      long seed,
      Path dir,
      Path results,
      Path baseline,
      boolean saveBaseline,
      boolean ga4Only) {

    static Settings parse(String[] args) {
      List<Integer> scales = ints(Suite.optionValue(args, "scales"), "1,10");
      List<Integer> direct = ints(Suite.optionValue(args, "directScales"), "1");
      List<Integer> demo = ints(Suite.optionValue(args, "demoScales"), "1");
      String reps = Suite.optionValue(args, "reps");
      String limit = Suite.optionValue(args, "directLimit");
      String seed = Suite.optionValue(args, "seed");
      String dir = Suite.optionValue(args, "dir");
      String results = Suite.optionValue(args, "results");
      String baseline = Suite.optionValue(args, "baseline");
      for (String a : args) {
        if (!a.startsWith("--")
            || !List.of(
                    "scales",
                    "directScales",
                    "demoScales",
                    "reps",
                    "directLimit",
                    "seed",
                    "dir",
                    "results",
                    "baseline",
                    "saveBaseline",
                    "ga4Only")
                .contains(a.substring(2).split("=", 2)[0])) {
          throw new IllegalArgumentException("unknown bench option '" + a + "'; see ./suite help");
        }
      }
      // Default: three repetitions at scale 1, one above it (the 15-minute budget on two cores).
      List<Integer> repsPerScale =
          reps == null ? scales.stream().map(n -> n <= 1 ? 3 : 1).toList() : ints(reps, "");
      if (repsPerScale.size() != 1 && repsPerScale.size() != scales.size()) {
        throw new IllegalArgumentException(
            "--reps takes one count for every scale or one per scale ("
                + scales
                + "), got "
                + repsPerScale);
      }
      return new Settings(
          scales,
          repsPerScale,
          direct,
          demo,
          Duration.standardSeconds(limit == null ? 45 : Long.parseLong(limit)),
          seed == null ? 42 : Long.parseLong(seed),
          Path.of(dir == null ? ".suite/bench" : dir),
          Path.of(results == null ? "bench/results.md" : results),
          Path.of(baseline == null ? "bench/baseline.tsv" : baseline),
          Arrays.asList(args).contains("--saveBaseline"),
          Arrays.asList(args).contains("--ga4Only"));
    }

    /**
     * Repetitions at {@code scale}: the 15-minute budget allows three at scale 1 but one at scale
     * 10.
     */
    int reps(int scale) {
      return repsPerScale.size() == 1
          ? repsPerScale.get(0)
          : repsPerScale.get(scales.indexOf(scale));
    }

    private static List<Integer> ints(String value, String fallback) {
      return Arrays.stream((value == null ? fallback : value).split(","))
          .filter(s -> !s.isBlank())
          .map(s -> Integer.parseInt(s.trim()))
          .toList();
    }
  }

  int run(String[] args) throws Exception {
    Settings settings = Settings.parse(args);
    long started = System.nanoTime();
    Files.createDirectories(settings.dir());
    BenchReport report = new BenchReport(machine(settings));
    try (PrintStream log =
        new PrintStream(
            Files.newOutputStream(settings.dir().resolve("bench.log")),
            true,
            StandardCharsets.UTF_8)) {
      out.println("[bench] pipeline output goes to " + settings.dir().resolve("bench.log"));
      for (int scale : settings.scales()) {
        Path scaleDir = settings.dir().resolve("scale-" + scale).toAbsolutePath();
        Path demoDir = scaleDir.resolve("demo");
        generate(demoDir, settings.seed(), scale, report);
        // GA4 as a user runs it (own JVM) against the same job in DuckDB SQL, side by side.
        new Ga4PeerBench(out, log, report).run(demoDir, scaleDir, scale, settings.reps(scale));
        if (settings.ga4Only()) {
          continue;
        }
        Path flinkWarehouse = null;
        long t = System.nanoTime();
        // The databases are loaded once per scale: loading them is set-up, not the pipelines' work.
        try (DemoJdbcSources databases = DemoJdbcSources.start(demoDir, log)) {
          report.note(
              String.format(
                  Locale.ROOT,
                  "scale %d: the embedded MariaDB and PostgreSQL started and loaded in "
                      + "%.1f s (once per scale; not in the pipelines' times)",
                  scale,
                  (System.nanoTime() - t) / 1e9));
          for (int rep = 1; rep <= settings.reps(scale); rep++) {
            Path warehouse = freshWarehouse(scaleDir.resolve("flink-" + rep + ".duckdb"));
            runPipelines(
                demoDir,
                scale,
                BenchReport.FLINK,
                Suite.withDefaultRunner(new String[0]),
                warehouse,
                databases,
                null,
                report,
                log);
            out.printf(
                Locale.ROOT,
                "[bench] scale %d, flink, repetition %d/%d done%n",
                scale,
                rep,
                settings.reps(scale));
            flinkWarehouse = flinkWarehouse == null ? warehouse : flinkWarehouse;
          }
          if (settings.directScales().contains(scale)) {
            Path warehouse = freshWarehouse(scaleDir.resolve("direct.duckdb"));
            runPipelines(
                demoDir,
                scale,
                BenchReport.DIRECT,
                DIRECT_FLAGS,
                warehouse,
                databases,
                settings.directLimit(),
                report,
                log);
            compareTables(scale, flinkWarehouse, warehouse, report);
          }
        }
        ga4Baseline(demoDir, scale, settings, report);
        if (settings.demoScales().contains(scale)) {
          // Once (the budget): the medians above cover each step; this is the command as a user
          // runs it.
          demo(
              demoDir,
              scale,
              settings.seed(),
              freshWarehouse(scaleDir.resolve("demo.duckdb")),
              report,
              log);
        }
      }
    }
    report.note(
        String.format(
            Locale.ROOT, "the whole bench took %.1f min", (System.nanoTime() - started) / 6e10));
    String markdown = report.markdown(BenchReport.readBaseline(settings.baseline()));
    Files.createDirectories(settings.results().toAbsolutePath().getParent());
    Files.writeString(settings.results(), markdown);
    if (settings.saveBaseline()) {
      Files.writeString(settings.baseline(), report.baselineTsv());
    }
    out.println();
    out.print(markdown);
    out.println(
        "\n[bench] written to "
            + settings.results()
            + (settings.saveBaseline() ? " and " + settings.baseline() : ""));
    return 0;
  }

  private void generate(Path demoDir, long seed, int scale, BenchReport report) throws IOException {
    if (Demo.alreadyGenerated(demoDir, seed, scale)) {
      report.generated(scale, "demo company already generated in " + demoDir);
      return;
    }
    out.printf("[bench] generating the demo company at scale %d into %s...%n", scale, demoDir);
    long t = System.nanoTime();
    var summary = DemoCompany.generate(demoDir, seed, scale);
    double seconds = (System.nanoTime() - t) / 1e9;
    report.generated(
        scale,
        String.format(
            Locale.ROOT,
            "demo company generated in %.1f s (%,d web events, %d schools)",
            seconds,
            summary.webEvents(),
            summary.schools()));
  }

  /**
   * One repetition: the demo's pipelines, one after another (so each has the machine to itself),
   * into a fresh warehouse. With a {@code limit}, a pipeline that runs past it is stopped and
   * reported as such (the DirectRunner's per-key shuffles are slow); the marts are then skipped,
   * since their input is incomplete.
   */
  private void runPipelines(
      Path demoDir,
      int scale,
      String runner,
      String[] runnerArgs,
      Path warehouse,
      DemoJdbcSources databases,
      Duration limit,
      BenchReport report,
      PrintStream log)
      throws Exception {
    Suite suite = new Suite(log).withTimeout(limit);
    String[] common = Arrays.copyOf(runnerArgs, runnerArgs.length + 1);
    common[runnerArgs.length] = "--warehouse=duckdb:" + warehouse;
    List<String> stopped = new ArrayList<>();
    for (Demo.Step step :
        new Demo(suite).steps(demoDir, common, Demo.martsSettings(demoDir), databases)) {
      if (Demo.MARTS_STAGES.contains(step.name()) && !stopped.isEmpty()) {
        report.note(
            String.format(
                Locale.ROOT,
                "scale %d, %s: the marts were not run because %s did not finish " + "within %d s",
                scale,
                runner,
                String.join(", ", stopped),
                limit.getStandardSeconds()));
        continue;
      }
      try {
        step.run().call();
      } catch (Suite.PipelineTimedOut e) {
        stopped.add(e.pipeline);
        log.println("[bench] " + e.getMessage());
      }
    }
    record(suite, scale, runner, warehouse, report);
    out.printf(Locale.ROOT, "[bench] scale %d, %s: %s%n", scale, runner, summary(suite));
  }

  /**
   * {@code ./suite demo} exactly as a user runs it, in its own JVM through the {@code suite} script
   * (cold JIT, its JVM flags, databases started, checks, dashboard), data already generated. In the
   * bench's own JVM, warm from the runs above, it took about half the time a user waits (42.3 s
   * against 80.6 s, 2026-12-07).
   */
  private void demo(
      Path demoDir, int scale, long seed, Path warehouse, BenchReport report, PrintStream log)
      throws Exception {
    long t = System.nanoTime();
    int code =
        Ga4PeerBench.runScript(
            Ga4PeerBench.suiteScript(),
            log,
            "demo",
            "--demoDir=" + demoDir,
            "--scale=" + scale,
            "--seed=" + seed,
            "--warehouse=duckdb:" + warehouse);
    double seconds = (System.nanoTime() - t) / 1e9;
    report.add(
        new BenchReport.Sample(
            scale,
            BenchReport.FLINK,
            BenchReport.DEMO,
            seconds,
            -1,
            -1,
            -1,
            -1,
            code == 0 ? "DONE" : "FAILED"));
    out.printf(Locale.ROOT, "[bench] scale %d: ./suite demo in %.1f s%n", scale, seconds);
  }

  /** The plain-Java single-threaded GA4 load: the practical limit for the same work. */
  private void ga4Baseline(Path demoDir, int scale, Settings settings, BenchReport report)
      throws Exception {
    String glob = demoDir.resolve("ga4") + "/events_*.ndjson";
    for (int rep = 1; rep <= settings.reps(scale); rep++) {
      Path warehouse =
          freshWarehouse(
              settings.dir().resolve("scale-" + scale).resolve("baseline-" + rep + ".duckdb"));
      io.intelligencesuite.local.bench.PeakMemory.reset();
      long t = System.nanoTime();
      var result = Ga4Baseline.run(glob, Warehouse.parse("duckdb:" + warehouse));
      double seconds = (System.nanoTime() - t) / 1e9;
      var peak = io.intelligencesuite.local.bench.PeakMemory.read();
      report.add(
          new BenchReport.Sample(
              scale,
              BenchReport.BASELINE,
              Ga4Pipeline.NAME,
              seconds,
              result.rowsRead(),
              result.rowsWritten(),
              peak.heapMb(),
              peak.rssMb(),
              "DONE"));
      out.printf(
          Locale.ROOT,
          "[bench] scale %d, plain-Java GA4 baseline, repetition %d/%d: %.1f s for %,d lines%n",
          scale,
          rep,
          settings.reps(scale),
          seconds,
          result.rowsRead());
    }
  }

  /** Each pipeline's timing from the suite's log, with its rows from the run audit. */
  private static void record(
      Suite suite, int scale, String runner, Path warehouse, BenchReport report) throws Exception {
    DuckDbQueries q = new DuckDbQueries(Warehouse.parse("duckdb:" + warehouse));
    for (Suite.PipelineRun run : suite.runs()) {
      List<List<Object>> audit =
          q.tableExists(Tables.PIPELINE_RUNS.name())
              ? q.rows(
                  "SELECT rows_read, rows_written FROM pipeline_runs WHERE run_id = '"
                      + run.runId()
                      + "'")
              : List.of();
      long read = audit.isEmpty() ? -1 : ((Number) audit.get(0).get(0)).longValue();
      long written = audit.isEmpty() ? -1 : ((Number) audit.get(0).get(1)).longValue();
      report.add(
          new BenchReport.Sample(
              scale,
              runner,
              run.pipeline(),
              run.seconds(),
              read,
              written,
              run.memory().heapMb(),
              run.memory().rssMb(),
              run.state()));
    }
  }

  /** Every staging and mart table both runners wrote, compared by checksum. */
  private static void compareTables(int scale, Path flink, Path direct, BenchReport report)
      throws Exception {
    WarehouseComparison.compare(
            Warehouse.parse("duckdb:" + flink), Warehouse.parse("duckdb:" + direct))
        .forEach(
            (table, sums) -> {
              if (!sums.left().equals("missing") && !sums.right().equals("missing")) {
                report.parity(scale, table, sums.equal());
              }
            });
  }

  private static String summary(Suite suite) {
    return suite.runs().stream()
        .map(
            r ->
                String.format(
                    Locale.ROOT,
                    "%s %.1f s%s",
                    r.pipeline(),
                    r.seconds(),
                    r.state().equals("DONE") ? "" : " " + r.state()))
        .collect(Collectors.joining(", "));
  }

  static Path freshWarehouse(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.deleteIfExists(file);
    Files.deleteIfExists(Path.of(file + ".wal"));
    return file.toAbsolutePath();
  }

  private static String machine(Settings settings) {
    Runtime rt = Runtime.getRuntime();
    return String.format(
        Locale.ROOT,
        "Machine: %d cores, max heap %d MB, Java %s, %s; load average at start %s. "
            + "Command: `./suite bench --scales=%s --reps=%s --directScales=%s --demoScales=%s --directLimit=%d%s`; commit %s; %s.",
        rt.availableProcessors(),
        rt.maxMemory() >> 20,
        System.getProperty("java.version"),
        System.getProperty("os.name"),
        loadAverage(),
        join(settings.scales()),
        join(settings.repsPerScale()),
        join(settings.directScales()),
        join(settings.demoScales()),
        settings.directLimit().getStandardSeconds(),
        settings.ga4Only() ? " --ga4Only" : "",
        gitCommit(),
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  private static String join(List<Integer> ints) {
    return ints.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private static String loadAverage() {
    try {
      return String.join(
          " ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
    } catch (IOException e) {
      return String.format(
          Locale.ROOT,
          "%.2f",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static String gitCommit() {
    try {
      Process p =
          new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
              .redirectErrorStream(true)
              .start();
      String head = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor() == 0 ? head : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
