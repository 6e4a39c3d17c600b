package io.intelligencesuite.templates;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * templates/workflows/launch.yaml, parsed and run by {@link LaunchWorkflow}: it launches the body
 * it is given, unchanged but for the job name, which carries the pipeline and the UTC moment of the
 * run. (Every generated body launched through it is checked in {@link DeployScriptTest}.)
 */
public class LaunchWorkflowTest {
  private static final Map<String, String> ENV =
      Map.of("GOOGLE_CLOUD_PROJECT_ID", "acme-analytics-prod", "DATAFLOW_REGION", "europe-west1");

  private static Map<String, Object> argument(String pipeline) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("warehouse", "bigquery:acme-analytics-prod.analytics");
    parameters.put("pipeline", pipeline);
    Map<String, Object> launch = new LinkedHashMap<>();
    launch.put(
        "containerSpecGcsPath", "gs://acme-analytics-dataflow/templates/" + pipeline + ".json");
    launch.put("parameters", parameters);
    launch.put(
        "environment",
        Map.of("maxWorkers", 2, "additionalUserLabels", Map.of("pipeline", pipeline)));
    return Map.of("launchParameter", launch);
  }

  private static LaunchWorkflow.Run run(Map<String, Object> argument, String at) throws Exception {
    return LaunchWorkflow.load()
        .run(
            argument,
            Instant.parse(at),
            ENV,
            call -> Map.of("job", Map.of("id", "2026-11-22_06_00_04-1", "name", "x")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> launched(LaunchWorkflow.Run run) {
    assertEquals(1, run.calls().size());
    return (Map<String, Object>)
        ((Map<String, Object>) run.calls().get(0).args().get("body")).get("launchParameter");
  }

  @Test
  public void callsTheDataflowFlexTemplateLaunchConnectorWithProjectRegionAndBody()
      throws Exception {
    LaunchWorkflow.Run run = run(argument("ga4"), "2026-11-22T06:00:03.123456Z");
    LaunchWorkflow.Call call = run.calls().get(0);
    assertEquals("googleapis.dataflow.v1b3.projects.locations.flexTemplates.launch", call.target());
    assertEquals(List.of("projectId", "location", "body"), new ArrayList<>(call.args().keySet()));
    assertEquals("acme-analytics-prod", call.args().get("projectId"));
    assertEquals("europe-west1", call.args().get("location"));
    assertEquals(
        "the execution's result is the launched job",
        Map.of("id", "2026-11-22_06_00_04-1", "name", "x"),
        run.result());
  }

  @Test
  @SuppressWarnings("unchecked")
  public void addsTheDatedJobNameAndChangesNothingElse() throws Exception {
    Map<String, Object> argument = argument("lead-scoring");
    Map<String, Object> launch = launched(run(argument, "2026-11-22T06:10:03.5Z"));
    assertEquals("suite-lead-scoring-20261122-061003", launch.get("jobName"));
    Map<String, Object> expected =
        new LinkedHashMap<>((Map<String, Object>) argument.get("launchParameter"));
    expected.put("jobName", launch.get("jobName"));
    assertEquals(expected, launch);
  }

  @Test
  public void namesAreUtcDigitsWithLeadingZerosAtAnyMoment() throws Exception {
    assertEquals(
        "suite-marts-20260105-000000",
        launched(run(argument("marts"), "2026-01-05T00:00:00Z")).get("jobName"));
    assertEquals(
        "suite-ga4-20261231-235959",
        launched(run(argument("ga4"), "2026-12-31T23:59:59.999Z")).get("jobName"));
    // Two hourly runs of the same pipeline never share a name, so a launch never meets a 409 from a
    // job of the same name that is still running.
    assertTrue(
        !launched(run(argument("backend"), "2026-11-22T05:10:00Z"))
            .get("jobName")
            .equals(launched(run(argument("backend"), "2026-11-22T06:10:00Z")).get("jobName")));
  }

  @Test
  public void aBodyWithoutItsPipelineSelectorIsNotLaunched() {
    Map<String, Object> launch = new LinkedHashMap<>();
    launch.put("containerSpecGcsPath", "gs://b/templates/ga4.json");
    launch.put("parameters", Map.of("warehouse", "bigquery:p.d"));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> run(Map.of("launchParameter", launch), "2026-11-22T06:00:00Z"));
    assertTrue(e.getMessage(), e.getMessage().startsWith("KeyError"));
  }
}
