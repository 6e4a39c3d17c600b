package io.intelligencesuite.transforms.datatests;

import io.intelligencesuite.schemas.ColumnType;
import io.intelligencesuite.schemas.Layer;
import io.intelligencesuite.schemas.MetricParameters;
import io.intelligencesuite.schemas.Severity;
import io.intelligencesuite.schemas.TableDef;
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
 */
public final class VolumeChecks {
  /** Days judged, ending yesterday: a week, so a drop is reported on each daily check that week. */
  public static final int JUDGED_DAYS = 7;

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
    List<List<Object>> failing = new ArrayList<>();
    if (!byDay.isEmpty()) {
      List<LocalDate> days = new ArrayList<>();
      for (LocalDate d = byDay.firstKey(); !d.isAfter(yesterday); d = d.plusDays(1)) {
        days.add(d);
      }
      double[] values = days.stream().mapToDouble(d -> byDay.getOrDefault(d, 0L)).toArray();
      List<XmrPoint> points = chart.compute(values);
      for (int i = Math.max(0, days.size() - JUDGED_DAYS); i < days.size(); i++) {
        XmrPoint p = points.get(i);
        // Only a chart whose baseline sets limits signals (XmrChart); a drop is below the lower.
        if (p.signal() == XmrSignal.BEYOND_LIMITS && p.value() < p.lowerLimit()) {
          failing.add(
              List.of(
                  days.get(i),
                  (long) p.value(),
                  Math.round(p.lowerLimit() * 10) / 10.0,
                  Math.round(p.centre() * 10) / 10.0));
        }
      }
    }
    FailingRows rows =
        new FailingRows(
            failing.size(),
            List.of("day", "row_count", "lower_limit", "centre"),
            failing.subList(0, Math.min(failing.size(), DataTestRunner.SAMPLE_SIZE)));
    return DataTestResult.of(test, rows);
  }
}
