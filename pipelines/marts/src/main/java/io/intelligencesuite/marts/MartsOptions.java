package io.intelligencesuite.marts;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * Options of the marts pipeline: staging tables and identity_map in, analytics-grain tables out,
 * same warehouse. The internal domains come from {@link IdentityOptions}.
 */
@Description(
    "Marts: builds the dimensions, the facts (usage, trials, leads, revenue) and the metrics from "
        + "the staging tables and the identity pipeline's identity_map, in the same warehouse.")
public interface MartsOptions extends IdentityOptions {

  @Description(
      "Last day (UTC, YYYY-MM-DD) the marts cover: nothing after it is produced. "
          + "Default: yesterday, the last complete day.")
  String getAsOf();

  void setAsOf(String value);

  @Description("Reporting currency for every money column and metric (ISO 4217). Default USD.")
  @Default.String("usd")
  String getReportingCurrency();

  void setReportingCurrency(String value);

  @Description(
      "Exchange rates into the reporting currency as CURRENCY:RATE pairs, comma-separated, "
          + "e.g. usd:1,eur:1.08,gbp:1.27 (one unit of the currency = RATE units of the reporting currency). "
          + "Rows in a currency without a rate are dead-lettered, never guessed.")
  @Default.String("usd:1")
  String getFxRates();

  void setFxRates(String value);

  @Description(
      "Dated exchange rates: a CSV file (local path or gs://) of currency,date,rate lines (a "
          + "header line is allowed; rate = units of the reporting currency per unit of the "
          + "currency from that date on). A line converts at the latest rate dated on or before "
          + "its service period start (ChartMogul's rule); --fxRates covers the days before the "
          + "first dated rate and currencies the file lacks. Default: none (fixed --fxRates).")
  @Default.String("")
  String getFxRatesCsv();

  void setFxRatesCsv(String value);

  @Description(
      "Count a past_due subscription as churned after this many days past due, until that or a "
          + "later invoice of the subscription is paid (reactivation on that day; 0 = never, "
          + "the ChartMogul default: past-due subscriptions keep counting until cancelled).")
  @Default.Integer(0)
  int getPastDueAutoChurnDays();

  void setPastDueAutoChurnDays(int value);
}
