package io.intelligencesuite.sources.stripe;

import io.intelligencesuite.sources.common.ApiKey;
import io.intelligencesuite.sources.common.ApiPages;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The Stripe lists as {@link ApiPages} reads them inside the pipeline: one seed per list ({@link
 * StripeResource}'s name), and the client's settings, which is all the job graph carries. On the
 * worker, {@link #open} builds the stripe-java client with the key resolved there ({@link ApiKey});
 * each list's objects leave as JSON text under the list's name.
 */
record StripeLists(
    ApiKey key,
    String apiBase,
    int maxNetworkRetries,
    int retryLimit,
    long retryBackoffMillis,
    long maxRetryWaitSeconds,
    @Nullable Long sinceEpochSeconds)
    implements ApiPages.Client {

  /** One seed per list. */
  static List<String> seeds() {
    return Arrays.stream(StripeResource.values()).map(Enum::name).toList();
  }

  @Override
  public ApiPages.Lister open() {
    StripeSource source =
        new StripeSource(
            key.resolve(),
            apiBase,
            maxNetworkRetries,
            retryLimit,
            Duration.ofMillis(retryBackoffMillis),
            Duration.ofSeconds(maxRetryWaitSeconds));
    return (seed, out) ->
        source.list(
            StripeResource.valueOf(seed),
            sinceEpochSeconds,
            o -> out.record(seed, o.toString()),
            out::rejected);
  }
}
