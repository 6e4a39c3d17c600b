package io.intelligencesuite.local.cli;

import io.intelligencesuite.local.bench.Ga4SqlPeer;
import io.intelligencesuite.sources.ga4.Ga4Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What {@code ./suite bench} measured, and the markdown report of it: per scale, runner and
 * pipeline the median wall time of the repetitions, rows, rows/s and peak memory; the ratios the
 * issue asks for (scale 10 / scale 1, GA4 against the plain-Java baseline); the goals met or not;
 * and, when a committed baseline is given, each median against it.
 */
final class BenchReport {
  static final String FLINK = "flink";
  static final String DIRECT = "direct";
  static final String BASELINE = "plain Java";

  /** {@code ./suite run ga4} in its own JVM, timed from launch to exit ({@link Ga4PeerBench}). */
  static final String SUITE_RUN = "./suite run (own JVM)";

  /** The same GA4 job in hand-written DuckDB SQL on the same files. */
  static final String SQL_PEER = "DuckDB SQL";

  /** The GA4 goals of issue 23: {@code ./suite run ga4} within this factor of the SQL peer. */
  static final double PEER_GOAL_SCALE_1 = 2.0;

  static final double PEER_GOAL_SCALE_10 = 1.5;

  /** Pseudo-pipeline: the whole {@code ./suite demo} (data already generated). */
  static final String DEMO = "demo (end to end)";

  /** One run of one pipeline; rows are -1 when the run wrote no audit row (stopped, failed). */
  record Sample(
      int scale,
      String runner,
      String pipeline,
      double seconds,
      long rowsRead,
      long rowsWritten,
      long heapMb,
      long rssMb,
      String state) {}

  /** The same table written by both runners from the same input: equal checksums or not. */
  record Parity(int scale, String table, boolean equal) {}

  private final List<Sample> samples = new ArrayList<>();
  private final List<Parity> parity = new ArrayList<>();
  private final Map<Integer, Ga4SqlPeer.Parity> peerParity = new TreeMap<>();
  private final Map<Integer, String> generation = new TreeMap<>();
  private final List<String> notes = new ArrayList<>();
  private final String machine;

  BenchReport(String machine) {
    this.machine = machine;
  }

  void add(Sample sample) {
    samples.add(sample);
  }

  void parity(int scale, String table, boolean equal) {
    parity.add(new Parity(scale, table, equal));
  }

  /** CPU seconds of one run, by scale and runner (the GA4 comparison measures them). */
  private final Map<String, List<Double>> cpu = new LinkedHashMap<>();

  void cpu(int scale, String runner, double seconds) {
    cpu.computeIfAbsent(scale + "\t" + runner, k -> new ArrayList<>()).add(seconds);
  }

  double medianCpu(int scale, String runner) {
    return median(cpu.getOrDefault(scale + "\t" + runner, List.of()));
  }

  void peerParity(int scale, Ga4SqlPeer.Parity result) {
    peerParity.put(scale, result);
  }

  void generated(int scale, String what) {
    generation.put(scale, what);
  }

