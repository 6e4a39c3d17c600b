package io.intelligencesuite.transforms.datatests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;

import io.intelligencesuite.schemas.DuckDbDdl;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.datatests.DataTestResult.Status;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.xmr.XmrChart;
import io.intelligencesuite.transforms.xmr.XmrPoint;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * Each kind of data test on a small DuckDB fixture: it passes on good rows, and on one bad row it
 * fails and names that row's key.
 */
public class DataTestsDuckDbTest {
  @Rule public final TempWarehouses duck = new TempWarehouses();
  private DuckDbQueries sql;
  private DuckDbCheckWarehouse warehouse;

  @Before
  public void setUp() {
    sql = duck.queries();
    warehouse = new DuckDbCheckWarehouse(duck.warehouse());
  }

  private void exec(String... statements) throws Exception {
    for (String s : statements) {
      sql.execute(s);
    }
  }

  private DataTestResult run(DataTest test) throws Exception {
    return DataTestResult.of(test, warehouse.failingRows(test.sql(), DataTestRunner.SAMPLE_SIZE));
  }

  private void assertPasses(DataTest test) throws Exception {
    DataTestResult r = run(test);
    assertEquals(test.name() + ": " + r.failures().render(), Status.PASS, r.status());
  }

  /** Fails with {@code rows} failing rows whose sample contains {@code badKey}. */
  private void assertFails(DataTest test, Status status, long rows, String badKey)
      throws Exception {
    DataTestResult r = run(test);
    assertEquals(test.name(), status, r.status());
    assertEquals(test.name(), rows, r.failures().count());
    assertThat(r.failures().render(), containsString(badKey));
  }

  private static String customer(String id, long mrr) {
    return String.format(
        "INSERT INTO dim_customer (customer_id, company_id, mrr_cents, status)"
            + " VALUES ('%s', 'co1', %d, 'active')",
        id, mrr);
  }

  /** A fact_revenue movement whose delta is after - before. */
  private static String movement(
      String id, String customer, String day, String type, long before, long after) {
    return String.format(
        "INSERT INTO fact_revenue VALUES ('%s', '%s', NULL, DATE '%s', '%s', %d, %d, %d)",
        id, customer, day, type, before, after, after - before);
  }

  @Test
  public void uniqueNamesTheDuplicatedKey() throws Exception {
    exec(
        DuckDbDdl.createTable(Tables.USERS),
        "INSERT INTO users (user_id, created_at) VALUES ('u1', TIMESTAMP '2026-01-01 00:00:00'), ('u2', TIMESTAMP '2026-01-01 00:00:00')");
    assertPasses(TableTests.unique(Tables.USERS));
    exec("INSERT INTO users (user_id, created_at) VALUES ('u1', TIMESTAMP '2026-02-01 00:00:00')");
    assertFails(TableTests.unique(Tables.USERS), Status.FAIL, 1, "user_id=u1, rows_with_key=2");
  }

  @Test
  public void notNullNamesTheRowAndTheEmptyColumn() throws Exception {
    // A table created outside the registry DDL, without NOT NULL (as a hand-made BigQuery table
    // might be).
    exec(
        DuckDbDdl.createTable(Tables.USERS).replace(" NOT NULL", ""),
        "INSERT INTO users (user_id, created_at) VALUES ('u1', TIMESTAMP '2026-01-01 00:00:00')");
    assertPasses(TableTests.notNull(Tables.USERS));
    exec("INSERT INTO users (user_id, created_at) VALUES ('u2', NULL)");
    assertFails(
        TableTests.notNull(Tables.USERS), Status.FAIL, 1, "user_id=u2, null_column=created_at");
  }

  @Test
  public void acceptedValuesNameTheRowWithTheUnknownValue() throws Exception {
    exec(
        DuckDbDdl.createTable(Tables.FACT_REVENUE),
        movement("m1", "c1", "2026-01-05", "new", 0, 100));
    DataTest test =
        TableTests.acceptedValues(
            Tables.FACT_REVENUE, Tables.FACT_REVENUE.column("movement_type").orElseThrow());
    assertPasses(test);
    exec(movement("m2", "c1", "2026-02-05", "upgrade", 100, 150));
    assertFails(test, Status.FAIL, 1, "movement_id=m2, movement_type=upgrade");
  }

