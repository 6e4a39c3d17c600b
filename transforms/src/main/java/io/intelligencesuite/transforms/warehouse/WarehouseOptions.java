package io.intelligencesuite.transforms.warehouse;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** The options every pipeline shares: where to write, and the id of this run. */
public interface WarehouseOptions extends PipelineOptions {

  @Description(
      "Warehouse to write to: duckdb:PATH (embedded, local runs) or bigquery:PROJECT.DATASET.")
  @Default.String(Warehouse.DEFAULT_SPEC)
  String getWarehouse();

  void setWarehouse(String value);

  @Description(
      "Id of this run, recorded in pipeline_runs and dead_letters. Default: PIPELINE-UTCSTART-RANDOM.")
  String getRunId();

  void setRunId(String value);
}
