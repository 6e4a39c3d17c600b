package io.intelligencesuite.sources.jdbc;

import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * Resolves database passwords at launch: a Secret Manager version name
 * ({@code projects/P/secrets/S/versions/V}), or a plain password for local runs. The resolved value
 * goes only into the JDBC connection configuration, never into logs or {@code pipeline_runs}.
 */
public final class Secrets {
  private static final Pattern VERSION_NAME = Pattern.compile("^projects/[^/]+/secrets/[^/]+/versions/[^/]+$");

  /** Reads one secret version; the real one calls Secret Manager, tests pass a fake. */
  @FunctionalInterface
  public interface Resolver extends Serializable {
    String access(String versionName) throws Exception;
  }

  /** Secret Manager through google-cloud-secretmanager, with application default credentials. */
  public static final Resolver SECRET_MANAGER = versionName -> {
    try (SecretManagerServiceClient client = SecretManagerServiceClient.create()) {
      return client.accessSecretVersion(versionName).getPayload().getData().toStringUtf8();
    }
  };

  private Secrets() {}

  /**
   * The password: from {@code secretName} when given (resolved now), else {@code plain}. Giving
   * both is an error, so a forgotten local password cannot shadow production's secret.
   */
  public static String password(String secretName, String secretOption, String plain, String plainOption,
      Resolver resolver) {
    if (secretName != null && !secretName.isBlank()) {
      if (plain != null) {
        throw new IllegalArgumentException("Give " + secretOption + " or " + plainOption + ", not both");
      }
      if (!VERSION_NAME.matcher(secretName).matches()) {
        throw new IllegalArgumentException(secretOption + " must be a Secret Manager version name "
            + "projects/PROJECT/secrets/SECRET/versions/VERSION (or 'latest'), got '" + secretName + "'");
      }
      try {
        return resolver.access(secretName);
      } catch (Exception e) {
        throw new IllegalArgumentException("Cannot read " + secretOption + " " + secretName + " from Secret Manager: "
            + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
      }
    }
    return plain;
  }
}