  @Test
  public void warnLevelAcceptedValuesWarn() throws Exception {
    exec(
        DuckDbDdl.createTable(Tables.LEADS),
        "INSERT INTO leads (lead_id, status, created_at) VALUES ('l1', 'qualified', TIMESTAMP '2026-01-01 00:00:00')");
    DataTest test =
        TableTests.acceptedValues(Tables.LEADS, Tables.LEADS.column("status").orElseThrow());
    assertPasses(test);
    exec(
        "INSERT INTO leads (lead_id, status, created_at) VALUES ('l2', 'in_review', TIMESTAMP '2026-01-01 00:00:00')");
    assertFails(test, Status.WARN, 1, "lead_id=l2, status=in_review");
  }

  @Test
  public void relationshipsNameTheOrphanAndIgnoreNulls() throws Exception {
    exec(
        DuckDbDdl.createTable(Tables.DIM_CUSTOMER),
        DuckDbDdl.createTable(Tables.FACT_REVENUE),
        DuckDbDdl.createTable(Tables.DIM_COMPANY),
        customer("c1", 100),
        movement("m1", "c1", "2026-01-05", "new", 0, 100));
    DataTest test =
        TableTests.relationship(Tables.FACT_REVENUE, Tables.FACT_REVENUE.relationships().get(0));
    assertEquals("customer_id", test.columns().get(0));
    assertPasses(test);
    // company_id is null in these rows: the company relationship has nothing to check.
    assertPasses(
        TableTests.relationship(Tables.FACT_REVENUE, Tables.FACT_REVENUE.relationships().get(1)));
    exec(movement("m9", "c9", "2026-01-06", "new", 0, 50));
    assertFails(test, Status.FAIL, 1, "movement_id=m9, customer_id=c9");
  }

  @Test
  public void nonNegativeNamesTheNegativeRow() throws Exception {
    exec(DuckDbDdl.createTable(Tables.DIM_CUSTOMER), customer("c1", 0));
    DataTest test = TableTests.nonNegative(Tables.DIM_CUSTOMER).orElseThrow();
    assertPasses(test);
    exec(customer("c2", -5));
    assertFails(test, Status.FAIL, 1, "customer_id=c2, mrr_cents=-5");
  }

  @Test
  public void customerMovementsMustSumToTheCustomersMrr() throws Exception {
    exec(
        DuckDbDdl.createTable(Tables.DIM_CUSTOMER),
        DuckDbDdl.createTable(Tables.FACT_REVENUE),
        customer("c1", 100),
        movement("m1", "c1", "2026-01-05", "new", 0, 150),
        movement("m2", "c1", "2026-02-05", "contraction", 150, 100));
    assertPasses(Invariants.customerMovementsSumToMrr());
    exec(customer("c2", 70), movement("m3", "c2", "2026-02-07", "new", 0, 50));
    assertFails(
        Invariants.customerMovementsSumToMrr(),
        Status.FAIL,
        1,
        "customer_id=c2, dim_customer_mrr_cents=70, movements_cents=50");
  }

  private static String subscription(String id, String customer, String status) {
    return "INSERT INTO subscriptions (source, subscription_id, customer_id, status, created_at)"
        + " VALUES ('stripe', '"
        + id
        + "', '"
        + customer
        + "', '"
        + status
        + "', TIMESTAMP '2026-01-01 00:00:00')";
  }

  private static String mrrDay(String sub, String day, long mrr) {
    return "INSERT INTO fact_subscription (subscription_id, date, customer_id, status, mrr_cents)"
        + " VALUES ('"
        + sub
        + "', DATE '"
        + day
        + "', 'c1', 'active', "
        + mrr
        + ")";
  }

