package io.intelligencesuite.templates;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.tests.DemoFixture;
import io.intelligencesuite.tests.RunCounts;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * What the console launches is what the tests ran: each template's parameters are accepted by its
 * pipeline's options, and the image's main (FlexTemplateMain) runs the file-fed pipelines on the
 * DirectRunner over a slice of the demo company, with template parameters only (the warehouse is
 * DuckDB here instead of BigQuery; the runner is the one non-template argument).
 */
public class TemplateLaunchTest {
  private static final int GA4_ROWS = 40;
  private static final int ENRICHMENT_ROWS_PER_PROVIDER = 12;
  private static Path input;
  private static String ga4Day;
  private static final List<String> warehouses = new ArrayList<>();

  /**
   * Generates the demo company once, keeps a small slice (the DirectRunner is slow per key),
   * deletes the rest.
   */
  @BeforeClass
  public static void demoCompanySlice() throws IOException {
    Path demo = DemoFixture.dir();
    input = Files.createTempDirectory("template-launch-");
    Path firstDay;
    try (Stream<Path> days = Files.list(demo.resolve("ga4"))) {
      firstDay =
          days.filter(f -> f.getFileName().toString().matches("events_[0-9]{8}\\.ndjson"))
              .filter(f -> lineCount(f) >= GA4_ROWS)
              .sorted()
              .findFirst()
              .orElseThrow();
    }
    String compact = firstDay.getFileName().toString().substring(7, 15);
    ga4Day = compact.substring(0, 4) + "-" + compact.substring(4, 6) + "-" + compact.substring(6);
    Files.createDirectories(input.resolve("ga4"));
    Files.write(input.resolve("ga4").resolve(firstDay.getFileName()), head(firstDay, GA4_ROWS));
    for (String file : List.of("swanai_visits.ndjson", "g2_intent.ndjson")) {
      Files.write(
          input.resolve(file),
          head(demo.resolve("enrichment").resolve(file), ENRICHMENT_ROWS_PER_PROVIDER));
    }
  }

  @AfterClass
  public static void cleanUp() {
    warehouses.forEach(DuckDbConnections::close);
    delete(input);
  }

  @Test
  public void everyTemplatesParametersAreAcceptedByItsPipelinesOptions() throws Exception {
    for (PipelineCatalog.Entry<?> pipeline : PipelineCatalog.all().values()) {
      List<String> args = new ArrayList<>();
      Map<String, String> given = new java.util.TreeMap<>();
      for (JsonNode param : TemplateMetadataTest.metadata(pipeline.name()).get("parameters")) {
        String name = param.get("name").asText();
        if (!name.equals(FlexTemplateMain.PIPELINE_PARAMETER)) {
          given.put(name, sample(param));
          args.add("--" + name + "=" + given.get(name));
        }
      }
      PipelineOptions options =
          PipelineOptionsFactory.fromArgs(args.toArray(String[]::new))
              .withValidation()
              .as(pipeline.optionsType());
      for (Map.Entry<String, String> e : given.entrySet()) {
        String getter =
            "get" + Character.toUpperCase(e.getKey().charAt(0)) + e.getKey().substring(1);
        Object value = pipeline.optionsType().getMethod(getter).invoke(options);
        assertEquals(pipeline.name() + "." + e.getKey(), e.getValue(), String.valueOf(value));
      }
    }
  }

  /** A value the parameter's regexes accept: its default, or a documented example of its kind. */
  static String sample(JsonNode param) {
    String name = param.get("name").asText();
    String value;
    if (param.has("defaultValue")) {
      value = param.get("defaultValue").asText();
    } else if (name.endsWith("Secret")) {
      value = "projects/acme-analytics-prod/secrets/" + name + "/versions/latest";
    } else if (name.endsWith("Secrets")) { // PROVIDER=secret version name, comma-separated
      value = "swanai=projects/acme-analytics-prod/secrets/swanai-key/versions/latest";
    } else if (name.equals("warehouse")) {
      value = "bigquery:acme-analytics-prod.analytics";
    } else if (name.endsWith("Date") || name.equals("since") || name.equals("asOf")) {
      value = "2026-10-01";
    } else if (param.get("paramType").asText().equals("BOOLEAN")) {
      value = "true";
    } else if (param.get("paramType").asText().equals("NUMBER")) {
      value = "3";
    } else {
      value = "example-" + name;
    }
    for (JsonNode regex : param.path("regexes")) {
      assertTrue(name + " sample " + value + " vs " + regex, value.matches(regex.asText()));
    }
    return value;
  }

