package io.intelligencesuite.sources.chartmogul;

import io.intelligencesuite.transforms.warehouse.WarehouseOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * Options of the ChartMogul pipeline. The API key is never an option: a secret name or
 * CHARTMOGUL_API_KEY.
 */
@Description(
    "ChartMogul: customers and subscription activities from the ChartMogul API to chartmogul_customers and chartmogul_activities, to reconcile against Stripe.")
public interface ChartMogulOptions extends WarehouseOptions {

  @Description(
      "Secret Manager version holding the ChartMogul API key (projects/P/secrets/S/versions/V). "
          + "Without it, the CHARTMOGUL_API_KEY environment variable is used.")
  String getChartmogulApiKeySecret();

  void setChartmogulApiKeySecret(String value);

  @Description("Base URL of the ChartMogul API; point it at a local server for tests and the demo.")
  @Default.String("https://api.chartmogul.com")
  String getChartmogulApiBase();

  void setChartmogulApiBase(String value);

  @Description(
      "First day of the activities window (YYYY-MM-DD); with --endDate, replaces exactly those days. "
          + "Default: all activities.")
  String getStartDate();

  void setStartDate(String value);

  @Description("Last day of the activities window, inclusive (YYYY-MM-DD).")
  String getEndDate();

  void setEndDate(String value);

  @Description("Page size (per_page) of the list calls.")
  @Default.Integer(200)
  int getChartmogulPageSize();

  void setChartmogulPageSize(int value);

  @Description(
      "Retries of a request answered 429 or 5xx (Retry-After honoured) before the run fails.")
  @Default.Integer(5)
  int getChartmogulRetryLimit();

  void setChartmogulRetryLimit(int value);

  @Description("First backoff between retries in milliseconds (doubles each retry).")
  @Default.Long(500L)
  long getChartmogulRetryBackoffMillis();

  void setChartmogulRetryBackoffMillis(long value);
}