  /** A paid invoice with one whole-period usd line of {@code item} / price_{item}. */
  private static String[] billedLine(
      String id,
      String sub,
      String item,
      long amount,
      long inclusiveTax,
      String start,
      String end) {
    return new String[] {
      "INSERT INTO invoices (invoice_id, customer_id, subscription_id, status, currency,"
          + " subtotal_cents, discount_cents, tax_cents, total_cents, amount_paid_cents,"
          + " amount_due_cents, created_at, created_date) VALUES ('in_"
          + id
          + "', 'c1', '"
          + sub
          + "', 'paid', 'usd', "
          + amount
          + ", 0, 0, "
          + amount
          + ", "
          + amount
          + ", "
          + amount
          + ", TIMESTAMP '"
          + start
          + " 00:00:00', DATE '"
          + start
          + "')",
      "INSERT INTO invoice_lines (line_id, invoice_id, customer_id, subscription_id,"
          + " subscription_item_id, price_id, line_type, amount_cents, discount_cents, tax_cents,"
          + " tax_inclusive_cents, currency, is_proration, period_start, period_end,"
          + " invoice_created_date) VALUES ('il_"
          + id
          + "', 'in_"
          + id
          + "', 'c1', '"
          + sub
          + "', '"
          + item
          + "', 'price_"
          + item
          + "', 'subscription', "
          + amount
          + ", 0, "
          + inclusiveTax
          + ", "
          + inclusiveTax
          + ", 'usd', false, TIMESTAMP '"
          + start
          + " 00:00:00', TIMESTAMP '"
          + end
          + " 00:00:00', DATE '"
          + start
          + "')"
    };
  }

  private static String item(String id, String sub, String interval, long count) {
    return "INSERT INTO subscription_items (subscription_item_id, subscription_id, price_id,"
        + " billing_interval, interval_count, created_at) VALUES ('"
        + id
        + "', '"
        + sub
        + "', 'price_"
        + id
        + "', '"
        + interval
        + "', "
        + count
        + ", TIMESTAMP '2026-01-01 00:00:00')";
  }

  private void billingTables() throws Exception {
    exec(
        DuckDbDdl.createTable(Tables.FACT_SUBSCRIPTION),
        DuckDbDdl.createTable(Tables.INVOICES),
        DuckDbDdl.createTable(Tables.INVOICE_LINES),
        DuckDbDdl.createTable(Tables.SUBSCRIPTION_ITEMS));
  }

  @Test
  public void aCustomerWithMrrNeedsAPayingSubscription() throws Exception {
    exec(
        DuckDbDdl.createTable(Tables.DIM_CUSTOMER),
        DuckDbDdl.createTable(Tables.SUBSCRIPTIONS),
        DuckDbDdl.createTable(Tables.FACT_SUBSCRIPTION),
        customer("c1", 1000),
        subscription("sub_1", "c1", "active"),
        mrrDay("sub_1", "2026-10-31", 1000),
        customer("c2", 0),
        subscription("sub_2", "c2", "canceled"),
        // c4 canceled at period end: the snapshot says canceled, but the subscription ended on
        // 1 Nov, after the marts' last day (31 Oct), so its MRR that day is right.
        customer("c4", 700),
        subscription("sub_4", "c4", "canceled"),
        "UPDATE subscriptions SET ended_at = TIMESTAMP '2026-11-01 00:00:00'"
            + " WHERE subscription_id = 'sub_4'");
    assertPasses(Invariants.mrrHasPayingSubscription());
    // Planted fault: c3's only subscription is canceled, yet dim_customer still shows 500.
    exec(customer("c3", 500), subscription("sub_3", "c3", "canceled"));
    assertFails(
        Invariants.mrrHasPayingSubscription(), Status.FAIL, 1, "customer_id=c3, mrr_cents=500");
  }

