package io.intelligencesuite.sources.common;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Where an API key comes from: a Secret Manager version name
 * ({@code projects/P/secrets/S/versions/V}, resolved at launch as DataflowTemplates does), else an
 * environment variable for local runs. The key itself is never an option, so it never reaches
 * logs, dead letters or {@code pipeline_runs}; error messages here name the source, not the value.
 */
public final class ApiKeys {
  private ApiKeys() {}

  /** Resolves a secret version name to its value. */
  @FunctionalInterface
  public interface SecretResolver {
    String resolve(String versionName);
  }

  /**
   * Secret Manager through Beam's {@code GcpSecret}, which needs google-cloud-secretmanager on the
   * classpath (the pipelines module depends on it).
   */
  public static final SecretResolver SECRET_MANAGER = name -> {
    if (!name.matches("projects/[^/]+/secrets/[^/]+/versions/[^/]+")) {
      throw new IllegalArgumentException("a secret must be a Secret Manager version name, "
          + "projects/PROJECT/secrets/NAME/versions/VERSION; got '" + name + "'");
    }
    return new String(new org.apache.beam.sdk.util.GcpSecret(name).getSecretBytes(), StandardCharsets.UTF_8).trim();
  };

  public static String resolve(@Nullable String secretName, String envVar, SecretResolver secrets,
      Function<String, String> env, String optionName) {
    if (secretName != null && !secretName.isBlank()) {
      String key = secrets.resolve(secretName);
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("secret " + secretName + " (--" + optionName + ") is empty");
      }
      return key;
    }
    String key = env.apply(envVar);
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("no API key: set --" + optionName
          + "=projects/P/secrets/S/versions/V or the " + envVar + " environment variable");
    }
    return key.trim();
  }
}
