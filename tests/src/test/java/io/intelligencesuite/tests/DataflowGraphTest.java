package io.intelligencesuite.tests;

import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intelligencesuite.local.databases.EmbeddedDatabases;
import io.intelligencesuite.local.fakeapi.LocalChartMogulApi;
import io.intelligencesuite.local.fakeapi.LocalEnrichmentApi;
import io.intelligencesuite.local.fakeapi.LocalStripeApi;
import io.intelligencesuite.sources.chartmogul.ChartMogulOptions;
import io.intelligencesuite.sources.chartmogul.ChartMogulPipeline;
import io.intelligencesuite.sources.common.Secrets;
import io.intelligencesuite.sources.enrichment.EnrichmentOptions;
import io.intelligencesuite.sources.enrichment.EnrichmentPipeline;
import io.intelligencesuite.sources.stripe.StripeOptions;
import io.intelligencesuite.sources.stripe.StripePipeline;
import io.intelligencesuite.templates.PipelineCatalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Every pipeline translated offline for Dataflow, as {@code templates/lean-jar-smoke.sh} does it
 * (the DataflowRunner writes the job to {@code --templateLocation} instead of submitting it; no
 * credentials; BigQuery is {@code templates/smoke/FakeBigQuery.java} on a local port), but on the
 * demo company with its sources serving: the fake Stripe, ChartMogul and enrichment APIs and the
 * embedded MariaDB and PostgreSQL. Per pipeline it measures the job graph (bytes of its steps, as
 * Dataflow receives them inline or staged) and its step count, and writes them to {@code
 * target/dataflow-graphs.md}. Only the given {@code --filesToStage} is staged: the graph does not
 * depend on the classpath.
 */
