package io.intelligencesuite.local.cli;

import io.intelligencesuite.local.demo.DemoCompany;
import io.intelligencesuite.local.fakeapi.LocalChartMogulApi;
import io.intelligencesuite.local.fakeapi.LocalHubSpotApi;
import io.intelligencesuite.local.fakeapi.LocalStripeApi;
import io.intelligencesuite.local.flink.LocalFlinkCluster;
import io.intelligencesuite.marts.IdentityPipeline;
import io.intelligencesuite.marts.MartsPipeline;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.chartmogul.ChartMogulOptions;
import io.intelligencesuite.sources.chartmogul.ChartMogulPipeline;
import io.intelligencesuite.sources.common.Secrets;
import io.intelligencesuite.sources.crm.CrmOptions;
import io.intelligencesuite.sources.crm.CrmPipeline;
import io.intelligencesuite.sources.enrichment.EnrichmentPipeline;
import io.intelligencesuite.sources.ga4.Ga4Pipeline;
import io.intelligencesuite.sources.spend.SpendPipeline;
import io.intelligencesuite.sources.stripe.StripeOptions;
import io.intelligencesuite.sources.stripe.StripePipeline;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code suite demo}: generates the demo company under {@code .suite/demo/} (unless it is already
 * there for this seed and scale), runs every pipeline that exists over its files into the
 * warehouse, runs the checks and prints a short summary.
 */
final class Demo {
  private final Suite suite;

  Demo(Suite suite) {
    this.suite = suite;
  }

  int run(String[] args) throws Exception {
    PrintStream out = suite.out();
    long started = System.nanoTime();
    DemoTimeline timeline = new DemoTimeline(out);
    long seed = Long.parseLong(valueOr(args, "seed", "42"));
    int scale = Integer.parseInt(valueOr(args, "scale", "1"));
    Path dir = Path.of(valueOr(args, "demoDir", ".suite/demo")).toAbsolutePath().normalize();
    Warehouse warehouse = Suite.warehouseOf(args);

    if (alreadyGenerated(dir, seed, scale)) {
      out.println("[demo] using the demo company already generated in " + dir);
    } else {
      out.printf(
          "[demo] generating the demo company (seed %d, scale %d) into %s...%n", seed, scale, dir);
      out.println(DemoCompany.generate(dir, seed, scale));
      setAsideOldWarehouse(warehouse, out);
    }

    String[] marts = martsSettings(dir);
    boolean onCluster = Arrays.asList(args).contains(CLUSTER_FLAG);
    List<String> runIds;
    try (LocalFlinkCluster cluster = onCluster ? startCluster(dir, out) : null) {
      String[] common =
          onCluster
              ? concat(beamArgs(args), cluster.args())
              : Suite.withDefaultRunner(beamArgs(args));
      runIds = runPipelines(dir, common, marts, onCluster, timeline);
    }
    if (warehouse.kind() == Warehouse.Kind.DUCKDB
        && report(warehouse, marts, runIds, dir.resolve("truth/identities.json"), timeline) != 0) {
      return 1;
    }
    out.printf(
        "%n[demo] done in %.1f s (CPU %.1f s). Try: ./suite sql \"select event_name, count(*) from events_web group by 1 order by 2 desc\"%n",
        (System.nanoTime() - started) / 1e9, DemoTimeline.cpuSeconds());
    return 0;
  }