  void note(String note) {
    notes.add(note);
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** Median seconds of the finished runs of one pipeline; NaN when none finished. */
  double median(int scale, String runner, String pipeline) {
    return median(finished(scale, runner, pipeline).stream().map(Sample::seconds).toList());
  }

  private List<Sample> finished(int scale, String runner, String pipeline) {
    return samples.stream()
        .filter(
            s ->
                s.scale() == scale
                    && s.runner().equals(runner)
                    && s.pipeline().equals(pipeline)
                    && s.state().equals("DONE"))
        .toList();
  }

  private List<Sample> all(int scale, String runner, String pipeline) {
    return samples.stream()
        .filter(
            s -> s.scale() == scale && s.runner().equals(runner) && s.pipeline().equals(pipeline))
        .toList();
  }

  private Set<Integer> scales() {
    return samples.stream()
        .map(Sample::scale)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  private Set<String> pipelines() {
    return samples.stream()
        .map(Sample::pipeline)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private Set<String> runners() {
    return samples.stream()
        .map(Sample::runner)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** The report; {@code baseline} holds earlier medians by {@link #key} (empty: none committed). */
  String markdown(Map<String, Double> baseline) {
    StringBuilder md = new StringBuilder("# Benchmark results\n\n");
    md.append(machine).append("\n\n");
    generation.forEach(
        (scale, what) ->
            md.append("- scale ").append(scale).append(": ").append(what).append('\n'));
    md.append(
        "\nWall time is the median of the repetitions (min-max after it); rows are the rows the run "
            + "read (its `pipeline_runs.rows_read`); peak heap is the JVM's heap high-water mark during the run, "
            + "peak RSS the process's (Linux VmHWM, reset before each run).\n\n");
    md.append(
            "| scale | runner | pipeline | runs | rows read | wall s (median) | min-max s | rows/s | peak heap MB | peak RSS MB |")
        .append(baseline.isEmpty() ? "" : " vs baseline |")
        .append('\n');
    md.append("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|")
        .append(baseline.isEmpty() ? "" : "---:|")
        .append('\n');
    for (int scale : scales()) {
      for (String runner : runners()) {
        for (String pipeline : pipelines()) {
          List<Sample> runs = all(scale, runner, pipeline);
          if (!runs.isEmpty()) {
            md.append(row(scale, runner, pipeline, runs, baseline)).append('\n');
          }
        }
      }
    }
    ratios(md);
    ga4AgainstSql(md);
    goals(md);
    if (!parity.isEmpty()) {
      md.append("\n## Same tables on both runners\n\n");
      for (int scale :
          parity.stream()
              .map(Parity::scale)
              .collect(Collectors.toCollection(java.util.TreeSet::new))) {
        List<Parity> atScale = parity.stream().filter(p -> p.scale() == scale).toList();
        List<String> differing =
            atScale.stream().filter(p -> !p.equal()).map(Parity::table).toList();
        md.append(
            String.format(
                Locale.ROOT,
                "- scale %d: %d of %d tables identical (checksum of every row and column)%s%n",
                scale,
                atScale.size() - differing.size(),
                atScale.size(),
                differing.isEmpty() ? "" : "; differ: " + differing));
      }
    }
    if (!notes.isEmpty()) {
      md.append("\n## Notes\n\n");
      notes.forEach(n -> md.append("- ").append(n).append('\n'));
    }
    return md.toString();
  }

  private String row(
      int scale, String runner, String pipeline, List<Sample> runs, Map<String, Double> baseline) {
    List<Sample> done = runs.stream().filter(s -> s.state().equals("DONE")).toList();
    String states =
        runs.stream()
            .filter(s -> !s.state().equals("DONE"))
            .map(
                s ->
                    String.format(
                        Locale.ROOT,
                        "%s after %.0f s",
                        s.state().toLowerCase(Locale.ROOT).replace('_', ' '),
                        s.seconds()))
            .distinct()
            .collect(Collectors.joining(", "));
    double median = median(scale, runner, pipeline);
    long rows = done.stream().mapToLong(Sample::rowsRead).max().orElse(-1);
    String cells =
        String.format(
            Locale.ROOT,
            "| %d | %s | %s | %d%s | %s | %s | %s | %s | %s | %s |",
            scale,
            runner,
            pipeline,
            done.size(),
            states.isEmpty() ? "" : " (" + states + ")",
            rows < 0 ? "-" : String.format(Locale.ROOT, "%,d", rows),
            Double.isNaN(median) ? "-" : String.format(Locale.ROOT, "%.1f", median),
            done.isEmpty()
                ? "-"
                : String.format(
                    Locale.ROOT,
                    "%.1f-%.1f",
                    done.stream().mapToDouble(Sample::seconds).min().orElseThrow(),
                    done.stream().mapToDouble(Sample::seconds).max().orElseThrow()),
            rows < 0 || Double.isNaN(median)
                ? "-"
                : String.format(Locale.ROOT, "%,.0f", rows / median),
            done.isEmpty() || done.get(0).heapMb() < 0
                ? "-"
                : String.valueOf(done.stream().mapToLong(Sample::heapMb).max().orElseThrow()),
            done.isEmpty() || done.get(0).rssMb() < 0
                ? "-"
                : String.valueOf(done.stream().mapToLong(Sample::rssMb).max().orElseThrow()));
    if (!baseline.isEmpty()) {
      Double before = baseline.get(key(scale, runner, pipeline));
      cells +=
          before == null || Double.isNaN(median)
              ? " - |"
              : String.format(Locale.ROOT, " %.2fx |", median / before);
    }
    return cells;
  }

  private void ratios(StringBuilder md) {
    List<Integer> scales = new ArrayList<>(scales());
    if (scales.size() < 2) {
      return;
    }
    int small = scales.get(0);
    int large = scales.get(scales.size() - 1);
    md.append(
        String.format(
            Locale.ROOT,
            "%n## Scale %d / scale %d (%s runner; should be close to %d)%n%n",
            large,
            small,
            FLINK,
            large / small));
    md.append("| pipeline | rows ratio | time ratio |\n|---|---:|---:|\n");
    for (String pipeline : pipelines()) {
      double t = median(large, FLINK, pipeline) / median(small, FLINK, pipeline);
      double rows = (double) maxRows(large, FLINK, pipeline) / maxRows(small, FLINK, pipeline);
      if (!Double.isNaN(t)) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %.2f |%n",
                pipeline,
                maxRows(small, FLINK, pipeline) > 0
                    ? String.format(Locale.ROOT, "%.2f", rows)
                    : "-",
                t));
      }
    }
  }

  /**
   * Per scale: {@code ./suite run ga4} (own JVM) against the DuckDB SQL peer, the ratio of the
   * medians against issue 23's goal, and whether both wrote the same events_web.
   */
  private void ga4AgainstSql(StringBuilder md) {
    if (scales().stream().allMatch(s -> all(s, SQL_PEER, Ga4Pipeline.NAME).isEmpty())) {
      return;
    }
    md.append(
        "\n## GA4 against the same job in DuckDB SQL (issue 23)\n\n"
            + "`./suite run ga4` is timed from launch to exit in its own JVM (start-up included); the"
            + " SQL (`pipelines/local/src/main/resources/io/intelligencesuite/local/bench/ga4_peer.sql`)"
            + " in the bench's JVM, connection open included. Each repetition runs both, one after the"
            + " other. The tables are compared with EXCEPT ALL both ways over every events_web"
            + " column, event_id included (the SQL hashes the pipeline's key fields with DuckDB's"
            + " sha256).\n\n"
            + "CPU s is user + system time of the whole process (the pipeline's JVM; the bench's JVM"
            + " during the SQL, DuckDB's threads included).\n\n"
            + "| scale | ./suite run ga4 s (median) | DuckDB SQL s (median) | ratio | goal | met |"
            + " CPU s pipeline / SQL | events_web compared |\n"
            + "|---:|---:|---:|---:|---:|---|---:|---|\n");
    for (int scale : scales()) {
      double pipeline = median(scale, SUITE_RUN, Ga4Pipeline.NAME);
      double sql = median(scale, SQL_PEER, Ga4Pipeline.NAME);
      if (Double.isNaN(sql)) {
        continue;
      }
      double ratio = pipeline / sql;
      double goal = scale <= 1 ? PEER_GOAL_SCALE_1 : PEER_GOAL_SCALE_10;
      var same = peerParity.get(scale);
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %.1f | %s | %.1fx | %s | %.1f / %.1f | %s |%n",
              scale,
              Double.isNaN(pipeline) ? "-" : String.format(Locale.ROOT, "%.1f", pipeline),
              sql,
              Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2fx", ratio),
              goal,
              Double.isNaN(ratio) ? "-" : ratio <= goal ? "yes" : "**no**",
              medianCpu(scale, SUITE_RUN),
              medianCpu(scale, SQL_PEER),
              same == null
                  ? "not compared"
                  : (same.same() ? "identical: " : "**differ**: ") + same));
    }
    marginalCpu(md);
  }

