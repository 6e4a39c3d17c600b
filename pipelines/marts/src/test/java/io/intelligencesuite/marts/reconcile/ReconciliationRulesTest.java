package io.intelligencesuite.marts.reconcile;

import static io.intelligencesuite.marts.reconcile.ReconciliationRules.BACKEND_VS_STRIPE_PLAN;
import static io.intelligencesuite.marts.reconcile.ReconciliationRules.BACKEND_VS_STRIPE_STATUS;
import static io.intelligencesuite.marts.reconcile.ReconciliationRules.STRIPE_VS_CHARTMOGUL_MRR;
import static io.intelligencesuite.marts.reconcile.ReconciliationRules.STRIPE_VS_CHARTMOGUL_PAYING;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.marts.reconcile.ReconciliationRules.BackendAccount;
import io.intelligencesuite.marts.reconcile.ReconciliationRules.CustomerInputs;
import io.intelligencesuite.marts.reconcile.ReconciliationRules.Finding;
import io.intelligencesuite.marts.reconcile.ReconciliationRules.Movement;
import io.intelligencesuite.marts.reconcile.ReconciliationRules.StripeSubscription;
import io.intelligencesuite.schemas.Tables;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.Test;

/**
 * The comparison rules on hand-made customers; every expected figure is worked out in the comments.
 */
public class ReconciliationRulesTest {
  private static final YearMonth AUG_2026 = YearMonth.of(2026, 8);

  private static Movement mv(String date, long delta) {
    return new Movement(LocalDate.parse(date), delta);
  }

  private static CustomerInputs mrrOnly(List<Movement> stripe, List<Movement> chartMogul) {
    return new CustomerInputs("cus_1", "co_1", stripe, chartMogul, List.of(), null);
  }

  @Test
  public void sourcesThatAgreeAtEveryMonthEndGiveNoRows() {
    // ChartMogul books the expansion a day later, still in February: both month ends agree
    // (Jan 10,000 = 10,000; Feb 12,000 = 12,000; churn to 0 in June on both).
    CustomerInputs in =
        mrrOnly(
            List.of(mv("2026-01-05", 10_000), mv("2026-02-10", 2_000), mv("2026-06-30", -12_000)),
            List.of(mv("2026-01-05", 10_000), mv("2026-02-11", 2_000), mv("2026-06-30", -12_000)));
    assertEquals(List.of(), ReconciliationRules.reconcile(in, AUG_2026));
  }

  @Test
  public void aMissedExpansionIsOneRowInTheMonthItStarted() {
    // Stripe: 10,000 (Jan) -> 13,500 (Mar) -> 0 (Jun 30). ChartMogul never saw the +3,500:
    // 10,000 -> 0. Month-end differences: Jan 0, Feb 0, Mar 3,500, Apr 3,500, May 3,500, Jun 0.
    CustomerInputs in =
        mrrOnly(
            List.of(mv("2026-01-05", 10_000), mv("2026-03-03", 3_500), mv("2026-06-30", -13_500)),
            List.of(mv("2026-01-05", 10_000), mv("2026-06-30", -10_000)));
    List<Finding> f = ReconciliationRules.compareMrr(in, AUG_2026);
    assertEquals(1, f.size());
    Finding row = f.get(0);
    assertEquals(STRIPE_VS_CHARTMOGUL_MRR, row.checkName());
    assertEquals(LocalDate.of(2026, 3, 1), row.month());
    assertEquals("13500", row.valueA());
    assertEquals("10000", row.valueB());
    assertEquals(3_500.0, row.difference(), 0);
    assertThat(row.likelyCause(), containsString("missed this month's expansion"));
    assertThat(row.likelyCause(), containsString("the same gap for 3 month ends)"));
  }

