package io.intelligencesuite.pipelines.ga4;

import io.intelligencesuite.transforms.warehouse.WarehouseOptions;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/** Options of the GA4 pipeline. */
public interface Ga4Options extends WarehouseOptions {

  @Description("GA4 BigQuery-export rows as newline-delimited JSON (the shape bq extract writes): a file "
      + "pattern, local or gs://, for example gs://bucket/ga4/events_*.ndjson.")
  @Validation.Required
  String getGa4ExportFiles();

  void setGa4ExportFiles(String value);

  @Description("First event_date of the run's window (YYYY-MM-DD). With --endDate, exactly these day "
      + "partitions of events_web are replaced; rows outside the window are dead-lettered. Default: "
      + "replace the days present in the files.")
  String getStartDate();

  void setStartDate(String value);

  @Description("Last event_date of the run's window, inclusive (YYYY-MM-DD). Requires --startDate.")
  String getEndDate();

  void setEndDate(String value);
}
