package io.intelligencesuite.templates;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intelligencesuite.pipelines.PipelineCatalog;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * templates/deploy.sh --dry-run with the example config: the full command list, and the scheduler
 * bodies it renders, parsed back and checked against the template metadata and the template paths the
 * same run builds.
 */
public class DeployScriptTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DATAFLOW_JOB_NAME = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static Path out;
  private static List<String> commands;

  record Result(int exit, String stdout, String stderr) {}

  static Result deploy(String... args) throws IOException, InterruptedException {
    Path root = RepoRoot.get();
    List<String> command = new ArrayList<>(List.of("bash", root.resolve("templates/deploy.sh").toString()));
    command.addAll(Arrays.asList(args));
    Path stdout = Files.createTempFile("deploy-out", ".txt");
    Path stderr = Files.createTempFile("deploy-err", ".txt");
    Process p = new ProcessBuilder(command).directory(root.toFile())
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    assertTrue("deploy.sh took over 60 s", p.waitFor(60, TimeUnit.SECONDS));
    return new Result(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
  }

  @BeforeClass
  public static void dryRun() throws Exception {
    out = Files.createTempDirectory("deploy-dry-run");
    Result r = deploy("--dry-run", "--config=templates/deploy.env.example", "--out=" + out);
    assertEquals("deploy.sh --dry-run failed: " + r.stderr(), 0, r.exit());
    commands = r.stdout().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
  }

  static List<String> commandsStartingWith(String prefix) {
    return commands.stream().filter(c -> c.startsWith(prefix)).toList();
  }

  static String flag(String command, String name) {
    Matcher m = Pattern.compile("(?:^| )'?--" + Pattern.quote(name) + "=([^' ]*(?:'[^']*)?)").matcher(command);
    return m.find() ? m.group(1) : null;
  }

  @Test
  public void printsTheWholeCommandListAndNothingElse() {
    int pipelines = PipelineCatalog.all().size();
    assertEquals(1, commandsStartingWith("mvn ").size());
    assertThat(commands.get(0), containsString("-Pdataflow"));
    assertEquals(1, commandsStartingWith("gcloud builds submit ").size());
    assertEquals(pipelines, commandsStartingWith("gcloud dataflow flex-template build ").size());
    assertEquals(pipelines, commandsStartingWith("gcloud scheduler jobs create http ").size());
    assertEquals(pipelines, commandsStartingWith("gcloud scheduler jobs update http ").size());
    assertEquals("no other command", 2 + 3 * pipelines, commands.size());
    for (String c : commands) {
      assertThat("a placeholder was left unfilled in: " + c, c, not(containsString("${")));
    }
  }

  @Test
  public void everyTemplateIsBuiltFromItsMetadataOnTheOneImage() {
    String image = flag(commandsStartingWith("gcloud builds submit ").get(0), "tag");
    assertThat(image, containsString("europe-west1-docker.pkg.dev/acme-analytics-prod/intelligence-suite/suite-dataflow:"));
    for (String name : PipelineCatalog.all().keySet()) {
      String build = templateBuild(name);
      assertEquals(image, flag(build, "image"));
      assertEquals("JAVA", flag(build, "sdk-language"));
      assertEquals(RepoRoot.get().resolve("templates/metadata/" + name + ".json").toString(), flag(build, "metadata-file"));
    }
  }

  static String templateBuild(String pipeline) {
    String prefix = "gcloud dataflow flex-template build gs://acme-analytics-dataflow/templates/" + pipeline + ".json ";
    List<String> builds = commandsStartingWith(prefix);
    assertEquals("one template build for " + pipeline, 1, builds.size());
    return builds.get(0);
  }

  @Test
  public void schedulerJobsCallTheLaunchEndpointWithAnOAuthToken() {
    for (String name : PipelineCatalog.all().keySet()) {
      for (String verb : List.of("create", "update")) {
        List<String> jobs = commandsStartingWith("gcloud scheduler jobs " + verb + " http suite-" + name + " ");
        assertEquals(verb + " suite-" + name, 1, jobs.size());
        String job = jobs.get(0);
        assertEquals("https://dataflow.googleapis.com/v1b3/projects/acme-analytics-prod/locations/europe-west1/"
            + "flexTemplates:launch", flag(job, "uri"));
        assertEquals("POST", flag(job, "http-method"));
        assertEquals("suite-scheduler@acme-analytics-prod.iam.gserviceaccount.com", flag(job, "oauth-service-account-email"));
        assertEquals("https://www.googleapis.com/auth/cloud-platform", flag(job, "oauth-token-scope"));
        assertFalse("OAuth, not OIDC, for googleapis.com", job.contains("--oidc"));
        assertEquals(out.resolve("scheduler/" + name + ".json").toString(), flag(job, "message-body-from-file"));
        assertThat(job, containsString("'--schedule=" + Schedule.of(name).cron() + "'"));
      }
    }
  }

  @Test
  public void everySchedulerBodyIsAValidLaunchRequestForItsTemplate() throws IOException {
    for (PipelineCatalog.Entry<?> pipeline : PipelineCatalog.all().values()) {
      String name = pipeline.name();
      JsonNode body = JSON.readTree(out.resolve("scheduler/" + name + ".json").toFile());
      assertEquals("only launchParameter at the top", List.of("launchParameter"), fieldNames(body));
      JsonNode launch = body.get("launchParameter");
      assertTrue(name + " jobName", DATAFLOW_JOB_NAME.matcher(launch.get("jobName").asText()).matches());
      // The body launches exactly the file the same deploy run builds.
      assertEquals("gs://acme-analytics-dataflow/templates/" + name + ".json", launch.get("containerSpecGcsPath").asText());
      templateBuild(name);

      Map<String, JsonNode> metadata = TemplateMetadataTest.parametersByName(TemplateMetadataTest.metadata(name));
      JsonNode parameters = launch.get("parameters");
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
        assertTrue(name + "." + p.getKey() + " must be a string", p.getValue().isTextual());
        for (JsonNode regex : spec.path("regexes")) {
          if (!Pattern.compile(regex.asText()).matcher(p.getValue().asText()).matches()) {
            problems.add(p.getKey() + "=" + p.getValue().asText() + " does not match " + regex.asText());
          }
        }
      }
      assertThat(name + " body parameters", problems, empty());
      assertEquals(name, parameters.get("pipeline").asText());
      assertEquals("bigquery:acme-analytics-prod.analytics", parameters.get("warehouse").asText());

      JsonNode env = launch.get("environment");
      assertEquals("gs://acme-analytics-dataflow/temp", env.get("tempLocation").asText());
      assertEquals("suite-dataflow-worker@acme-analytics-prod.iam.gserviceaccount.com", env.get("serviceAccountEmail").asText());
      assertTrue(env.get("maxWorkers").isInt());
      assertThat(env.get("maxWorkers").asInt(), greaterThan(0));
      assertEquals(name, env.get("additionalUserLabels").get("pipeline").asText());
    }
  }

  @Test
  public void ga4IsScheduledOnTheLiveExportWithItsDefaultThreeDayWindow() throws IOException {
    JsonNode parameters = JSON.readTree(out.resolve("scheduler/ga4.json").toFile()).get("launchParameter").get("parameters");
    assertEquals("acme-analytics-prod.analytics_123456789", parameters.get("ga4Dataset").asText());
    assertFalse("a fixed body must not pin a window", parameters.has("startDate") || parameters.has("endDate"));
  }

  @Test
  public void aMissingConfigValueFailsNamingIt() throws Exception {
    Path config = Files.createTempFile("deploy", ".env");
    Files.write(config, Files.readAllLines(RepoRoot.get().resolve("templates/deploy.env.example")).stream()
        .filter(l -> !l.startsWith("STRIPE_API_KEY_SECRET=")).toList(), StandardCharsets.UTF_8);
    Result r = deploy("--dry-run", "--config=" + config);
    assertEquals(2, r.exit());
    assertThat(r.stderr(), containsString("does not set STRIPE_API_KEY_SECRET (needed by the stripe schedule)"));
  }

  @Test
  public void launchRerunsAWindowWithADatedJobNameAndNeverPrintsAToken() throws Exception {
    Result r = deploy("--dry-run", "--config=templates/deploy.env.example", "launch", "backend",
        "--startDate=2026-10-01", "--endDate=2026-10-03");
    assertEquals(r.stderr(), 0, r.exit());
    String body = r.stdout().lines().filter(l -> l.startsWith("#   ")).map(l -> l.substring(4)).collect(Collectors.joining("\n"));
    JsonNode launch = JSON.readTree(body).get("launchParameter");
    assertTrue(launch.get("jobName").asText(), launch.get("jobName").asText().matches("suite-backend-[0-9]{8}-[0-9]{6}"));
    assertEquals("2026-10-01", launch.get("parameters").get("startDate").asText());
    assertEquals("2026-10-03", launch.get("parameters").get("endDate").asText());
    assertEquals("manual", launch.get("environment").get("additionalUserLabels").get("trigger").asText());
    assertThat(r.stdout(), containsString("curl -H \"Authorization: Bearer $(gcloud auth print-access-token)\""));
  }

  @Test
  public void shellcheckIsClean() throws Exception {
    Assume.assumeTrue("shellcheck is not installed", Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "shellcheck"))));
    Path root = RepoRoot.get();
    Process p = new ProcessBuilder("shellcheck", root.resolve("templates/deploy.sh").toString(),
        root.resolve("templates/lean-jar-smoke.sh").toString()).redirectErrorStream(true).start();
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