  @Test
  public void roundingIsNotADisagreementButAnythingBeyondItIs() {
    // Both 9,800 from January. In March Stripe's side rebuilds a prorated rate as 9,857 (57 cents,
    // 0.58% of 9,857: within 1% and within the 100-cent cap) -> no row. In May Stripe adds 700
    // (10,557 vs 9,800: 757 cents, 7.2%) -> one row, with the whole difference. On a 40,000 base a
    // 150-cent gap is 0.375% but over the 100-cent cap -> a row (July).
    CustomerInputs in =
        mrrOnly(
            List.of(mv("2026-01-05", 9_800), mv("2026-03-05", 57), mv("2026-05-05", 700)),
            List.of(mv("2026-01-05", 9_800)));
    List<Finding> f = ReconciliationRules.compareMrr(in, YearMonth.of(2026, 6));
    assertEquals(1, f.size());
    assertEquals(LocalDate.of(2026, 5, 1), f.get(0).month());
    assertEquals(757.0, f.get(0).difference(), 0);

    CustomerInputs large =
        mrrOnly(
            List.of(mv("2026-01-05", 40_000), mv("2026-07-05", 150)),
            List.of(mv("2026-01-05", 40_000)));
    List<Finding> g = ReconciliationRules.compareMrr(large, YearMonth.of(2026, 7));
    assertEquals(1, g.size());
    assertEquals(LocalDate.of(2026, 7, 1), g.get(0).month());
  }

  @Test
  public void aNewCustomerSyncedDaysLateIsATimingRowInTheFirstMonthOnly() {
    // Stripe: new 5,000 on 30 June; ChartMogul: on 3 July. June end: 5,000 vs 0 (paying in Stripe
    // only); July end: 5,000 vs 5,000.
    CustomerInputs in = mrrOnly(List.of(mv("2025-06-30", 5_000)), List.of(mv("2025-07-03", 5_000)));
    List<Finding> f = ReconciliationRules.compareMrr(in, YearMonth.of(2025, 9));
    assertEquals(1, f.size());
    assertEquals(STRIPE_VS_CHARTMOGUL_PAYING, f.get(0).checkName());
    assertEquals(LocalDate.of(2025, 6, 1), f.get(0).month());
    assertEquals(5_000.0, f.get(0).difference(), 0);
    assertThat(f.get(0).likelyCause(), containsString("Timing"));
  }

  @Test
  public void aManualChartMogulCreditIsOneOpenRow() {
    // Both 8,000 from January; ChartMogul alone -800 on 12 September: Sep and Oct ends differ by
    // 800.
    CustomerInputs in =
        mrrOnly(
            List.of(mv("2026-01-05", 8_000)),
            List.of(mv("2026-01-05", 8_000), mv("2026-09-12", -800)));
    List<Finding> f = ReconciliationRules.compareMrr(in, YearMonth.of(2026, 10));
    assertEquals(1, f.size());
    assertEquals(LocalDate.of(2026, 9, 1), f.get(0).month());
    assertEquals("8000", f.get(0).valueA());
    assertEquals("7200", f.get(0).valueB());
    assertEquals(800.0, f.get(0).difference(), 0);
    assertThat(f.get(0).likelyCause(), containsString("ChartMogul only"));
    assertThat(f.get(0).likelyCause(), containsString("2 month ends, still open"));
  }

  @Test
  public void aGapThatChangesSizeIsANewRowAndNothingAfterTheAsOfMonthCounts() {
    // Stripe 10,000 (Jan) +2,000 (Feb) +1,000 (Mar); ChartMogul 10,000 (Jan) only.
    // Ends: Jan 0, Feb 2,000, Mar 3,000 -> two rows (Feb, Mar). A Stripe change in May is after
    // the as-of month (April) and is ignored.
    CustomerInputs in =
        mrrOnly(
            List.of(
                mv("2026-01-05", 10_000),
                mv("2026-02-05", 2_000),
                mv("2026-03-05", 1_000),
                mv("2026-05-05", 500)),
            List.of(mv("2026-01-05", 10_000)));
    List<Finding> f = ReconciliationRules.compareMrr(in, YearMonth.of(2026, 4));
    assertEquals(2, f.size());
    assertEquals(LocalDate.of(2026, 2, 1), f.get(0).month());
    assertEquals(2_000.0, f.get(0).difference(), 0);
    assertEquals(LocalDate.of(2026, 3, 1), f.get(1).month());
    assertEquals(3_000.0, f.get(1).difference(), 0);
    assertThat(f.get(1).likelyCause(), containsString("2 month ends, still open"));
  }

