package io.intelligencesuite.transforms.datatests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.schemas.MetricParameters;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.datatests.DataTestResult.Status;
import io.intelligencesuite.transforms.testing.DuckDbBigQueryCalls;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * Source freshness (the source's own newest time) and volume (XmR on daily row counts) through the
 * check runner on DuckDB, as of 2026-11-01 00:00 UTC.
 *
 * <p>events_product holds 61 days, 2026-09-01..10-31, with 100 + 3 x (day index mod 7) rows a day
 * (100, 103, ..., 118, repeating). Its chart's baseline is the first 20 days: centre = 100 + 3 x 57
 * / 20 = 108.55 (the day indexes mod 7 sum to 21 + 21 + 15 = 57); the 19 moving ranges are 17 of 3
 * and 2 of 18, mean 87 / 19 = 4.579; lower limit 108.55 - 2.66 x 4.579 = 96.37. Every clean day (>=
 * 100) is above it; a planted day of 40 rows is below it. The newest event is 10-31 12:00.
 */
public class FreshnessAndVolumeTest {
  private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

  @Rule public final TempWarehouses duck = new TempWarehouses();
  private DuckDbQueries db;

  @Before
  public void setUp() throws Exception {
    db = duck.queries();
    // The table from the registry (one row, deleted), then the days in one statement.
    db.append(
        Tables.EVENTS_PRODUCT,
        List.of(
            RowBuilder.of(Tables.EVENTS_PRODUCT)
                .set("event_id", "seed")
                .set("event_ts", new org.joda.time.Instant(0))
                .set("event_date", LocalDate.parse("2026-09-01"))
                .set("account_id", "a1")
                .set("event_name", "x")
                .build()));
    db.execute("DELETE FROM events_product");
    db.execute(
        "INSERT INTO events_product (event_id, event_ts, event_date, account_id, event_name)"
            + " SELECT 'e' || CAST(g.d AS VARCHAR) || '-' || CAST(n.n AS VARCHAR),"
            + " CAST(g.d AS TIMESTAMP) + INTERVAL 12 HOUR, CAST(g.d AS DATE), 'a1', 'x'"
            + " FROM (SELECT unnest(generate_series(TIMESTAMP '2026-09-01', TIMESTAMP '2026-10-31',"
            + " INTERVAL 1 DAY)) AS d) g, (SELECT unnest(generate_series(1, 200)) AS n) n"
            + " WHERE n.n <= 100 + 3 * ((CAST(g.d AS DATE) - DATE '2026-09-01') % 7)");
  }

  private CheckRun check() throws Exception {
    return new DataTestRunner(
            new DuckDbCheckWarehouse(duck.warehouse()), new DuckDbWarehouseReader(duck.warehouse()))
        .runAll(NOW);
  }

  private static Map<String, DataTestResult> byName(CheckRun run) {
    return run.results().stream()
        .collect(Collectors.toMap(r -> r.test().name(), r -> r, (a, b) -> a));
  }

  @Test
  public void aFreshSteadyTablePasses() throws Exception {
    assertEquals(
        "6,634 rows = 61 days x 100 + 3 x (8 full weeks x 21 + 0+1+2+3+4)",
        6634L,
        ((Number) db.value("SELECT count(*) FROM events_product")).longValue());
    CheckRun run = check();
    Map<String, DataTestResult> r = byName(run);
    assertEquals(Status.PASS, r.get("volume_events_product_daily_rows").status());
    assertEquals(Status.PASS, r.get("source_freshness_events_product_warn_after_72h").status());
    assertEquals(Status.PASS, r.get("source_freshness_events_product_error_after_168h").status());
    assertTrue(
        run.results().stream().map(x -> x.failures().render()).toList().toString(), run.passed());
  }

  @Test
  public void aPlantedVolumeDropFailsTheCheckNamingTheDay() throws Exception {
    // 10-30 keeps 40 of its rows (it had 100 + 3 x (59 mod 7 = 3) = 109).
    db.execute(
        "DELETE FROM events_product WHERE event_date = DATE '2026-10-30'"
            + " AND CAST(split_part(event_id, '-', 4) AS INTEGER) > 40");
    CheckRun run = check();
    DataTestResult volume = byName(run).get("volume_events_product_daily_rows");
    assertEquals(Status.FAIL, volume.status());
    assertEquals(1, volume.failures().count());
    assertThat(
        volume.failures().render(), startsWith("day=2026-10-30, row_count=40, lower_limit=96.4,"));
    assertFalse(run.passed());
  }

  /**
   * The volume check through the BigQuery reader, over a fake of BigQuery's REST calls that runs
   * the dataset-qualified SQL on the same fixture (nothing ran on Google Cloud): the same failing
   * day.
   */
  @Test
  public void theVolumeCheckReadsBigQueryTheSameWay() throws Exception {
    db.execute(
        "DELETE FROM events_product WHERE event_date = DATE '2026-10-30'"
            + " AND CAST(split_part(event_id, '-', 4) AS INTEGER) > 40");
    Warehouse bigQuery = Warehouse.parse("bigquery:my-project.analytics");
    List<DataTestResult> results =
        VolumeChecks.of(MetricParameters.defaults())
            .run(
                new BigQueryWarehouseReader(
                    bigQuery, new DuckDbBigQueryCalls(bigQuery, duck.warehouse(), 2)),
                List.of(Tables.EVENTS_PRODUCT, Tables.USERS),
                NOW);
    assertEquals("only the day-partitioned table", 1, results.size());
    assertEquals(Status.FAIL, results.get(0).status());
    assertThat(
        results.get(0).failures().render(),
        startsWith("day=2026-10-30, row_count=40, lower_limit=96.4,"));
  }

  @Test
  public void aDayWithNoRowsIsADropToo() throws Exception {
    db.execute("DELETE FROM events_product WHERE event_date = DATE '2026-10-28'");
    DataTestResult volume = byName(check()).get("volume_events_product_daily_rows");
    assertEquals(Status.FAIL, volume.status());
    assertThat(
        volume.failures().render(), startsWith("day=2026-10-28, row_count=0, lower_limit=96.4,"));
  }

  @Test
  public void aPlantedStaleSourceFailsTheCheckThoughTheTableIsThere() throws Exception {
    // The source stopped on 10-20: its newest event, 10-20 12:00, is over 168 h before 11-01.
    db.execute("DELETE FROM events_product WHERE event_date > DATE '2026-10-20'");
    CheckRun run = check();
    Map<String, DataTestResult> r = byName(run);
    DataTestResult error = r.get("source_freshness_events_product_error_after_168h");
    assertEquals(Status.FAIL, error.status());
    assertEquals("newest_event_ts=2026-10-20 12:00:00.0", error.failures().render());
    assertEquals(Status.WARN, r.get("source_freshness_events_product_warn_after_72h").status());
    assertFalse(run.passed());
  }

  @Test
  public void fourDaysOldOnlyWarns() throws Exception {
    // Newest 10-28 12:00: older than 72 h (cutoff 10-29 00:00), not than 168 h (10-25 00:00).
    db.execute("DELETE FROM events_product WHERE event_date > DATE '2026-10-28'");
    Map<String, DataTestResult> r = byName(check());
    assertEquals(Status.WARN, r.get("source_freshness_events_product_warn_after_72h").status());
    assertEquals(Status.PASS, r.get("source_freshness_events_product_error_after_168h").status());
  }
}