  /**
   * The report on a DuckDB warehouse, in this order: rows and runs, identity quality, the data
   * checks, the headlines, the churn-risk backtest, the dashboard. Returns 1 when a check failed.
   */
  private int report(
      Warehouse warehouse,
      String[] marts,
      List<String> runIds,
      Path identityTruth,
      DemoTimeline timeline)
      throws Exception {
    PrintStream out = suite.out();
    timeline.phase("summary", () -> summarise(new DuckDbQueries(warehouse), runIds, out));
    // Identity resolution against the generator's truth: overall, then per planted situation
    // (shared office computers, trusts sharing a domain, ...; docs/identity.md).
    timeline.phase(
        "identity quality",
        () -> {
          out.println();
          out.println(
              io.intelligencesuite.local.quality.IdentityQuality.measure(warehouse, identityTruth));
          out.print(
              io.intelligencesuite.local.quality.SituationQuality.text(
                  io.intelligencesuite.local.quality.SituationQuality.measure(
                      warehouse, identityTruth)));
        });
    out.println();
    // The demo company lives on its as-of day: its sources' newest rows are judged from there.
    int checks =
        timeline.phase(
            "checks",
            () ->
                suite.check(new String[] {"--warehouse=" + warehouse, "--now=" + demoNow(marts)}));
    out.println();
    timeline.phase(
        "headlines",
        () -> out.print(io.intelligencesuite.reporting.dashboard.Headlines.text(warehouse)));
    // Does the churn-risk flag pick out the schools that leave? (issue 22)
    io.intelligencesuite.reporting.signals.SignalBacktest.Result backtest =
        timeline.phase(
            "backtest",
            () ->
                io.intelligencesuite.reporting.signals.SignalBacktest.run(
                    io.intelligencesuite.transforms.datatests.WarehouseReader.open(warehouse)));
    if (backtest != null) {
      out.println();
      out.print(backtest.text());
    }
    // Next to the warehouse file: .suite/dashboard.html for the default warehouse.
    Path dashboard =
        timeline.phase(
            "dashboard",
            () ->
                io.intelligencesuite.reporting.dashboard.Dashboard.write(
                    warehouse,
                    Path.of(warehouse.duckDbPath())
                        .toAbsolutePath()
                        .resolveSibling("dashboard.html")));
    out.println(
        "[demo] dashboard written to " + dashboard.toAbsolutePath() + " (open it in a browser)");
    if (checks != 0) {
      out.println("[demo] data checks failed (see above)");
      return 1;
    }
    return 0;
  }

  /**
   * Every pipeline over the demo company: the sources (side by side in this JVM; one after the
   * other on a cluster, whose two slots would otherwise be fought over), then the marts' stages in
   * order, each reading what the one before wrote, then the reconciliation.
   */
  private List<String> runPipelines(
      Path dir, String[] common, String[] marts, boolean oneAtATime, DemoTimeline timeline)
      throws Exception {
    List<Step> steps = steps(dir, common, marts, null);
    List<Step> sources = steps.stream().filter(s -> !MARTS_STAGES.contains(s.name())).toList();
    List<String> runIds = new ArrayList<>();
    timeline.phase(
        "sources",
        () -> {
          if (oneAtATime) {
            for (Step step : sources) {
              runIds.addAll(step.run().call());
            }
          } else {
            runIds.addAll(runSideBySide(sources));
          }
        });
    for (Step step : steps) {
      if (MARTS_STAGES.contains(step.name())) {
        runIds.addAll(timeline.phase(step.name(), step.run()));
      }
    }
    // Where Stripe, ChartMogul and the backend disagree (the generator planted a few such cases),
    // up to the marts' last day.
    timeline.phase(
        "reconcile",
        () ->
            suite.reconcile(
                concat(
                    common,
                    Arrays.stream(marts)
                        .filter(a -> a.startsWith("--asOf="))
                        .toArray(String[]::new))));
    return runIds;
  }

  /**
   * {@code --cluster}: run every pipeline on a standalone Flink cluster of separate JVMs on this
   * machine instead of the embedded runner.
   */
  static final String CLUSTER_FLAG = "--cluster";

