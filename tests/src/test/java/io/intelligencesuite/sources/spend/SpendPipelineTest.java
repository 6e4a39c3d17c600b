package io.intelligencesuite.sources.spend;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.local.databases.GoogleAdsTransferTables;
import io.intelligencesuite.tests.RunCounts;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Rule;
import org.junit.Test;

/**
 * The spend pipeline on the DirectRunner: one Google Ads account's transfer tables in the embedded
 * warehouse (segments summed per campaign-day, the latest snapshot's name, an unsummable row
 * dead-lettered) and a network CSV with a negative cost dead-lettered; then a rerun replaces, never
 * appends.
 */
public class SpendPipelineTest {
  @Rule public final TempWarehouses warehouses = new TempWarehouses();

  @Test
  public void sumsSegmentsNamesCampaignsAndDeadLettersBadRows() throws Exception {
    Path dir = warehouses.root();
    Path ads = Files.createDirectories(dir.resolve("ads"));
    Files.write(
        ads.resolve("ads_Campaign_1234567890.csv"),
        List.of(
            "_DATA_DATE,_LATEST_DATE,customer_id,campaign_id,campaign_name,campaign_status",
            // Renamed on Oct 2: the latest snapshot's name is the one kept.
            "2026-10-01,2026-10-02,1234567890,111,brand_old,ENABLED",
            "2026-10-02,2026-10-02,1234567890,111,school_mgmt_brand,ENABLED",
            "2026-10-02,2026-10-02,1234567890,222,attendance_software,ENABLED"));
    Files.write(
        ads.resolve("ads_CampaignBasicStats_1234567890.csv"),
        List.of(
            "_DATA_DATE,customer_id,campaign_id,segments_date,segments_device,"
                + "segments_ad_network_type,metrics_clicks,metrics_impressions,metrics_cost_micros",
            "2026-10-02,1234567890,111,2026-10-01,DESKTOP,SEARCH,2,40,1000000",
            "2026-10-02,1234567890,111,2026-10-01,MOBILE,SEARCH,3,60,2500000",
            "2026-10-02,1234567890,222,2026-10-01,DESKTOP,SEARCH,1,25,700000",
            // No day: cannot be summed into any campaign-day, so it is dead-lettered alone.
            "2026-10-02,1234567890,222,,MOBILE,SEARCH,1,5,90000"));
    Files.write(
        dir.resolve("networks.csv"),
        List.of(
            "date,network,campaign,cost,currency,clicks,impressions",
            "2026-10-01,meta,back_to_school,12.50,USD,9,300",
            "2026-10-01,linkedin,teacher_appreciation,20.00,EUR,4,150",
            "2026-10-01,meta,teacher_appreciation,-3.00,USD,0,0"));
    String path = warehouses.path("w.duckdb");
    Warehouse warehouse = Warehouse.parse("duckdb:" + path);
    assertEquals(List.of("1234567890"), GoogleAdsTransferTables.load(warehouse, ads));

    DuckDbQueries q = TempWarehouses.queriesAfter(SpendPipeline.run(options(path, dir)), path);
    // Campaign 111: 1,000,000 + 2,500,000 micros, 2 + 3 clicks, 40 + 60 impressions.
    List<List<Object>> expected =
        List.of(
            List.of("google_ads", "111", "school_mgmt_brand", "paid_search", "usd", 3500000L, 5L),
            List.of("google_ads", "222", "attendance_software", "paid_search", "usd", 700000L, 1L),
            List.of(
                "linkedin",
                "teacher_appreciation",
                "teacher_appreciation",
                "social",
                "eur",
                20000000L,
                4L),
            List.of("meta", "back_to_school", "back_to_school", "social", "usd", 12500000L, 9L));
    String select =
        "SELECT network, campaign_id, campaign, channel, currency, cost_micros, clicks"
            + " FROM marketing_spend ORDER BY network, campaign_id";
    assertEquals(expected, q.rows(select));
    assertEquals(
        100L, q.value("SELECT impressions FROM marketing_spend WHERE campaign_id = '111'"));
    // Read: 2 campaign-days + 1 unsummable row + 3 CSV rows; written 4; dead-lettered 2.
    assertEquals(RunCounts.succeeded(6, 4, 0, 2), RunCounts.of(q, null));
    assertEquals(
        List.of(List.of("cost"), List.of("date")),
        q.rows("SELECT field FROM dead_letters ORDER BY field"));
    String reasons = q.rows("SELECT string_agg(reason, ' | ') FROM dead_letters").toString();
    assertTrue(reasons, reasons.contains("negative") && reasons.contains("missing"));

    // A rerun replaces the table: same rows, not twice as many.
    TempWarehouses.queriesAfter(SpendPipeline.run(options(path, dir)), path);
    assertEquals(expected, q.rows(select));
  }

  @Test
  public void nothingToReadIsRefusedAtLaunch() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SpendPipeline.run(
                    PipelineOptionsFactory.fromArgs("--runner=DirectRunner")
                        .as(SpendOptions.class)));
    assertTrue(e.getMessage(), e.getMessage().contains("--googleAdsCustomerIds"));
  }

  private static SpendOptions options(String warehouse, Path dir) {
    return PipelineOptionsFactory.fromArgs(
            "--runner=DirectRunner",
            "--warehouse=duckdb:" + warehouse,
            "--googleAdsCustomerIds=123-456-7890",
            "--spendCsvFiles=" + dir.resolve("networks.csv"))
        .as(SpendOptions.class);
  }
}
