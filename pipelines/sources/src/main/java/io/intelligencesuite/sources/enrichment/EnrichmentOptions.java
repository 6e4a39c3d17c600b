package io.intelligencesuite.sources.enrichment;

import io.intelligencesuite.transforms.warehouse.WarehouseOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * Options of the enrichment pipeline: export files, HTTP endpoints, or both (at least one). API
 * keys are never options: Secret Manager version names, or PROVIDER_API_KEY environment variables.
 */
@Description(
    "Visitor enrichment: SwanAI and G2 intent exports (NDJSON or CSV) or HTTP JSON endpoints to visitor_enrichment.")
public interface EnrichmentOptions extends WarehouseOptions {

  @Description(
      "Provider export files as PROVIDER=GLOB pairs, comma-separated, e.g. "
          + "swanai=gs://bucket/swanai/*.ndjson,g2=/data/g2/*.csv. NDJSON (.ndjson, .json, .jsonl) or CSV with a "
          + "header row (.csv); local paths or gs://. Providers: swanai, g2. Needed unless --enrichmentApi is set.")
  String getEnrichmentFiles();

  void setEnrichmentFiles(String value);

  @Description(
      "Provider HTTP JSON endpoints as PROVIDER=URL pairs, comma-separated, e.g. "
          + "swanai=https://api.example.com/v1/visits. Read at launch with Authorization: Bearer KEY; each page's "
          + "records in its data array (the export's fields), the next page at links.next or next. "
          + "Providers: swanai, g2.")
  String getEnrichmentApi();

  void setEnrichmentApi(String value);

  @Description(
      "Secret Manager versions holding the endpoints' API keys as PROVIDER=SECRET pairs, comma-separated "
          + "(projects/P/secrets/S/versions/V). A provider without one uses the PROVIDER_API_KEY environment "
          + "variable (SWANAI_API_KEY, G2_API_KEY).")
  String getEnrichmentApiKeySecrets();

  void setEnrichmentApiKeySecrets(String value);

  @Description(
      "Retries of an endpoint request answered 429 or 5xx (Retry-After honoured) before the run fails.")
  @Default.Integer(5)
  int getEnrichmentApiRetryLimit();

  void setEnrichmentApiRetryLimit(int value);

  @Description("First backoff between endpoint retries in milliseconds (doubles each retry).")
  @Default.Long(500L)
  long getEnrichmentApiRetryBackoffMillis();

  void setEnrichmentApiRetryBackoffMillis(long value);
}