  /**
   * The pipeline's CPU per event beyond its fixed start-up: the CPU difference between the largest
   * and smallest scale over the difference in rows read. The Dataflow cost estimate starts here
   * (docs/dataflow-cost.md).
   */
  private void marginalCpu(StringBuilder md) {
    List<Integer> scales = new ArrayList<>(scales());
    if (scales.size() < 2) {
      return;
    }
    int small = scales.get(0);
    int large = scales.get(scales.size() - 1);
    double cpuSmall = medianCpu(small, SUITE_RUN);
    double cpuLarge = medianCpu(large, SUITE_RUN);
    long rowsSmall = maxRows(small, SUITE_RUN, Ga4Pipeline.NAME);
    long rowsLarge = maxRows(large, SUITE_RUN, Ga4Pipeline.NAME);
    if (Double.isNaN(cpuSmall)
        || Double.isNaN(cpuLarge)
        || rowsSmall < 0
        || rowsLarge <= rowsSmall) {
      return;
    }
    double perEvent = (cpuLarge - cpuSmall) / (rowsLarge - rowsSmall);
    md.append(
        String.format(
            Locale.ROOT,
            "%nGA4 pipeline CPU per event beyond start-up: (%.1f - %.1f) CPU s / (%,d - %,d) events"
                + " = %.1f µs (%.0f CPU s per million events); fixed part about %.1f CPU s.%n",
            cpuLarge,
            cpuSmall,
            rowsLarge,
            rowsSmall,
            perEvent * 1e6,
            perEvent * 1e6,
            cpuSmall - perEvent * rowsSmall));
  }

  private long maxRows(int scale, String runner, String pipeline) {
    return finished(scale, runner, pipeline).stream().mapToLong(Sample::rowsRead).max().orElse(-1);
  }

