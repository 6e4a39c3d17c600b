package io.intelligencesuite.templates;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.marts.IdentityPipeline;
import io.intelligencesuite.schemas.Layer;
import io.intelligencesuite.schemas.PipelineNames;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.testing.RepoRoot;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.BeforeClass;
import org.junit.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * templates/workflows/daily.yaml, parsed and checked against the pipeline catalog, the schedules
 * and the registry: every daily pipeline runs in it and no hourly one does; each stage waits for
 * exactly the daily pipelines that load what it reads; every stage's template exists (check and
 * reconcile: the names helper bqreader's templates carry). It is not executed here: the interpreter
 * of {@link LaunchWorkflow} covers launch.yaml's sequential subset, not parallel branches, loops
 * and subworkflows, and nothing here can run Dataflow jobs; what runs, and the verdict, are read
 * from the definition.
 */
public class DailyWorkflowTest {
  static final Path SOURCE = RepoRoot.get().resolve("templates/workflows/daily.yaml");

  /** The verification stages, templates of their own (helper bqreader's), not in Schedule. */
  static final List<String> VERIFICATIONS = List.of("check", PipelineNames.RECONCILE);

  private static Map<String, Object> definition;
  private static Map<String, Map<String, Object>> mainSteps;

  @BeforeClass
  @SuppressWarnings("unchecked")
  public static void parse() throws IOException {
    try (Reader reader = Files.newBufferedReader(SOURCE, StandardCharsets.UTF_8)) {
      definition = (Map<String, Object>) new Yaml().load(reader);
    }
    mainSteps = steps((Map<String, Object>) definition.get("main"));
  }

  /** A (sub)workflow's steps by name, in order. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> steps(Map<String, Object> workflow) {
    Map<String, Map<String, Object>> steps = new LinkedHashMap<>();
    for (Map<String, Object> step : (List<Map<String, Object>>) workflow.get("steps")) {
      assertEquals("one name per step: " + step, 1, step.size());
      Map.Entry<String, Object> e = step.entrySet().iterator().next();
      steps.put(e.getKey(), (Map<String, Object>) e.getValue());
    }
    return steps;
  }

  @SuppressWarnings("unchecked")
  static List<String> sources() {
    Map<String, Object> parallel = (Map<String, Object>) mainSteps.get("sources").get("parallel");
    assertEquals(List.of("states"), parallel.get("shared"));
    return (List<String>) ((Map<String, Object>) parallel.get("for")).get("in");
  }

  /** The main steps that call the {@code stage} subworkflow: stage name -> its needs. */
  @SuppressWarnings("unchecked")
  static Map<String, List<String>> stages() {
    Map<String, List<String>> stages = new LinkedHashMap<>();
    mainSteps.forEach(
        (step, body) -> {
          if ("stage".equals(body.get("call"))) {
            Map<String, Object> args = (Map<String, Object>) body.get("args");
            assertEquals("step " + step + " runs the stage of its name", step, args.get("name"));
            assertEquals(step + " passes the states on", "states", body.get("result"));
            stages.put(step, (List<String>) args.get("needs"));
          }
        });
    return stages;
  }

