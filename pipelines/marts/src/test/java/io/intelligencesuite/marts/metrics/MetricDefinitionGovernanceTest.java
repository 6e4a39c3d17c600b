package io.intelligencesuite.marts.metrics;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.schemas.MetricDef;
import io.intelligencesuite.schemas.MetricParameters;
import io.intelligencesuite.schemas.Metrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * "A metric defined once should remain identical": the golden scenario's outputs are recorded per
 * metric together with the metric's version (src/test/resources/metrics/golden-outputs.json). A
 * code change that alters a metric's output fails here until the metric's version is bumped with a
 * change-log line in Metrics.java; then {@code -Dsuite.regenerate=true} re-records it. Recording
 * refuses to overwrite an output that changed under an unchanged version.
 */
public class MetricDefinitionGovernanceTest {
  static final Path RECORD = Path.of("src/test/resources/metrics/golden-outputs.json");

  private static Map<String, Integer> dictionaryVersions() {
    return Metrics.all().stream()
        .collect(Collectors.toMap(MetricDef::name, MetricDef::version, (a, b) -> a, TreeMap::new));
  }

  @Test
  public void everyMetricsGoldenOutputsMatchItsVersion() {
    TreeMap<String, TreeMap<String, Double>> computed =
        GoldenOutputs.outputsByMetric(
            ProductionMetrics.compute(
                GoldenScenario.inputs(), GoldenScenario.AS_OF, MetricParameters.defaults()));
    Map<String, Integer> versions = dictionaryVersions();
    List<String> changedWithoutBump = new ArrayList<>();
    List<String> problems =
        GoldenOutputs.problems(GoldenOutputs.read(RECORD), versions, computed, changedWithoutBump);
    if (Boolean.getBoolean("suite.regenerate")) {
      assertTrue(
          "Refusing to re-record outputs that changed under an unchanged version:\n"
              + String.join("\n", problems),
          changedWithoutBump.isEmpty());
      GoldenOutputs.write(RECORD, GoldenScenario.AS_OF.toString(), versions, computed);
      problems =
          GoldenOutputs.problems(GoldenOutputs.read(RECORD), versions, computed, new ArrayList<>());
    }
    assertTrue(String.join("\n", problems), problems.isEmpty());
  }

  // ---- the rule itself, on a made-up metric

  private static TreeMap<String, Double> outputs(double value) {
    return new TreeMap<>(Map.of("monthly 2026-01-01 all", value));
  }

  /** The rule on the one made-up metric: recorded under one version, computed under another. */
  private static List<String> lqiProblems(
      int recordedVersion,
      TreeMap<String, Double> recorded,
      int version,
      TreeMap<String, Double> computed,
      List<String> changed) {
    return GoldenOutputs.problems(
        Map.of("lqi", new GoldenOutputs.Recorded(recordedVersion, recorded)),
        Map.of("lqi", version),
        Map.of("lqi", computed),
        changed);
  }

  @Test
  public void aChangedOutputUnderTheSameVersionFailsAndCannotBeReRecorded() {
    List<String> changed = new ArrayList<>();
    List<String> problems = lqiProblems(1, outputs(50), 1, outputs(55), changed);
    assertEquals(List.of("lqi"), changed);
    assertThat(problems.get(0), containsString("output changed while its version stayed 1"));
    assertThat(problems.get(0), containsString(".change(2, date, why)"));
  }

  @Test
  public void aBumpedVersionAsksForReRecordingAndThenPasses() {
    List<String> changed = new ArrayList<>();
    List<String> problems = lqiProblems(1, outputs(50), 2, outputs(55), changed);
    assertTrue(changed.isEmpty());
    assertThat(problems.get(0), containsString("re-record"));
    assertTrue(lqiProblems(2, outputs(55), 2, outputs(55), changed).isEmpty());
  }

  @Test
  public void aValueThatDisappearsOrAppearsIsAChange() {
    List<String> changed = new ArrayList<>();
    lqiProblems(1, outputs(50), 1, new TreeMap<>(), changed);
    TreeMap<String, Double> more = outputs(50);
    more.put("monthly 2026-02-01 all", 10.0);
    lqiProblems(1, outputs(50), 1, more, changed);
    assertEquals(List.of("lqi", "lqi"), changed);
  }
}
