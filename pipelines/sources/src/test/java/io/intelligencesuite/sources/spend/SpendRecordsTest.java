package io.intelligencesuite.sources.spend;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.sources.common.CsvRecords;
import io.intelligencesuite.transforms.deadletter.BadRecordException;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/**
 * The spend parser on the documented shapes: a Google Ads campaign-day (the transfer's
 * metrics_cost_micros, campaign_id INT64, segments_date) and the network CSV (date, network,
 * campaign, cost, currency, clicks, impressions), and the bad records each can carry.
 */
public class SpendRecordsTest {

  @Test
  public void googleAdsCampaignDayKeepsMicrosAndMapsToPaidSearch() {
    Row r =
        SpendRecords.parse(
            SpendRecords.googleAds(
                "1234567890",
                17890001L,
                LocalDate.of(2026, 10, 3),
                "school_mgmt_generic",
                "USD",
                45_120_000L,
                38,
                1210));
    assertEquals(LocalDate.of(2026, 10, 3), r.getValue("date"));
    assertEquals("school_mgmt_generic", r.getString("campaign"));
    assertSpend(r, "google_ads", "17890001", "paid_search", "usd", 45_120_000L, 38L, 1210L);
    assertEquals("google_ads_transfer", r.getString("source"));
  }

  @Test
  public void csvRowConvertsCostToMicrosExactly() {
    List<CsvRecords.Row> rows =
        CsvRecords.read(
            "date,network,campaign,cost,currency,clicks,impressions\n"
                + "2026-10-03,LinkedIn,back_to_school,19.99,EUR,7,\n");
    Row r = SpendRecords.parse(SpendRecords.csv(rows.get(0)));
    // Cost 19.99 x 1,000,000 = 19,990,000 (BigDecimal: no 19989999 from a binary double); no
    // impressions given.
    assertSpend(r, "linkedin", "back_to_school", "social", "eur", 19_990_000L, 7L, null);
    assertEquals("csv", r.getString("source"));
  }

  @Test
  public void badCsvRowsNameTheirField() {
    String header = "date,network,campaign,cost,currency,clicks,impressions\n";
    assertField("cost", header + "2026-10-03,meta,back_to_school,-5.00,USD,1,10\n");
    assertField("cost", header + "2026-10-03,meta,back_to_school,1.2345678,USD,1,10\n");
    assertField("date", header + "03/10/2026,meta,back_to_school,5.00,USD,1,10\n");
    assertField("currency", header + "2026-10-03,meta,back_to_school,5.00,dollars,1,10\n");
    assertField("network", header + "2026-10-03,tiktok,back_to_school,5.00,USD,1,10\n");
    assertField("clicks", header + "2026-10-03,meta,back_to_school,5.00,USD,1.5,10\n");
    // A truncated row: the missing cell is named, not loaded as NULL.
    assertField("currency", header + "2026-10-03,meta,back_to_school,5.00\n");
  }

  @Test
  public void unsummableTransferRowIsABadRecord() {
    BadRecordException e =
        assertThrows(
            BadRecordException.class,
            () ->
                SpendRecords.parse(
                    "{\"source\":\"google_ads_transfer\",\"customer_id\":\"1234567890\","
                        + "\"campaign_id\":\"1\",\"date\":\"2026-10-03\",\"currency\":\"usd\","
                        + "\"cost_micros\":-10,\"clicks\":1,\"impressions\":2}"));
    assertEquals("cost_micros", e.field());
    assertTrue(e.getMessage(), e.getMessage().contains("negative"));
  }

  @Test
  public void customerIdsAreTenDigits() {
    assertEquals(
        List.of("1234567890", "9876543210"),
        GoogleAdsTransfer.customerIds("123-456-7890, 9876543210"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GoogleAdsTransfer.customerId("12345"));
    assertTrue(e.getMessage().contains("--googleAdsCustomerIds"));
    assertEquals(
        "ads_CampaignBasicStats_1234567890",
        GoogleAdsTransfer.campaignBasicStats("ads_", "123-456-7890").name());
  }

  /** The spend row's network, campaign id, channel, currency and figures (null: none). */
  private static void assertSpend(
      Row r,
      String network,
      String campaignId,
      String channel,
      String currency,
      long costMicros,
      long clicks,
      Long impressions) {
    assertEquals("network", network, r.getString("network"));
    assertEquals("campaign_id", campaignId, r.getString("campaign_id"));
    assertEquals("channel", channel, r.getString("channel"));
    assertEquals("currency", currency, r.getString("currency"));
    assertEquals("cost_micros", costMicros, (long) r.getInt64("cost_micros"));
    assertEquals("clicks", clicks, (long) r.getInt64("clicks"));
    assertEquals("impressions", impressions, r.getInt64("impressions"));
  }

  private static void assertField(String field, String csv) {
    BadRecordException e =
        assertThrows(
            BadRecordException.class,
            () -> SpendRecords.parse(SpendRecords.csv(CsvRecords.read(csv).get(0))));
    assertEquals(csv, field, e.field());
  }
}
