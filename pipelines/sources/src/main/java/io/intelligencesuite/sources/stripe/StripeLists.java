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
    @Nullable Long sinceEpochSeconds,
    @Nullable Long customerEventsAfter)
    implements ApiPages.Client {
  /** The seed of the events read: customers changed since the cursor instead of their list. */
  static final String EVENTS = "EVENTS";

  /** Where the events read puts the ids of deleted customers. */
  static final String DELETED_CUSTOMERS = "DELETED_CUSTOMERS";

  /** Where the events read puts the newest event's created (epoch seconds). */
  static final String NEWEST_EVENT = "NEWEST_EVENT";

  /** One seed per list; with customers read from events, the events instead of their list. */
  static List<String> seeds(boolean customersFromEvents) {
    return Arrays.stream(StripeResource.values())
        .map(r -> customersFromEvents && r == StripeResource.CUSTOMERS ? EVENTS : r.name())
        .toList();
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
    return (seed, out) -> {
      if (!seed.equals(EVENTS)) {
        source.list(
            StripeResource.valueOf(seed),
            sinceEpochSeconds,
            o -> out.record(seed, o.toString()),
            out::rejected);
        return;
      }
      // The events name what changed; each changed customer is read again by id.
      StripeSource.Changes changes = source.changesSince(customerEventsAfter);
      String list = StripeResource.CUSTOMERS.name();
      for (var id : changes.of(StripeResource.CUSTOMERS).entrySet()) {
        if (id.getValue()
            || !source.retrieve(
                StripeResource.CUSTOMERS,
                id.getKey(),
                o -> out.record(list, o.toString()),
                out::rejected)) {
          out.record(DELETED_CUSTOMERS, id.getKey());
        }
      }
      if (changes.newestEvent() != null) {
        out.record(NEWEST_EVENT, String.valueOf(changes.newestEvent()));
      }
    };
  }
}
