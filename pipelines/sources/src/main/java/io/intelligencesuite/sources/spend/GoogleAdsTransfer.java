package io.intelligencesuite.sources.spend;

import static io.intelligencesuite.schemas.ColumnType.DATE;
import static io.intelligencesuite.schemas.ColumnType.FLOAT64;
import static io.intelligencesuite.schemas.ColumnType.INT64;
import static io.intelligencesuite.schemas.ColumnType.STRING;

import io.intelligencesuite.schemas.Layer;
import io.intelligencesuite.schemas.TableDef;
import java.util.ArrayList;
import java.util.List;

/**
 * The two Google Ads tables the BigQuery Data Transfer Service writes per customer id that the
 * spend pipeline reads, in the registry's vocabulary so {@code ReadTable} reads them from BigQuery
 * (Storage Read API) or, locally, from the embedded DuckDB warehouse the demo loads them into.
 *
 * <p>Shapes: Google's "Google Ads report transformation" page
 * (cloud.google.com/bigquery/docs/google-ads-transformation) maps the Campaign Performance Report
 * onto {@code ads_Campaign_<customer_id>} (the campaign resource: a snapshot per day, {@code
 * _DATA_DATE}, latest at {@code _LATEST_DATE}) and {@code ads_CampaignBasicStats_<customer_id>}
 * (metrics per campaign and {@code segments_date}, split by {@code segments_ad_network_type},
 * {@code segments_device} and {@code segments_slot}); the column names are the Google Ads API
 * fields with dots as underscores ({@code metrics.cost_micros} -> {@code metrics_cost_micros}, cost
 * in millionths of the account currency). Only the columns listed here are declared; the transfer's
 * other columns are never read.
 *
 * <p>These are Google's tables, not ours: they are not in {@code Tables} (no data tests, no
 * deploy-time creation). The key declared is what a row is about; the transfer does not enforce it,
 * and nothing here relies on it.
 */
public final class GoogleAdsTransfer {
  private GoogleAdsTransfer() {}

  /** {@code 123-456-7890} -> {@code 1234567890}; anything but 10 digits is refused, naming it. */
  public static String customerId(String raw) {
    String id = raw.trim().replace("-", "");
    if (!id.matches("[0-9]{10}")) {
      throw new IllegalArgumentException(
          "Google Ads customer id '"
              + raw.trim()
              + "' is not 10 digits (e.g. 123-456-7890): fix --googleAdsCustomerIds");
    }
    return id;
  }

  /** Every id of a comma-separated option value; empty for null or blank. */
  public static List<String> customerIds(String option) {
    List<String> ids = new ArrayList<>();
    if (option != null && !option.isBlank()) {
      for (String part : option.split(",")) {
        if (!part.isBlank()) {
          ids.add(customerId(part));
        }
      }
    }
    return ids;
  }

  /** {@code <prefix>CampaignBasicStats_<customer_id>}: metrics per campaign, day and segment. */
  public static TableDef campaignBasicStats(String prefix, String customerId) {
    return TableDef.builder(prefix + "CampaignBasicStats_" + customerId(customerId), Layer.STAGING)
        .description("Google Ads Data Transfer: campaign metrics per day and segment")
        .grain("campaign x segments_date x network type x device x slot")
        .required("_DATA_DATE", DATE, "Day the transfer ran for")
        .nullable("_LATEST_DATE", DATE, "Latest day the transfer ran for")
        .nullable("customer_id", INT64, "Google Ads customer id")
        .nullable("campaign_id", INT64, "Campaign id")
        .nullable("segments_date", DATE, "Day the metrics apply to")
        .nullable("segments_ad_network_type", STRING, "Ad network type")
        .nullable("segments_device", STRING, "Device")
        .nullable("segments_slot", STRING, "Position of the ad")
        .nullable("metrics_clicks", INT64, "Clicks")
        .nullable("metrics_impressions", INT64, "Impressions")
        .nullable("metrics_cost_micros", INT64, "Cost in millionths of the account currency")
        .nullable("metrics_interactions", INT64, "Interactions")
        .nullable("metrics_conversions", FLOAT64, "Conversions")
        .nullable("metrics_conversions_value", FLOAT64, "Value of conversions")
        .primaryKey("_DATA_DATE")
        .build();
  }

  /** {@code <prefix>Campaign_<customer_id>}: the campaign resource, one snapshot per day. */
  public static TableDef campaign(String prefix, String customerId) {
    return TableDef.builder(prefix + "Campaign_" + customerId(customerId), Layer.STAGING)
        .description("Google Ads Data Transfer: campaign attributes, a snapshot per day")
        .grain("campaign x _DATA_DATE")
        .required("_DATA_DATE", DATE, "Day of the snapshot")
        .nullable("_LATEST_DATE", DATE, "Day of the latest snapshot")
        .nullable("customer_id", INT64, "Google Ads customer id")
        .nullable("campaign_id", INT64, "Campaign id")
        .nullable("campaign_name", STRING, "Campaign name")
        .nullable("campaign_status", STRING, "ENABLED, PAUSED or REMOVED")
        .nullable("campaign_advertising_channel_type", STRING, "SEARCH, DISPLAY, ...")
        .primaryKey("_DATA_DATE")
        .build();
  }
}
