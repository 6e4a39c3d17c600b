package io.intelligencesuite.marts;

import io.intelligencesuite.transforms.warehouse.WarehouseOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of the marts pipeline: staging tables in, analytics-grain tables out, same warehouse. */
@Description(
    "Marts: builds identity_map, the dimensions and the facts (usage, trials, leads) from the "
        + "staging tables, in the same warehouse.")
public interface MartsOptions extends WarehouseOptions {

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
      "Business domains of internal and QA accounts, comma-separated (e.g. yourcompany.com). "
          + "Their accounts, users, leads and Stripe customers are left out of every mart and metric.")
  @Default.String("")
  String getInternalDomains();

  void setInternalDomains(String value);

  @Description(
      "Count a past_due subscription as churned after this many days past due (0 = never, "
          + "the ChartMogul default: past-due subscriptions keep counting until cancelled).")
  @Default.Integer(0)
  int getPastDueAutoChurnDays();

  void setPastDueAutoChurnDays(int value);

  @Description(
      "Identity overrides: a CSV file (local path or gs://) of pairs the data cannot decide, one a "
          + "line: must_link|must_not_link,TYPE,VALUE,TYPE,VALUE (e.g. "
          + "must_not_link,user_id,u_17,user_id,u_42); # starts a comment. Both identifiers are of "
          + "one level (two persons' or two companies' identifiers). Default: none.")
  @Default.String("")
  String getIdentityOverrides();

  void setIdentityOverrides(String value);
}
