package io.intelligencesuite.sources.common;

import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import java.io.Serializable;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Where every source's credentials come from, resolved once at launch: a Secret Manager version
 * name ({@code projects/P/secrets/S/versions/V}, as DataflowTemplates takes them), else, for local
 * runs, a plain database password option or an API key's environment variable. The value goes only
 * to the client that needs it: never to a log line, an error message, the options, dead letters or
 * {@code pipeline_runs}. Errors name the option and the secret's name, never its value.
 */
public final class Secrets {
  private static final Pattern VERSION_NAME =
      Pattern.compile("^projects/[^/]+/secrets/[^/]+/versions/[^/]+$");

  /** Reads one secret version; the real one calls Secret Manager, tests pass a fake. */
  @FunctionalInterface
  public interface Resolver extends Serializable {
    String access(String versionName) throws Exception;
  }

  /** Secret Manager through google-cloud-secretmanager, with application default credentials. */
  public static final Resolver SECRET_MANAGER =
      versionName -> {
        try (SecretManagerServiceClient client = SecretManagerServiceClient.create()) {
          return client.accessSecretVersion(versionName).getPayload().getData().toStringUtf8();
        }
      };

  private Secrets() {}

  /**
   * A database password: from {@code secretName} when given, else {@code plain}. Giving both is an
   * error, so a forgotten local password cannot shadow production's secret.
   */
  public static @Nullable String password(
      @Nullable String secretName,
      String secretOption,
      @Nullable String plain,
      String plainOption,
      Resolver resolver) {
    if (secretName == null || secretName.isBlank()) {
      return plain;
    }
    if (plain != null) {
      throw new IllegalArgumentException(
          "Give " + secretOption + " or " + plainOption + ", not both");
    }
    return access(secretName, secretOption, resolver);
  }

  /**
   * An API key: from {@code secretName} when given, else the environment variable {@code envVar}
   * (local runs). The key is never an option, so it cannot reach the serialised pipeline options.
   */
  public static String apiKey(
      @Nullable String secretName,
      String envVar,
      Resolver resolver,
      Function<String, String> env,
      String optionName) {
    if (secretName != null && !secretName.isBlank()) {
      String key = access(secretName, "--" + optionName, resolver);
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException(
            "secret " + secretName + " (--" + optionName + ") is empty");
      }
      return key.trim();
    }
    String key = env.apply(envVar);
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException(
          "no API key: set --"
              + optionName
              + "=projects/P/secrets/S/versions/V or the "
              + envVar
              + " environment variable");
    }
    return key.trim();
  }

  private static String access(String secretName, String option, Resolver resolver) {
    if (!VERSION_NAME.matcher(secretName).matches()) {
      throw new IllegalArgumentException(
          option
              + " must be a Secret Manager version name "
              + "projects/PROJECT/secrets/SECRET/versions/VERSION (or 'latest'), got '"
              + secretName
              + "'");
    }
    try {
      return resolver.access(secretName);
    } catch (Exception e) {
      // The resolver's message names the secret or the permission, not the value it could not read.
      throw new IllegalArgumentException(
          "Cannot read "
              + option
              + " "
              + secretName
              + " from Secret Manager: "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
