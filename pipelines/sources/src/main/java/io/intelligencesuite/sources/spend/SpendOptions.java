package io.intelligencesuite.sources.spend;

import io.intelligencesuite.transforms.warehouse.WarehouseOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * Options of the marketing spend pipeline: the Google Ads transfer tables, network CSV exports, or
 * both (at least one). Every run reads every source it is given whole and replaces marketing_spend
 * with it, so give it every network each time.
 */
@Description(
    "Marketing spend: Google Ads (BigQuery Data Transfer Service tables) and other networks' CSV"
        + " exports to marketing_spend.")
public interface SpendOptions extends WarehouseOptions {

  @Description(
      "Google Ads customer ids (10 digits, dashes allowed), comma-separated: the Data Transfer"
          + " Service writes ads_CampaignBasicStats_<id> and ads_Campaign_<id> for each. Empty: no"
          + " Google Ads read.")
  String getGoogleAdsCustomerIds();

  void setGoogleAdsCustomerIds(String value);

  @Description(
      "Where the Google Ads transfer writes: bigquery:PROJECT.DATASET, or duckdb:PATH locally."
          + " Default: the --warehouse.")
  String getGoogleAdsDataset();

  void setGoogleAdsDataset(String value);

  @Description(
      "Prefix of the transfer's table names: ads_ (the views) or p_ads_ (the partitioned tables"
          + " behind them; BigQuery's Storage Read API reads tables, not views).")
  @Default.String("ads_")
  String getGoogleAdsTablePrefix();

  void setGoogleAdsTablePrefix(String value);

  @Description(
      "ISO 4217 currency of the Google Ads accounts (Google Ads reports cost in the account's"
          + " currency: ads_Customer_<id>.customer_currency_code).")
  @Default.String("usd")
  String getGoogleAdsCurrency();

  void setGoogleAdsCurrency(String value);

  @Description(
      "Other networks' spend exports, a glob (local or gs://): CSV with a header row holding"
          + " date,network,campaign,cost,currency,clicks,impressions (cost in the currency's units,"
          + " e.g. 12.50). Empty: no CSV read.")
  String getSpendCsvFiles();

  void setSpendCsvFiles(String value);
}
