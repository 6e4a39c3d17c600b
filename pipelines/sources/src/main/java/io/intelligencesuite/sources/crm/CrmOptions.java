package io.intelligencesuite.sources.crm;

import io.intelligencesuite.transforms.warehouse.WarehouseOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * Options of the CRM pipeline (HubSpot CRM v3). The access token is never an option: a secret name
 * or HUBSPOT_ACCESS_TOKEN.
 */
@Description(
    "CRM: HubSpot companies, contacts and deals (with deal stages and owners) from the HubSpot CRM v3 API to crm_companies, crm_contacts and crm_deals.")
public interface CrmOptions extends WarehouseOptions {

  @Description(
      "Secret Manager version holding the HubSpot private app access token "
          + "(projects/P/secrets/S/versions/V). Without it, the HUBSPOT_ACCESS_TOKEN environment "
          + "variable is used.")
  String getHubspotAccessTokenSecret();

  void setHubspotAccessTokenSecret(String value);

  @Description("Base URL of the HubSpot API; point it at a local server for tests and the demo.")
  @Default.String("https://api.hubapi.com")
  String getHubspotApiBase();

  void setHubspotApiBase(String value);

  @Description("Page size (limit) of the object list calls; HubSpot allows at most 100.")
  @Default.Integer(100)
  int getCrmPageSize();

  void setCrmPageSize(int value);

  @Description(
      "Retries of a request answered 429 or 5xx (Retry-After honoured) before the run fails.")
  @Default.Integer(5)
  int getCrmRetryLimit();

  void setCrmRetryLimit(int value);

  @Description("First backoff between retries in milliseconds (doubles each retry).")
  @Default.Long(500L)
  long getCrmRetryBackoffMillis();

  void setCrmRetryBackoffMillis(long value);
}