  @Test
  public void mrrAboveWhatTheInvoicesBillFails() throws Exception {
    billingTables();
    // A quarterly item (30000 / 3 = 10000 a month) and a monthly one billed 12000 with 2000 VAT
    // inside (10000 without tax): 20000 a month on 1 Feb, when the monthly period starts again.
    exec(item("si_q", "sub_1", "month", 3), item("si_m", "sub_1", "month", 1));
    exec(billedLine("q1", "sub_1", "si_q", 30000, 0, "2026-01-01", "2026-04-01"));
    exec(billedLine("m1", "sub_1", "si_m", 12000, 2000, "2026-01-01", "2026-02-01"));
    exec(billedLine("m2", "sub_1", "si_m", 12000, 2000, "2026-02-01", "2026-03-01"));
    exec(mrrDay("sub_1", "2026-01-01", 20000), mrrDay("sub_1", "2026-02-01", 20000));
    assertPasses(Invariants.mrrWithinBilledPeriod());
    // Planted fault: the VAT counted on 1 Mar: 22000 > 20000 x 1.01 + 100 = 20300.
    exec(billedLine("m3", "sub_1", "si_m", 12000, 2000, "2026-03-01", "2026-04-01"));
    exec(mrrDay("sub_1", "2026-03-01", 22000));
    assertFails(
        Invariants.mrrWithinBilledPeriod(),
        Status.FAIL,
        1,
        "subscription_id=sub_1, date=2026-03-01, mrr_cents=22000");
  }

  /**
   * {@code sub}: 16 seats x $7 = 11200 a month, paid for 13 May - 13 Jun, and 2 seat packs x $9 =
   * 1800 a quarter on an invoice of {@code packInvoiceStatus} after {@code attempts} payment
   * attempts for 13 Mar - 13 Jun; its MRR on 13 May is 11200 + 1800 / 3 = 11800 (the pack at its
   * last collected price).
   */
  private void seatPackSubscription(String sub, String packInvoiceStatus, int attempts)
      throws Exception {
    exec(item("si_m_" + sub, sub, "month", 1), item("si_q_" + sub, sub, "month", 3));
    exec(billedLine("m_" + sub, sub, "si_m_" + sub, 11200, 0, "2026-05-13", "2026-06-13"));
    exec(billedLine("q_" + sub, sub, "si_q_" + sub, 1800, 0, "2026-03-13", "2026-06-13"));
    exec(
        "UPDATE invoices SET status = '"
            + packInvoiceStatus
            + "', attempt_count = "
            + attempts
            + " WHERE invoice_id = 'in_q_"
            + sub
            + "'",
        mrrDay(sub, "2026-05-13", 11800));
  }

  /**
   * The scale-10 demo's sub_15XRf72QZOQOmy9p4dKIVhyI: a quarterly seat pack whose 13 Mar - 13 Jun
   * invoice was written off (uncollectible) after failed retries while the subscription carried on
   * (its next invoices were paid). That period was billed at the pack's price, only not collected,
   * so it bounds MRR on 13 May like any billed period; a void invoice (cancelled, like a deletion)
   * and one a pause marked uncollectible without attempting it billed nothing and still do not.
   */
  @Test
  public void aWrittenOffPeriodStillBoundsMrrButAVoidOneDoesNot() throws Exception {
    billingTables();
    // Bound on 13 May: (11200 + 1800 / 3) x 1.01 + 100 = 12018 >= 11800. Without the written-off
    // period it would be 11200 x 1.01 + 100 = 11412 < 11800 (the demo's false alarm).
    seatPackSubscription("sub_1", "uncollectible", 4);
    assertPasses(Invariants.mrrWithinBilledPeriod());
    // Planted fault: the pack's invoice was void, so the pack billed nothing: bound 11412 < 11800.
    seatPackSubscription("sub_2", "void", 0);
    assertFails(
        Invariants.mrrWithinBilledPeriod(),
        Status.FAIL,
        1,
        "subscription_id=sub_2, date=2026-05-13, mrr_cents=11800");
    // Planted fault: the pack's period was paused with mark_uncollectible (never attempted), so it
    // billed nothing either: bound 11412 < 11800 on sub_3 too.
    seatPackSubscription("sub_3", "uncollectible", 0);
    assertFails(
        Invariants.mrrWithinBilledPeriod(),
        Status.FAIL,
        2,
        "subscription_id=sub_3, date=2026-05-13, mrr_cents=11800");
  }