  /** Catalog pipelines the schedules put in the daily workflow. */
  static Set<String> dailyPipelines() {
    return PipelineCatalog.all().keySet().stream()
        .filter(name -> Schedule.DAILY.equals(Schedule.of(name).cron()))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The daily pipelines loading any of {@code tables} (hourly ones keep their own schedule). */
  static Set<String> dailyLoaders(Collection<TableDef> tables) {
    Set<String> daily = dailyPipelines();
    return tables.stream()
        .flatMap(t -> t.loadedBy().stream())
        .filter(daily::contains)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  public void everyDailyPipelineRunsOnceAndNoHourlyOneDoes() {
    List<String> all = new ArrayList<>(sources());
    all.addAll(stages().keySet());
    assertEquals("no pipeline twice", new TreeSet<>(all).size(), all.size());
    Set<String> expected = new TreeSet<>(dailyPipelines());
    expected.addAll(VERIFICATIONS);
    assertEquals(expected, new TreeSet<>(all));
    assertTrue(
        "lead-scoring keeps its hourly schedule",
        !all.contains(PipelineNames.LEAD_SCORING)
            && !Schedule.DAILY.equals(Schedule.of(PipelineNames.LEAD_SCORING).cron()));
  }

  @Test
  public void eachStageWaitsForExactlyTheDailyPipelinesLoadingWhatItReads() {
    Map<String, List<String>> stages = stages();
    assertEquals(
        List.of(PipelineNames.IDENTITY, PipelineNames.MARTS, "check", PipelineNames.RECONCILE),
        List.copyOf(stages.keySet()));

    // identity reads IdentityPipeline.READS.
    assertEquals(
        dailyLoaders(IdentityPipeline.READS), new TreeSet<>(stages.get(PipelineNames.IDENTITY)));
    // The marts read every staging table (Staging.read) and identity_map.
    List<TableDef> martsReads =
        Stream.concat(
                Tables.all().stream().filter(t -> t.layer() == Layer.STAGING),
                Stream.of(Tables.IDENTITY_MAP))
            .toList();
    assertEquals(dailyLoaders(martsReads), new TreeSet<>(stages.get(PipelineNames.MARTS)));
    assertTrue(stages.get(PipelineNames.MARTS).contains(PipelineNames.IDENTITY));
    // check and reconcile verify the marts (which already waited for every daily source).
    assertEquals(List.of(PipelineNames.MARTS), stages.get("check"));
    assertEquals(List.of(PipelineNames.MARTS), stages.get(PipelineNames.RECONCILE));

    // A need is always settled before its stage starts: a source, or an earlier stage.
    List<String> settled = new ArrayList<>(sources());
    for (Map.Entry<String, List<String>> stage : stages.entrySet()) {
      assertTrue(
          stage.getKey() + " needs " + stage.getValue(), settled.containsAll(stage.getValue()));
      settled.add(stage.getKey());
    }
  }

  @Test
  public void everyStageLaunchesATemplateThatExists() {
    for (String name : Stream.concat(sources().stream(), stages().keySet().stream()).toList()) {
      boolean built = Files.exists(RepoRoot.get().resolve("templates/metadata/" + name + ".json"));
      assertTrue(
          name + " has no flex template (templates/metadata/" + name + ".json)",
          built || VERIFICATIONS.contains(name));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  public void failuresFailTheExecutionAndTheJobNameRuleIsTheLaunchWorkflows() throws IOException {
    // Every subworkflow called exists.
    for (String sub : List.of("stage", "run_job", "verdict")) {
      assertTrue(sub, definition.containsKey(sub));
    }
    assertEquals("verdict", mainSteps.get("verdict").get("call"));
    assertEquals(
        List.of("verdict", "done"),
        List.copyOf(mainSteps.keySet()).subList(mainSteps.size() - 2, mainSteps.size()));
    // verdict raises unless every stage ended JOB_STATE_DONE.
    Map<String, Map<String, Object>> verdict =
        steps((Map<String, Object>) definition.get("verdict"));
    Map<String, Object> failOrPass =
        ((List<Map<String, Object>>) verdict.get("fail_or_pass").get("switch")).get(0);
    assertEquals("${len(failed) > 0}", failOrPass.get("condition"));
    assertTrue(failOrPass.containsKey("raise"));
    // Skipped stages are not JOB_STATE_DONE, so they fail the execution too.
    Map<String, Map<String, Object>> stage = steps((Map<String, Object>) definition.get("stage"));
    assertEquals(
        List.of(Map.of("states[name]", "SKIPPED")), stage.get("record_skip").get("assign"));

    // The dated job name: the same expression as the launch workflow's.
    Map<String, Map<String, Object>> runJob =
        steps((Map<String, Object>) definition.get("run_job"));
    Map<String, Map<String, Object>> launch =
        steps((Map<String, Object>) LaunchWorkflow.load().definition().get("main"));
    assertEquals(
        assignment(launch.get("name_the_job"), "stamp"),
        assignment(runJob.get("name_the_job"), "stamp"));
  }

  @SuppressWarnings("unchecked")
  private static Object assignment(Map<String, Object> step, String variable) {
    for (Map<String, Object> a : (List<Map<String, Object>>) step.get("assign")) {
      if (a.containsKey(variable)) {
        return a.get(variable);
      }
    }
    throw new AssertionError("no assignment of " + variable + " in " + step);
  }
}
