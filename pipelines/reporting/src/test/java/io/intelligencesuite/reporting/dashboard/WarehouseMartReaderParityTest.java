package io.intelligencesuite.reporting.dashboard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.reporting.dashboard.MartReader.FunnelStage;
import io.intelligencesuite.transforms.datatests.BigQueryWarehouseReader;
import io.intelligencesuite.transforms.datatests.DuckDbWarehouseReader;
import io.intelligencesuite.transforms.testing.DuckDbBigQueryCalls;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The dashboard reads the same numbers from BigQuery as from DuckDB: one fixture (DashboardFixture,
 * every mart the dashboard reads), read once through the DuckDB reader and once through the
 * BigQuery reader over {@link DuckDbBigQueryCalls}, a fake of BigQuery's REST calls that runs the
 * SQL sent to BigQuery on the same fixture and answers in BigQuery's wire format (string cells,
 * epoch-second timestamps, two rows a page). Every {@link MartReader} method's result is compared,
 * and then the whole rendered page.
 *
 * <p>What this cannot show (see DuckDbBigQueryCalls): that BigQuery itself accepts the SQL and
 * gives the same types and NULL ordering (DuckDB runs it), pagination by size, slow jobs, quotas,
 * retries and credentials. Nothing here ran on Google Cloud.
 */
public class WarehouseMartReaderParityTest {
  private static final Warehouse BIGQUERY = Warehouse.parse("bigquery:my-project.analytics");

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  private Warehouse duckDb;
  private DuckDbBigQueryCalls calls;
  private MartReader onDuckDb;
  private MartReader onBigQuery;

  @Before
  public void setUp() throws Exception {
    duckDb = Warehouse.parse("duckdb:" + tmp.getRoot().toPath().resolve("w.duckdb"));
    DashboardFixture.fill(new DuckDbQueries(duckDb));
    calls = new DuckDbBigQueryCalls(BIGQUERY, duckDb, 2);
    onDuckDb = new WarehouseMartReader(new DuckDbWarehouseReader(duckDb));
    onBigQuery = new WarehouseMartReader(new BigQueryWarehouseReader(BIGQUERY, calls));
  }

  @After
  public void tearDown() {
    DuckDbConnections.close(duckDb.duckDbPath());
  }

  @Test
  public void everyFigureTheDashboardReadsIsTheSameOnBothWarehouses() {
    for (String table :
        List.of("metric_monthly", "fact_trial", "data_test_results", "metric_weekly")) {
      assertEquals(table, onDuckDb.hasTable(table), onBigQuery.hasTable(table));
    }
    assertFalse(onBigQuery.hasTable("metric_weekly"));

    // Each list is compared whole (records: every field, doubles exactly), and is not empty, so
    // an empty read on both sides cannot pass.
    assertSame("metric_monthly", onDuckDb.metricMonthly(), onBigQuery.metricMonthly());
    assertSame("metric_xmr", onDuckDb.metricXmr(), onBigQuery.metricXmr());
    assertSame("cohorts", onDuckDb.cohortRetention(), onBigQuery.cohortRetention());
    assertSame("funnel", sorted(onDuckDb.funnel()), sorted(onBigQuery.funnel()));
    assertSame("usage", onDuckDb.usageBeforeChurn(), onBigQuery.usageBeforeChurn());
    assertSame("sessions", onDuckDb.sessions(), onBigQuery.sessions());
    assertSame("enriched", onDuckDb.enrichedCompanies(10), onBigQuery.enrichedCompanies(10));
    assertSame("discrepancies", onDuckDb.discrepancies(), onBigQuery.discrepancies());
    assertEquals(onDuckDb.latestCheckRun(), onBigQuery.latestCheckRun());
    assertEquals(onDuckDb.dataAsOf(), onBigQuery.dataAsOf());

    // A few by hand, so "the same" is also "right". Funnel, all March 2026: leads l1, l2, l3
    // organic = 3 and l4 paid = 1; trials t1, t2 organic = 2, of which t1 paid.
    List<MartReader.FunnelCount> funnel = onBigQuery.funnel();
    assertEquals(3, count(funnel, FunnelStage.LEADS, "organic_search"));
    assertEquals(1, count(funnel, FunnelStage.LEADS, "paid_search"));
    assertEquals(2, count(funnel, FunnelStage.TRIALS, "organic_search"));
    assertEquals(1, count(funnel, FunnelStage.PAID, "organic_search"));
    assertTrue(funnel.stream().allMatch(f -> f.month().equals(LocalDate.of(2026, 3, 1))));
    // The newest check run: r1 at 2026-04-01 08:00 UTC, one pass and one warn.
    MartReader.CheckRun run = onBigQuery.latestCheckRun().orElseThrow();
    assertEquals("2026-04-01T08:00:00Z", run.checkedAt());
    assertEquals(1, run.passed());
    assertEquals(1, run.warned());
    assertEquals(LocalDate.of(2026, 3, 31), onBigQuery.dataAsOf().orElseThrow());

    // Every query named its tables with the dataset (the fake refuses bare names), and the
    // readers followed page tokens (two rows a page; metric_monthly alone has 26 rows).
    assertThat(calls.queries.size(), greaterThan(10));
    for (String sql : calls.queries) {
      assertThat(sql, containsString("`my-project.analytics."));
    }
    assertThat(calls.pageReads, greaterThan(10));
  }

  @Test
  public void theRenderedDashboardIsTheSameOnBothWarehouses() {
    Instant now = Instant.parse("2026-04-02T08:00:00Z");
    String fromDuckDb = Dashboard.render(onDuckDb, now);
    assertEquals(fromDuckDb, Dashboard.render(onBigQuery, now));
    assertThat(fromDuckDb, containsString("Oak School"));
  }

  private static <T> void assertSame(String what, List<T> duckDb, List<T> bigQuery) {
    assertFalse(what + " read nothing from the fixture", duckDb.isEmpty());
    assertEquals(what, duckDb, bigQuery);
  }

  /** The funnel is a UNION ALL, whose row order neither warehouse promises. */
  private static List<MartReader.FunnelCount> sorted(List<MartReader.FunnelCount> funnel) {
    return funnel.stream()
        .sorted(
            java.util.Comparator.comparing(MartReader.FunnelCount::stage)
                .thenComparing(MartReader.FunnelCount::channel)
                .thenComparing(MartReader.FunnelCount::month))
        .toList();
  }

  private static long count(List<MartReader.FunnelCount> funnel, FunnelStage stage, String ch) {
    return funnel.stream()
        .filter(f -> f.stage() == stage && f.channel().equals(ch))
        .mapToLong(MartReader.FunnelCount::count)
        .sum();
  }
}