  @Test
  public void mrrCarriedByARemovedItemFails() throws Exception {
    billingTables();
    // si_a (10000) stays; si_b (3000) was billed for January and then removed from the
    // subscription (no longer in subscription_items).
    exec(item("si_a", "sub_1", "month", 1));
    exec(billedLine("a1", "sub_1", "si_a", 10000, 0, "2026-01-01", "2026-02-01"));
    exec(billedLine("b1", "sub_1", "si_b", 3000, 0, "2026-01-01", "2026-02-01"));
    exec(billedLine("a2", "sub_1", "si_a", 10000, 0, "2026-02-01", "2026-03-01"));
    exec(mrrDay("sub_1", "2026-01-01", 13000), mrrDay("sub_1", "2026-02-01", 10000));
    assertPasses(Invariants.mrrNotOnRemovedItem());
    // Planted fault: si_b still counted on 1 Mar, after its last period ended on 1 Feb.
    exec(billedLine("a3", "sub_1", "si_a", 10000, 0, "2026-03-01", "2026-04-01"));
    exec(mrrDay("sub_1", "2026-03-01", 13000));
    assertFails(
        Invariants.mrrNotOnRemovedItem(),
        Status.FAIL,
        1,
        "subscription_id=sub_1, date=2026-03-01, mrr_cents=13000");
  }

  @Test
  public void eachMonthsMovementsMustSumToItsMrrChange() throws Exception {
    exec(
        DuckDbDdl.createTable(Tables.METRIC_MONTHLY),
        DuckDbDdl.createTable(Tables.FACT_REVENUE),
        "INSERT INTO metric_monthly VALUES ('mrr', DATE '2026-01-01', 'all', 150), ('mrr', DATE '2026-02-01', 'all', 100),"
            + " ('customers', DATE '2026-02-01', 'all', 1)",
        movement("m1", "c1", "2026-01-05", "new", 0, 150),
        movement("m2", "c1", "2026-02-05", "contraction", 150, 100));
    assertPasses(Invariants.monthlyMovementsMatchMrrChange());
    // March: MRR rises by 20 with no movement behind it.
    exec("INSERT INTO metric_monthly VALUES ('mrr', DATE '2026-03-01', 'all', 120)");
    assertFails(
        Invariants.monthlyMovementsMatchMrrChange(),
        Status.FAIL,
        1,
        "year_number=2026, month_number=3, mrr_change_cents=20.0, movements_cents=null");
  }

  @Test
  public void movementTypesMustMatchTheirArithmetic() throws Exception {
    exec(
        DuckDbDdl.createTable(Tables.FACT_REVENUE),
        movement("m1", "c1", "2026-01-05", "new", 0, 150),
        movement("m2", "c1", "2026-02-05", "expansion", 150, 200),
        movement("m3", "c1", "2026-03-05", "contraction", 200, 100),
        movement("m4", "c1", "2026-04-05", "churn", 100, 0),
        movement("m5", "c1", "2026-05-05", "reactivation", 0, 80),
        movement("m5fx", "c1", "2026-05-20", "fx", 80, 86));
    assertPasses(Invariants.movementArithmetic());
    exec(
        movement("m6", "c1", "2026-06-05", "churn", 80, 10),
        "INSERT INTO fact_revenue VALUES ('m7', 'c2', NULL, DATE '2026-06-05', 'new', 0, 100, 90)",
        // fx is a change between two paying amounts: never from or to 0 (mrr rule 8)
        movement("m8", "c3", "2026-06-05", "fx", 0, 50));
    assertFails(Invariants.movementArithmetic(), Status.FAIL, 3, "movement_id=m6");
    assertThat(
        run(Invariants.movementArithmetic()).failures().render(), containsString("movement_id=m7"));
    assertThat(
        run(Invariants.movementArithmetic()).failures().render(), containsString("movement_id=m8"));
  }

