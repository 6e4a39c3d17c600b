package io.intelligencesuite.reporting.dashboard;

import io.intelligencesuite.marts.reconcile.ReconciliationRules.Finding;
import io.intelligencesuite.schemas.SubscriptionStatuses;
import io.intelligencesuite.transforms.datatests.WarehouseReader;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import io.intelligencesuite.transforms.xmr.XmrPoint;
import io.intelligencesuite.transforms.xmr.XmrSignal;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link MartReader} over either warehouse, through a {@link WarehouseReader}: DuckDB for the
 * embedded file, BigQuery for {@code --warehouse=bigquery:PROJECT.DATASET}. Each query is written
 * once, in SQL both read the same way (BigQuery standard SQL that DuckDB also runs: {@code
 * COUNTIF(x) > 0} rather than DuckDB's {@code bool_or} or BigQuery's {@code LOGICAL_OR}, {@code
 * date - n} days, month starts from {@code EXTRACT(DAY ...)}), with tables named by {@link #t},
 * which qualifies them with the dataset on BigQuery. WarehouseMartReaderParityTest runs every query
 * on both readers over one fixture.
 */
public final class WarehouseMartReader implements MartReader {
  private final WarehouseReader warehouse;
  private final Map<String, Boolean> tables = new HashMap<>();

  public WarehouseMartReader(WarehouseReader warehouse) {
    this.warehouse = warehouse;
  }

  /** The marts of the warehouse {@code --warehouse} names (BigQuery with default credentials). */
  public static MartReader of(Warehouse warehouse) throws IOException {
    return new WarehouseMartReader(WarehouseReader.open(warehouse));
  }

  @Override
  public boolean hasTable(String table) {
    return tables.computeIfAbsent(
        table,
        name -> {
          try {
            return warehouse.tableExists(name);
          } catch (IOException e) {
            throw new IllegalStateException(
                "Cannot tell whether " + name + " exists: " + e.getMessage(), e);
          }
        });
  }

  /** The table as this warehouse's SQL names it. */
  private String t(String table) {
    return warehouse.table(table);
  }

  @Override
  public List<MetricValue> metricMonthly() {
    return queryIfPresent(
        "metric_monthly",
        "SELECT metric, month, dimension, value FROM "
            + t("metric_monthly")
            + " WHERE value IS NOT NULL "
            + "ORDER BY metric, dimension, month",
        r ->
            new MetricValue(
                str(r, "metric"), date(r.get("month")), str(r, "dimension"), num(r, "value")));
  }

  @Override
  public List<ChartPoint> metricXmr() {
    return queryIfPresent(
        "metric_xmr",
        "SELECT * FROM " + t("metric_xmr") + " ORDER BY metric, period",
        r ->
            new ChartPoint(
                str(r, "metric"),
                // A warehouse written before metric_xmr.series existed charted the metric itself.
                r.get("series") == null ? str(r, "metric") : str(r, "series"),
                date(r.get("period")),
                new XmrPoint(
                    num(r, "value"),
                    num(r, "centre"),
                    num(r, "lower_limit"),
                    num(r, "upper_limit"),
                    nullableNum(r, "moving_range"),
                    num(r, "upper_range_limit"),
                    XmrSignal.fromCode(str(r, "signal")),
                    str(r, "note"))));
  }

  @Override
  public List<CohortCell> cohortRetention() {
    return queryIfPresent(
        "fact_cohort_retention",
        "SELECT * FROM "
            + t("fact_cohort_retention")
            + " ORDER BY cohort_month, months_since_first_payment",
        r ->
            new CohortCell(
                date(r.get("cohort_month")),
                (int) lng(r, "months_since_first_payment"),
                lng(r, "cohort_customers"),
                lng(r, "cohort_mrr_cents"),
                lng(r, "customers_retained"),
                lng(r, "mrr_retained_cents")));
  }

  @Override
  public List<FunnelCount> funnel() {
    List<String> parts = new ArrayList<>();
    // The marts classify each visitor's channel (Channels); the dashboard only reads the counts.
    if (hasTable("fact_web_visitors")) {
      parts.add(
          "SELECT month, channel, 'VISITORS' AS stage, visitors AS n FROM "
              + t("fact_web_visitors"));
    }
    // Month starts as the day minus (day of month - 1): both dialects read it alike (DuckDB's
    // date_trunc('month', x) and BigQuery's DATE_TRUNC(x, MONTH) take their arguments in
    // opposite orders). Timestamps are UTC on both.
    String byMonth =
        "SELECT DATE(%1$s) - CAST(EXTRACT(DAY FROM %1$s) - 1 AS INTEGER) AS month,"
            + " coalesce(channel, 'unknown') AS channel, '%2$s' AS stage, count(*) AS n FROM %3$s%4$s"
            + " GROUP BY 1, 2";
    if (hasTable("fact_lead")) {
      parts.add(byMonth.formatted("created_at", "LEADS", t("fact_lead"), ""));
    }
    if (hasTable("fact_trial")) {
      parts.add(byMonth.formatted("started_at", "TRIALS", t("fact_trial"), ""));
      parts.add(
          byMonth.formatted(
              "started_at", "ACTIVATED", t("fact_trial"), " WHERE activated_at IS NOT NULL"));
      parts.add(
          byMonth.formatted(
              "started_at", "PAID", t("fact_trial"), " WHERE converted_at IS NOT NULL"));
    }
    if (parts.isEmpty()) {
      return List.of();
    }
    return query(
        String.join("\nUNION ALL\n", parts),
        r ->
            new FunnelCount(
                date(r.get("month")),
                str(r, "channel"),
                FunnelStage.valueOf(str(r, "stage")),
                lng(r, "n")));
  }

  @Override
  public List<SessionCount> sessions() {
    if (!hasTable("sessions_web")) {
      return List.of();
    }
    // The marts classify each session's channel (Channels); the month start as in funnel().
    return query(
        "SELECT session_date - CAST(EXTRACT(DAY FROM session_date) - 1 AS INTEGER) AS month,"
            + " coalesce(channel, 'unknown') AS channel, count(*) AS sessions,"
            + " COUNTIF(engaged) AS engaged, COUNTIF(converted) AS converted FROM "
            + t("sessions_web")
            + " GROUP BY 1, 2 ORDER BY 1, 2",
        r ->
            new SessionCount(
                date(r.get("month")),
                str(r, "channel"),
                lng(r, "sessions"),
                lng(r, "engaged"),
                lng(r, "converted")));
  }

  @Override
  public List<FeatureUsage> usageBeforeChurn() {
    if (!hasTable("fact_usage") || !hasTable("dim_customer")) {
      return List.of();
    }
    // A company counts once per group; its window is the 90 days before churn, or before the
    // newest usage day while it still pays. Companies with no usage count as zero.
    return query(
        """
        WITH latest AS (SELECT max(date) AS d FROM %2$s),
        per_company AS (
          SELECT company_id, COUNTIF(%1$s) > 0 AS is_paying,
                 CAST(max(churned_at) AS DATE) AS churned_on
          FROM %3$s WHERE company_id IS NOT NULL GROUP BY company_id),
        cust AS (
          SELECT p.company_id, CASE WHEN p.is_paying THEN 'paying' ELSE 'churned' END AS grp,
                 CASE WHEN p.is_paying THEN l.d ELSE p.churned_on END AS end_date
          FROM per_company p CROSS JOIN latest l),
        sizes AS (SELECT grp, count(*) AS companies FROM cust GROUP BY grp),
        used AS (
          SELECT c.grp, u.feature, sum(u.events) AS events
          FROM cust c JOIN %2$s u ON u.company_id = c.company_id
           AND u.date > c.end_date - 90 AND u.date <= c.end_date
          GROUP BY 1, 2)
        SELECT u.grp, u.feature, s.companies, u.events / s.companies / 3.0 AS per_month
        FROM used u JOIN sizes s ON s.grp = u.grp ORDER BY u.feature, u.grp"""
            .formatted(
                SubscriptionStatuses.payingSql("status"), t("fact_usage"), t("dim_customer")),
        r ->
            new FeatureUsage(
                str(r, "grp"), str(r, "feature"), lng(r, "companies"), num(r, "per_month")));
  }

  @Override
  public List<EnrichedCompany> enrichedCompanies(int limit) {
    if (!hasTable("visitor_enrichment")) {
      return List.of();
    }
    boolean trials = hasTable("fact_trial") && hasTable("dim_company");
    String trialJoin =
        trials
            ? """
        LEFT JOIN (
          SELECT d.domain, true AS started, COUNTIF(t.activated_at IS NOT NULL) > 0 AS activated,
                 COUNTIF(t.converted_at IS NOT NULL) > 0 AS converted
          FROM %s t JOIN %s d ON d.company_id = t.company_id
          WHERE d.domain IS NOT NULL GROUP BY d.domain) t ON t.domain = e.domain"""
                .formatted(t("fact_trial"), t("dim_company"))
            : "";
    String trialCols =
        trials
            ? "coalesce(t.started, false) AS started, coalesce(t.activated, false) AS activated, coalesce(t.converted, false) AS converted"
            : "false AS started, false AS activated, false AS converted";
    return query(
        """
        WITH e AS (
          SELECT lower(company_domain) AS domain, any_value(company_name) AS name,
                 string_agg(DISTINCT provider, ', ' ORDER BY provider) AS providers, count(*) AS signals,
                 string_agg(DISTINCT intent_topic, ', ' ORDER BY intent_topic) AS topics,
                 max(score) AS top_score, CAST(max(observed_at) AS DATE) AS last_seen
          FROM %s WHERE company_domain IS NOT NULL GROUP BY 1)
        SELECT e.*, %s FROM e %s
        ORDER BY converted, e.signals DESC, e.domain LIMIT %d"""
            .formatted(t("visitor_enrichment"), trialCols, trialJoin, limit),
        r ->
            new EnrichedCompany(
                str(r, "domain"),
                str(r, "name"),
                str(r, "providers"),
                lng(r, "signals"),
                str(r, "topics"),
                nullableNum(r, "top_score"),
                date(r.get("last_seen")),
                Boolean.TRUE.equals(r.get("started")),
                Boolean.TRUE.equals(r.get("activated")),
                Boolean.TRUE.equals(r.get("converted"))));
  }

  @Override
  public List<Finding> discrepancies() {
    return queryIfPresent(
        "reconciliation",
        "SELECT * FROM " + t("reconciliation") + " ORDER BY month, check_name, customer_id",
        r ->
            new Finding(
                str(r, "check_name"),
                str(r, "customer_id"),
                str(r, "company_id"),
                date(r.get("month")),
                str(r, "source_a"),
                str(r, "value_a"),
                str(r, "source_b"),
                str(r, "value_b"),
                nullableNum(r, "difference"),
                str(r, "likely_cause")));
  }

  @Override
  public Optional<CheckRun> latestCheckRun() {
    if (!hasTable("data_test_results")) {
      return Optional.empty();
    }
    // Read by column label so a renamed optional column costs a blank, not the whole section.
    List<Map<String, Object>> rows =
        query(
            "SELECT * FROM %1$s WHERE checked_at = (SELECT max(checked_at) FROM %1$s)"
                .formatted(t("data_test_results")),
            Function.identity());
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    long passed = 0;
    long warned = 0;
    long failed = 0;
    List<String> notPassing = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      String status = String.valueOf(r.get("status")).toLowerCase(Locale.ROOT);
      switch (status) {
        case "pass" -> passed++;
        case "warn" -> warned++;
        default -> failed++;
      }
      if (!status.equals("pass")) {
        Object name = first(r, "test_name", "test", "name");
        Object table = first(r, "table_name", "table", "target_table");
        Object failing = first(r, "failing_rows", "failures");
        notPassing.add(
            status.toUpperCase(Locale.ROOT)
                + " "
                + (name == null ? "(unnamed test)" : name)
                + (table == null ? "" : " on " + table)
                + (failing == null ? "" : ": " + failing + " failing rows"));
      }
    }
    return Optional.of(
        new CheckRun(
            String.valueOf(rows.get(0).get("checked_at")), passed, warned, failed, notPassing));
  }

  @Override
  public Optional<LocalDate> dataAsOf() {
    if (hasTable("metric_daily")) {
      List<LocalDate> d =
          query("SELECT max(date) AS d FROM " + t("metric_daily"), r -> date(r.get("d")));
      if (!d.isEmpty() && d.get(0) != null) {
        return Optional.of(d.get(0));
      }
    }
    if (hasTable("metric_monthly")) {
      List<LocalDate> d =
          query("SELECT max(month) AS d FROM " + t("metric_monthly"), r -> date(r.get("d")));
      if (!d.isEmpty() && d.get(0) != null) {
        return Optional.of(d.get(0).plusMonths(1).minusDays(1));
      }
    }
    return Optional.empty();
  }

  /** The query's rows, or none when the table is not in the file (its mart was not built). */
  private <T> List<T> queryIfPresent(
      String table, String sql, Function<Map<String, Object>, T> mapper) {
    return hasTable(table) ? query(sql, mapper) : List.of();
  }

  private <T> List<T> query(String sql, Function<Map<String, Object>, T> mapper) {
    try {
      List<T> out = new ArrayList<>();
      for (Map<String, Object> row : warehouse.rows(sql)) {
        out.add(mapper.apply(row));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(
          "Dashboard query failed (is a mart from an older registry? rerun ./suite run marts): "
              + e.getMessage(),
          e);
    }
  }

  private static Object first(Map<String, Object> row, String... names) {
    for (String n : names) {
      if (row.get(n) != null) {
        return row.get(n);
      }
    }
    return null;
  }

  private static String str(Map<String, Object> r, String col) {
    Object v = r.get(col);
    return v == null ? null : v.toString();
  }

  private static double num(Map<String, Object> r, String col) {
    Double v = nullableNum(r, col);
    return v == null ? Double.NaN : v;
  }

  private static Double nullableNum(Map<String, Object> r, String col) {
    Object v = r.get(col);
    return v == null ? null : ((Number) v).doubleValue();
  }

  private static long lng(Map<String, Object> r, String col) {
    Object v = r.get(col);
    return v == null ? 0 : ((Number) v).longValue();
  }

  /** A DATE as is, a TIMESTAMP (an Instant, UTC) as its UTC day. */
  static LocalDate date(Object v) {
    if (v instanceof Instant t) {
      return t.atZone(ZoneOffset.UTC).toLocalDate();
    }
    return (LocalDate) v;
  }
}
