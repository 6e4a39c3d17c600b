package io.intelligencesuite.marts.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The governance record: for each metric, the version its golden outputs were recorded under and
 * those outputs (company-wide monthly values, non-zero daily values, and the number of daily rows;
 * segment values apply the same definition to fewer customers and are tested apart). A metric's
 * outputs may only differ from the record when its version has gone up, which needs a change-log
 * line in the dictionary.
 */
final class GoldenOutputs {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final double TOLERANCE = 1e-9;

  /** One metric's recorded outputs. */
  record Recorded(int version, TreeMap<String, Double> outputs) {}

  private GoldenOutputs() {}

  /**
   * The outputs of one run, per metric: "daily 2026-01-05 all" / "monthly 2026-01-01 all" -> value.
   */
  static TreeMap<String, TreeMap<String, Double>> outputsByMetric(MetricLedger.Values values) {
    TreeMap<String, TreeMap<String, Double>> out = new TreeMap<>();
    for (MetricValue v : values.monthly()) {
      if (Segments.FAMILIES.contains(Segments.familyOf(v.dimension()))) {
        continue; // a segment value: the same definition on fewer customers (MetricsSegmentsTest)
      }
      out.computeIfAbsent(v.metric(), k -> new TreeMap<>())
          .put("monthly " + v.period() + " " + v.dimension(), v.value());
    }
    for (MetricValue v : values.daily()) {
      TreeMap<String, Double> m = out.computeIfAbsent(v.metric(), k -> new TreeMap<>());
      m.merge("daily rows", 1.0, Double::sum);
      if (v.value() != 0) {
        m.put("daily " + v.period() + " " + v.dimension(), v.value());
      }
    }
    return out;
  }

  /**
   * What is wrong with the record, given the dictionary's versions and the computed outputs; empty
   * when they agree. {@code changedWithoutBump} collects the metrics that must never be re-recorded
   * as they are.
   */
  static List<String> problems(
      Map<String, Recorded> recorded,
      Map<String, Integer> versions,
      Map<String, TreeMap<String, Double>> computed,
      List<String> changedWithoutBump) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Integer> e : versions.entrySet()) {
      String metric = e.getKey();
      int version = e.getValue();
      Recorded r = recorded.get(metric);
      TreeMap<String, Double> now = computed.getOrDefault(metric, new TreeMap<>());
      if (r == null) {
        problems.add(
            metric + ": no golden outputs recorded; record them with -Dsuite.regenerate=true");
      } else if (r.version() > version) {
        problems.add(
            metric
                + ": golden outputs are for version "
                + r.version()
                + " but the dictionary says "
                + version
                + "; versions only go up");
      } else if (r.version() == version) {
        String diff = firstDifference(r.outputs(), now);
        if (diff != null) {
          changedWithoutBump.add(metric);
          problems.add(
              metric
                  + ": output changed while its version stayed "
                  + version
                  + " ("
                  + diff
                  + "). A metric defined once must stay identical: if the change is intended, append "
                  + ".change("
                  + (version + 1)
                  + ", date, why) to it in Metrics.java, regenerate docs/metrics.md, "
                  + "then re-record with -Dsuite.regenerate=true; otherwise undo the code change.");
        }
      } else {
        problems.add(
            metric
                + ": the dictionary says version "
                + version
                + " but the golden outputs are for "
                + r.version()
                + "; re-record them with -Dsuite.regenerate=true");
      }
    }
    for (String metric : recorded.keySet()) {
      if (!versions.containsKey(metric)) {
        problems.add(
            metric
                + ": recorded but not in the dictionary; re-record with -Dsuite.regenerate=true");
      }
    }
    return problems;
  }

  private static String firstDifference(TreeMap<String, Double> was, TreeMap<String, Double> now) {
    for (Map.Entry<String, Double> e : was.entrySet()) {
      Double v = now.get(e.getKey());
      if (v == null) {
        return e.getKey() + " was " + e.getValue() + ", now has no value";
      }
      if (Math.abs(v - e.getValue()) > TOLERANCE * Math.max(1, Math.abs(e.getValue()))) {
        return e.getKey() + " was " + e.getValue() + ", now " + v;
      }
    }
    for (String key : now.keySet()) {
      if (!was.containsKey(key)) {
        return key + " is new: " + now.get(key);
      }
    }
    return null;
  }

  static Map<String, Recorded> read(Path file) {
    Map<String, Recorded> out = new TreeMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      JsonNode metrics =
          JSON.readTree(Files.readString(file, StandardCharsets.UTF_8)).get("metrics");
      metrics
          .fields()
          .forEachRemaining(
              m -> {
                TreeMap<String, Double> outputs = new TreeMap<>();
                m.getValue()
                    .get("outputs")
                    .fields()
                    .forEachRemaining(o -> outputs.put(o.getKey(), o.getValue().asDouble()));
                out.put(m.getKey(), new Recorded(m.getValue().get("version").asInt(), outputs));
              });
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the golden outputs " + file, e);
    }
  }

  static void write(
      Path file,
      String asOf,
      Map<String, Integer> versions,
      Map<String, TreeMap<String, Double>> computed) {
    ObjectNode root = JSON.createObjectNode();
    root.put(
        "note",
        "Golden outputs of GoldenScenario (as of "
            + asOf
            + ") per metric and version. Written by "
            + "MetricDefinitionGovernanceTest with -Dsuite.regenerate=true; never edit by hand.");
    ObjectNode metrics = root.putObject("metrics");
    new TreeMap<>(versions)
        .forEach(
            (metric, version) -> {
              ObjectNode m = metrics.putObject(metric);
              m.put("version", version);
              ObjectNode outputs = m.putObject("outputs");
              computed.getOrDefault(metric, new TreeMap<>()).forEach(outputs::put);
            });
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