  @Test
  public void metricsStayInTheirRangesAndNanFails() throws Exception {
    exec(
        DuckDbDdl.createTable(Tables.METRIC_MONTHLY),
        "INSERT INTO metric_monthly VALUES ('activation_rate', DATE '2026-01-01', 'all', 0.4), ('lqi', DATE '2026-01-01', 'all', 80),"
            + " ('net_mrr_churn_rate', DATE '2026-01-01', 'all', -0.2), ('mrr', DATE '2026-01-01', 'all', 0),"
            + " ('net_new_mrr', DATE '2026-01-01', 'all', -500)");
    DataTest test = Invariants.metricRange(Tables.METRIC_MONTHLY, "month");
    assertPasses(test);
    exec(
        "INSERT INTO metric_monthly VALUES ('activation_rate', DATE '2026-02-01', 'all', 1.2), ('lqi', DATE '2026-02-01', 'all', 120),"
            + " ('mrr', DATE '2026-02-01', 'all', -1), ('trial_conversion_rate', DATE '2026-02-01', 'all', 'NaN'::DOUBLE),"
            + " ('leads_created', DATE '2026-02-01', 'all', -1)");
    DataTestResult r = run(test);
    assertEquals(Status.FAIL, r.status());
    // Each bound comes from the metric's unit in the dictionary: FRACTION (activation_rate 1.2,
    // trial_conversion_rate NaN), INDEX_0_100 (lqi 120), CENTS (mrr -1), COUNT (leads_created -1);
    // the signed units (net_mrr_churn_rate -0.2, net_new_mrr -500) have none.
    assertEquals(5, r.failures().count());
    assertThat(
        r.failures().render(),
        containsString("metric=activation_rate, month=2026-02-01, dimension=all, value=1.2"));
    assertThat(r.failures().render(), containsString("metric=trial_conversion_rate"));
  }

  /** metric_xmr rows of {@code metric}, one a month from 2025-01, as XmrChart computed them. */
  private void xmrRows(String metric, double[] values, XmrChart chart) throws Exception {
    List<XmrPoint> points = chart.compute(values);
    StringBuilder insert = new StringBuilder("INSERT INTO metric_xmr VALUES ");
    for (int i = 0; i < points.size(); i++) {
      XmrPoint p = points.get(i);
      insert
          .append(i > 0 ? ", " : "")
          .append(
              String.format(
                  Locale.ROOT,
                  "('%s', DATE '%s', %s, %s, %s, %s, %s, %s, '%s', '%s', NULL)",
                  metric,
                  LocalDate.parse("2025-01-01").plusMonths(i),
                  p.isGap() ? "NULL" : Double.toString(p.value()),
                  p.centre(),
                  p.lowerLimit(),
                  p.upperLimit(),
                  p.movingRange() == null ? "NULL" : p.movingRange().toString(),
                  p.upperRangeLimit(),
                  p.signal().code(),
                  metric));
    }
    exec(insert.toString());
  }