  private static LocalFlinkCluster startCluster(Path dir, PrintStream out)
      throws java.io.IOException {
    Path clusterDir = dir.resolveSibling("flink-cluster");
    out.println(
        "[demo] starting a Flink cluster (a JobManager and 2 TaskManagers, separate JVMs; logs in "
            + clusterDir.resolve("log")
            + ")...");
    LocalFlinkCluster cluster = LocalFlinkCluster.start(clusterDir, 2);
    out.println("[demo] Flink cluster up at " + cluster.master());
    return cluster;
  }

  /**
   * The marts' two jobs, in the order they run after the sources: identity resolution writes
   * identity_map, the marts job reads it.
   */
  static final List<String> MARTS_STAGES = List.of(IdentityPipeline.NAME, MartsPipeline.NAME);

  /** One step of the demo: runs one or more pipelines and returns their run ids. */
  record Step(String name, java.util.concurrent.Callable<List<String>> run) {}

  /**
   * The demo's pipelines in the order they must run: every source, then identity resolution and the
   * marts over them with {@code marts} (from {@link #martsSettings}; identity takes its internal
   * domains). {@code databases}: the JDBC sources' databases, already running; null to start them
   * for the step and stop them after. The bench runs the same steps, so it measures what the demo
   * does.
   */
  List<Step> steps(Path dir, String[] common, String[] marts, DemoJdbcSources databases) {
    Path enrichment = dir.resolve("enrichment");
    return List.of(
        new Step(
            Ga4Pipeline.NAME,
            () ->
                List.of(
                    suite.runPipeline(
                        Ga4Pipeline.NAME,
                        concat(
                            common,
                            "--ga4ExportFiles=" + dir.resolve("ga4") + "/events_*.ndjson")))),
        new Step(
            "backend, lead-scoring",
            () ->
                databases == null
                    ? DemoJdbcSources.run(suite, dir, common)
                    : databases.run(suite, common)),
        new Step("stripe, chartmogul, crm", () -> runApiSources(dir, common)),
        new Step(
            EnrichmentPipeline.NAME,
            () ->
                List.of(
                    suite.runPipeline(
                        EnrichmentPipeline.NAME,
                        concat(
                            common,
                            "--enrichmentFiles=swanai="
                                + enrichment
                                + "/swanai_*.ndjson,g2="
                                + enrichment
                                + "/g2_*.ndjson")))),
        new Step(SpendPipeline.NAME, () -> List.of(runSpend(dir, common))),
        new Step(
            IdentityPipeline.NAME,
            () ->
                List.of(
                    suite.runPipeline(
                        IdentityPipeline.NAME,
                        concat(
                            common,
                            Arrays.stream(marts)
                                .filter(a -> a.startsWith("--internalDomains="))
                                .toArray(String[]::new))))),
        new Step(
            MartsPipeline.NAME,
            () -> List.of(suite.runPipeline(MartsPipeline.NAME, concat(common, marts)))));
  }

  /**
   * Marketing spend: the Google Ads transfer tables loaded into the embedded warehouse first (where
   * BigQuery's transfer would have written them), then read by the spend pipeline with the network
   * CSVs. On a BigQuery warehouse the transfer's own dataset is for production: CSVs only.
   */
  private String runSpend(Path dir, String[] common) throws Exception {
    Path spend = dir.resolve("spend");
    Warehouse warehouse = Suite.warehouseOf(common);
    List<String> args = new ArrayList<>(Arrays.asList(common));
    args.add("--spendCsvFiles=" + spend.resolve("networks") + "/*.csv");
    if (warehouse.kind() == Warehouse.Kind.DUCKDB) {
      List<String> customers =
          io.intelligencesuite.local.databases.GoogleAdsTransferTables.load(
              warehouse, spend.resolve("google_ads"));
      args.add("--googleAdsCustomerIds=" + String.join(",", customers));
    }
    return suite.runPipeline(SpendPipeline.NAME, args.toArray(String[]::new));
  }

