package io.intelligencesuite.sources.enrichment;

import io.intelligencesuite.sources.common.ApiKey;
import io.intelligencesuite.sources.common.ApiPages;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The providers' endpoints as {@link ApiPages} reads them inside the pipeline: one seed per
 * provider, its URL and where its key comes from, which is all the job graph carries. On the worker
 * each provider's client opens with its key resolved there ({@link ApiKey}); each record leaves
 * wrapped with its provider ({@link EnrichmentPipeline#wrap}), as file records do.
 */
record EnrichmentEndpoints(
    LinkedHashMap<String, String> urls,
    Map<String, ApiKey> keys,
    int retryLimit,
    long retryBackoffMillis)
    implements ApiPages.Client {

  EnrichmentEndpoints {
    keys = new HashMap<>(keys);
  }

  @Override
  public ApiPages.Lister open() {
    Map<String, EnrichmentApi> clients = new HashMap<>();
    return (provider, out) ->
        clients
            .computeIfAbsent(
                provider,
                p ->
                    new EnrichmentApi(
                        p,
                        keys.get(p).resolve(),
                        retryLimit,
                        Duration.ofMillis(retryBackoffMillis)))
            .forEach(
                urls.get(provider),
                r -> out.record(provider, EnrichmentPipeline.wrap(provider, r)));
  }
}
