package io.intelligencesuite.pipelines.enrichment;

import io.intelligencesuite.transforms.warehouse.WarehouseOptions;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/** Options of the enrichment pipeline. */
@Description("Visitor enrichment: SwanAI and G2 intent exports (NDJSON or CSV) to visitor_enrichment.")
public interface EnrichmentOptions extends WarehouseOptions {

  @Description("Provider export files as PROVIDER=GLOB pairs, comma-separated, e.g. "
      + "swanai=gs://bucket/swanai/*.ndjson,g2=/data/g2/*.csv. NDJSON (.ndjson, .json, .jsonl) or CSV with a "
      + "header row (.csv); local paths or gs://. Providers: swanai, g2.")
  @Validation.Required
  String getEnrichmentFiles();

  void setEnrichmentFiles(String value);
}
