package io.intelligencesuite.local.cli;

import io.intelligencesuite.local.bench.PeakMemory;
import io.intelligencesuite.local.flink.LocalFlink;
import io.intelligencesuite.local.flink.SharedMiniCluster;
import io.intelligencesuite.marts.IdentityPipeline;
import io.intelligencesuite.marts.MartsPipeline;
import io.intelligencesuite.marts.reconcile.ReconcilePipeline;
import io.intelligencesuite.reporting.checks.DataChecks;
import io.intelligencesuite.templates.PipelineCatalog;
import io.intelligencesuite.transforms.datatests.WarehouseReader;
import io.intelligencesuite.transforms.identity.ConnectedComponents;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import io.intelligencesuite.transforms.warehouse.WarehouseOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;

/**
 * The {@code suite} command line: demo, run, sql, check. Local runs default to the embedded Flink
 * runner, the fast local runner; pass {@code --runner=DirectRunner} or {@code
 * --runner=DataflowRunner} to choose another.
 */
public final class Suite {

  /**
   * Each pipeline by its CLI name: options parsed from args, then launched (PipelineCatalog is the
   * list).
   */
  static final Map<String, Function<String[], PipelineResult>> PIPELINES =
      PipelineCatalog.launchers();

  private final PrintStream out;

  /** Synchronized: the demo runs pipelines side by side, each adding its run here. */
  private final List<PipelineRun> runs = java.util.Collections.synchronizedList(new ArrayList<>());

  /** Null: pipelines may run as long as they need. */
  private Duration timeout;