  private void goals(StringBuilder md) {
    // Only the GA4 comparison ran (--ga4Only): its goals are in its own table.
    if (samples.stream()
        .allMatch(s -> s.runner().equals(SUITE_RUN) || s.runner().equals(SQL_PEER))) {
      return;
    }
    md.append("\n## Goals (issue 10)\n\n| goal | measured | met |\n|---|---|---|\n");
    int largest = scales().stream().mapToInt(Integer::intValue).max().orElse(1);
    long ga4Rows = maxRows(largest, FLINK, Ga4Pipeline.NAME);
    double ga4Seconds = median(largest, FLINK, Ga4Pipeline.NAME);
    if (!Double.isNaN(ga4Seconds) && ga4Rows > 0) {
      double perSecond = ga4Rows / ga4Seconds;
      goal(
          md,
          "GA4 >= 100,000 events/s at >= 1M events",
          ga4Rows >= 1_000_000 && perSecond >= 100_000,
          "%,.0f events/s at %,d events (scale %d)",
          perSecond,
          ga4Rows,
          largest);
      double baselineSeconds = median(largest, BASELINE, Ga4Pipeline.NAME);
      if (!Double.isNaN(baselineSeconds)) {
        double ratio = ga4Seconds / baselineSeconds;
        goal(
            md,
            "GA4 within 5x of the plain-Java baseline",
            ratio <= 5,
            "%.2fx (%.1f s against %.1f s)",
            ratio,
            ga4Seconds,
            baselineSeconds);
      }
    }
    double demo = median(1, FLINK, DEMO);
    if (!Double.isNaN(demo)) {
      goal(
          md,
          "`./suite demo` at scale 1 under 60 s",
          demo < 60,
          "%.1f s (data already generated)",
          demo);
    }
    // The marts' jobs that ran (a report from before the identity job has the marts alone).
    double marts =
        Demo.MARTS_STAGES.stream()
            .mapToDouble(p -> median(10, FLINK, p))
            .filter(v -> !Double.isNaN(v))
            .reduce(Double::sum)
            .orElse(Double.NaN);
    if (!Double.isNaN(marts)) {
      goal(md, "marts (identity + marts jobs) at scale 10 under 60 s", marts < 60, "%.1f s", marts);
    }
    if (scales().contains(1) && scales().contains(10)) {
      String worst = null;
      double worstRatio = 0;
      for (String pipeline : pipelines()) {
        double r = median(10, FLINK, pipeline) / median(1, FLINK, pipeline);
        if (!Double.isNaN(r) && r > worstRatio) {
          worst = pipeline;
          worstRatio = r;
        }
      }
      if (worst != null) {
        goal(
            md,
            "scale 10 / scale 1 <= 11 for every pipeline",
            worstRatio <= 11,
            "largest: %s %.2f",
            worst,
            worstRatio);
      }
    }
  }

  /** A row of the goals table: the goal, what was measured ({@code String.format} in ROOT), met. */
  private static void goal(
      StringBuilder md, String goal, boolean met, String measuredFormat, Object... args) {
    String measured = String.format(Locale.ROOT, measuredFormat, args);
    md.append("| ")
        .append(goal)
        .append(" | ")
        .append(measured)
        .append(" | ")
        .append(met ? "yes" : "**no**")
        .append(" |\n");
  }

  static String key(int scale, String runner, String pipeline) {
    return scale + "\t" + runner + "\t" + pipeline;
  }

  /** Medians as tab-separated lines (scale, runner, pipeline, seconds): the committed baseline. */
  String baselineTsv() {
    Map<String, Double> medians = new LinkedHashMap<>();
    for (Sample s : samples) {
      medians.putIfAbsent(
          key(s.scale(), s.runner(), s.pipeline()), median(s.scale(), s.runner(), s.pipeline()));
    }
    StringBuilder tsv =
        new StringBuilder(
            "# scale\trunner\tpipeline\tmedian_seconds (written by ./suite bench --saveBaseline)\n");
    medians.forEach(
        (k, v) -> {
          if (!Double.isNaN(v)) {
            tsv.append(k).append('\t').append(String.format(Locale.ROOT, "%.2f", v)).append('\n');
          }
        });
    return tsv.toString();
  }

  /** Reads a file {@link #baselineTsv} wrote; empty when there is none. */
  static Map<String, Double> readBaseline(Path file) throws IOException {
    Map<String, Double> medians = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return medians;
    }
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      if (f.length != 4) {
        throw new IllegalArgumentException(
            file + ": expected scale, runner, pipeline, seconds separated by tabs, got: " + line);
      }
      medians.put(key(Integer.parseInt(f[0]), f[1], f[2]), Double.parseDouble(f[3]));
    }
    return medians;
  }
}