  @Test
  public void aCustomerMissingFromChartMogulIsAPayingRow() {
    CustomerInputs in = mrrOnly(List.of(mv("2026-07-01", 4_000)), List.of());
    List<Finding> f = ReconciliationRules.compareMrr(in, AUG_2026);
    assertEquals(1, f.size());
    assertEquals(STRIPE_VS_CHARTMOGUL_PAYING, f.get(0).checkName());
    assertThat(f.get(0).likelyCause(), containsString("never synced"));
  }

  private static StripeSubscription sub(
      String id, String status, String price, String product, long created) {
    return new StripeSubscription(id, status, price, product, created);
  }

  /** Customer cus_1 with its Stripe subscriptions and backend account only (no MRR sources). */
  private static CustomerInputs backendCase(
      @Nullable String companyId, List<StripeSubscription> subs, @Nullable BackendAccount account) {
    return new CustomerInputs("cus_1", companyId, List.of(), List.of(), subs, account);
  }

  @Test
  public void theBackendPlanMustNameStripesCurrentPrice() {
    // The old starter subscription was cancelled; the live one is pro. The backend says growth.
    List<StripeSubscription> subs =
        List.of(
            sub("sub_old", "canceled", "price_starter_month_usd", "prod_chstarter", 1_000),
            sub("sub_new", "active", "price_pro_month_usd", "prod_chpro", 2_000));
    CustomerInputs stale =
        backendCase("co_1", subs, new BackendAccount("1001", "growth", "active"));
    List<Finding> f = ReconciliationRules.compareBackend(stale, AUG_2026);
    assertEquals(1, f.size());
    assertEquals(BACKEND_VS_STRIPE_PLAN, f.get(0).checkName());
    assertEquals(LocalDate.of(2026, 8, 1), f.get(0).month());
    assertEquals("price_pro_month_usd", f.get(0).valueA());
    assertEquals("growth", f.get(0).valueB());

    CustomerInputs agrees = backendCase("co_1", subs, new BackendAccount("1001", "Pro", "active"));
    assertEquals(List.of(), ReconciliationRules.compareBackend(agrees, AUG_2026));
    // A price id without the plan word still matches through the product id's ending.
    assertTrue(
        ReconciliationRules.namesPlan(sub("s", "active", "price_1Nabc", "prod_chpro", 0), "pro"));
  }

  @Test
  public void theBackendPayingStateMustMatchStripes() {
    List<StripeSubscription> cancelled =
        List.of(sub("sub_1", "canceled", "price_growth_month_usd", null, 1));
    CustomerInputs stillActive =
        backendCase(null, cancelled, new BackendAccount("1001", "growth", "active"));
    List<Finding> f = ReconciliationRules.compareBackend(stillActive, AUG_2026);
    assertEquals(1, f.size());
    assertEquals(BACKEND_VS_STRIPE_STATUS, f.get(0).checkName());
    assertEquals("canceled", f.get(0).valueA());
    assertEquals("active", f.get(0).valueB());

    // Agreement in every non-paying shape: cancelled, expired trial, trialing.
    for (String[] c :
        new String[][] {
          {"cancelled", "canceled"}, {"expired", "canceled"}, {"trialing", "trialing"}
        }) {
      CustomerInputs in =
          backendCase(
              null,
              List.of(sub("sub_1", c[1], "price_growth_month_usd", null, 1)),
              new BackendAccount("1001", "trial", c[0]));
      assertEquals(c[0], List.of(), ReconciliationRules.compareBackend(in, AUG_2026));
    }
    // No backend account: nothing to compare.
    assertEquals(
        List.of(),
        ReconciliationRules.compareBackend(backendCase(null, cancelled, null), AUG_2026));
  }

  @Test
  public void aFindingWithItsOptionalFieldsEmptyIsAValidReconciliationRow() {
    // company_id, value_b and difference are the nullable columns: a customer never resolved to a
    // company, missing from ChartMogul (no value, so no numeric difference).
    Row row =
        new Finding(
                STRIPE_VS_CHARTMOGUL_PAYING,
                "cus_9",
                null,
                LocalDate.of(2026, 5, 1),
                "stripe",
                "4000",
                "chartmogul",
                null,
                null,
                "cause")
            .toRow();
    assertEquals(Tables.RECONCILIATION.schema(), row.getSchema());
    assertEquals("cus_9", row.getString("customer_id"));
    assertNull(row.getString("company_id"));
    assertNull(row.getString("value_b"));
    assertNull(row.getDouble("difference"));
  }
}
