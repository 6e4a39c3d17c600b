package io.intelligencesuite.reporting.dashboard;

import io.intelligencesuite.marts.reconcile.ReconciliationRules.Finding;
import io.intelligencesuite.transforms.xmr.XmrPoint;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the dashboard reads from the warehouse, in the dashboard's own vocabulary. {@link
 * WarehouseMartReader} reads it from DuckDB or BigQuery (through transforms' WarehouseReader, one
 * per warehouse); the page and the view model never see SQL. A method whose tables are missing
 * returns an empty list; the model asks {@link #hasTable} to say which command fills it.
 */
public interface MartReader {

  boolean hasTable(String table);

  /** metric_monthly, every row. */
  List<MetricValue> metricMonthly();

  /** metric_xmr, every row, in period order per metric. */
  List<ChartPoint> metricXmr();

  /** fact_cohort_retention, every row. */
  List<CohortCell> cohortRetention();

  /**
   * Funnel counts per month and channel: visitors (fact_web_visitors: the marts count each visitor
   * once a month, under the channel of its first session), leads (fact_lead by creation month), and
   * trials, activated trials and paid trials (fact_trial, all by trial-start month, so each cohort
   * reads left to right).
   */
  List<FunnelCount> funnel();

  /**
   * sessions_web per month (of the session's start) and channel: sessions, engaged sessions and
   * sessions with a conversion event; empty without the table.
   */
  List<SessionCount> sessions();

  /**
   * Average monthly events per company and feature in the 90 days before churn (or before the
   * latest usage day for paying customers): fact_usage joined with dim_customer.
   */
  List<FeatureUsage> usageBeforeChurn();

  /**
   * Companies identified by SwanAI / G2 (visitor_enrichment) with their trial behaviour, most
   * signals first.
   */
  List<EnrichedCompany> enrichedCompanies(int limit);

  /** reconciliation, every row (a row is a finding of the reconcile step). */
  List<Finding> discrepancies();

  /** The most recent `suite check` run from data_test_results, if that table exists. */
  Optional<CheckRun> latestCheckRun();

  /** The newest day the marts cover (metric_daily, else metric_monthly's last month). */
  Optional<LocalDate> dataAsOf();

  record MetricValue(String metric, LocalDate month, String dimension, double value) {}

  /**
   * One point of a metric's XmR chart (metric_xmr row): the metric, the series its chart plots (the
   * metric itself, or net_new_mrr for mrr), its period, the point (value NaN for a gap).
   */
  record ChartPoint(String metric, String series, LocalDate period, XmrPoint xmr) {}

  record CohortCell(
      LocalDate cohortMonth,
      int monthsSinceFirstPayment,
      long cohortCustomers,
      long cohortMrrCents,
      long customersRetained,
      long mrrRetainedCents) {}

  record FunnelCount(LocalDate month, String channel, FunnelStage stage, long count) {}

  record SessionCount(
      LocalDate month, String channel, long sessions, long engaged, long converted) {}

  enum FunnelStage {
    VISITORS("Visitors"),
    LEADS("Leads"),
    TRIALS("Trials"),
    ACTIVATED("Activated"),
    PAID("Paid");

    final String label;

    FunnelStage(String label) {
      this.label = label;
    }
  }

  /** group is "paying" or "churned". */
  record FeatureUsage(String group, String feature, long companies, double eventsPerCompanyMonth) {}

  record EnrichedCompany(
      String domain,
      String name,
      String providers,
      long signals,
      String intentTopics,
      Double topScore,
      LocalDate lastSeen,
      boolean trialStarted,
      boolean activated,
      boolean converted) {}

  /** One check run: when, counts by status, and the tests that did not pass. */
  record CheckRun(
      String checkedAt, long passed, long warned, long failed, List<String> notPassing) {}
}
