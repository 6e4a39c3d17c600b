package io.intelligencesuite.tests.hardening;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.sources.common.Json;
import io.intelligencesuite.templates.PipelineCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The flex-template metadata (templates/metadata/*.json) is what a launch request carries: no test
 * key or password may be in it, no parameter may take a secret itself (a secret-looking parameter
 * accepts only a Secret Manager version name), and no default value may look like a key.
 */
public class TemplateMetadataSecretsTest {
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(password|apikey|api_key|secret|token).*");
  private static final Pattern KEY_LIKE = Pattern.compile("(sk|rk|pk)_(live|test)_[A-Za-z0-9]{8,}");
  private static final String SECRET_MANAGER_VERSION =
      "^projects/[^/]+/secrets/[^/]+/versions/[^/]+$";

  /** A per-provider list (enrichmentApiKeySecrets): PROVIDER=version name, comma-separated. */
  private static final String SECRET_MANAGER_VERSIONS_BY_PROVIDER =
      "^[a-z0-9_]+=projects/[^/,]+/secrets/[^/,]+/versions/[^/,]+(,[a-z0-9_]+=projects/[^/,]+/secrets/[^/,]+/versions/[^/,]+)*$";

  static List<Path> metadataFiles() throws Exception {
    Path dir =
        Path.of(System.getProperty("basedir", "."))
            .toAbsolutePath()
            .resolve("../templates/metadata")
            .normalize();
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  public void noTemplateCarriesASecretOrAParameterThatTakesOne() throws Exception {
    List<Path> files = metadataFiles();
    assertEquals("one metadata file per pipeline", PipelineCatalog.all().size(), files.size());
    int secretParameters = 0;
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      for (String secret :
          List.of(
              StripeCorpusTest.KEY,
              ChartMogulCorpusTest.KEY,
              BackendCorpusTest.PASSWORD,
              LeadsCorpusTest.PASSWORD)) {
        assertFalse(file + " holds a test secret", text.contains(secret));
      }
      assertFalse(
          file + " holds something shaped like a Stripe key", KEY_LIKE.matcher(text).find());
      for (JsonNode p : Json.MAPPER.readTree(text).path("parameters")) {
        String name = p.path("name").asText();
        if (SECRET_NAME.matcher(name).matches()) {
          secretParameters++;
          assertEquals(
              file
                  + ": parameter "
                  + name
                  + " must take Secret Manager version names, not the secret",
              List.of(
                  name.endsWith("Secrets")
                      ? SECRET_MANAGER_VERSIONS_BY_PROVIDER
                      : SECRET_MANAGER_VERSION),
              Json.MAPPER.convertValue(p.path("regexes"), List.class));
          assertFalse(file + ": parameter " + name + " has a default", p.has("defaultValue"));
        }
      }
    }
    // stripe, chartmogul, backend and lead-scoring each take one secret
    assertTrue("secret parameters found: " + secretParameters, secretParameters >= 4);
  }
}