  /**
   * Launches {@code pipeline} through the image's main on the DirectRunner with {@code sourceArgs}
   * and the parameters every template has (pipeline, warehouse, run id), all checked to be
   * parameters of its template; waits for success, and checks that the run read {@code rowsIn} rows
   * and balances.
   */
  private static void launchOnTheDirectRunner(String pipeline, int rowsIn, String... sourceArgs)
      throws Exception {
    String warehouse = warehouse(pipeline);
    String runId = "template-" + pipeline;
    List<String> args =
        new ArrayList<>(
            List.of(
                "--pipeline=" + pipeline, "--warehouse=duckdb:" + warehouse, "--runId=" + runId));
    args.addAll(List.of(sourceArgs));
    assertOnlyTemplateParameters(pipeline, args);
    args.add("--runner=DirectRunner");
    assertEquals(
        PipelineResult.State.DONE,
        FlexTemplateMain.launch(args.toArray(String[]::new)).waitUntilFinish());
    assertBalancedRun(warehouse, runId, rowsIn);
  }

  @Test
  public void ga4RunsFromTheImagesMainOnTheDirectRunner() throws Exception {
    launchOnTheDirectRunner(
        "ga4",
        GA4_ROWS,
        "--ga4ExportFiles=" + input.resolve("ga4") + "/events_*.ndjson",
        "--startDate=" + ga4Day,
        "--endDate=" + ga4Day);
  }

  @Test
  public void enrichmentRunsFromTheImagesMainOnTheDirectRunner() throws Exception {
    launchOnTheDirectRunner(
        "enrichment",
        2 * ENRICHMENT_ROWS_PER_PROVIDER,
        "--enrichmentFiles=swanai="
            + input.resolve("swanai_visits.ndjson")
            + ",g2="
            + input.resolve("g2_intent.ndjson"));
  }

  @Test
  public void theMainNamesTheFixWhenThePipelineIsMissingOrUnknown() {
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> FlexTemplateMain.launch(new String[] {"--warehouse=bigquery:p.d"}));
    assertThat(missing.getMessage(), containsString("--pipeline=NAME is required"));
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> FlexTemplateMain.launch(new String[] {"--pipeline=hubspot"}));
    assertThat(
        unknown.getMessage(),
        containsString("unknown pipeline 'hubspot'; pipelines: backend, chartmogul"));
  }

  /** Every argument but the runner is a parameter of the pipeline's template. */
  private static void assertOnlyTemplateParameters(String pipeline, List<String> args)
      throws IOException {
    Map<String, JsonNode> params =
        TemplateMetadataTest.parametersByName(TemplateMetadataTest.metadata(pipeline));
    for (String arg : args) {
      String name = arg.substring(2, arg.indexOf('='));
      assertTrue(
          arg + " is not a parameter of the " + pipeline + " template", params.containsKey(name));
    }
  }

  /** Every row read is written, removed as a duplicate or dead-lettered; some are written. */
  private static void assertBalancedRun(String warehouse, String runId, int rowsIn)
      throws Exception {
    RunCounts run = RunCounts.of(TempWarehouses.queries(warehouse), runId);
    assertEquals(rowsIn, run.read());
    assertTrue(run.toString(), run.balances());
    assertThat(run.written(), greaterThan(0L));
  }

  private static String warehouse(String name) {
    String path = input.resolve(name + ".duckdb").toString();
    warehouses.add(path);
    return path;
  }

  private static long lineCount(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> head(Path file, int n) throws IOException {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.limit(n).toList();
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: under target/tmp
    }
  }
}