  @Test
  public void xmrRowsMustBeJudgedByTheirOwnLimits() throws Exception {
    exec(DuckDbDdl.createTable(Tables.METRIC_XMR));
    // XmrChart's own rows pass: a restart after a run of 8 (baseline 10: centre 10, then the run
    // 11, 11.5 x4 with its own centre 11.25), a trend (beyond, three_of_four and quiet points in
    // two segments), a constant series with a later 7 (collapsed limits, no signal), a gap, and
    // a run of 9 against a locked baseline (restart off).
    xmrRows(
        "lqi",
        new double[] {12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 11, 11.5, 11, 11.5, 11, 11.5, 11, 11.5},
        new XmrChart(10, true));
    double[] trend = new double[20];
    for (int i = 0; i < 20; i++) {
      trend[i] = i + 1;
    }
    xmrRows("mrr", trend, new XmrChart(20, true));
    xmrRows("activation_rate", new double[] {5, 5, 5, 5, 5, 5, 7}, new XmrChart(5, true));
    xmrRows(
        "trial_conversion_rate",
        new double[] {10, 12, Double.NaN, 11, 13, 12, 30},
        new XmrChart(5, true));
    xmrRows(
        "arpa",
        new double[] {0, 2, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5},
        new XmrChart(2, false));
    DataTest test = Invariants.xmrRowsJudgedByTheirOwnLimits();
    assertPasses(test);

    // The bug of issue 19: the run's first point (2025-11, value 11) keeps run_of_8 from the old
    // centre 10 while its row shows the new segment's centre 11.25, around which 11 and 11.5
    // alternate.
    exec(
        "UPDATE metric_xmr SET signal = 'run_of_8' WHERE metric = 'lqi' AND period = DATE '2025-11-01'");
    assertFails(test, Status.FAIL, 1, "metric=lqi, period=2025-11-01");
    // A point beyond its own limits without the signal (arpa 2025-03 is 1.5 in [-4.32, 6.32]).
    exec(
        "UPDATE metric_xmr SET value = 7 WHERE metric = 'arpa' AND period = DATE '2025-03-01'",
        "UPDATE metric_xmr SET signal = 'none' WHERE metric = 'arpa' AND period = DATE '2025-03-01'");
    assertFails(test, Status.FAIL, 2, "metric=arpa, period=2025-03-01");
    // A gap with a signal, and a constant series' row flagged although its limits collapsed.
    exec(
        "UPDATE metric_xmr SET signal = 'beyond_limits' WHERE metric = 'trial_conversion_rate' AND period = DATE '2025-03-01'",
        "UPDATE metric_xmr SET signal = 'beyond_limits' WHERE metric = 'activation_rate' AND period = DATE '2025-07-01'");
    DataTestResult r = run(test);
    assertEquals(4, r.failures().count());
    assertThat(
        r.failures().render(), containsString("metric=trial_conversion_rate, period=2025-03-01"));
    assertThat(r.failures().render(), containsString("metric=activation_rate, period=2025-07-01"));
  }

  @Test
  public void unknownMetricNamesWarn() throws Exception {
    exec(
        DuckDbDdl.createTable(Tables.METRIC_DAILY),
        "INSERT INTO metric_daily VALUES ('mrr', DATE '2026-01-01', 'all', 10)");
    assertPasses(Invariants.knownMetrics(Tables.METRIC_DAILY));
    exec(
        "INSERT INTO metric_daily VALUES ('mmr', DATE '2026-01-01', 'all', 10), ('mmr', DATE '2026-01-02', 'all', 10)");
    assertFails(Invariants.knownMetrics(Tables.METRIC_DAILY), Status.WARN, 1, "metric=mmr");
  }

  private static String runRow(
      String runId,
      String pipeline,
      String finishedAt,
      long read,
      long written,
      long dead,
      String status) {
    return "INSERT INTO pipeline_runs VALUES ('"
        + runId
        + "', '"
        + pipeline
        + "', NULL, NULL, TIMESTAMP '"
        + finishedAt
        + "' - INTERVAL 1 MINUTE, TIMESTAMP '"
        + finishedAt
        + "', CAST(TIMESTAMP '"
        + finishedAt
        + "' AS DATE), "
        + read
        + ", "
        + written
        + ", '{}', 0, "
        + dead
        + ", '"
        + status
        + "', 'DirectRunner', 'duckdb:x')";
  }

  @Test
  public void theLatestRunOfEachPipelineMustBalance() throws Exception {
    exec(
        DuckDbDdl.createTable(Tables.PIPELINE_RUNS),
        // An unbalanced run superseded by a balanced rerun of the same (whole-table) window is
        // history.
        runRow("stripe-1", "stripe", "2026-11-20 01:00:00", 10, 8, 0, "failed_accounting"),
        runRow("stripe-2", "stripe", "2026-11-21 01:00:00", 10, 9, 1, "succeeded"));
    assertPasses(Invariants.runsBalance());
    exec(runRow("ga4-1", "ga4", "2026-11-21 02:00:00", 100, 90, 5, "failed_accounting"));
    assertFails(
        Invariants.runsBalance(), Status.FAIL, 1, "run_id=ga4-1, pipeline=ga4, rows_read=100");
  }

