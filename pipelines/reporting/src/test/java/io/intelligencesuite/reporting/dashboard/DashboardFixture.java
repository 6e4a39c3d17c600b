package io.intelligencesuite.reporting.dashboard;

import io.intelligencesuite.schemas.DuckDbDdl;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;

/**
 * A fixture warehouse with hand-made rows in every mart the dashboard reads (figures in
 * DashboardTest).
 */
final class DashboardFixture {
  private DashboardFixture() {}

  static void create(DuckDbQueries db, TableDef... tables) throws Exception {
    for (TableDef t : tables) {
      db.execute(DuckDbDdl.createTable(t));
    }
  }

  /**
   * Three months of company metrics, an XmR series with a run-of-8 signal, and one row of every
   * other mart.
   */
  static void fill(DuckDbQueries db) throws Exception {
    create(
        db,
        Tables.METRIC_MONTHLY,
        Tables.METRIC_DAILY,
        Tables.METRIC_XMR,
        Tables.FACT_COHORT_RETENTION,
        Tables.FACT_TRIAL,
        Tables.FACT_LEAD,
        Tables.FACT_WEB_VISITORS,
        Tables.SESSIONS_WEB,
        Tables.FACT_USAGE,
        Tables.DIM_CUSTOMER,
        Tables.DIM_COMPANY,
        Tables.VISITOR_ENRICHMENT,
        Tables.RECONCILIATION);
    db.execute(
        """
        INSERT INTO metric_monthly VALUES
          ('mrr', DATE '2026-01-01', 'all', 1000000), ('mrr', DATE '2026-02-01', 'all', 1200000), ('mrr', DATE '2026-03-01', 'all', 1260000),
          ('arr', DATE '2026-02-01', 'all', 14400000), ('arr', DATE '2026-03-01', 'all', 15120000),
          ('customers', DATE '2026-02-01', 'all', 40), ('customers', DATE '2026-03-01', 'all', 42),
          ('arpa', DATE '2026-02-01', 'all', 30000), ('arpa', DATE '2026-03-01', 'all', 30000),
          ('net_mrr_churn_rate', DATE '2026-02-01', 'all', 0.02), ('net_mrr_churn_rate', DATE '2026-03-01', 'all', 0.015),
          ('new_mrr', DATE '2026-03-01', 'all', 50000), ('expansion_mrr', DATE '2026-03-01', 'all', 20000),
          ('reactivation_mrr', DATE '2026-03-01', 'all', 0), ('contraction_mrr', DATE '2026-03-01', 'all', -5000),
          ('churned_mrr', DATE '2026-03-01', 'all', -5000), ('net_new_mrr', DATE '2026-03-01', 'all', 60000),
          ('net_new_mrr', DATE '2026-02-01', 'all', 200000),
          ('trial_conversion_rate', DATE '2026-02-01', 'all', 0.25), ('trial_conversion_rate', DATE '2026-03-01', 'all', 0.2),
          ('lqi', DATE '2026-02-01', 'all', 52.0), ('lqi', DATE '2026-03-01', 'all', 55.5),
          ('activation_rate', DATE '2026-02-01', 'all', 0.5), ('activation_rate', DATE '2026-03-01', 'all', 0.5),
          ('feature_adoption_rate', DATE '2026-03-01', 'feature:attendance', 0.8), ('feature_adoption_rate', DATE '2026-03-01', 'feature:gradebook', 0.45)""");
    db.execute("INSERT INTO metric_daily VALUES ('mrr', DATE '2026-03-31', 'all', 1260000)");
    // lqi: 8 months at 50 with limits 40..60, the last 8 flagged run_of_8 would be too many: flag
    // only the last.
    StringBuilder xmr = new StringBuilder("INSERT INTO metric_xmr VALUES ");
    for (int i = 1; i <= 9; i++) {
      xmr.append(i > 1 ? ", " : "")
          .append("('lqi', DATE '2025-")
          .append(String.format("%02d", i))
          .append("-01', ")
          .append(i == 9 ? 58.5 : 50.0)
          .append(", 50, 40, 60, ")
          .append(i == 1 ? "NULL" : "1")
          .append(", 12.3, '")
          .append(i == 9 ? "run_of_8" : "none")
          .append("', 'lqi', NULL)");
    }
    db.execute(xmr.toString());
    db.execute(
        """
        INSERT INTO fact_cohort_retention VALUES
          (DATE '2026-01-01', 0, 4, 100000, 4, 100000), (DATE '2026-01-01', 1, 4, 100000, 3, 110000)""");
    db.execute(
        """
        INSERT INTO fact_trial (trial_id, company_id, started_at, trial_ends_at, activated_at, converted_at, channel) VALUES
          ('t1', 'co1', TIMESTAMP '2026-03-02 10:00:00', TIMESTAMP '2026-03-16 10:00:00', TIMESTAMP '2026-03-05 10:00:00', TIMESTAMP '2026-03-20 10:00:00', 'organic_search'),
          ('t2', 'co2', TIMESTAMP '2026-03-03 10:00:00', TIMESTAMP '2026-03-17 10:00:00', NULL, NULL, 'organic_search'),
          ('t3', 'co3', TIMESTAMP '2026-03-04 10:00:00', TIMESTAMP '2026-03-18 10:00:00', TIMESTAMP '2026-03-06 10:00:00', NULL, 'paid_search')""");
    db.execute(
        """
        INSERT INTO fact_lead (lead_id, created_at, channel, is_qualified) VALUES
          ('l1', TIMESTAMP '2026-03-01 09:00:00', 'organic_search', true), ('l2', TIMESTAMP '2026-03-01 09:30:00', 'organic_search', false),
          ('l3', TIMESTAMP '2026-03-02 09:00:00', 'organic_search', true), ('l4', TIMESTAMP '2026-03-02 11:00:00', 'paid_search', true)""");
    // Five sessions (DashboardTest's marketing figures; SessionsWebTest covers how they are built).
    db.execute(
        """
        INSERT INTO sessions_web (session_id, user_pseudo_id, session_start, session_date, channel,
          engaged, events, converted) VALUES
          ('s1', 'd1', TIMESTAMP '2026-03-02 09:00:00', DATE '2026-03-02', 'paid_search', true, 3, true),
          ('s2', 'd2', TIMESTAMP '2026-03-03 09:00:00', DATE '2026-03-03', 'paid_search', true, 2, false),
          ('s3', 'd3', TIMESTAMP '2026-03-04 09:00:00', DATE '2026-03-04', 'paid_search', false, 1, false),
          ('s4', 'd4', TIMESTAMP '2026-02-10 09:00:00', DATE '2026-02-10', 'paid_search', true, 4, true),
          ('s5', 'd5', TIMESTAMP '2026-03-05 09:00:00', DATE '2026-03-05', 'email', true, 2, false)""");
    // The marts' visitor counts (WebVisitorsTest covers how they classify and count sessions).
    db.execute(
        """
        INSERT INTO fact_web_visitors VALUES
          (DATE '2026-03-01', 'organic_search', 1), (DATE '2026-03-01', 'paid_search', 1)""");
    db.execute(
        """
        INSERT INTO dim_customer (customer_id, company_id, mrr_cents, status, churned_at) VALUES
          ('cus_1', 'co1', 30000, 'active', NULL), ('cus_2', 'co2', 0, 'churned', TIMESTAMP '2026-03-10 00:00:00')""");
    db.execute(
        """
        INSERT INTO fact_usage VALUES
          ('co1', 'attendance', DATE '2026-03-30', 90, 3), ('co2', 'attendance', DATE '2026-03-01', 30, 1),
          ('co2', 'attendance', DATE '2025-10-01', 999, 1)""");
    db.execute(
        """
        INSERT INTO dim_company (company_id, name, domain, is_customer) VALUES ('co1', 'Oak School', 'oak.edu', true)""");
    db.execute(
        """
        INSERT INTO visitor_enrichment (signal_id, observed_at, provider, company_domain, company_name, signal_type, intent_topic, score) VALUES
          ('s1', TIMESTAMP '2026-03-01 10:00:00', 'swanai', 'oak.edu', 'Oak School', 'visit', NULL, 0.9),
          ('s2', TIMESTAMP '2026-03-05 10:00:00', 'g2', 'oak.edu', 'Oak School', 'intent', 'school management', 77)""");
    db.execute(
        """
        INSERT INTO reconciliation VALUES ('stripe_vs_chartmogul_mrr', 'cus_1', 'co1', DATE '2026-03-01', 'stripe', '30000',
          'chartmogul', '27000', 3000, 'A manual adjustment in ChartMogul that Stripe never billed')""");
    db.execute(
        """
        CREATE TABLE data_test_results (run_id VARCHAR, checked_at TIMESTAMP, test_name VARCHAR, table_name VARCHAR,
          severity VARCHAR, status VARCHAR, failing_rows BIGINT);
        INSERT INTO data_test_results VALUES
          ('old', TIMESTAMP '2026-03-30 08:00:00', 'unique', 'fact_trial', 'error', 'fail', 4),
          ('r1', TIMESTAMP '2026-04-01 08:00:00', 'unique', 'fact_trial', 'error', 'pass', 0),
          ('r1', TIMESTAMP '2026-04-01 08:00:00', 'freshness', 'events_web', 'warn', 'warn', 1)""");
  }

  /** Occurrences of {@code part} in {@code s}. */
  static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
