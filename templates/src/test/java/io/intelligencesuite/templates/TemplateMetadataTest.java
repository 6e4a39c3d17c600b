package io.intelligencesuite.templates;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intelligencesuite.testing.RepoRoot;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.beam.model.jobmanagement.v1.JobApi.PipelineOptionDescriptor;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.Validation;
import org.junit.Test;

/**
 * The checked-in metadata files against the options interfaces, read independently of the
 * generator: names, required-ness and defaults come from Beam's own {@code
 * PipelineOptionsFactory.describe}.
 */
public class TemplateMetadataTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The plain-text passwords for local runs; no template may carry them. */
  private static final Set<String> LOCAL_ONLY = Set.of("backendPassword", "leadsPassword");

  static JsonNode metadata(String pipeline) throws IOException {
    return JSON.readTree(
        RepoRoot.get().resolve("templates/metadata/" + pipeline + ".json").toFile());
  }

  static Map<String, JsonNode> parametersByName(JsonNode metadata) {
    Map<String, JsonNode> byName = new HashMap<>();
    metadata
        .get("parameters")
        .forEach(
            p ->
                assertEquals(
                    "duplicate parameter " + p.get("name"),
                    null,
                    byName.put(p.get("name").asText(), p)));
    return byName;
  }

  /** Our options (not Beam's) as Beam describes them. */
  static Map<String, PipelineOptionDescriptor> ourOptions(
      Class<? extends org.apache.beam.sdk.options.PipelineOptions> type) {
    Map<String, PipelineOptionDescriptor> ours = new HashMap<>();
    for (PipelineOptionDescriptor d : PipelineOptionsFactory.describe(Set.of(type))) {
      if (d.getGroup().startsWith("io.intelligencesuite.")) {
        ours.put(camelCase(d.getName()), d);
      }
    }
    return ours;
  }

  /**
   * Beam describes options in snake_case (for the portable job API): accounts_query ->
   * accountsQuery.
   */
  static String camelCase(String snake) {
    return Pattern.compile("_([a-z0-9])")
        .matcher(snake)
        .replaceAll(m -> m.group(1).toUpperCase(java.util.Locale.ROOT));
  }

  static boolean requiredInOptions(Class<?> type, String option) {
    for (Method m : type.getMethods()) {
      if (m.getParameterCount() == 0
          && (m.getName()
                  .equals("get" + Character.toUpperCase(option.charAt(0)) + option.substring(1))
              || m.getName()
                  .equals("is" + Character.toUpperCase(option.charAt(0)) + option.substring(1)))) {
        return m.isAnnotationPresent(Validation.Required.class);
      }
    }
    throw new AssertionError("no getter for " + option + " on " + type);
  }

  @Test
  public void everyOptionOfEveryPipelineHasADescription() {
    List<String> missing = new ArrayList<>();
    for (PipelineCatalog.Entry<?> p : PipelineCatalog.all().values()) {
      if (p.optionsType().getAnnotation(Description.class) == null) {
        missing.add(
            p.optionsType().getSimpleName() + " (the interface: the template's description)");
      }
      ourOptions(p.optionsType())
          .forEach(
              (name, d) -> {
                if (d.getDescription().isBlank()) {
                  missing.add(p.optionsType().getSimpleName() + "." + name);
                }
              });
    }
    assertThat("options without @Description", missing, empty());
  }

  @Test
  public void parametersMatchTheOptionsExactly() throws IOException {
    for (PipelineCatalog.Entry<?> p : PipelineCatalog.all().values()) {
      JsonNode metadata = metadata(p.name());
      assertEquals(
          p.optionsType().getAnnotation(Description.class).value(),
          metadata.get("description").asText());
      Map<String, JsonNode> params = parametersByName(metadata);
      Map<String, PipelineOptionDescriptor> options = ourOptions(p.optionsType());

      Set<String> expectedNames = new TreeSet<>(options.keySet());
      expectedNames.removeAll(LOCAL_ONLY);
      expectedNames.add("pipeline");
      assertEquals(
          p.name()
              + ": template parameters = our options minus the local-only passwords, plus the selector",
          expectedNames,
          new TreeSet<>(params.keySet()));

      for (String name : options.keySet()) {
        if (LOCAL_ONLY.contains(name)) {
          continue;
        }
        JsonNode param = params.get(name);
        String where = p.name() + "." + name;
        // Optional locally but required on Dataflow: the secrets (no env-variable fallback there)
        // and
        // the warehouse (its default is a local DuckDB file).
        boolean required =
            requiredInOptions(p.optionsType(), name)
                || name.endsWith("Secret")
                || name.equals("warehouse");
        assertEquals(where + " isOptional", !required, param.get("isOptional").asBoolean());
        String expectedDefault =
            required || options.get(name).getDefaultValue().isEmpty()
                ? null
                : options.get(name).getDefaultValue();
        assertEquals(
            where + " defaultValue",
            expectedDefault,
            param.has("defaultValue") ? param.get("defaultValue").asText() : null);
        assertFalse(where + " label", param.get("label").asText().isBlank());
        assertThat(
            where + " helpText is the option's description",
            param.get("helpText").asText(),
            startsWith(options.get(name).getDescription().strip()));
        for (JsonNode regex : param.path("regexes")) {
          Pattern.compile(regex.asText());
        }
      }
      JsonNode selector = params.get("pipeline");
      assertFalse(selector.get("isOptional").asBoolean());
      assertEquals(p.name(), selector.get("defaultValue").asText());
      assertEquals(p.name(), selector.get("enumOptions").get(0).get("value").asText());
      assertEquals(1, selector.get("enumOptions").size());
    }
  }

  @Test
  public void secretsTakeSecretManagerVersionNamesOnlyAndNoPlainPasswordIsExposed()
      throws IOException {
    Pattern sensitive = Pattern.compile("(?i).*(password|apikey|token|secret|credential).*");
    int secrets = 0;
    for (PipelineCatalog.Entry<?> p : PipelineCatalog.all().values()) {
      for (JsonNode param : metadata(p.name()).get("parameters")) {
        String name = param.get("name").asText();
        assertFalse(p.name() + " exposes the local-only " + name, LOCAL_ONLY.contains(name));
        if (!sensitive.matcher(name).matches()) {
          continue;
        }
        secrets++;
        String where = p.name() + "." + name;
        if (name.endsWith("Secrets")) {
          // a map of secret version names (one per provider): optional, names only
          assertTakesOnly(
              where, param, TemplateParameter.SECRET_MAP_REGEX, "version name pairs only");
          continue;
        }
        assertTrue(where + " looks sensitive but is not a *Secret option", name.endsWith("Secret"));
        assertTakesOnly(where, param, TemplateParameter.SECRET_REGEX, "version name only");
        assertFalse(where + " must be required on Dataflow", param.get("isOptional").asBoolean());
      }
    }
    // backendPasswordSecret, leadsPasswordSecret, stripeApiKeySecret, chartmogulApiKeySecret (and
    // any new one).
    assertTrue("found " + secrets + " secret parameters", secrets >= 4);
  }

  /**
   * The parameter's one regex is {@code regex}, and its help says it takes Secret Manager names.
   */
  private static void assertTakesOnly(String where, JsonNode param, String regex, String what) {
    assertEquals(
        where + " regex", List.of(regex), JSON.convertValue(param.get("regexes"), List.class));
    assertThat(
        where + " help", param.get("helpText").asText(), containsString("Secret Manager " + what));
  }

  @Test
  public void regexesAcceptTheDocumentedExamplesAndRejectTheMistakes() {
    assertRegex(
        TemplateParameter.SECRET_REGEX,
        List.of(
            "projects/acme-analytics-prod/secrets/stripe-restricted-key/versions/latest",
            "projects/123456789/secrets/backend-db-password/versions/3"),
        List.of(
            "sk_live_51Habc",
            "hunter2",
            "projects/p/secrets/s",
            "projects/p/secrets/s/versions/1/x",
            "projects//secrets/s/versions/1"));
    assertRegex(
        TemplateParameter.SECRET_MAP_REGEX,
        List.of(
            "swanai=projects/p/secrets/swan/versions/latest,g2=projects/p/secrets/g2/versions/2"),
        List.of(
            "swanai=sk_live_51Habc",
            "projects/p/secrets/s/versions/1",
            "swanai=projects/p/secrets/s",
            "swanai=projects/p/secrets/s/versions/1,g2=hunter2"));
    assertRegex(
        TemplateParameter.WAREHOUSE_REGEX,
        List.of("bigquery:acme-analytics-prod.analytics", "bigquery:my-project.analytics_eu"),
        List.of(
            "duckdb:.suite/warehouse.duckdb",
            "bigquery:acme-analytics-prod",
            "bigquery:Acme.analytics",
            "acme-analytics-prod.analytics",
            "bigquery:acme-analytics-prod.analytics.extra"));
    assertRegex(
        TemplateParameter.DATE_REGEX,
        List.of("2026-10-01", "2024-02-29"),
        List.of("20261001", "2026-13-01", "2026-10-32", "2026-1-1", "yesterday"));
    assertRegex(TemplateParameter.NUMBER_REGEX, List.of("500"), List.of("-1"));
    assertRegex(TemplateParameter.BOOLEAN_REGEX, List.of(), List.of("yes"));
  }

  /** {@code regex} matches every {@code good} value whole and none of the {@code bad} ones. */
  private static void assertRegex(String regex, List<String> good, List<String> bad) {
    Pattern pattern = Pattern.compile(regex);
    for (String ok : good) {
      assertTrue(ok, pattern.matcher(ok).matches());
    }
    for (String wrong : bad) {
      assertFalse(wrong, pattern.matcher(wrong).matches());
    }
  }

  @Test
  public void dateParametersCarryTheDateRegex() throws IOException {
    for (String pipeline : List.of("ga4", "backend", "chartmogul")) {
      for (String name : List.of("startDate", "endDate")) {
        assertEquals(
            pipeline + "." + name,
            TemplateParameter.DATE_REGEX,
            parametersByName(metadata(pipeline)).get(name).get("regexes").get(0).asText());
      }
    }
    assertEquals(
        TemplateParameter.DATE_REGEX,
        parametersByName(metadata("stripe")).get("since").get("regexes").get(0).asText());
  }

  @Test
  public void labelsReadAsWords() {
    assertEquals("Backend JDBC URL", TemplateParameter.label("backendJdbcUrl"));
    assertEquals("ChartMogul API key secret", TemplateParameter.label("chartmogulApiKeySecret"));
    assertEquals("GA4 dataset", TemplateParameter.label("ga4Dataset"));
    assertEquals("Run ID", TemplateParameter.label("runId"));
  }

  @Test
  public void anOptionWithoutADescriptionCannotBecomeAParameter() {
    OptionSpec undocumented =
        new OptionSpec("martsLookbackDays", int.class, null, false, "3", false);
    IllegalArgumentException e =
        org.junit.Assert.assertThrows(
            IllegalArgumentException.class, () -> TemplateParameter.from(undocumented));
    assertThat(e.getMessage(), containsString("martsLookbackDays has no @Description"));
  }

  static Path root() {
    return RepoRoot.get();
  }
}
