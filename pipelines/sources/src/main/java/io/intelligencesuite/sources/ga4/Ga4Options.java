package io.intelligencesuite.sources.ga4;

import io.intelligencesuite.transforms.warehouse.WarehouseOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of the GA4 pipeline. */
@Description(
    "GA4 web events: reads the GA4 BigQuery export (or its NDJSON extract) for a window of days, dead-letters malformed rows, deduplicates and replaces those days of events_web.")
public interface Ga4Options extends WarehouseOptions {

  @Description(
      "GA4 BigQuery-export rows as newline-delimited JSON (the shape bq extract writes): a file "
          + "pattern, local or gs://, for example gs://bucket/ga4/events_*.ndjson. Give this or --ga4Dataset.")
  String getGa4ExportFiles();

  void setGa4ExportFiles(String value);

  @Description(
      "The live GA4 export dataset, PROJECT.analytics_<property id>: reads the events_YYYYMMDD shards "
          + "of the window with the BigQuery Storage Read API. Give this or --ga4ExportFiles.")
  String getGa4Dataset();

  void setGa4Dataset(String value);

  @Description(
      "With --ga4Dataset: read events_intraday_YYYYMMDD for days of the window whose daily table "
          + "does not exist yet.")
  @Default.Boolean(false)
  boolean getIncludeIntraday();

  void setIncludeIntraday(boolean value);

  @Description(
      "First event_date of the run's window (YYYY-MM-DD). With --endDate, exactly these day "
          + "partitions of events_web are replaced (a day with no rows ends empty) and only these days' "
          + "shards are read; rows dated outside the window (late events) are merged by event_id. "
          + "Default: the days of the shards read (the events_YYYYMMDD suffix of each file or table); "
          + "with --ga4Dataset the shards of the last 3 days (today and the two before, UTC), because GA4 "
          + "rewrites daily tables for up to 72 hours.")
  String getStartDate();

  void setStartDate(String value);

  @Description("Last event_date of the run's window, inclusive (YYYY-MM-DD). Requires --startDate.")
  String getEndDate();

  void setEndDate(String value);
}
