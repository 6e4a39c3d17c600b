package io.intelligencesuite.sources.stripe;

import io.intelligencesuite.sources.common.ApiKey;
import io.intelligencesuite.sources.common.ApiPages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The Stripe lists as {@link ApiPages} reads them inside the pipeline: one seed per list ({@link
 * StripeResource}'s name), and the client's settings, which is all the job graph carries. On the
 * worker, {@link #open} builds the stripe-java client with the key resolved there ({@link ApiKey});
 * each list's objects leave as JSON text under the list's name.
 *
 * <p>The lists read incrementally ({@code fromEvents}) are not listed: one {@link #EVENTS} seed
 * reads the events created after {@code eventsAfter}, and each object they name is read again by id
 * (an event's snapshot is not what the list returns: no expansions, lines cut at 10). Each id the
 * events name, changed or deleted, also leaves under {@link #scope} of its list: the run read that
 * object whole, and its rows are replaced by what was read ({@code KeyMerge.replacing}; a deleted
 * object has none). A seed {@code RETRIEVE:<list>:<id>} reads one object by id the same way.
 */
record StripeLists(
    ApiKey key,
    String apiBase,
    int maxNetworkRetries,
    int retryLimit,
    long retryBackoffMillis,
    long maxRetryWaitSeconds,
    @Nullable Long sinceEpochSeconds,
    @Nullable Long eventsAfter,
    List<String> fromEvents)
    implements ApiPages.Client {
  /** The seed of the events read: the objects changed since the cursor instead of their lists. */
  static final String EVENTS = "EVENTS";

  /** Where the events read puts the newest event's created (epoch seconds). */
  static final String NEWEST_EVENT = "NEWEST_EVENT";

  private static final String RETRIEVE = "RETRIEVE:";

  /** Where the ids of {@code r}'s objects read whole (changed or deleted) go. */
  static String scope(StripeResource r) {
    return "SCOPE_" + r.name();
  }

  /** The seed that reads {@code r}'s object {@code id} by id. */
  static String retrieveSeed(StripeResource r, String id) {
    return RETRIEVE + r.name() + ":" + id;
  }

  /** One seed per list not read from events, and the events when any list is. */
  static List<String> seeds(Set<StripeResource> fromEvents) {
    List<String> seeds = new ArrayList<>();
    Arrays.stream(StripeResource.values())
        .filter(r -> !fromEvents.contains(r))
        .forEach(r -> seeds.add(r.name()));
    if (!fromEvents.isEmpty()) {
      seeds.add(EVENTS);
    }
    return seeds;
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
      if (seed.startsWith(RETRIEVE)) {
        String[] parts = seed.split(":", 3);
        retrieve(source, StripeResource.valueOf(parts[1]), parts[2], out);
      } else if (seed.equals(EVENTS)) {
        fromEvents(source, out);
      } else {
        source.list(
            StripeResource.valueOf(seed),
            sinceEpochSeconds,
            o -> out.record(seed, o.toString()),
            out::rejected);
      }
    };
  }

  /**
   * The events name what changed; each changed object is read again by id. The charges a changed
   * invoice names as its payments are read too when charges come from events: a payment row carries
   * the invoice that lists its charge, so it changes with that invoice.
   */
  private void fromEvents(StripeSource source, ApiPages.Emitter out) {
    StripeSource.Changes changes = source.changesSince(eventsAfter);
    Set<String> charges = new LinkedHashSet<>(changes.of(StripeResource.CHARGES).keySet());
    boolean chargesFromEvents = fromEvents.contains(StripeResource.CHARGES.name());
    for (StripeResource r :
        List.of(StripeResource.CUSTOMERS, StripeResource.SUBSCRIPTIONS, StripeResource.INVOICES)) {
      if (!fromEvents.contains(r.name())) {
        continue;
      }
      for (Map.Entry<String, Boolean> id : changes.of(r).entrySet()) {
        out.record(scope(r), id.getKey());
        if (id.getValue()) {
          continue; // deleted: a scope with no rows
        }
        source.retrieve(
            r,
            id.getKey(),
            o -> {
              out.record(r.name(), o.toString());
              if (chargesFromEvents && r == StripeResource.INVOICES) {
                charges.addAll(StripeRecords.chargesPaying(o));
              }
            },
            out::rejected);
      }
    }
    if (chargesFromEvents) {
      for (String charge : charges) {
        retrieve(source, StripeResource.CHARGES, charge, out);
      }
    }
    if (changes.newestEvent() != null) {
      out.record(NEWEST_EVENT, String.valueOf(changes.newestEvent()));
    }
  }

  /** Reads {@code id} again; its scope is recorded whether it still exists or not. */
  private static void retrieve(
      StripeSource source, StripeResource r, String id, ApiPages.Emitter out) {
    out.record(scope(r), id);
    source.retrieve(r, id, o -> out.record(r.name(), o.toString()), out::rejected);
  }
}