  /**
   * Runs the source steps at the same time and returns their run ids in step order. The sources are
   * independent, as their scheduled jobs are in production; side by side, one job's start-up and
   * waiting (databases starting, API pages) overlaps another's work. Every step runs to its end;
   * then the first failure, if any, is thrown.
   */
  static List<String> runSideBySide(List<Step> sources) throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(sources.size());
    try {
      List<java.util.concurrent.Future<List<String>>> running = new ArrayList<>();
      for (Step step : sources) {
        running.add(pool.submit(step.run()));
      }
      List<String> runIds = new ArrayList<>();
      Exception failure = null;
      for (java.util.concurrent.Future<List<String>> f : running) {
        try {
          runIds.addAll(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          if (failure == null) {
            failure = e.getCause() instanceof Exception cause ? cause : e;
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
      return runIds;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The demo's own options removed: what is left goes to every pipeline. */
  static String[] beamArgs(String[] args) {
    return Arrays.stream(args)
        .filter(
            a ->
                !a.startsWith("--seed=")
                    && !a.equals(CLUSTER_FLAG)
                    && !a.startsWith("--scale=")
                    && !a.startsWith("--demoDir="))
        .toArray(String[]::new);
  }

  /**
   * Stripe, ChartMogul and HubSpot through their real clients, against local servers in this
   * process that serve the demo company's API bodies (a test key: the servers accept any sk_test_
   * key).
   */
  private List<String> runApiSources(Path dir, String[] common) throws java.io.IOException {
    List<String> ids = new ArrayList<>();
    java.util.function.Function<String, String> env =
        name ->
            name.equals(StripePipeline.API_KEY_ENV)
                ? "sk_test_demo_local_server"
                : name.equals(ChartMogulPipeline.API_KEY_ENV)
                        || name.equals(CrmPipeline.ACCESS_TOKEN_ENV)
                    ? "demo_local_server"
                    : null;
    Secrets.Resolver noSecrets =
        name -> {
          throw new IllegalArgumentException("the demo uses its local servers, not Secret Manager");
        };
    try (LocalStripeApi stripe = new LocalStripeApi(dir.resolve("stripe")).start();
        LocalChartMogulApi chartmogul = new LocalChartMogulApi(dir.resolve("chartmogul")).start();
        LocalHubSpotApi hubspot = new LocalHubSpotApi(dir.resolve("crm")).start()) {
      ids.add(
          suite.runPipeline(
              StripePipeline.NAME,
              concat(common, "--stripeApiBase=" + stripe.baseUrl()),
              a ->
                  StripePipeline.run(
                      PipelineOptionsFactory.fromArgs(a).withValidation().as(StripeOptions.class),
                      noSecrets,
                      env)));
      ids.add(
          suite.runPipeline(
              ChartMogulPipeline.NAME,
              concat(common, "--chartmogulApiBase=" + chartmogul.baseUrl()),
              a ->
                  ChartMogulPipeline.run(
                      PipelineOptionsFactory.fromArgs(a)
                          .withValidation()
                          .as(ChartMogulOptions.class),
                      noSecrets,
                      env)));
      ids.add(
          suite.runPipeline(
              CrmPipeline.NAME,
              concat(common, "--hubspotApiBase=" + hubspot.baseUrl()),
              a ->
                  CrmPipeline.run(
                      PipelineOptionsFactory.fromArgs(a).withValidation().as(CrmOptions.class),
                      noSecrets,
                      env)));
    }
    return ids;
  }

  /** The marts options the demo company's operator would set, from its MANIFEST. */
  static String[] martsSettings(Path dir) throws java.io.IOException {
    com.fasterxml.jackson.databind.JsonNode s =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(dir.resolve("MANIFEST.json").toFile())
            .path("marts_settings");
    return new String[] {
      "--asOf=" + s.path("last_day").asText(),
      "--fxRates=" + s.path("fx_rates").asText(),
      "--fxRatesCsv="
          + (s.path("fx_rates_csv").asText().isEmpty()
              ? ""
              : dir.resolve(s.path("fx_rates_csv").asText()).toAbsolutePath().toString()),
      "--internalDomains=" + s.path("internal_domains").asText()
    };
  }

  /**
   * A freshly generated demo company goes into a fresh warehouse: the sources merge by key, so rows
   * of an earlier generation (another seed, scale or generator version) would stay next to the new
   * ones and skew every figure. The old file is renamed, never deleted, in case it held more than
   * the demo.
   */
  static void setAsideOldWarehouse(Warehouse warehouse, PrintStream out)
      throws java.io.IOException {
    if (warehouse.kind() != Warehouse.Kind.DUCKDB) {
      return;
    }
    Path file = Path.of(warehouse.duckDbPath()).toAbsolutePath();
    if (!Files.exists(file)) {
      return;
    }
    Path aside =
        file.resolveSibling(file.getFileName() + ".before-demo-" + System.currentTimeMillis());
    Files.move(file, aside);
    Path wal = file.resolveSibling(file.getFileName() + ".wal");
    if (Files.exists(wal)) {
      Files.move(wal, aside.resolveSibling(aside.getFileName() + ".wal"));
    }
    out.println(
        "[demo] the warehouse held an earlier generation's rows; moved it to "
            + aside
            + " and starting a fresh one");
  }

  /** The instant the demo company's data is as of: the start of the day after the marts' last. */
  static String demoNow(String[] marts) {
    String lastDay =
        Arrays.stream(marts)
            .filter(a -> a.startsWith("--asOf="))
            .findFirst()
            .orElseThrow()
            .substring("--asOf=".length());
    return java.time.LocalDate.parse(lastDay).plusDays(1) + "T00:00:00Z";
  }

  /** True when {@code dir} holds this generator version's output for this seed and scale. */
  static boolean alreadyGenerated(Path dir, long seed, int scale) throws java.io.IOException {
    Path manifest = dir.resolve("MANIFEST.json");
    if (!Files.exists(manifest)) {
      return false;
    }
    com.fasterxml.jackson.databind.JsonNode m =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest.toFile());
    return m.path("seed").asLong() == seed
        && m.path("scale").asInt() == scale
        && DemoCompany.GENERATOR_VERSION.equals(m.path("generator_version").asText());
  }

  private static void summarise(DuckDbQueries q, List<String> runIds, PrintStream out)
      throws Exception {
    out.println();
    out.println("Rows per table:");
    for (TableDef t : Tables.all()) {
      if (q.tableExists(t.name())) {
        out.printf(
            "  %-22s %,12d%n",
            t.name(), ((Number) q.value("SELECT count(*) FROM " + t.name())).longValue());
      }
    }
    String ids = "'" + String.join("','", runIds) + "'";
    out.println("Runs:");
    for (List<Object> r :
        q.rows(
            "SELECT run_id, status, rows_read, rows_written, duplicates_removed, "
                + "rows_dead_lettered FROM pipeline_runs WHERE run_id IN ("
                + ids
                + ") ORDER BY started_at")) {
      out.printf(
          "  %s  %s: read %,d, written %,d, duplicates removed %,d, dead-lettered %,d%n",
          r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5));
    }
    List<List<Object>> dead =
        q.rows(
            "SELECT target_table, reason, count(*) FROM dead_letters WHERE run_id IN ("
                + ids
                + ") GROUP BY ALL ORDER BY 3 DESC LIMIT 5");
    out.println("Dead letters in these runs:" + (dead.isEmpty() ? " none" : ""));
    for (List<Object> d : dead) {
      out.printf("  %,6d  %s: %s%n", ((Number) d.get(2)).longValue(), d.get(0), d.get(1));
    }
  }

  private static String[] concat(String[] args, String... more) {
    String[] all = Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }

  private static String valueOr(String[] args, String name, String fallback) {
    String v = Suite.optionValue(args, name);
    return v == null ? fallback : v;
  }
}
