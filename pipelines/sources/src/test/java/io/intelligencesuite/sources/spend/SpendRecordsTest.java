package io.intelligencesuite.sources.spend;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
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
    assertEquals("google_ads", r.getString("network"));
    assertEquals("17890001", r.getString("campaign_id"));
    assertEquals("school_mgmt_generic", r.getString("campaign"));
    assertEquals("paid_search", r.getString("channel"));
    assertEquals("usd", r.getString("currency"));
    assertEquals(45_120_000L, (long) r.getInt64("cost_micros"));
    assertEquals(38L, (long) r.getInt64("clicks"));
    assertEquals(1210L, (long) r.getInt64("impressions"));
    assertEquals("google_ads_transfer", r.getString("source"));
  }

  @Test
  public void csvRowConvertsCostToMicrosExactly() {
    List<CsvRecords.Row> rows =
        CsvRecords.read(
            "date,network,campaign,cost,currency,clicks,impressions\n"
                + "2026-10-03,LinkedIn,back_to_school,19.99,EUR,7,\n");
    Row r = SpendRecords.parse(SpendRecords.csv(rows.get(0)));
    assertEquals("linkedin", r.getString("network"));
    assertEquals("back_to_school", r.getString("campaign_id"));
    assertEquals("social", r.getString("channel"));
    assertEquals("eur", r.getString("currency"));
    // 19.99 x 1,000,000 = 19,990,000 (BigDecimal: no 19989999 from a binary double).
    assertEquals(19_990_000L, (long) r.getInt64("cost_micros"));
    assertEquals(7L, (long) r.getInt64("clicks"));
    assertNull(r.getInt64("impressions"));
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

  private static void assertField(String field, String csv) {
    BadRecordException e =
        assertThrows(
            BadRecordException.class,
            () -> SpendRecords.parse(SpendRecords.csv(CsvRecords.read(csv).get(0))));
    assertEquals(csv, field, e.field());
  }
}
