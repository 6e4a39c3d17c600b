package io.intelligencesuite.sources.common;

import java.io.Serializable;
import java.util.function.Function;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An API key as the workers that page through the API get it: checked once at launch ({@link
 * Secrets#apiKey}, so a missing or unreadable key fails before the pipeline is built), then
 * resolved again on each worker. A Secret Manager version travels as its name only and is read on
 * the worker (its service account has the accessor role on the secret); the key itself is never in
 * the job graph. A key from the environment (local runs only: the Dataflow templates require the
 * secret) travels with the transform, inside the local process.
 */
public final class ApiKey implements Serializable {
  private static final long serialVersionUID = 1L;

  private final @Nullable String secretName;
  private final String envVar;
  private final String optionName;
  private final Secrets.Resolver resolver;
  private final @Nullable String fromEnvironment;

  private ApiKey(
      @Nullable String secretName,
      String envVar,
      String optionName,
      Secrets.Resolver resolver,
      @Nullable String fromEnvironment) {
    this.secretName = secretName;
    this.envVar = envVar;
    this.optionName = optionName;
    this.resolver = resolver;
    this.fromEnvironment = fromEnvironment;
  }

  /** The key of {@code --optionName} or else {@code envVar}, checked now; see {@link Secrets}. */
  public static ApiKey checked(
      @Nullable String secretName,
      String envVar,
      Secrets.Resolver resolver,
      Function<String, String> env,
      String optionName) {
    String key = Secrets.apiKey(secretName, envVar, resolver, env, optionName);
    boolean fromSecret = secretName != null && !secretName.isBlank();
    return new ApiKey(
        fromSecret ? secretName : null, envVar, optionName, resolver, fromSecret ? null : key);
  }

  /** The key, on the worker: read from Secret Manager, or the environment's value. */
  public String resolve() {
    if (fromEnvironment != null) {
      return fromEnvironment;
    }
    return Secrets.apiKey(secretName, envVar, resolver, name -> null, optionName);
  }

  /** Never the key: only where it comes from. */
  @Override
  public String toString() {
    return secretName != null ? "secret " + secretName : "environment variable " + envVar;
  }
}