  @Test
  public void deadLettersMustMatchTheAuditAndWarnWhenPresent() throws Exception {
    exec(
        DuckDbDdl.createTable(Tables.PIPELINE_RUNS),
        DuckDbDdl.createTable(Tables.DEAD_LETTERS),
        runRow("stripe-1", "stripe", "2026-11-21 01:00:00", 10, 10, 0, "succeeded"));
    assertPasses(Invariants.deadLettersMatchRuns());
    assertPasses(Invariants.deadLettersInLatestRuns());
    exec(
        runRow("ga4-1", "ga4", "2026-11-21 02:00:00", 10, 8, 2, "succeeded"),
        "INSERT INTO dead_letters VALUES ('dl1', 'ga4-1', 'ga4', 'events_web', TIMESTAMP '2026-11-21 01:59:00',"
            + " DATE '2026-11-21', 'event_timestamp is not a number', 'event_timestamp', '{}', 2)");
    assertFails(
        Invariants.deadLettersMatchRuns(),
        Status.FAIL,
        1,
        "run_id=ga4-1, pipeline=ga4, rows_dead_lettered=2, dead_letters=1");
    assertFails(
        Invariants.deadLettersInLatestRuns(), Status.WARN, 1, "dead_letter_id=dl1, pipeline=ga4");
  }

  @Test
  public void freshnessWarnsThenErrorsFromTheLatestSucceededLoad() throws Exception {
    exec(
        DuckDbDdl.createTable(Tables.PIPELINE_RUNS),
        DuckDbDdl.createTable(Tables.SUBSCRIPTIONS),
        runRow("stripe-1", "stripe", "2026-11-20 00:00:00", 1, 1, 0, "succeeded"),
        // A later run that did not balance is not a load to trust.
        runRow("stripe-2", "stripe", "2026-11-21 00:00:00", 2, 1, 0, "failed_accounting"),
        // Another pipeline's run does not load subscriptions.
        runRow("ga4-1", "ga4", "2026-11-22 00:00:00", 1, 1, 0, "succeeded"));
    // Subscriptions: warn after 26 h, error after 50 h (Tables.DAILY).
    DataTest warn =
        LoadTests.freshness(Tables.SUBSCRIPTIONS, Instant.parse("2026-11-21T01:00:00Z")).get(0);
    assertEquals("freshness_subscriptions_warn_after_26h", warn.name());
    assertPasses(warn);
    Instant later = Instant.parse("2026-11-21T12:00:00Z"); // 36 h after the last good load
    assertFails(
        LoadTests.freshness(Tables.SUBSCRIPTIONS, later).get(0),
        Status.WARN,
        1,
        "last_loaded_at=2026-11-20 00:00:00");
    assertPasses(LoadTests.freshness(Tables.SUBSCRIPTIONS, later).get(1));
    Instant muchLater = Instant.parse("2026-11-22T03:00:00Z"); // 51 h
    assertFails(
        LoadTests.freshness(Tables.SUBSCRIPTIONS, muchLater).get(1),
        Status.FAIL,
        1,
        "last_loaded_at=2026-11-20");
  }

  @Test
  public void freshnessFailsWhenNoLoadIsRecorded() throws Exception {
    exec(DuckDbDdl.createTable(Tables.PIPELINE_RUNS), DuckDbDdl.createTable(Tables.SUBSCRIPTIONS));
    assertFails(
        LoadTests.freshness(Tables.SUBSCRIPTIONS, Instant.parse("2026-11-21T01:00:00Z")).get(1),
        Status.FAIL,
        1,
        "last_loaded_at=null");
  }
}