public class DataflowGraphTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Secrets.Resolver NO_SECRETS =
      name -> {
        throw new AssertionError("no secret expected");
      };
  static final String STRIPE_KEY = "sk_test_graph_offline";
  static final String CHARTMOGUL_KEY = "graph_offline";
  static final String SWANAI_KEY = "swan_graph_offline";

  /** The fake Stripe server's lists (LocalStripeApi's resources the pipeline reads). */
  static final List<String> STRIPE_LISTS =
      List.of("customers", "subscriptions", "invoices", "charges", "coupons");

  private static Process fakeBigQuery;
  private static String bigQueryEndpoint;

  /** One translated job: its steps and the bytes of its graph. */
  record Graph(String pipeline, int steps, long bytes, boolean staged) {
    String row(@Nullable Graph empty) {
      return String.format(
          "| `%s` | %,d | %,d%s | %s |",
          pipeline,
          steps,
          bytes,
          staged ? " (staged as a file)" : "",
          empty == null ? "" : String.format("%,d", bytes - empty.bytes()));
    }
  }

  @BeforeClass
  public static void startFakeBigQuery() throws Exception {
    Path portFile = TMP.getRoot().toPath().resolve("bigquery.port");
    Path script = Path.of("..", "templates", "smoke", "FakeBigQuery.java").toAbsolutePath();
    fakeBigQuery =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                script.toString(),
                portFile.toString())
            .redirectError(TMP.getRoot().toPath().resolve("bigquery.log").toFile())
            .start();
    for (int i = 0; i < 240 && (!Files.exists(portFile) || Files.size(portFile) == 0); i++) {
      Thread.sleep(250);
    }
    assertTrue("the fake BigQuery did not start", Files.size(portFile) > 0);
    bigQueryEndpoint = "http://127.0.0.1:" + Files.readString(portFile).trim() + "/";
  }

  @AfterClass
  public static void stopFakeBigQuery() {
    if (fakeBigQuery != null) {
      fakeBigQuery.destroy();
    }
  }

  /** The options every translation shares: offline, staged nowhere, BigQuery faked. */
  static List<String> offline(String name) throws IOException {
    Path root = TMP.getRoot().toPath();
    Path staging = Files.createDirectories(root.resolve("staging-" + name));
    Path stage = root.resolve("stage.txt");
    if (!Files.exists(stage)) {
      Files.writeString(stage, "graph measurement: nothing to stage");
    }
    return List.of(
        "--runner=DataflowRunner",
        "--runId=graph-" + name,
        "--warehouse=bigquery:offline-check.analytics",
        "--project=offline-check",
        "--region=europe-west1",
        "--tempLocation=gs://offline-check/tmp",
        "--gcpTempLocation=gs://offline-check/tmp",
        "--bigQueryEndpoint=" + bigQueryEndpoint,
        "--stagingLocation=" + staging,
        "--filesToStage=" + stage,
        "--templateLocation=" + root.resolve(name + "-job.json"),
        "--pathValidatorClass=org.apache.beam.sdk.extensions.gcp.storage.NoopPathValidator",
        "--credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory");
  }

  /** Translates {@code name} with {@code launch} and measures the job it wrote. */
  static Graph translate(String name, Function<String[], PipelineResult> launch, String... args)
      throws IOException {
    List<String> all = new ArrayList<>(offline(name));
    all.addAll(List.of(args));
    launch.apply(all.toArray(String[]::new));
    JsonNode job = MAPPER.readTree(TMP.getRoot().toPath().resolve(name + "-job.json").toFile());
    Path jobFile = TMP.getRoot().toPath().resolve(name + "-job.json");
    // A graph over Dataflow's inline limit is staged as a file the job names (stepsLocation).
    String stepsLocation = job.path("stepsLocation").asText("");
    if (stepsLocation.isEmpty()) {
      return new Graph(name, job.path("steps").size(), Files.size(jobFile), false);
    }
    Path steps = Path.of(stepsLocation.replaceFirst("^file:", ""));
    JsonNode staged = MAPPER.readTree(steps.toFile());
    int count = staged.isArray() ? staged.size() : staged.path("steps").size();
    return new Graph(name, count, Files.size(steps), true);
  }

  static Function<String[], PipelineResult> catalog(String name) {
    return PipelineCatalog.get(name)::launch;
  }

  /** An API source's run with its key from a fake environment. */
  @FunctionalInterface
  interface KeyedRun<O> {
    PipelineResult run(O options, Secrets.Resolver secrets, Function<String, String> env);
  }

  static <O extends PipelineOptions> Function<String[], PipelineResult> keyed(
      Class<O> type, KeyedRun<O> run, String envVar, String key) {
    return a ->
        run.run(PipelineArgs.options(type, List.of(a)), NO_SECRETS, Map.of(envVar, key)::get);
  }

  static Function<String[], PipelineResult> stripe() {
    return keyed(StripeOptions.class, StripePipeline::run, StripePipeline.API_KEY_ENV, STRIPE_KEY);
  }

  static Function<String[], PipelineResult> chartmogul() {
    return keyed(
        ChartMogulOptions.class,
        ChartMogulPipeline::run,
        ChartMogulPipeline.API_KEY_ENV,
        CHARTMOGUL_KEY);
  }

  static Function<String[], PipelineResult> enrichment() {
    return keyed(EnrichmentOptions.class, EnrichmentPipeline::run, "SWANAI_API_KEY", SWANAI_KEY);
  }

  /** The demo's SwanAI export lines, to be served page by page by the fake endpoint. */
  static List<JsonNode> swanaiRecords(Path demo) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(demo.resolve("enrichment"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("swanai_")).toList()) {
        try (BufferedReader r = Files.newBufferedReader(f)) {
          String line;
          while ((line = r.readLine()) != null) {
            if (!line.isBlank()) {
              records.add(MAPPER.readTree(line));
            }
          }
        }
      }
    }
    return records;
  }

  @Test
  public void everyPipelineTranslatesAndItsGraphIsMeasured() throws Exception {
    Path demo = DemoFixture.dir();
    JsonNode settings =
        MAPPER.readTree(demo.resolve("MANIFEST.json").toFile()).path("marts_settings");
    Map<String, Graph> graphs = new LinkedHashMap<>();
    graphs.put(
        "ga4",
        translate(
            "ga4", catalog("ga4"), "--ga4ExportFiles=" + demo.resolve("ga4") + "/events_*.ndjson"));
    try (EmbeddedDatabases.MariaDb maria = EmbeddedDatabases.MariaDb.start("backend");
        EmbeddedDatabases.Postgres pg = EmbeddedDatabases.Postgres.start()) {
      maria.load(demo.resolve("backend"));
      pg.load(demo.resolve("leads"));
      graphs.put(
          "backend",
          translate(
              "backend",
              catalog("backend"),
              "--backendJdbcUrl=" + maria.url(),
              "--backendUser=root",
              "--backendPassword="));
      graphs.put(
          "lead-scoring",
          translate(
              "lead-scoring",
              catalog("lead-scoring"),
              "--leadsJdbcUrl=" + pg.url(),
              "--leadsUser=postgres",
              "--leadsPassword="));
    }
    // Each API source twice: serving the demo, then serving nothing. The difference is the
    // source data the graph carries.
    Map<String, Graph> empty = new LinkedHashMap<>();
    try (LocalStripeApi api = new LocalStripeApi(demo.resolve("stripe")).start()) {
      graphs.put("stripe", translate("stripe", stripe(), "--stripeApiBase=" + api.baseUrl()));
      STRIPE_LISTS.forEach(r -> api.objects(r).clear());
      empty.put("stripe", translate("stripe", stripe(), "--stripeApiBase=" + api.baseUrl()));
    }
    try (LocalChartMogulApi api = new LocalChartMogulApi(demo.resolve("chartmogul")).start()) {
      graphs.put(
          "chartmogul",
          translate("chartmogul", chartmogul(), "--chartmogulApiBase=" + api.baseUrl()));
      List.of("/v1/customers", "/v1/activities").forEach(p -> api.served(p).clear());
      empty.put(
          "chartmogul",
          translate("chartmogul", chartmogul(), "--chartmogulApiBase=" + api.baseUrl()));
    }
    for (List<JsonNode> served : List.of(swanaiRecords(demo), List.<JsonNode>of())) {
      try (LocalEnrichmentApi api = new LocalEnrichmentApi(served, SWANAI_KEY, 100)) {
        (served.isEmpty() ? empty : graphs)
            .put(
                "enrichment",
                translate(
                    "enrichment",
                    enrichment(),
                    "--enrichmentApi=swanai=" + api.baseUrl() + "/v1/visits"));
      }
    }
    String asOf = "--asOf=" + settings.path("last_day").asText();
    String domains = "--internalDomains=" + settings.path("internal_domains").asText();
    graphs.put("identity", translate("identity", catalog("identity"), domains));
    graphs.put(
        "marts",
        translate(
            "marts",
            catalog("marts"),
            asOf,
            domains,
            "--fxRates=" + settings.path("fx_rates").asText()));
    graphs.put("check", translate("check", catalog("check")));
    // reconcile is not translated here: it queries the warehouse at launch (WarehouseReader,
    // with Application Default Credentials), which the fake BigQuery does not answer.

    StringBuilder report =
        new StringBuilder(
            "| pipeline | Dataflow steps | graph bytes | of which source data |\n"
                + "|---|---:|---:|---:|\n");
    graphs.values().forEach(g -> report.append(g.row(empty.get(g.pipeline()))).append('\n'));
    System.err.println("[DataflowGraphTest] demo seed 42, scale 1:\n" + report);
    Files.writeString(Path.of("target", "dataflow-graphs.md"), report.toString());
    for (Graph g : graphs.values()) {
      assertTrue(g.pipeline() + " translated to no steps", g.steps() > 0);
    }
    // The API sources page inside the pipeline: serving the demo company or nothing at all, their
    // graphs differ by no more than the run's own timestamps, not by the data.
    empty.forEach(
        (name, none) -> {
          long data = graphs.get(name).bytes() - none.bytes();
          assertTrue(
              name + "'s job graph carries " + data + " bytes of source data",
              Math.abs(data) < 1000);
        });
  }
}