  Suite(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    int code;
    if (args.length > 0 && (args[0].equals("run") || args[0].equals(ReconcilePipeline.NAME))) {
      // One job at a time in this JVM (run's pipelines run in order).
      SharedMiniCluster.oneJobAtATime();
    }
    try {
      code = LocalFlink.onLargeStack(() -> new Suite(System.out).execute(args));
    } catch (IllegalArgumentException e) {
      // Bad input from the user: the message says what to fix; the cause, if any, says why.
      System.err.println("suite: " + e.getMessage());
      for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
        System.err.println("  caused by: " + t);
      }
      code = 2;
    } catch (Exception e) {
      System.err.println("suite: failed: " + rootMessage(e));
      e.printStackTrace(System.err);
      code = 1;
    }
    // The embedded Flink mini-cluster can leave non-daemon threads behind; the command is done.
    System.exit(code);
  }

  int execute(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      usage();
      return args.length == 0 ? 2 : 0;
    }
    String command = args[0];
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    if (command.equals("run") || command.equals("demo") || command.equals(ReconcilePipeline.NAME)) {
      loadDuckDbInBackground(rest);
    }
    // Before anything parses options: see OnDemandOptions for why they are not always registered.
    OnDemandOptions.registerIfNamed(rest);
    switch (command) {
      case "demo":
        return new Demo(this).run(rest);
      case "generate":
        io.intelligencesuite.local.demo.DemoCompany.main(rest);
        return 0;
      case "run":
        return runPipeline(rest);
      case "bench":
        return bench(rest);
      case "sql":
        return sql(rest);
      case "check":
        return check(rest);
      case "dashboard":
        return dashboard(rest);
      case "explain":
        return explain(rest);
      case "compare":
        return compare(rest);
      case ReconcilePipeline.NAME:
        return reconcile(rest);
      default:
        throw new IllegalArgumentException("unknown command '" + command + "'. Run ./suite help.");
    }
  }

  private void usage() {
    out.println(
        """
        Intelligence Suite: one command line for the pipelines and the embedded warehouse.

          ./suite demo [--warehouse=duckdb:PATH] [--runner=FlinkRunner|DirectRunner] [--cluster]
                                    build the demo company's sources, run every pipeline, check, summarise
                                    (--cluster: on a Flink cluster of separate JVMs started for the run)
          ./suite generate [--out=DIR] [--seed=N] [--scale=S]
                                    write the demo company's source files (default .suite/demo, seed 42, scale 1)
          ./suite run PIPELINE... [beam options]
                                    run one pipeline, or several in order in one JVM
                                    (./suite run identity marts; marts alone runs identity first): %s
          ./suite bench [--scales=1,10] [--reps=3,1] [--directScales=1] [--demoScales=1] [--directLimit=45]
                [--saveBaseline] [--ga4Only]
                                    every pipeline at each scale on the embedded Flink runner (median
                                    of the repetitions), the plain-Java GA4 baseline and the
                                    DirectRunner side by side, and ./suite run ga4 against the same
                                    job in DuckDB SQL (--ga4Only: just that); writes bench/results.md
          ./suite bench identity [--sizes=N,M] [--reps=R] [--warmups=W] [--peer=false]
                                    benchmark identity resolution on the local runners against a
                                    plain-Java union-find peer on the same links
          ./suite sql "QUERY" [--warehouse=duckdb:PATH]
                                    print the result as CSV with a header
          ./suite check [--warehouse=duckdb:PATH|bigquery:PROJECT.DATASET] [--failuresOnly] [--now=2026-11-01T00:00:00Z]
                                    data tests and freshness, recorded in data_test_results;
                                    exit 1 on an error-level failure
          ./suite reconcile [--warehouse=duckdb:PATH|bigquery:PROJECT.DATASET] [--asOf=YYYY-MM-DD]
                                    compare Stripe, ChartMogul and the backend; write reconciliation
          ./suite explain mrr CUSTOMER_ID [--date=YYYY-MM-DD] [--warehouse=duckdb:PATH|bigquery:PROJECT.DATASET]
                  [--fxRates=..] [--fxRatesCsv=FILE] [--reportingCurrency=usd] [--pastDueAutoChurnDays=N]
                                    each day the customer's MRR changed, with the invoice lines that
                                    set each item's rate and their normalisation (the marts' settings;
                                    default: the demo's, from .suite/demo/MANIFEST.json)
          ./suite compare --warehouse=duckdb:A --with=duckdb:B
                                    every staging and mart table of two warehouses by checksum
          ./suite dashboard [--warehouse=duckdb:PATH|bigquery:PROJECT.DATASET] [--output=PATH]
                                    write the executive dashboard (default %s)

        Every command takes --warehouse (default %s)."""
            .formatted(
                String.join(", ", PIPELINES.keySet()),
                io.intelligencesuite.reporting.dashboard.Dashboard.DEFAULT_OUTPUT,
                Warehouse.DEFAULT_SPEC));
  }

  /**
   * Runs one pipeline, or several named in a row ({@code ./suite run identity marts}), to
   * completion, in order, in this JVM, and prints their audit rows. The marts read identity_map, so
   * {@code ./suite run marts} runs identity first, as the demo does ({@link RunArgs#plan}). In one
   * JVM the second job starts warm: the JVM, Beam's options registry and the embedded Flink classes
   * are already loaded, which is most of a small job's wall time (issue 21: identity then marts as
   * two commands took about twice as long as the marts job before identity was split out).
   */
  int runPipeline(String[] args) throws Exception {
    List<String> names = new ArrayList<>();
    while (names.size() < args.length && !args[names.size()].startsWith("--")) {
      names.add(args[names.size()]);
    }
    if (names.isEmpty() || !PIPELINES.keySet().containsAll(names)) {
      throw new IllegalArgumentException(
          "name a pipeline: ./suite run PIPELINE... [options]; pipelines: "
              + String.join(", ", PIPELINES.keySet())
              + (names.isEmpty() ? "" : "; unknown: " + names));
    }
    String[] beamArgs = withDefaultRunner(Arrays.copyOfRange(args, names.size(), args.length));
    Map<String, String[]> plan = RunArgs.plan(names, beamArgs);
    if (plan.size() > names.size()) {
      out.printf(
          "[suite] %s reads identity_map: running %s first, in this JVM%n",
          MartsPipeline.NAME, IdentityPipeline.NAME);
    }
    List<String> runIds = new ArrayList<>();
    for (Map.Entry<String, String[]> run : plan.entrySet()) {
      runIds.add(runPipeline(run.getKey(), run.getValue()));
    }
    Warehouse warehouse = warehouseOf(beamArgs);
    if (warehouse.kind() == Warehouse.Kind.DUCKDB) {
      new DuckDbQueries(warehouse)
          .printCsv(
              "SELECT run_id, pipeline, status, rows_read, rows_written, "
                  + "duplicates_removed, rows_dead_lettered, rows_written_by_table FROM pipeline_runs WHERE run_id IN ("
                  + runIds.stream()
                      .map(id -> "'" + id.replace("'", "''") + "'")
                      .collect(java.util.stream.Collectors.joining(", "))
                  + ") ORDER BY started_at",
              out);
    }
    return 0;
  }

  /** Runs a pipeline and waits; returns the run id. */
  String runPipeline(String name, String[] beamArgs) {
    return runPipeline(name, beamArgs, PIPELINES.get(name));
  }

  /** Same, launched by {@code launch} (the demo passes its local servers' credentials this way). */
  String runPipeline(String name, String[] beamArgs, Function<String[], PipelineResult> launch) {
    String runId = optionValue(beamArgs, "runId");
    List<String> args = new ArrayList<>(Arrays.asList(beamArgs));
    if (runId == null) {
      runId =
          name
              + "-"
              + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                  .withZone(java.time.ZoneOffset.UTC)
                  .format(java.time.Instant.now())
              + "-"
              + Long.toString(System.nanoTime() % 46_656L + 46_656L, 36);
      args.add("--runId=" + runId);
    }
    long started = System.nanoTime();
    String runner =
        optionValue(beamArgs, "runner") == null ? "DirectRunner" : optionValue(beamArgs, "runner");
    out.printf("[%s] running on %s (run id %s)...%n", name, runner, runId);
    PeakMemory.reset();
    PipelineResult result = launch.apply(args.toArray(String[]::new));
    PipelineResult.State state =
        timeout == null ? result.waitUntilFinish() : result.waitUntilFinish(timeout);
    boolean timedOut = state == null || !state.isTerminal();
    if (timedOut) {
      cancel(result, name);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    runs.add(
        new PipelineRun(
            name,
            runId,
            runner,
            seconds,
            PeakMemory.read(),
            timedOut ? "TIMED_OUT" : state.name()));
    if (timedOut) {
      out.printf(
          "[%s] stopped after %.1f s: over the %d s limit%n",
          name, seconds, timeout.getStandardSeconds());
      throw new PipelineTimedOut(name, timeout);
    }
    out.printf("[%s] %s in %.1f s%n", name, state, seconds);
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("pipeline " + name + " ended " + state);
    }
    if (name.equals(IdentityPipeline.NAME)) {
      out.printf(
          "[%s] identity resolution converged in %d round(s) for persons, %d for companies%n",
          name,
          ConnectedComponents.roundsExecuted(result, "person"),
          ConnectedComponents.roundsExecuted(result, "company"));
    }
    return runId;
  }

  private static void cancel(PipelineResult result, String name) {
    try {
      result.cancel();
    } catch (java.io.IOException | UnsupportedOperationException e) {
      throw new IllegalStateException(
          "pipeline " + name + " is over its time limit and could not be cancelled", e);
    }
  }

  /** One pipeline run by this command: how long it took and the memory it needed. */
  record PipelineRun(
      String pipeline,
      String runId,
      String runner,
      double seconds,
      PeakMemory.Peak memory,
      String state) {}

  /** A pipeline stopped because it ran past the limit {@link #withTimeout} set. */
  static final class PipelineTimedOut extends IllegalStateException {
    final String pipeline;

    PipelineTimedOut(String pipeline, Duration limit) {
      super(
          "pipeline "
              + pipeline
              + " did not finish within "
              + limit.getStandardSeconds()
              + " s and was cancelled");
      this.pipeline = pipeline;
    }
  }

  /** Every pipeline this command ran, in order (the bench reads its timings from here). */
  List<PipelineRun> runs() {
    return runs;
  }

  /**
   * Cancels any pipeline that runs longer than {@code limit} (null: no limit); the bench uses it.
   */
  Suite withTimeout(Duration limit) {
    this.timeout = limit;
    return this;
  }

  /**
   * Benchmarks: {@code ./suite bench [options]} runs every pipeline at two scales ({@link Bench});
   * {@code ./suite bench identity} benchmarks identity resolution alone.
   */
  int bench(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("identity")) {
      io.intelligencesuite.local.bench.IdentityBench.main(Arrays.copyOfRange(args, 1, args.length));
      return 0;
    }
    return new Bench(out).run(args);
  }

  int sql(String[] args) throws Exception {
    String query =
        Arrays.stream(args)
            .filter(a -> !a.startsWith("--"))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "give a query: ./suite sql \"select count(*) from events_web\""));
    new DuckDbQueries(warehouseOf(args)).printCsv(query, out);
    return 0;
  }

  /**
   * Data tests, freshness and volume checks; {@code --failuresOnly} prints only what did not pass;
   * {@code --now=INSTANT} judges freshness and volume as of that instant instead of the clock (a
   * warehouse of history, such as the demo company's, whose sources stop at its as-of day). Returns
   * 1 on an error-level failure, which is what the demo and a scheduler act on.
   */
  int check(String[] args) throws Exception {
    boolean failuresOnly = Arrays.asList(args).contains("--failuresOnly");
    String now = optionValue(args, "now");
    java.time.Instant at;
    try {
      at = now == null ? java.time.Instant.now() : java.time.Instant.parse(now);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--now='" + now + "' is not an instant: use e.g. --now=2026-11-01T00:00:00Z", e);
    }
    return DataChecks.run(warehouseOf(args), out, failuresOnly, at);
  }

  /**
   * The discrepancy report: runs the reconcile pipeline, then prints the disagreements per check.
   */
  int reconcile(String[] args) throws Exception {
    String[] beamArgs = withDefaultRunner(args);
    runPipeline(
        ReconcilePipeline.NAME,
        beamArgs,
        a ->
            ReconcilePipeline.run(
                PipelineOptionsFactory.fromArgs(a)
                    .withValidation()
                    .as(io.intelligencesuite.marts.reconcile.ReconcileOptions.class)));
    out.print(ReconcilePipeline.disagreementsByCheck(WarehouseReader.open(warehouseOf(beamArgs))));
    return 0;
  }

  /**
   * {@code compare --warehouse=duckdb:A --with=duckdb:B}: every staging and mart table of two
   * embedded warehouses by checksum; exit 1 when any differs or is in one only.
   */
  int compare(String[] args) throws Exception {
    String with = optionValue(args, "with");
    if (with == null) {
      throw new IllegalArgumentException(
          "compare needs --with=duckdb:PATH, the warehouse to compare --warehouse with");
    }
    int differing = 0;
    for (var e : WarehouseComparison.compare(warehouseOf(args), Warehouse.parse(with)).entrySet()) {
      boolean equal = e.getValue().equal();
      differing += equal ? 0 : 1;
      out.printf(
          "  %-26s %s%s%n",
          e.getKey(),
          equal ? "equal" : "DIFFERS",
          equal ? "" : " (" + e.getValue().left() + " vs " + e.getValue().right() + ")");
    }
    out.println(differing == 0 ? "every table equal" : differing + " table(s) differ");
    return differing == 0 ? 0 : 1;
  }

  /** Writes the static HTML dashboard from the marts. */
  int dashboard(String[] args) throws Exception {
    String output = optionValue(args, "output");
    Path written =
        io.intelligencesuite.reporting.dashboard.Dashboard.write(
            warehouseOf(args),
            Path.of(
                output == null
                    ? io.intelligencesuite.reporting.dashboard.Dashboard.DEFAULT_OUTPUT
                    : output));
    out.println("dashboard written to " + written.toAbsolutePath());
    return 0;
  }

  /**
   * {@code explain mrr CUSTOMER_ID [--date=YYYY-MM-DD]}: why the customer's MRR is what it is
   * (MrrExplanation reads the warehouse, DuckDB or BigQuery, through the check's WarehouseReader).
   * It converts with the marts' settings: --reportingCurrency, --fxRates, --fxRatesCsv and
   * --pastDueAutoChurnDays as given to the marts; when none is given and the demo company's
   * MANIFEST.json is in --demoDir (default .suite/demo), the demo's, as ./suite demo passed them.
   */
  int explain(String[] args) throws Exception {
    List<String> words = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
    if (words.size() != 2 || !words.get(0).equals("mrr")) {
      throw new IllegalArgumentException(
          "usage: ./suite explain mrr CUSTOMER_ID [--date=YYYY-MM-DD] [--fxRates=usd:1,eur:1.08]"
              + " [--fxRatesCsv=FILE] [--reportingCurrency=usd] [--pastDueAutoChurnDays=N]"
              + " (customer ids: ./suite sql \"select customer_id, mrr_cents from dim_customer\")");
    }
    String date = optionValue(args, "date");
    io.intelligencesuite.marts.revenue.RevenueSettings settings = explainSettings(args);
    out.print(
        io.intelligencesuite.marts.revenue.MrrExplanation.explain(
            WarehouseReader.open(warehouseOf(args)),
            words.get(1),
            date == null ? null : java.time.LocalDate.parse(date),
            settings.reportingCurrency(),
            settings.fx(),
            settings.pastDueAutoChurnDays()));
    return 0;
  }

  /** The marts' revenue settings for explain (see {@link #explain}); the as-of is explain's own. */
  static io.intelligencesuite.marts.revenue.RevenueSettings explainSettings(String[] args)
      throws java.io.IOException {
    String currency = optionValue(args, "reportingCurrency");
    String spec = optionValue(args, "fxRates");
    String csv = optionValue(args, "fxRatesCsv");
    String days = optionValue(args, "pastDueAutoChurnDays");
    Path demo =
        Path.of(
            optionValue(args, "demoDir") == null ? ".suite/demo" : optionValue(args, "demoDir"));
    if (spec == null && csv == null && java.nio.file.Files.exists(demo.resolve("MANIFEST.json"))) {
      for (String a : Demo.martsSettings(demo)) {
        if (a.startsWith("--fxRates=")) {
          spec = a.substring("--fxRates=".length());
        } else if (a.startsWith("--fxRatesCsv=")) {
          csv = a.substring("--fxRatesCsv=".length());
        }
      }
    }
    return io.intelligencesuite.marts.revenue.RevenueSettings.of(
        java.time.LocalDate.now(java.time.ZoneOffset.UTC),
        currency == null ? "usd" : currency,
        spec == null ? "usd:1" : spec,
        csv,
        days == null ? 0 : Integer.parseInt(days));
  }

  PrintStream out() {
    return out;
  }

  /**
   * {@code args} with the embedded Flink runner's flags ({@link LocalFlink}) unless a runner is
   * named; the jobs then run on this JVM's {@link SharedMiniCluster}, which starts in the
   * background from here on, while the pipeline is built.
   */
  static String[] withDefaultRunner(String[] args) {
    if (optionValue(args, "flinkMaster") != null) {
      // A job for a named cluster: Flink refuses it while the shared cluster's context is set.
      SharedMiniCluster.uninstall();
    }
    if (optionValue(args, "runner") != null) {
      return args;
    }
    if (optionValue(args, "flinkMaster") == null) {
      SharedMiniCluster.install();
    }
    String[] flink = LocalFlink.args();
    String[] withRunner = Arrays.copyOf(args, args.length + flink.length);
    System.arraycopy(flink, 0, withRunner, args.length, flink.length);
    return withRunner;
  }

  /**
   * Loads DuckDB's native library on a daemon thread while the main thread parses the options and
   * builds the pipeline, when the warehouse is DuckDB (the default). The driver loads the 70 MB
   * library (beside suite.jar; from a temporary copy when it is in the jar, as in the tests) on
   * first use, which is otherwise the launch's {@code pipeline_runs} row on the main thread, just
   * before the job is translated (issue 23: time before the first row). A failure here is left to
   * that first use to report.
   */
  static void loadDuckDbInBackground(String[] args) {
    String spec = optionValue(args, "warehouse"); // none: the default, DuckDB
    try {
      if (spec != null && Warehouse.parse(spec).kind() != Warehouse.Kind.DUCKDB) {
        return;
      }
    } catch (IllegalArgumentException e) {
      return; // a bad --warehouse: the command says so
    }
    Thread loader =
        new Thread(
            () -> {
              try {
                Class.forName("org.duckdb.DuckDBNative", true, Suite.class.getClassLoader());
              } catch (ClassNotFoundException | LinkageError e) {
                // reported by the first connection
              }
            },
            "suite-duckdb-load");
    loader.setDaemon(true);
    loader.start();
  }

  static Warehouse warehouseOf(String[] args) {
    String spec = optionValue(args, "warehouse");
    return Warehouse.parse(
        spec == null ? PipelineOptionsFactory.as(WarehouseOptions.class).getWarehouse() : spec);
  }

  static String optionValue(String[] args, String name) {
    String prefix = "--" + name + "=";
    String value = null;
    for (String a : args) {
      if (a.startsWith(prefix)) {
        value = a.substring(prefix.length());
      }
    }
    return value;
  }

  /**
   * The deepest cause that says something (a bare EOFException from a dropped connection does not).
   */
  static String rootMessage(Throwable e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    return message;
  }
}
