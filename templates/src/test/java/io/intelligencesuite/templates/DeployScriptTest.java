package io.intelligencesuite.templates;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intelligencesuite.testing.RepoRoot;
import io.intelligencesuite.testing.Skips;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * templates/deploy.sh --dry-run with the example config: the full command list, and the scheduler
 * bodies it renders, parsed back, run through the launch workflow (which adds the dated job name)
 * and checked as launch requests against the template metadata and the template paths the same run
 * builds.
 */
public class DeployScriptTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DATAFLOW_JOB_NAME = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

  /** When the workflow runs in these tests: a Sunday, 06:00:03.123456 UTC. */
  private static final Instant SCHEDULED_AT = Instant.parse("2026-11-22T06:00:03.123456Z");

  private static Path out;
  private static List<String> commands;

  record Result(int exit, String stdout, String stderr) {}

  static Result deploy(String... args) throws IOException, InterruptedException {
    Path root = RepoRoot.get();
    List<String> command =
        new ArrayList<>(List.of("bash", root.resolve("templates/deploy.sh").toString()));
    command.addAll(Arrays.asList(args));
    Path stdout = Files.createTempFile("deploy-out", ".txt");
    Path stderr = Files.createTempFile("deploy-err", ".txt");
    Process p =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    assertTrue("deploy.sh took over 60 s", p.waitFor(60, TimeUnit.SECONDS));
    return new Result(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
  }

  @BeforeClass
  public static void dryRun() throws Exception {
    out = Files.createTempDirectory("deploy-dry-run");
    commands = dryRunCommands(RepoRoot.get().resolve("templates/deploy.env.example"), out);
  }

  static List<String> dryRunCommands(Path config, Path outDir) throws Exception {
    Result r = deploy("--dry-run", "--config=" + config, "--out=" + outDir);
    assertEquals("deploy.sh --dry-run failed: " + r.stderr(), 0, r.exit());
    return r.stdout().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
  }

  /**
   * The example config with some lines replaced or added: KEY -> value, or KEY -> null to drop it.
   */
  static Path exampleConfigWith(Map<String, String> changes) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(RepoRoot.get().resolve("templates/deploy.env.example"))) {
      String key =
          line.contains("=") && !line.startsWith("#") ? line.substring(0, line.indexOf('=')) : null;
      if (key == null || !changes.containsKey(key)) {
        lines.add(line);
      }
    }
    changes.forEach(
        (key, value) -> {
          if (value != null) {
            lines.add(key + "=" + value);
          }
        });
    Path config = Files.createTempFile("deploy", ".env");
    Files.write(config, lines, StandardCharsets.UTF_8);
    return config;
  }

  static List<String> commandsStartingWith(String prefix) {
    return commands.stream().filter(c -> c.startsWith(prefix)).toList();
  }

  static String flag(String command, String name) {
    Matcher m =
        Pattern.compile("(?:^| )'?--" + Pattern.quote(name) + "=([^' ]*(?:'[^']*)?)")
            .matcher(command);
    return m.find() ? m.group(1) : null;
  }

  /** Pipelines with a Cloud Scheduler job of their own (the hourly ones); the rest run daily. */
  static List<String> ownCron() {
    return PipelineCatalog.all().keySet().stream()
        .filter(name -> !Schedule.DAILY.equals(Schedule.of(name).cron()))
        .toList();
  }

  @Test
  public void printsTheWholeCommandListAndNothingElse() {
    int pipelines = PipelineCatalog.all().size();
    int jobs = ownCron().size() + 1; // + suite-daily
    assertEquals(1, commandsStartingWith("mvn ").size());
    assertThat(commands.get(0), containsString("-pl templates -am package"));
    assertEquals(1, commandsStartingWith("gcloud builds submit ").size());
    assertEquals(pipelines, commandsStartingWith("gcloud dataflow flex-template build ").size());
    assertEquals(jobs, commandsStartingWith("gcloud scheduler jobs create http ").size());
    assertEquals(jobs, commandsStartingWith("gcloud scheduler jobs update http ").size());
    assertEquals(2, commandsStartingWith("gcloud workflows deploy ").size());
    assertEquals(1, commandsStartingWith("gcloud monitoring policies create ").size());
    int bq = 2 * (1 + io.intelligencesuite.schemas.Tables.all().size()); // dataset + tables
    assertEquals(bq, commandsStartingWith("bq --project_id=acme-analytics-prod ").size());
    assertEquals("no other command", 2 + bq + pipelines + 2 + 2 * jobs + 1, commands.size());
    for (String c : commands) {
      assertThat("a placeholder was left unfilled in: " + c, c, not(containsString("${")));
    }
  }

  @Test
  public void everyTemplateIsBuiltFromItsMetadataOnTheOneImage() {
    String image = flag(commandsStartingWith("gcloud builds submit ").get(0), "tag");
    assertThat(
        image,
        containsString(
            "europe-west1-docker.pkg.dev/acme-analytics-prod/intelligence-suite/suite-dataflow:"));
    for (String name : PipelineCatalog.all().keySet()) {
      String build = templateBuild(name);
      assertEquals(image, flag(build, "image"));
      assertEquals("JAVA", flag(build, "sdk-language"));
      assertEquals(
          RepoRoot.get().resolve("templates/metadata/" + name + ".json").toString(),
          flag(build, "metadata-file"));
    }
  }

  /** The daily workflow launches these two by name, after the marts. */
  @Test
  public void checkAndReconcileAreTemplatesOfThoseNames() {
    assertThat(
        flag(templateBuild("check"), "metadata-file"), containsString("metadata/check.json"));
    assertThat(
        flag(templateBuild("reconcile"), "metadata-file"),
        containsString("metadata/reconcile.json"));
  }

  static String templateBuild(String pipeline) {
    String prefix =
        "gcloud dataflow flex-template build gs://acme-analytics-dataflow/templates/"
            + pipeline
            + ".json ";
    List<String> builds = commandsStartingWith(prefix);
    assertEquals("one template build for " + pipeline, 1, builds.size());
    return builds.get(0);
  }

  @Test
  public void theLaunchWorkflowIsDeployedFromTheCheckedInFileAsTheLauncherIdentity() {
    String deploy = commandsStartingWith("gcloud workflows deploy ").get(0);
    assertThat(deploy, startsWith("gcloud workflows deploy suite-launch "));
    assertEquals(LaunchWorkflow.SOURCE.toString(), flag(deploy, "source"));
    assertEquals("acme-analytics-prod", flag(deploy, "project"));
    assertEquals("europe-west1", flag(deploy, "location"));
    assertEquals(
        "suite-scheduler@acme-analytics-prod.iam.gserviceaccount.com",
        flag(deploy, "service-account"));
    assertEquals(
        "the Dataflow region the workflow launches in",
        Map.of("DATAFLOW_REGION", "europe-west1"),
        workflowEnvironment());
  }

  /** The user environment variables the deploy command gives the workflow. */
  static Map<String, String> workflowEnvironment() {
    Map<String, String> env = new TreeMap<>();
    for (String pair :
        flag(commandsStartingWith("gcloud workflows deploy ").get(0), "set-env-vars").split(",")) {
      env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    return env;
  }

  @Test
  public void theDryRunShowsTheDailyWorkflowWithItsDependenciesAndDeploysIt() throws Exception {
    String deploy = commandsStartingWith("gcloud workflows deploy suite-daily ").get(0);
    assertEquals(DailyWorkflowTest.SOURCE.toString(), flag(deploy, "source"));
    assertEquals(
        "suite-scheduler@acme-analytics-prod.iam.gserviceaccount.com",
        flag(deploy, "service-account"));
    assertEquals("DATAFLOW_REGION=europe-west1", flag(deploy, "set-env-vars"));

    String printed =
        deploy(
                "--dry-run",
                "--config=" + RepoRoot.get().resolve("templates/deploy.env.example"),
                "--out=" + Files.createTempDirectory("deploy-dry-run"))
            .stdout();
    assertThat(
        printed,
        containsString(
            "#   sources in parallel: [\"backend\", \"chartmogul\", \"crm\", \"enrichment\", \"ga4\","
                + " \"spend\", \"stripe\"]"));
    assertThat(
        printed,
        containsString(
            "#   then marts, once these succeeded: [\"backend\", \"chartmogul\", \"crm\","
                + " \"enrichment\", \"ga4\", \"spend\", \"stripe\", \"identity\"]"));
    assertThat(printed, containsString("#   then check, once these succeeded: [\"marts\"]"));
    assertThat(printed, containsString("#   then reconcile, once these succeeded: [\"marts\"]"));
    assertThat(
        printed, containsString("#   check: gs://acme-analytics-dataflow/templates/check.json"));
    assertThat(
        printed,
        containsString("#   reconcile: gs://acme-analytics-dataflow/templates/reconcile.json"));
  }

  @Test
  public void oneScheduledExecutionRunsTheDailyWorkflowWithALaunchForEveryStage()
      throws IOException {
    for (String verb : List.of("create", "update")) {
      List<String> jobs =
          commandsStartingWith("gcloud scheduler jobs " + verb + " http suite-daily ");
      assertEquals(1, jobs.size());
      String job = jobs.get(0);
      assertEquals(
          "https://workflowexecutions.googleapis.com/v1/projects/acme-analytics-prod/locations/europe-west1/"
              + "workflows/suite-daily/executions",
          flag(job, "uri"));
      assertThat(job, containsString("'--schedule=0 6 * * *'"));
      assertEquals(
          out.resolve("scheduler/daily.json").toString(), flag(job, "message-body-from-file"));
    }
    JsonNode argument = scheduledArgument(out, "daily");
    assertEquals("fail", argument.get("onSourceFailure").asText());
    JsonNode launches = argument.get("launches");
    List<String> stages = new ArrayList<>(DailyWorkflowTest.sources());
    stages.addAll(DailyWorkflowTest.stages().keySet());
    assertEquals(new java.util.TreeSet<>(stages), new java.util.TreeSet<>(fieldNames(launches)));
    for (String name : stages) {
      JsonNode launch = launches.get(name).get("launchParameter");
      assertEquals(
          "gs://acme-analytics-dataflow/templates/" + name + ".json",
          launch.get("containerSpecGcsPath").asText());
      assertEquals(name, launch.get("parameters").get("pipeline").asText());
      assertEquals(
          "bigquery:acme-analytics-prod.analytics",
          launch.get("parameters").get("warehouse").asText());
      assertFalse("run_job names the job", launch.has("jobName"));
      if (!DailyWorkflowTest.VERIFICATIONS.contains(name)) {
        // The same launch request as the pipeline's own body (launch NAME, suite-launch).
        assertEquals(scheduledArgument(out, name), launches.get(name));
      }
    }
  }

  @Test
  public void anAlertPolicyWatchesFailedExecutionsOfTheDailyWorkflow() throws IOException {
    String create = commandsStartingWith("gcloud monitoring policies create ").get(0);
    assertEquals("acme-analytics-prod", flag(create, "project"));
    Path file = Path.of(flag(create, "policy-from-file"));
    assertEquals(out.resolve("alert-policy.json"), file);
    JsonNode policy = JSON.readTree(file.toFile());
    assertEquals("suite-daily failed", policy.get("displayName").asText());
    JsonNode threshold = policy.get("conditions").get(0).get("conditionThreshold");
    String filter = threshold.get("filter").asText();
    assertThat(filter, containsString("resource.labels.workflow_id = \"suite-daily\""));
    assertThat(
        filter,
        containsString("metric.type = \"workflows.googleapis.com/finished_execution_count\""));
    assertThat(filter, containsString("metric.labels.status = \"FAILED\""));
    assertEquals("COMPARISON_GT", threshold.get("comparison").asText());
    assertEquals(0, threshold.get("thresholdValue").asInt());
    assertEquals(
        "projects/acme-analytics-prod/notificationChannels/1234567890",
        policy.get("notificationChannels").get(0).asText());
  }

  @Test
  public void theDatasetAndEveryRegistryTableAreCreatedOrUpdatedFromTheRegistry() {
    String dataset = "acme-analytics-prod:analytics";
    assertThat(
        commandsStartingWith(
                "bq --project_id=acme-analytics-prod --location=europe-west1 mk --dataset ")
            .get(0),
        containsString(" " + dataset));
    Path schemas = RepoRoot.get().resolve("schemas/target/generated-schemas/bq");
    for (io.intelligencesuite.schemas.TableDef t : io.intelligencesuite.schemas.Tables.all()) {
      String ref = dataset + "." + t.name();
      List<String> mk =
          commandsStartingWith("bq --project_id=acme-analytics-prod mk --table ").stream()
              .filter(c -> c.endsWith(" " + ref))
              .toList();
      assertEquals(t.name(), 1, mk.size());
      String create = mk.get(0);
      assertEquals(t.partitionColumn().orElse(null), flag(create, "time_partitioning_field"));
      assertEquals(
          t.clustering().isEmpty() ? null : String.join(",", t.clustering()),
          flag(create, "clustering_fields"));
      assertEquals(schemas.resolve(t.name() + ".schema.json").toString(), flag(create, "schema"));
      assertThat(create, containsString("Grain: "));
      List<String> update =
          commandsStartingWith("bq --project_id=acme-analytics-prod update ").stream()
              .filter(c -> c.endsWith(" " + ref))
              .toList();
      assertEquals(t.name(), 1, update.size());
      assertEquals(
          schemas.resolve(t.name() + ".schema.json").toString(), flag(update.get(0), "schema"));
    }
  }

  @Test
  public void schedulerJobsRunTheLaunchWorkflowWithAnOAuthToken() {
    for (String name : ownCron()) {
      for (String verb : List.of("create", "update")) {
        List<String> jobs =
            commandsStartingWith("gcloud scheduler jobs " + verb + " http suite-" + name + " ");
        assertEquals(verb + " suite-" + name, 1, jobs.size());
        String job = jobs.get(0);
        assertEquals(
            "https://workflowexecutions.googleapis.com/v1/projects/acme-analytics-prod/locations/europe-west1/"
                + "workflows/suite-launch/executions",
            flag(job, "uri"));
        assertEquals("POST", flag(job, "http-method"));
        assertEquals(
            "suite-scheduler@acme-analytics-prod.iam.gserviceaccount.com",
            flag(job, "oauth-service-account-email"));
        assertEquals(
            "https://www.googleapis.com/auth/cloud-platform", flag(job, "oauth-token-scope"));
        assertFalse("OAuth, not OIDC, for googleapis.com", job.contains("--oidc"));
        assertEquals(
            out.resolve("scheduler/" + name + ".json").toString(),
            flag(job, "message-body-from-file"));
        assertThat(job, containsString("'--schedule=" + Schedule.of(name).cron() + "'"));
      }
    }
  }

  /**
   * The execution request a schedule POSTs: {@code {"argument": "<launch request as a JSON
   * string>"}}, the argument parsed back.
   */
  static JsonNode scheduledArgument(Path outDir, String pipeline) throws IOException {
    JsonNode execution = JSON.readTree(outDir.resolve("scheduler/" + pipeline + ".json").toFile());
    assertEquals(
        "an execution request holds the argument only", List.of("argument"), fieldNames(execution));
    assertTrue(
        "the Executions API takes the argument as a string", execution.get("argument").isTextual());
    return JSON.readTree(execution.get("argument").asText());
  }

  /**
   * The launch request the workflow sends to flexTemplates.launch for this argument, at {@link
   * #SCHEDULED_AT}.
   */
  static JsonNode launchedBy(JsonNode argument) throws IOException {
    Map<String, String> env = new TreeMap<>(workflowEnvironment());
    env.put("GOOGLE_CLOUD_PROJECT_ID", "acme-analytics-prod");
    LaunchWorkflow.Run run =
        LaunchWorkflow.load()
            .run(
                JSON.convertValue(argument, Map.class),
                SCHEDULED_AT,
                env,
                call -> Map.of("job", Map.of("id", "2026-11-22_06_00_04-123", "name", "launched")));
    assertEquals("one launch per execution", 1, run.calls().size());
    LaunchWorkflow.Call call = run.calls().get(0);
    assertEquals("googleapis.dataflow.v1b3.projects.locations.flexTemplates.launch", call.target());
    assertEquals("acme-analytics-prod", call.args().get("projectId"));
    assertEquals("europe-west1", call.args().get("location"));
    return JSON.valueToTree(call.args().get("body"));
  }

  @Test
  public void everySchedulerBodyIsAValidLaunchRequestForItsTemplateOnceTheWorkflowNamesTheJob()
      throws IOException {
    for (PipelineCatalog.Entry<?> pipeline : PipelineCatalog.all().values()) {
      String name = pipeline.name();
      JsonNode argument = scheduledArgument(out, name);
      assertFalse(
          "Cloud Scheduler's fixed body cannot carry a dated name",
          argument.get("launchParameter").has("jobName"));
      JsonNode body = launchedBy(argument);
      assertEquals("only launchParameter at the top", List.of("launchParameter"), fieldNames(body));
      JsonNode launch = body.get("launchParameter");
      String jobName = launch.get("jobName").asText();
      assertEquals("suite-" + name + "-20261122-060003", jobName);
      assertTrue(name + " jobName", DATAFLOW_JOB_NAME.matcher(jobName).matches());
      // The body launches exactly the file the same deploy run builds.
      assertEquals(
          "gs://acme-analytics-dataflow/templates/" + name + ".json",
          launch.get("containerSpecGcsPath").asText());
      templateBuild(name);

      assertThat(
          name + " body parameters", parameterProblems(name, launch.get("parameters")), empty());
      JsonNode parameters = launch.get("parameters");
      assertEquals(name, parameters.get("pipeline").asText());
      assertEquals("bigquery:acme-analytics-prod.analytics", parameters.get("warehouse").asText());

      JsonNode env = launch.get("environment");
      assertEquals("gs://acme-analytics-dataflow/temp", env.get("tempLocation").asText());
      assertEquals(
          "suite-dataflow-worker@acme-analytics-prod.iam.gserviceaccount.com",
          env.get("serviceAccountEmail").asText());
      assertTrue(env.get("maxWorkers").isInt());
      assertThat(env.get("maxWorkers").asInt(), greaterThan(0));
      assertEquals(name, env.get("additionalUserLabels").get("pipeline").asText());
      assertEquals("scheduler", env.get("additionalUserLabels").get("trigger").asText());
    }
  }

  /**
   * Required parameters missing, unknown ones, non-strings, values the metadata's regexes refuse.
   */
  static List<String> parameterProblems(String pipeline, JsonNode parameters) throws IOException {
    Map<String, JsonNode> metadata =
        TemplateMetadataTest.parametersByName(TemplateMetadataTest.metadata(pipeline));
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> param : metadata.entrySet()) {
      if (!param.getValue().get("isOptional").asBoolean() && !parameters.has(param.getKey())) {
        problems.add("required " + param.getKey() + " missing");
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      JsonNode spec = metadata.get(p.getKey());
      if (spec == null) {
        problems.add("unknown parameter " + p.getKey());
        continue;
      }
      if (!p.getValue().isTextual()) {
        problems.add(p.getKey() + " is not a string");
      }
      for (JsonNode regex : spec.path("regexes")) {
        if (!Pattern.compile(regex.asText()).matcher(p.getValue().asText()).matches()) {
          problems.add(
              p.getKey() + "=" + p.getValue().asText() + " does not match " + regex.asText());
        }
      }
    }
    return problems;
  }

  @Test
  public void ga4IsScheduledOnTheLiveExportWithItsDefaultThreeDayWindow() throws IOException {
    JsonNode parameters = scheduledArgument(out, "ga4").get("launchParameter").get("parameters");
    assertEquals("acme-analytics-prod.analytics_123456789", parameters.get("ga4Dataset").asText());
    assertFalse(
        "a fixed body must not pin a window",
        parameters.has("startDate") || parameters.has("endDate"));
  }

  @Test
  public void settingsTheConfigLeavesOutAreLeftToThePipelinesDefaults() throws Exception {
    JsonNode marts = scheduledArgument(out, "marts").get("launchParameter").get("parameters");
    assertEquals(
        "the example config sets none of the marts' settings",
        List.of("warehouse", "pipeline"),
        fieldNames(marts));
    JsonNode enrichment =
        scheduledArgument(out, "enrichment").get("launchParameter").get("parameters");
    assertEquals(List.of("warehouse", "enrichmentFiles", "pipeline"), fieldNames(enrichment));

    Path dir = Files.createTempDirectory("deploy-dry-run-settings");
    dryRunCommands(
        exampleConfigWith(
            Map.of(
                "REPORTING_CURRENCY",
                "eur",
                "FX_RATES",
                "eur:1,usd:0.93",
                "INTERNAL_DOMAINS",
                "acme.com")),
        dir);
    JsonNode launch = launchedBy(scheduledArgument(dir, "marts")).get("launchParameter");
    assertThat(parameterProblems("marts", launch.get("parameters")), empty());
    assertEquals("eur", launch.get("parameters").get("reportingCurrency").asText());
    assertEquals("eur:1,usd:0.93", launch.get("parameters").get("fxRates").asText());
    assertEquals("acme.com", launch.get("parameters").get("internalDomains").asText());
    assertFalse(launch.get("parameters").has("pastDueAutoChurnDays"));
  }

  @Test
  public void enrichmentIsScheduledOnItsEndpointsWithTheirKeysFromSecretManager() throws Exception {
    Path dir = Files.createTempDirectory("deploy-dry-run-enrichment");
    Map<String, String> apiOnly = new TreeMap<>();
    apiOnly.put("ENRICHMENT_FILES", null);
    apiOnly.put(
        "ENRICHMENT_API",
        "swanai=https://api.swan.example/v1/visits,g2=https://intent.example.com/v1/signals");
    apiOnly.put(
        "ENRICHMENT_API_KEY_SECRETS",
        "swanai=projects/acme-analytics-prod/secrets/swanai-key/versions/latest,"
            + "g2=projects/acme-analytics-prod/secrets/g2-key/versions/2");
    dryRunCommands(exampleConfigWith(apiOnly), dir);
    JsonNode parameters =
        launchedBy(scheduledArgument(dir, "enrichment")).get("launchParameter").get("parameters");
    assertThat(parameterProblems("enrichment", parameters), empty());
    assertEquals(apiOnly.get("ENRICHMENT_API"), parameters.get("enrichmentApi").asText());
    assertEquals(
        apiOnly.get("ENRICHMENT_API_KEY_SECRETS"),
        parameters.get("enrichmentApiKeySecrets").asText());
    assertFalse(parameters.has("enrichmentFiles"));

    // An endpoint without its key's secret would fail every launch: deploy refuses it, naming the
    // provider.
    apiOnly.put(
        "ENRICHMENT_API_KEY_SECRETS",
        "swanai=projects/acme-analytics-prod/secrets/swanai-key/versions/latest");
    Result r = deploy("--dry-run", "--config=" + exampleConfigWith(apiOnly));
    assertEquals(2, r.exit());
    assertThat(
        r.stderr(),
        containsString("ENRICHMENT_API reads g2 but ENRICHMENT_API_KEY_SECRETS has no g2="));

    Map<String, String> nothing = new TreeMap<>();
    nothing.put("ENRICHMENT_FILES", null);
    r = deploy("--dry-run", "--config=" + exampleConfigWith(nothing));
    assertEquals(2, r.exit());
    assertThat(r.stderr(), containsString("sets neither ENRICHMENT_FILES nor ENRICHMENT_API"));
  }

  @Test
  public void aMissingConfigValueFailsNamingIt() throws Exception {
    Map<String, String> noStripeSecret = new TreeMap<>();
    noStripeSecret.put("STRIPE_API_KEY_SECRET", null);
    Result r = deploy("--dry-run", "--config=" + exampleConfigWith(noStripeSecret));
    assertEquals(2, r.exit());
    assertThat(
        r.stderr(),
        containsString("does not set STRIPE_API_KEY_SECRET (needed by the stripe schedule)"));
  }

  @Test
  public void launchRerunsAWindowThroughTheSameWorkflow() throws Exception {
    Result r =
        deploy(
            "--dry-run",
            "--config=templates/deploy.env.example",
            "launch",
            "backend",
            "--startDate=2026-10-01",
            "--endDate=2026-10-03");
    assertEquals(r.stderr(), 0, r.exit());
    String body =
        r.stdout()
            .lines()
            .filter(l -> l.startsWith("#   "))
            .map(l -> l.substring(4))
            .collect(Collectors.joining("\n"));
    JsonNode argument = JSON.readTree(body);
    assertFalse("the workflow names the job", argument.get("launchParameter").has("jobName"));
    JsonNode launch = launchedBy(argument).get("launchParameter");
    assertEquals("suite-backend-20261122-060003", launch.get("jobName").asText());
    assertEquals("2026-10-01", launch.get("parameters").get("startDate").asText());
    assertEquals("2026-10-03", launch.get("parameters").get("endDate").asText());
    assertThat(parameterProblems("backend", launch.get("parameters")), empty());
    assertEquals(
        "manual", launch.get("environment").get("additionalUserLabels").get("trigger").asText());
    List<String> run = r.stdout().lines().filter(l -> l.startsWith("gcloud ")).toList();
    assertEquals(1, run.size());
    assertThat(
        run.get(0),
        startsWith(
            "gcloud workflows run suite-launch --project=acme-analytics-prod --location=europe-west1 "
                + "--data=\"$(cat "));
  }

  @Test
  public void shellcheckIsClean() throws Exception {
    Skips.assumeTool("shellcheck", "apt-get install shellcheck");
    Path root = RepoRoot.get();
    Process p =
        new ProcessBuilder(
                "shellcheck",
                root.resolve("templates/deploy.sh").toString(),
                root.resolve("templates/lean-jar-smoke.sh").toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(output, 0, p.exitValue());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
