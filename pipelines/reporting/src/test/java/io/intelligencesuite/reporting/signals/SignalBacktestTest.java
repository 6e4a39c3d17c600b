package io.intelligencesuite.reporting.signals;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.datatests.BigQueryWarehouseReader;
import io.intelligencesuite.transforms.datatests.DuckDbWarehouseReader;
import io.intelligencesuite.transforms.testing.DuckDbBigQueryCalls;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.values.Row;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The churn-risk backtest on a hand-built warehouse (DuckDB, through the WarehouseReader the
 * BigQuery reader shares). Data to 2026-10-31, so weeks ending by 2026-08-02 are judged.
 *
 * <pre>
 * company week_end   flagged (rules)               churn       churned within 90 d?
 * A       07-05      usage_decline                 08-01       yes (<= 10-03)
 * A       07-12      usage_decline,payment_failed  08-01       yes
 * B       07-05      payment_failed                none        no
 * C       07-05      no                            10-30       no  (07-05 + 90 = 10-03)
 * C       08-02      no                            10-30       yes (08-02 + 90 = 10-31)
 * E       07-05      no                            07-05       no  (the same day is not after)
 * D       08-09      usage_decline                 -           not judged (after 08-02)
 * D       10-31      no                            -           not judged; sets the last day
 * </pre>
 *
 * Weeks: flagged 3, churned 2 (66.7%); all 6, churned 3 (50%); lift 1.33. Companies: flagged {A,
 * B}, churned {A}; judged {A, B, C, E}, churned {A, C}. Rules: usage_decline 2 of 2, payment_failed
 * 1 of 2.
 */
public class SignalBacktestTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  private Warehouse warehouse;
  private DuckDbQueries db;

  @Before
  public void setUp() {
    warehouse = Warehouse.parse("duckdb:" + tmp.getRoot().toPath().resolve("w.duckdb"));
    db = new DuckDbQueries(warehouse);
  }

  @After
  public void tearDown() {
    DuckDbConnections.close(warehouse.duckDbPath());
  }

  private static Row week(String company, String end, String rules) {
    LocalDate e = LocalDate.parse(end);
    return RowBuilder.of(Tables.ACCOUNT_SIGNALS)
        .set("company_id", company)
        .set("week", e.minusDays(6))
        .set("week_end", e)
        .set("mrr_cents", 1000L)
        .set("core_events_4w", 0L)
        .set("core_events_prev_4w", 0L)
        .set("feature_trends", "{}")
        .set("seats_used", 0L)
        .set("failed_payments_4w", 0L)
        .set("churn_risk", rules != null)
        .set("churn_risk_rules", rules)
        .set("expansion", false)
        .build();
  }

  private static Row movement(String company, String day, String type) {
    return RowBuilder.of(Tables.FACT_REVENUE)
        .set("movement_id", company + day + type)
        .set("customer_id", "cus_" + company)
        .set("company_id", company)
        .set("movement_date", LocalDate.parse(day))
        .set("movement_type", type)
        .set("mrr_before_cents", 1000L)
        .set("mrr_after_cents", 0L)
        .set("mrr_delta_cents", -1000L)
        .build();
  }

  @Test
  public void flaggedWeeksAgainstTheBaseRate() throws Exception {
    fill();
    SignalBacktest.Result r = SignalBacktest.run(new DuckDbWarehouseReader(warehouse));
    assertGolden(r);
  }

  /**
   * The same backtest through the BigQuery reader, over a fake of BigQuery's REST calls that runs
   * the dataset-qualified SQL on the same fixture (DuckDbBigQueryCalls; nothing ran on Google
   * Cloud): the same figures.
   */
  @Test
  public void theSameOnTheBigQueryReader() throws Exception {
    fill();
    Warehouse bigQuery = Warehouse.parse("bigquery:my-project.analytics");
    SignalBacktest.Result r =
        SignalBacktest.run(
            new BigQueryWarehouseReader(bigQuery, new DuckDbBigQueryCalls(bigQuery, warehouse, 2)));
    assertGolden(r);
  }

  private void fill() throws Exception {
    db.append(
        Tables.ACCOUNT_SIGNALS,
        List.of(
            week("A", "2026-07-05", "usage_decline"),
            week("A", "2026-07-12", "usage_decline,payment_failed"),
            week("B", "2026-07-05", "payment_failed"),
            week("C", "2026-07-05", null),
            week("C", "2026-08-02", null),
            week("E", "2026-07-05", null),
            week("D", "2026-08-09", "usage_decline"),
            week("D", "2026-10-31", null)));
    db.append(
        Tables.FACT_REVENUE,
        List.of(
            movement("A", "2026-08-01", "churn"),
            movement("C", "2026-10-30", "churn"),
            movement("E", "2026-07-05", "churn"),
            movement("B", "2026-07-10", "expansion")));
  }

  private static void assertGolden(SignalBacktest.Result r) {
    assertEquals(LocalDate.parse("2026-10-31"), r.lastDay());
    assertEquals(LocalDate.parse("2026-08-02"), r.judgedUpTo());
    assertEquals(new SignalBacktest.Share(3, 2), r.flaggedWeeks());
    assertEquals(new SignalBacktest.Share(6, 3), r.allWeeks());
    assertEquals(4.0 / 3, r.lift(), 1e-12);
    assertEquals(new SignalBacktest.Share(2, 1), r.flaggedCompanies());
    assertEquals(new SignalBacktest.Share(4, 2), r.allCompanies());
    assertEquals(
        Map.of(
            "usage_decline", new SignalBacktest.Share(2, 2),
            "payment_failed", new SignalBacktest.Share(2, 1)),
        r.byRule());
    assertEquals(
        "  flagged at risk: 3 company-weeks, 2 churned within 90 days (66.7%); base rate 3 of 6"
            + " paying company-weeks (50.0%); lift 1.3x",
        r.text().lines().toList().get(1));
  }

  @Test
  public void noSignalsNoBacktest() throws Exception {
    db.execute("CREATE TABLE placeholder (x INTEGER)");
    assertNull(SignalBacktest.run(new DuckDbWarehouseReader(warehouse)));
  }
}
