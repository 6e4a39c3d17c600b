package io.intelligencesuite.transforms.datatests;

import io.intelligencesuite.schemas.ColumnType;
import io.intelligencesuite.schemas.Layer;
import io.intelligencesuite.schemas.MetricParameters;
import io.intelligencesuite.schemas.Severity;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.xmr.XmrChart;
import io.intelligencesuite.transforms.xmr.XmrPoint;
import io.intelligencesuite.transforms.xmr.XmrSignal;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Volume checks: each day-partitioned staging table's rows per day, charted with the project's XmR
 * chart ({@link XmrChart}, with the dictionary's baseline and restart parameters, the same limits
 * metric_xmr uses), and each of the last {@value #JUDGED_DAYS} complete days before {@code now}
 * judged against its lower natural process limit: a day below it lost rows (a partial export, a
 * failed partition, a filter gone wrong). A day with no rows counts as 0, not as a gap: an empty
 * day is exactly the drop to catch. Only drops fail; a spike is the duplicates tests' business.
 *
 * <p>The daily counts come back through {@link WarehouseReader}, so the same SQL runs on DuckDB and
 * BigQuery; the chart is computed here because its locked baseline and restarts are not SQL.
 *
 * <p>The 31st of a table that follows the billing calendar ({@link #BILLING_CALENDAR}) is not a day
 * like the others: "A monthly subscription with a billing cycle anchor date of January 31 bills the
 * last day of the month closest to the anchor date, so February 28 (or February 29 in a leap year),
 * then March 31, April 30, and so on" (docs.stripe.com/billing/subscriptions/billing-cycle). Only
 * subscriptions anchored on the 31st renew on a 31st, and a 31st exists in 7 months of 12, so fewer
 * anchors fall on it (7/12 of another day's share), and with them fewer renewal payments,
 * period-end churns and the MRR movements ChartMogul dates at renewals. The scale-10 demo's 31sts
 * hold 0.64 of another day's payments and 0.46 of its ChartMogul activities, every one of them a
 * real row (2025-11..2026-10); judged against the chart of all days, 2026-10-31 failed on both
 * tables (payments 8 under a lower limit of 12.2, activities 2 under 5.2), and so would most 31sts
 * of 2026 have. So these tables' 31sts are left out of the chart, and a 31st fails only when it is
 * empty while its chart expects rows (a failed load); a partial load of a 31st is what this check
 * gives up.
 */
public final class VolumeChecks {
  /** Days judged, ending yesterday: a week, so a drop is reported on each daily check that week. */
  public static final int JUDGED_DAYS = 7;

  /**
   * Staging tables whose rows are dated by subscription billing days (renewal invoices, their lines
   * and payments, ChartMogul's MRR movements), which the 31st holds fewer of.
   */
  static final Set<String> BILLING_CALENDAR =
      Set.of(
          Tables.INVOICES.name(),
          Tables.INVOICE_LINES.name(),
          Tables.PAYMENTS.name(),
          Tables.CHARTMOGUL_ACTIVITIES.name());

  private final XmrChart chart;

  private VolumeChecks(XmrChart chart) {
    this.chart = chart;
  }

  /** The checks with the dictionary's XmR parameters. */
  public static VolumeChecks of(MetricParameters params) {
    return new VolumeChecks(
        new XmrChart(params.xmrBaselinePoints(), params.xmrRestartAfterRunOf8()));
  }

  /** The tables checked: staging tables partitioned by a DATE column (one partition a day). */
  public static List<TableDef> tables(List<TableDef> all) {
    return all.stream()
        .filter(t -> t.layer() == Layer.STAGING)
        .filter(
            t ->
                t.partitionColumn()
                    .flatMap(t::column)
                    .map(c -> c.type() == ColumnType.DATE)
                    .orElse(false))
        .toList();
  }

  /** The test's description: name, the daily-count SQL (unqualified), what a failure means. */
  public static DataTest test(TableDef t, Instant now) {
    return new DataTest(
        "volume_" + t.name() + "_daily_rows",
        TestKind.VOLUME,
        t.name(),
        List.of(t.partitionColumn().orElseThrow()),
        Severity.ERROR,
        dailyCounts(t, now, UnaryOperator.identity()),
        List.of(t.name()),
        "fewer rows than the XmR lower limit of the table's daily counts on the day(s) shown: a"
            + " partial or failed load of those days; rerun the source for them (--startDate/"
            + "--endDate) and compare with the source");
  }

  private static String dailyCounts(TableDef t, Instant now, UnaryOperator<String> tableName) {
    String day = t.partitionColumn().orElseThrow();
    return "SELECT "
        + day
        + " AS day, count(*) AS row_count FROM "
        + tableName.apply(t.name())
        + " WHERE "
        + day
        + " < DATE '"
        + today(now)
        + "' GROUP BY "
        + day;
  }

  private static LocalDate today(Instant now) {
    return LocalDate.ofInstant(now, ZoneOffset.UTC);
  }

  /**
   * The results for these tables; a table that does not exist is left out (its own table_loaded
   * result says so).
   */
  public List<DataTestResult> run(WarehouseReader reader, List<TableDef> tables, Instant now) {
    List<DataTestResult> results = new ArrayList<>();
    for (TableDef t : tables(tables)) {
      DataTest test = test(t, now);
      try {
        if (!reader.tableExists(t.name())) {
          continue;
        }
        results.add(judge(test, reader.rows(dailyCounts(t, now, reader::table)), now));
      } catch (IOException | RuntimeException e) {
        results.add(DataTestResult.couldNotRun(test, e));
      }
    }
    return results;
  }

  /** One table's daily counts charted and its last days judged. */
  DataTestResult judge(DataTest test, List<Map<String, Object>> counts, Instant now) {
    TreeMap<LocalDate, Long> byDay = new TreeMap<>();
    for (Map<String, Object> r : counts) {
      byDay.put((LocalDate) r.get("day"), ((Number) r.get("row_count")).longValue());
    }
    LocalDate yesterday = today(now).minusDays(1);
    boolean billingCalendar = BILLING_CALENDAR.contains(test.table());
    List<List<Object>> failing = new ArrayList<>();
    if (!byDay.isEmpty()) {
      List<LocalDate> days = new ArrayList<>();
      List<LocalDate> thirtyFirsts = new ArrayList<>();
      for (LocalDate d = byDay.firstKey(); !d.isAfter(yesterday); d = d.plusDays(1)) {
        (billingCalendar && d.getDayOfMonth() == 31 ? thirtyFirsts : days).add(d);
      }
      double[] values = days.stream().mapToDouble(d -> byDay.getOrDefault(d, 0L)).toArray();
      List<XmrPoint> points = chart.compute(values);
      LocalDate firstJudged = yesterday.minusDays(JUDGED_DAYS - 1);
      for (int i = Math.max(0, days.size() - JUDGED_DAYS); i < days.size(); i++) {
        XmrPoint p = points.get(i);
        // Only a chart whose baseline sets limits signals (XmrChart); a drop is below the lower.
        if (p.signal() == XmrSignal.BEYOND_LIMITS && p.value() < p.lowerLimit()) {
          failing.add(failure(days.get(i), p.value(), p));
        }
      }
      XmrPoint latest = points.isEmpty() ? null : points.get(points.size() - 1);
      for (LocalDate d : thirtyFirsts) {
        if (!d.isBefore(firstJudged)
            && latest != null
            && latest.lowerLimit() > 0
            && byDay.getOrDefault(d, 0L) == 0) {
          failing.add(failure(d, 0, latest));
        }
      }
    }
    failing.sort(java.util.Comparator.comparing(r -> (LocalDate) r.get(0)));
    FailingRows rows =
        new FailingRows(
            failing.size(),
            List.of("day", "row_count", "lower_limit", "centre"),
            failing.subList(0, Math.min(failing.size(), DataTestRunner.SAMPLE_SIZE)));
    return DataTestResult.of(test, rows);
  }

  /** One failing day: its count against the lower limit and centre of the chart that judged it. */
  private static List<Object> failure(LocalDate day, double count, XmrPoint chartPoint) {
    return List.of(
        day,
        (long) count,
        Math.round(chartPoint.lowerLimit() * 10) / 10.0,
        Math.round(chartPoint.centre() * 10) / 10.0);
  }
}
