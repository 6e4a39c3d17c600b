package io.intelligencesuite.marts.revenue;

import static io.intelligencesuite.marts.revenue.StripeShapes.cycle;
import static io.intelligencesuite.marts.revenue.StripeShapes.legacyLine;
import static io.intelligencesuite.marts.revenue.StripeShapes.line;
import static io.intelligencesuite.marts.revenue.StripeShapes.price;
import static io.intelligencesuite.marts.revenue.StripeShapes.proration;

import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.testing.TestTables;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;

/**
 * Golden tests of the MRR rules (metrics dictionary, mrr rules 1-8) on Stripe objects as Stripe
 * returns them, through the production path: {@link
 * io.intelligencesuite.sources.stripe.StripeRecords} and {@link
 * io.intelligencesuite.sources.stripe.StripeParsers} into staging rows, then {@link ComputeRevenue}
 * on the DirectRunner. Every expected cent is worked out by hand in the comments from Stripe's
 * documented behaviour and ChartMogul's line formula: MRR = (amount - discount - inclusive tax) x
 * (whole period / billed period) / months in the whole period, rounded to a cent.
 */
public class StripeBillingGoldenTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  /**
   * Rule 3: tax is never MRR. Stripe: "If tax_behavior=inclusive, then the amount includes taxes";
   * exclusive tax is added on top of the line amount; taxes are computed on the discounted amount.
   * Monthly lines, 1 Jan .. 1 Feb 2026:
   *
   * <ul>
   *   <li>cus_excl: 10000 + 2000 exclusive tax -> 10000 (the tax is not in the amount).
   *   <li>cus_incl: 12000 including 2000 VAT (20%) -> 12000 - 2000 = 10000.
   *   <li>cus_incl_disc: 12000 incl. VAT, 25% off = 3000; tax on 9000 incl. = 9000 / 6 = 1500 ->
   *       12000 - 3000 - 1500 = 7500 (= taxable_amount).
   *   <li>cus_excl_disc: 10000, 1000 off, 1800 exclusive tax -> 10000 - 1000 = 9000.
   *   <li>cus_legacy_incl: pre-basil line, 10000 with tax_amounts [{1667, inclusive: true}] (10000
   *       / 6 = 1666.67 -> 1667) -> 10000 - 1667 = 8333.
   * </ul>
   */
  @Test
  public void taxIsNeverMrrExclusiveOrInclusiveWithOrWithoutDiscounts() {
    StripeShapes s = new StripeShapes();
    String jan = "2026-01-01";
    String feb = "2026-02-01";
    monthly(s, "excl", 10000, "exclusive");
    s.invoice(
        "in_excl",
        "cus_excl",
        "sub_excl",
        "paid",
        jan,
        line(
            "il_excl",
            "sub_excl",
            "si_excl",
            "price_excl",
            10000,
            0,
            2000,
            "exclusive",
            false,
            jan,
            feb));
    monthly(s, "incl", 12000, "inclusive");
    s.invoice(
        "in_incl",
        "cus_incl",
        "sub_incl",
        "paid",
        jan,
        line(
            "il_incl",
            "sub_incl",
            "si_incl",
            "price_incl",
            12000,
            0,
            2000,
            "inclusive",
            false,
            jan,
            feb));
    monthly(s, "incl_disc", 12000, "inclusive");
    s.invoice(
        "in_incl_disc",
        "cus_incl_disc",
        "sub_incl_disc",
        "paid",
        jan,
        line(
            "il_incl_disc",
            "sub_incl_disc",
            "si_incl_disc",
            "price_incl_disc",
            12000,
            3000,
            1500,
            "inclusive",
            false,
            jan,
            feb));
    monthly(s, "excl_disc", 10000, "exclusive");
    s.invoice(
        "in_excl_disc",
        "cus_excl_disc",
        "sub_excl_disc",
        "paid",
        jan,
        line(
            "il_excl_disc",
            "sub_excl_disc",
            "si_excl_disc",
            "price_excl_disc",
            10000,
            1000,
            1800,
            "exclusive",
            false,
            jan,
            feb));
    monthly(s, "legacy_incl", 10000, "inclusive");
    s.invoice(
        "in_legacy_incl",
        "cus_legacy_incl",
        "sub_legacy_incl",
        "paid",
        jan,
        legacyLine(
            "il_legacy_incl",
            "subscription",
            "sub_legacy_incl",
            "si_legacy_incl",
            "price_legacy_incl",
            10000,
            1667,
            false,
            jan,
            feb));
    PCollectionTuple out = run(s, "2026-01-31");
    assertMovements(
        out,
        "cus_excl 2026-01-01 new 0->10000",
        "cus_incl 2026-01-01 new 0->10000",
        "cus_incl_disc 2026-01-01 new 0->7500",
        "cus_excl_disc 2026-01-01 new 0->9000",
        "cus_legacy_incl 2026-01-01 new 0->8333");
    assertMrr(
        out,
        "cus_excl 10000",
        "cus_incl 10000",
        "cus_incl_disc 7500",
        "cus_excl_disc 9000",
        "cus_legacy_incl 8333");
    p.run().waitUntilFinish();
  }

  /**
   * Rule 5: intervals exactly, from the price's recurring interval and interval_count.
   *
   * <ul>
   *   <li>cus_week: 2500 per week -> 2500 x 52 / 12 = 10833.33 -> 10833.
   *   <li>cus_4weeks: 10000 every 4 weeks, billed 1 Feb .. 1 Mar 2026 (28 days, which looks like a
   *       calendar month) -> 10000 x 52 / (4 x 12) = 10833.33 -> 10833, not 10000.
   *   <li>cus_30days: 3000 every 30 days -> 3000 x 365 / (30 x 12) = 3041.67 -> 3042.
   *   <li>cus_quarter: 30000 every 3 months -> 30000 / 3 = 10000.
   *   <li>cus_2years: 240000 every 2 years -> 240000 / 24 = 10000.
   * </ul>
   */
  @Test
  public void intervalsNormaliseExactlyWithIntervalCount() {
    StripeShapes s = new StripeShapes();
    single(
        s,
        "week",
        price("price_week", 2500, "week", 1, "exclusive"),
        2500,
        "2026-01-05",
        "2026-01-12");
    single(
        s,
        "4weeks",
        price("price_4weeks", 10000, "week", 4, "exclusive"),
        10000,
        "2026-02-01",
        "2026-03-01");
    single(
        s,
        "30days",
        price("price_30days", 3000, "day", 30, "exclusive"),
        3000,
        "2026-01-01",
        "2026-01-31");
    single(
        s,
        "quarter",
        price("price_quarter", 30000, "month", 3, "exclusive"),
        30000,
        "2026-01-01",
        "2026-04-01");
    single(
        s,
        "2years",
        price("price_2years", 240000, "year", 2, "exclusive"),
        240000,
        "2026-01-01",
        "2028-01-01");
    PCollectionTuple out = run(s, "2026-03-31");
    assertMovements(
        out,
        "cus_week 2026-01-05 new 0->10833",
        "cus_4weeks 2026-02-01 new 0->10833",
        "cus_30days 2026-01-01 new 0->3042",
        "cus_quarter 2026-01-01 new 0->10000",
        "cus_2years 2026-01-01 new 0->10000");
    assertMrr(
        out,
        "cus_week 10833",
        "cus_4weeks 10833",
        "cus_30days 3042",
        "cus_quarter 10000",
        "cus_2years 10000");
    p.run().waitUntilFinish();
  }

  /**
   * Rule 1: MRR per subscription item. As of 15 March 2026.
   *
   * <ul>
   *   <li>cus_mixed (flexible billing mode, mixed intervals): a quarterly seat pack 30000 (si_q)
   *       and a monthly add-on 5000 (si_m). Stripe bills both on 1 Jan and only the add-on on 1 Feb
   *       and 1 Mar. MRR = 30000 / 3 + 5000 = 15000 throughout; the February invoice, which has no
   *       quarterly line, changes nothing.
   *   <li>cus_removed: base 10000 (si_a) + add-on 3000 (si_b), monthly from 1 Jan; the add-on is
   *       removed on 15 Feb with prorations: credit -3000 x 14/28 = -1500 for 15 Feb .. 1 Mar. Its
   *       MRR: -1500 x 28/14 = -3000 -> 13000 - 3000 = 10000 from 15 Feb (contraction).
   *   <li>cus_dropped: the same removal without prorations (no line): the add-on was paid to 1 Mar,
   *       and is no longer on the subscription, so it stops at the end of its period: 13000 ->
   *       10000 on 1 Mar.
   * </ul>
   */
  @Test
  public void eachItemKeepsItsOwnRateAndARemovedItemStops() {
    StripeShapes s = new StripeShapes();
    s.customer("cus_mixed")
        .subscription(
            "sub_mixed",
            "cus_mixed",
            "active",
            "2026-01-01",
            "si_q",
            price("price_q", 30000, "month", 3, "exclusive"),
            "si_m",
            price("price_m", 5000, "month", 1, "exclusive"));
    s.invoice(
        "in_mx1",
        "cus_mixed",
        "sub_mixed",
        "paid",
        "2026-01-01",
        cycle("il_mx1q", "sub_mixed", "si_q", "price_q", 30000, "2026-01-01", "2026-04-01"),
        cycle("il_mx1m", "sub_mixed", "si_m", "price_m", 5000, "2026-01-01", "2026-02-01"));
    s.invoice(
        "in_mx2",
        "cus_mixed",
        "sub_mixed",
        "paid",
        "2026-02-01",
        cycle("il_mx2m", "sub_mixed", "si_m", "price_m", 5000, "2026-02-01", "2026-03-01"));
    s.invoice(
        "in_mx3",
        "cus_mixed",
        "sub_mixed",
        "paid",
        "2026-03-01",
        cycle("il_mx3m", "sub_mixed", "si_m", "price_m", 5000, "2026-03-01", "2026-04-01"));
    for (String c : List.of("removed", "dropped")) {
      String cus = "cus_" + c;
      String sub = "sub_" + c;
      s.customer(cus)
          .subscription(
              sub,
              cus,
              "active",
              "2026-01-01",
              "si_a_" + c,
              price("price_a_" + c, 10000, "month", 1, "exclusive"));
      for (String[] m :
          new String[][] {{"1", "2026-01-01", "2026-02-01"}, {"2", "2026-02-01", "2026-03-01"}}) {
        s.invoice(
            "in_" + c + m[0],
            cus,
            sub,
            "paid",
            m[1],
            cycle("il_" + c + m[0] + "a", sub, "si_a_" + c, "price_a_" + c, 10000, m[1], m[2]),
            cycle("il_" + c + m[0] + "b", sub, "si_b_" + c, "price_b_" + c, 3000, m[1], m[2]));
      }
      s.invoice(
          "in_" + c + "3",
          cus,
          sub,
          "paid",
          "2026-03-01",
          cycle(
              "il_" + c + "3a",
              sub,
              "si_a_" + c,
              "price_a_" + c,
              10000,
              "2026-03-01",
              "2026-04-01"));
    }
    s.invoice(
        "in_removed_credit",
        "cus_removed",
        "sub_removed",
        "paid",
        "2026-02-15",
        proration(
            "il_removed_credit",
            "sub_removed",
            "si_b_removed",
            "price_b_removed",
            -1500,
            "2026-02-15",
            "2026-03-01"));
    PCollectionTuple out = run(s, "2026-03-15");
    assertMovements(
        out,
        "cus_mixed 2026-01-01 new 0->15000",
        "cus_removed 2026-01-01 new 0->13000",
        "cus_removed 2026-02-15 contraction 13000->10000",
        "cus_dropped 2026-01-01 new 0->13000",
        "cus_dropped 2026-03-01 contraction 13000->10000");
    assertMrr(out, "cus_mixed 15000", "cus_removed 10000", "cus_dropped 10000");
    p.run().waitUntilFinish();
  }

  /**
   * Rule 2: plan and interval changes. As of 30 April 2026.
   *
   * <ul>
   *   <li>cus_yearly: 10000 monthly from 1 Mar; on 16 Mar switched to 100000 yearly on the same
   *       item with billing_cycle_anchor=now and proration_behavior=always_invoice. Stripe invoices
   *       at once: a credit for the unused monthly time, -10000 x 16/31 = -5161.29 -> -5161 (16 Mar
   *       .. 1 Apr), and the whole yearly period 16 Mar 2026 .. 16 Mar 2027. The credit belongs to
   *       the old period: 10000 + (-5161 x 31/16 = -9999.44 -> -9999) = 1, then the yearly line
   *       sets 100000 / 12 = 8333.33 -> 8333. MRR 8333 from 16 Mar, never 8333 - 9999 = -1666.
   *   <li>cus_seats: 3 seats x 1000 monthly from 1 Mar; 5 seats from 16 Mar with prorations on the
   *       1 Apr invoice: credit -3000 x 16/31 = -1548.39 -> -1548, charge 5000 x 16/31 = 2580.65 ->
   *       2581. MRR on 16 Mar = 3000 + (-1548 x 31/16 = -2999.25 -> -2999) + (2581 x 31/16 =
   *       5000.69 -> 5001) = 5002 (expansion on the change date); the 1 Apr whole line sets 5000.
   * </ul>
   */
  @Test
  public void planAndIntervalChangesMoveMrrOnTheChangeDate() {
    StripeShapes s = new StripeShapes();
    s.customer("cus_yearly")
        .subscription(
            "sub_yearly",
            "cus_yearly",
            "active",
            "2026-03-01",
            "si_y",
            price("price_year", 100000, "year", 1, "exclusive"));
    s.invoice(
        "in_y1",
        "cus_yearly",
        "sub_yearly",
        "paid",
        "2026-03-01",
        cycle("il_y1", "sub_yearly", "si_y", "price_month", 10000, "2026-03-01", "2026-04-01"));
    s.invoice(
        "in_y2",
        "cus_yearly",
        "sub_yearly",
        "paid",
        "2026-03-16",
        proration("il_y2c", "sub_yearly", "si_y", "price_month", -5161, "2026-03-16", "2026-04-01"),
        cycle("il_y2y", "sub_yearly", "si_y", "price_year", 100000, "2026-03-16", "2027-03-16"));
    s.customer("cus_seats")
        .subscription(
            "sub_seats",
            "cus_seats",
            "active",
            "2026-03-01",
            "si_s",
            price("price_seat", 1000, "month", 1, "exclusive"));
    s.invoice(
        "in_s1",
        "cus_seats",
        "sub_seats",
        "paid",
        "2026-03-01",
        cycle("il_s1", "sub_seats", "si_s", "price_seat", 3000, "2026-03-01", "2026-04-01"));
    s.invoice(
        "in_s2",
        "cus_seats",
        "sub_seats",
        "paid",
        "2026-04-01",
        proration("il_s2c", "sub_seats", "si_s", "price_seat", -1548, "2026-03-16", "2026-04-01"),
        proration("il_s2d", "sub_seats", "si_s", "price_seat", 2581, "2026-03-16", "2026-04-01"),
        cycle("il_s2", "sub_seats", "si_s", "price_seat", 5000, "2026-04-01", "2026-05-01"));
    PCollectionTuple out = run(s, "2026-04-30");
    assertMovements(
        out,
        "cus_yearly 2026-03-01 new 0->10000",
        "cus_yearly 2026-03-16 contraction 10000->8333",
        "cus_seats 2026-03-01 new 0->3000",
        "cus_seats 2026-03-16 expansion 3000->5002",
        "cus_seats 2026-04-01 contraction 5002->5000");
    assertMrr(out, "cus_yearly 8333", "cus_seats 5000");
    p.run().waitUntilFinish();
  }

  /**
   * Rules 4 and 6. As of 31 March 2026.
   *
   * <ul>
   *   <li>cus_anchor: created 10 Mar with billing_cycle_anchor 1 Apr, 1000 monthly; Stripe bills
   *       the stub 10 Mar .. 1 Apr as a proration: 1000 x 22/31 = 709.68 -> 710. Its whole period
   *       is the month ending at the anchor (1 Mar .. 1 Apr): 710 x 31/22 = 1000.45 -> 1000 from 10
   *       Mar, before any full invoice exists.
   *   <li>cus_void: 2000 monthly paid from 1 Jan; a void February invoice (9999), an uncollectible
   *       proration (+5000, written off) and a draft March invoice (7777) never bill, so the
   *       January rate holds: 2000 and no other movement.
   *   <li>cus_legacy: pre-basil lines: 1000 monthly from 1 Mar (type subscription); 2 seats from 16
   *       Mar invoiced at once as pending invoice items (type invoiceitem, proration true): credit
   *       -1000 x 16/31 = -516.13 -> -516, charge 2000 x 16/31 = 1032.26 -> 1032. MRR = 1000 +
   *       (-516 x 31/16 = -999.75 -> -1000) + (1032 x 31/16 = 1999.5 -> 2000) = 2000.
   * </ul>
   */
  @Test
  public void anchoredStubsCountFromTheStartAndUnbilledInvoicesNever() {
    StripeShapes s = new StripeShapes();
    s.customer("cus_anchor")
        .subscription(
            "sub_anchor",
            "cus_anchor",
            "active",
            "2026-03-10",
            "si_an",
            price("price_an", 1000, "month", 1, "exclusive"));
    s.invoice(
        "in_an",
        "cus_anchor",
        "sub_anchor",
        "paid",
        "2026-03-10",
        proration("il_an", "sub_anchor", "si_an", "price_an", 710, "2026-03-10", "2026-04-01"));
    s.customer("cus_void")
        .subscription(
            "sub_void",
            "cus_void",
            "active",
            "2026-01-01",
            "si_v",
            price("price_v", 2000, "month", 1, "exclusive"));
    s.invoice(
        "in_v1",
        "cus_void",
        "sub_void",
        "paid",
        "2026-01-01",
        cycle("il_v1", "sub_void", "si_v", "price_v", 2000, "2026-01-01", "2026-02-01"));
    s.invoice(
        "in_v2",
        "cus_void",
        "sub_void",
        "void",
        "2026-02-01",
        cycle("il_v2", "sub_void", "si_v", "price_v", 9999, "2026-02-01", "2026-03-01"));
    s.invoice(
        "in_v3",
        "cus_void",
        "sub_void",
        "uncollectible",
        "2026-02-10",
        proration("il_v3", "sub_void", "si_v", "price_v", 5000, "2026-02-10", "2026-03-01"));
    s.invoice(
        "in_v4",
        "cus_void",
        "sub_void",
        "draft",
        "2026-03-01",
        cycle("il_v4", "sub_void", "si_v", "price_v", 7777, "2026-03-01", "2026-04-01"));
    s.customer("cus_legacy")
        .subscription(
            "sub_legacy",
            "cus_legacy",
            "active",
            "2026-03-01",
            "si_l",
            price("price_l", 1000, "month", 1, "exclusive"));
    s.invoice(
        "in_l1",
        "cus_legacy",
        "sub_legacy",
        "paid",
        "2026-03-01",
        legacyLine(
            "il_l1",
            "subscription",
            "sub_legacy",
            "si_l",
            "price_l",
            1000,
            0,
            false,
            "2026-03-01",
            "2026-04-01"));
    s.invoice(
        "in_l2",
        "cus_legacy",
        "sub_legacy",
        "paid",
        "2026-03-16",
        legacyLine(
            "il_l2c",
            "invoiceitem",
            "sub_legacy",
            "si_l",
            "price_l",
            -516,
            0,
            true,
            "2026-03-16",
            "2026-04-01"),
        legacyLine(
            "il_l2d",
            "invoiceitem",
            "sub_legacy",
            "si_l",
            "price_l",
            1032,
            0,
            true,
            "2026-03-16",
            "2026-04-01"));
    PCollectionTuple out = run(s, "2026-03-31");
    assertMovements(
        out,
        "cus_anchor 2026-03-10 new 0->1000",
        "cus_void 2026-01-01 new 0->2000",
        "cus_legacy 2026-03-01 new 0->1000",
        "cus_legacy 2026-03-16 expansion 1000->2000");
    assertMrr(out, "cus_anchor 1000", "cus_void 2000", "cus_legacy 2000");
    p.run().waitUntilFinish();
  }

  /**
   * Rule 4 when the stub's price has left the subscription: a school starts on Growth on 18 Jan
   * 2026, billed from the anchor on 1 Feb, and moves to Pro at the 1 Mar renewal (same subscription
   * item, new price). subscription_items then names only Pro, so Growth's interval comes from the
   * price list (GET /v1/prices, archived prices included) through the line: a month, so the stub's
   * whole period is 1 Jan .. 1 Feb (31 days), not the 28 days of the next period (1 Feb .. 1 Mar,
   * which would read as 4 weeks).
   *
   * <ul>
   *   <li>Stub 18 Jan .. 1 Feb, 14 of January's 31 days: Stripe bills 16800 x 14 / 31 = 7587.10 ->
   *       7587. MRR = 7587 x 31 / 14 = 16799.8 -> 16800 (with the 28-day period instead: 7587 x 28
   *       / 14 / (4 x 12 / 52) = 16438, 362 cents short).
   *   <li>1 Feb .. 1 Mar whole period, Growth 16800: sets 16800, no movement.
   *   <li>1 Mar .. 1 Apr whole period, Pro 24000: expansion 16800 -> 24000. MRR at 31 Mar: 24000.
   * </ul>
   */
  @Test
  public void anchoredStubOfAPriceNoLongerOnTheSubscriptionUsesThePricesInterval() {
    StripeShapes s = new StripeShapes();
    com.fasterxml.jackson.databind.node.ObjectNode growth =
        price("price_growth", 16800, "month", 1, "exclusive");
    growth.put("active", false);
    s.customer("cus_tier")
        .subscription(
            "sub_tier",
            "cus_tier",
            "active",
            "2026-01-18",
            "si_tier",
            price("price_pro", 24000, "month", 1, "exclusive"))
        .listPrice(growth);
    s.invoice(
        "in_t1",
        "cus_tier",
        "sub_tier",
        "paid",
        "2026-01-18",
        proration(
            "il_t1", "sub_tier", "si_tier", "price_growth", 7587, "2026-01-18", "2026-02-01"));
    s.invoice(
            "in_t2",
            "cus_tier",
            "sub_tier",
            "paid",
            "2026-02-01",
            cycle(
                "il_t2", "sub_tier", "si_tier", "price_growth", 16800, "2026-02-01", "2026-03-01"))
        .renewal();
    s.invoice(
            "in_t3",
            "cus_tier",
            "sub_tier",
            "paid",
            "2026-03-01",
            cycle("il_t3", "sub_tier", "si_tier", "price_pro", 24000, "2026-03-01", "2026-04-01"))
        .renewal();
    PCollectionTuple out = run(s, "2026-03-31");
    assertMovements(
        out, "cus_tier 2026-01-18 new 0->16800", "cus_tier 2026-03-01 expansion 16800->24000");
    assertMrr(out, "cus_tier 24000");
    p.run().waitUntilFinish();
  }

  /**
   * Rule 7, pause_collection (docs.stripe.com/billing/subscriptions/pause-payment: the subscription
   * stays active and invoices are still generated, but voided, left draft or marked uncollectible;
   * Stripe makes no payment attempt). The paused periods are 0 MRR, resuming is reactivation.
   *
   * <ul>
   *   <li>cus_pause: 3000 a month. January paid; February and March renewal invoices void with no
   *       payment attempt (paused with behavior void, since resumed: no pause_collection now);
   *       April paid. 1 Jan new 0 -> 3000; 1 Feb churn 3000 -> 0 (no other MRR); 1 Apr reactivation
   *       0 -> 3000. MRR at 30 Apr: 3000.
   *   <li>cus_two: sub_two_a 2000 and sub_two_b 1000 a month; sub_two_b paused now with
   *       keep_as_draft, its February renewal left draft. 1 Jan new 0 -> 3000; 1 Feb contraction
   *       3000 -> 2000 (the customer keeps paying sub_two_a). MRR 2000.
   *   <li>cus_held: paused now with mark_uncollectible; January 5000 paid, February renewal
   *       uncollectible, never attempted. 1 Jan new 0 -> 5000; 1 Feb churn 5000 -> 0. MRR 0.
   *   <li>cus_trial_paused: status paused (Stripe: only when a trial ends without a payment
   *       method), trial 1-15 Jan billed on a 0 invoice: never MRR, no movement, no dim row.
   * </ul>
   */
  @Test
  public void pausedCollectionIsZeroMrrAndResumingIsReactivation() {
    StripeShapes s = new StripeShapes();
    s.customer("cus_pause")
        .subscription(
            "sub_pause",
            "cus_pause",
            "active",
            "2026-01-01",
            "si_pause",
            price("price_pause", 3000, "month", 1, "exclusive"));
    renewals(s, "pause", 3000, "paid", "2026-01-01");
    renewals(s, "pause", 3000, "void", "2026-02-01", "2026-03-01");
    renewals(s, "pause", 3000, "paid", "2026-04-01");
    s.customer("cus_two")
        .subscription(
            "sub_two_a",
            "cus_two",
            "active",
            "2026-01-01",
            "si_two_a",
            price("price_two_a", 2000, "month", 1, "exclusive"))
        .subscription(
            "sub_two_b",
            "cus_two",
            "active",
            "2026-01-01",
            "si_two_b",
            price("price_two_b", 1000, "month", 1, "exclusive"))
        .pauseCollection("keep_as_draft");
    renewals(s, "two_a", 2000, "paid", "2026-01-01", "2026-02-01");
    renewals(s, "two_b", 1000, "paid", "2026-01-01");
    renewals(s, "two_b", 1000, "draft", "2026-02-01");
    s.customer("cus_held")
        .subscription(
            "sub_held",
            "cus_held",
            "active",
            "2026-01-01",
            "si_held",
            price("price_held", 5000, "month", 1, "exclusive"))
        .pauseCollection("mark_uncollectible");
    renewals(s, "held", 5000, "paid", "2026-01-01");
    renewals(s, "held", 5000, "uncollectible", "2026-02-01");
    s.customer("cus_trial_paused")
        .subscription(
            "sub_trial_paused",
            "cus_trial_paused",
            "paused",
            "2026-01-01",
            "si_trial_paused",
            price("price_trial_paused", 4000, "month", 1, "exclusive"))
        .trial("2026-01-01", "2026-01-15");
    s.invoice(
        "in_trial_paused",
        "cus_trial_paused",
        "sub_trial_paused",
        "paid",
        "2026-01-01",
        cycle(
            "il_trial_paused",
            "sub_trial_paused",
            "si_trial_paused",
            "price_trial_paused",
            0,
            "2026-01-01",
            "2026-01-15"));
    PCollectionTuple out = run(s, "2026-04-30");
    assertMovements(
        out,
        "cus_pause 2026-01-01 new 0->3000",
        "cus_pause 2026-02-01 churn 3000->0",
        "cus_pause 2026-04-01 reactivation 0->3000",
        "cus_two 2026-01-01 new 0->3000",
        "cus_two 2026-02-01 contraction 3000->2000",
        "cus_held 2026-01-01 new 0->5000",
        "cus_held 2026-02-01 churn 5000->0");
    assertMrr(out, "cus_pause 3000", "cus_two 2000", "cus_held 0");
    p.run().waitUntilFinish();
  }

  /**
   * Rule 7, unpaid (Stripe: once all retries are exhausted the subscription becomes canceled or
   * unpaid; Stripe's analytics glossary: "A subscription that is canceled or marked unpaid is
   * churn"). The churn is dated when the renewal was written off after its failed attempts; a later
   * paid invoice is reactivation on its payment day.
   *
   * <ul>
   *   <li>cus_back: 4000 a month, January paid; the February renewal failed 4 attempts and was
   *       marked uncollectible on 20 Feb; the March renewal (1 Mar) was paid on 3 Mar (status back
   *       to active). 1 Jan new 0 -> 4000; 20 Feb churn 4000 -> 0; 3 Mar reactivation 0 -> 4000.
   *   <li>cus_unpaid: status unpaid now; 2500 a month, January paid, the February renewal failed 4
   *       attempts and was written off on 22 Feb. 1 Jan new 0 -> 2500; 22 Feb churn 2500 -> 0 (not
   *       1 Feb: February was still past_due, which counts, until the retries ran out).
   * </ul>
   */
  @Test
  public void unpaidChurnsWhenRetriesRunOutAndALaterPaymentReactivates() {
    StripeShapes s = new StripeShapes();
    s.customer("cus_back")
        .subscription(
            "sub_back",
            "cus_back",
            "active",
            "2026-01-01",
            "si_back",
            price("price_back", 4000, "month", 1, "exclusive"));
    renewals(s, "back", 4000, "paid", "2026-01-01");
    renewals(s, "back", 4000, "uncollectible", "2026-02-01");
    s.attempts(4).writtenOffOn("2026-02-20");
    renewals(s, "back", 4000, "paid", "2026-03-01");
    s.paidOn("2026-03-03");
    s.customer("cus_unpaid")
        .subscription(
            "sub_unpaid",
            "cus_unpaid",
            "unpaid",
            "2026-01-01",
            "si_unpaid",
            price("price_unpaid", 2500, "month", 1, "exclusive"));
    renewals(s, "unpaid", 2500, "paid", "2026-01-01");
    renewals(s, "unpaid", 2500, "uncollectible", "2026-02-01");
    s.attempts(4).writtenOffOn("2026-02-22");
    PCollectionTuple out = run(s, "2026-03-31");
    assertMovements(
        out,
        "cus_back 2026-01-01 new 0->4000",
        "cus_back 2026-02-20 churn 4000->0",
        "cus_back 2026-03-03 reactivation 0->4000",
        "cus_unpaid 2026-01-01 new 0->2500",
        "cus_unpaid 2026-02-22 churn 2500->0");
    assertMrr(out, "cus_back 4000", "cus_unpaid 0");
    p.run().waitUntilFinish();
  }

  /**
   * Rule 7, past-due auto-churn (ChartMogul's optional "auto-churn after X days past due", here 7
   * days): it ends when a later invoice is paid, even if the old one stays open. cus_pd: 1500 a
   * month, January paid; the February renewal (issued 1 Feb) stays open; the March renewal (issued
   * 1 Mar) is paid on 2 Mar. 1 Jan new 0 -> 1500; 8 Feb churn 1500 -> 0 (1 Feb + 7 days); 2 Mar
   * reactivation 0 -> 1500 (before this rule the open February invoice kept it churned).
   */
  @Test
  public void pastDueAutoChurnEndsWhenALaterInvoiceIsPaid() {
    StripeShapes s = new StripeShapes();
    s.customer("cus_pd")
        .subscription(
            "sub_pd",
            "cus_pd",
            "past_due",
            "2026-01-01",
            "si_pd",
            price("price_pd", 1500, "month", 1, "exclusive"));
    renewals(s, "pd", 1500, "paid", "2026-01-01");
    renewals(s, "pd", 1500, "open", "2026-02-01");
    s.attempts(3);
    renewals(s, "pd", 1500, "paid", "2026-03-01");
    s.paidOn("2026-03-02");
    PCollectionTuple out =
        run(
            s,
            new RevenueSettings(
                LocalDate.parse("2026-03-31"), "usd", FxRates.parse(FxRates.DEFAULT_SPEC), 7));
    assertMovements(
        out,
        "cus_pd 2026-01-01 new 0->1500",
        "cus_pd 2026-02-08 churn 1500->0",
        "cus_pd 2026-03-02 reactivation 0->1500");
    assertMrr(out, "cus_pd 1500");
    p.run().waitUntilFinish();
  }

  /**
   * Rule 8, FX with dated rates (currency,date,rate; USD 1): EUR 1.10 from 1 Jan, 1.20 from 1 Feb.
   * Each line converts at its service period start (ChartMogul); a change due to the rate is an fx
   * movement, apart from expansion (ChartMogul: no movement for FX, an "Exchange Rate Impact" row).
   *
   * <ul>
   *   <li>cus_eur: EUR 1000 a month, January and February. Jan: 1000 x 1.10 = 1100; Feb: 1000 x
   *       1.20 = 1200, the same native amount, so 1 Feb fx 1100 -> 1200 (not expansion).
   *   <li>cus_eur_up: EUR 1000 in January, EUR 1500 from February (more seats on the new period).
   *       Jan 1100; Feb 1500 x 1.20 = 1800. At the old rate Feb would be 1500 x 1.10 = 1650: 1 Feb
   *       expansion 1100 -> 1650 (+550, the native change) then fx 1650 -> 1800 (+150).
   *   <li>cus_usd: USD 1000 both months: new in January, nothing in February.
   * </ul>
   */
  @Test
  public void exchangeRateChangesAreFxMovementsApartFromExpansion() {
    StripeShapes s = new StripeShapes();
    s.customer("cus_eur")
        .subscription(
            "sub_eur",
            "cus_eur",
            "active",
            "2026-01-01",
            "si_eur",
            price("price_eur", 1000, "month", 1, "exclusive"));
    renewals(s, "eur", 1000, "paid", "2026-01-01");
    s.inCurrency("eur");
    renewals(s, "eur", 1000, "paid", "2026-02-01");
    s.inCurrency("eur");
    s.customer("cus_eur_up")
        .subscription(
            "sub_eur_up",
            "cus_eur_up",
            "active",
            "2026-01-01",
            "si_eur_up",
            price("price_eur_up", 500, "month", 1, "exclusive"));
    renewals(s, "eur_up", 1000, "paid", "2026-01-01");
    s.inCurrency("eur");
    renewals(s, "eur_up", 1500, "paid", "2026-02-01");
    s.inCurrency("eur");
    s.customer("cus_usd")
        .subscription(
            "sub_usd",
            "cus_usd",
            "active",
            "2026-01-01",
            "si_usd",
            price("price_usd", 1000, "month", 1, "exclusive"));
    renewals(s, "usd", 1000, "paid", "2026-01-01", "2026-02-01");
    FxRates dated =
        FxRates.merge(
            "usd:1", List.of("currency,date,rate", "eur,2026-01-01,1.10", "eur,2026-02-01,1.20"));
    PCollectionTuple out =
        run(s, new RevenueSettings(LocalDate.parse("2026-02-28"), "usd", dated, null));
    assertMovements(
        out,
        "cus_eur 2026-01-01 new 0->1100",
        "cus_eur 2026-02-01 fx 1100->1200",
        "cus_eur_up 2026-01-01 new 0->1100",
        "cus_eur_up 2026-02-01 expansion 1100->1650",
        "cus_eur_up 2026-02-01 fx 1650->1800",
        "cus_usd 2026-01-01 new 0->1000");
    assertMrr(out, "cus_eur 1200", "cus_eur_up 1800", "cus_usd 1000");
    p.run().waitUntilFinish();
  }

  /**
   * Rule 8 with rules 2 and the mid-period change: every line of one instant is measured against
   * the rate in force before it. EUR 1.10 from 1 Mar, 1.20 from 10 Mar (USD 1); the changes of
   * {@link #planAndIntervalChangesMoveMrrOnTheChangeDate} in EUR, so their lines on 16 Mar convert
   * at 1.20 while the 1 Mar period converted at 1.10.
   *
   * <ul>
   *   <li>cus_eseats: 3000 from 1 Mar: 3000 x 1.10 = 3300. 16 Mar credit -1548 and charge 2581 (16
   *       Mar .. 1 Apr of the 31-day period, x 31/16 = 1.9375): at 1.20 round(-1548 x 1.9375 x 1.2
   *       = -3599.1) = -3599 and round(2581 x 1.9375 x 1.2 = 6000.825) = 6001, MRR 3300 - 3599 +
   *       6001 = 5702; the same lines at 1.10: round(-3299.175) = -3299 and round(5500.756) = 5501,
   *       3300 - 3299 + 5501 = 5502. Expansion 3300 -> 5502 (the 2000 more, at the old rate), fx
   *       5502 -> 5702 (+200 = 2000 x 0.10). 1 Apr: 5000 x 1.20 = 6000 against the previous line's
   *       rate 1.20: expansion 5702 -> 6000.
   *   <li>cus_eyear: 10000 monthly from 1 Mar: 11000. 16 Mar: credit -5161 (x 1.9375 = -9999.44)
   *       and the yearly line 100000 / 12 = 8333.33 that sets the rate. At 1.20 the yearly line is
   *       10000; at 1.10 it is round(9166.67) = 9167 (the credit is replaced by the yearly line at
   *       both rates, rule 2). Contraction 11000 -> 9167, fx 9167 -> 10000. Before this rule the
   *       credit's own rate difference (-1000) was taken for the whole step: fx 11000 -> 10000 and
   *       no contraction at all.
   * </ul>
   */
  @Test
  public void aMidPeriodChangeAcrossARateMoveSplitsAgainstTheRateBeforeIt() {
    StripeShapes s = new StripeShapes();
    s.customer("cus_eseats")
        .subscription(
            "sub_eseats",
            "cus_eseats",
            "active",
            "2026-03-01",
            "si_es",
            price("price_eseat", 1000, "month", 1, "exclusive"));
    s.invoice(
        "in_es1",
        "cus_eseats",
        "sub_eseats",
        "paid",
        "2026-03-01",
        cycle("il_es1", "sub_eseats", "si_es", "price_eseat", 3000, "2026-03-01", "2026-04-01"));
    s.inCurrency("eur");
    s.invoice(
        "in_es2",
        "cus_eseats",
        "sub_eseats",
        "paid",
        "2026-04-01",
        proration(
            "il_es2c", "sub_eseats", "si_es", "price_eseat", -1548, "2026-03-16", "2026-04-01"),
        proration(
            "il_es2d", "sub_eseats", "si_es", "price_eseat", 2581, "2026-03-16", "2026-04-01"),
        cycle("il_es2", "sub_eseats", "si_es", "price_eseat", 5000, "2026-04-01", "2026-05-01"));
    s.inCurrency("eur");
    s.customer("cus_eyear")
        .subscription(
            "sub_eyear",
            "cus_eyear",
            "active",
            "2026-03-01",
            "si_ey",
            price("price_eyear", 100000, "year", 1, "exclusive"));
    s.invoice(
        "in_ey1",
        "cus_eyear",
        "sub_eyear",
        "paid",
        "2026-03-01",
        cycle("il_ey1", "sub_eyear", "si_ey", "price_emonth", 10000, "2026-03-01", "2026-04-01"));
    s.inCurrency("eur");
    s.invoice(
        "in_ey2",
        "cus_eyear",
        "sub_eyear",
        "paid",
        "2026-03-16",
        proration(
            "il_ey2c", "sub_eyear", "si_ey", "price_emonth", -5161, "2026-03-16", "2026-04-01"),
        cycle("il_ey2y", "sub_eyear", "si_ey", "price_eyear", 100000, "2026-03-16", "2027-03-16"));
    s.inCurrency("eur");
    FxRates dated =
        FxRates.merge(
            "usd:1", List.of("currency,date,rate", "eur,2026-03-01,1.10", "eur,2026-03-10,1.20"));
    PCollectionTuple out =
        run(s, new RevenueSettings(LocalDate.parse("2026-04-30"), "usd", dated, null));
    assertMovements(
        out,
        "cus_eseats 2026-03-01 new 0->3300",
        "cus_eseats 2026-03-16 expansion 3300->5502",
        "cus_eseats 2026-03-16 fx 5502->5702",
        "cus_eseats 2026-04-01 expansion 5702->6000",
        "cus_eyear 2026-03-01 new 0->11000",
        "cus_eyear 2026-03-16 contraction 11000->9167",
        "cus_eyear 2026-03-16 fx 9167->10000");
    assertMrr(out, "cus_eseats 6000", "cus_eyear 10000");
    p.run().waitUntilFinish();
  }

  // ------------------------------------------------------------------ helpers

  /**
   * Monthly renewal invoices of sub_X on si_X / price_X, one per start day (each for the month from
   * it), all with {@code status}, billing_reason subscription_cycle, created at the period start.
   */
  private static void renewals(
      StripeShapes s, String x, long amount, String status, String... starts) {
    for (String start : starts) {
      String end = LocalDate.parse(start).plusMonths(1).toString();
      s.invoice(
              "in_" + x + "_" + start,
              "cus_" + x.replaceAll("_[ab]$", ""),
              "sub_" + x,
              status,
              start,
              cycle(
                  "il_" + x + "_" + start, "sub_" + x, "si_" + x, "price_" + x, amount, start, end))
          .renewal()
          .attempts("paid".equals(status) ? 1 : 0);
    }
  }

  /** cus_X with sub_X on one monthly item si_X / price_X. */
  private static void monthly(StripeShapes s, String x, long unit, String taxBehavior) {
    s.customer("cus_" + x)
        .subscription(
            "sub_" + x,
            "cus_" + x,
            "active",
            "2026-01-01",
            "si_" + x,
            price("price_" + x, unit, "month", 1, taxBehavior));
  }

  /** cus_X with sub_X on one item si_X billed once for [start, end). */
  private static void single(
      StripeShapes s,
      String x,
      com.fasterxml.jackson.databind.node.ObjectNode price,
      long amount,
      String start,
      String end) {
    s.customer("cus_" + x).subscription("sub_" + x, "cus_" + x, "active", start, "si_" + x, price);
    s.invoice(
        "in_" + x,
        "cus_" + x,
        "sub_" + x,
        "paid",
        start,
        cycle("il_" + x, "sub_" + x, "si_" + x, price.get("id").asText(), amount, start, end));
  }

  private PCollectionTuple run(StripeShapes s, String asOf) {
    return run(s, RevenueSettings.usd(LocalDate.parse(asOf)));
  }

  private PCollectionTuple run(StripeShapes s, RevenueSettings settings) {
    Map<TableDef, List<Row>> rows = s.stagingRows();
    RunContext ctx = TestTables.run("golden", "marts", "2026-05-01T00:00:00Z");
    PCollectionTuple out =
        ComputeRevenue.inputs(
                create(rows, Tables.INVOICE_LINES),
                create(rows, Tables.INVOICES),
                create(rows, Tables.SUBSCRIPTIONS),
                create(rows, Tables.SUBSCRIPTION_ITEMS),
                create(rows, Tables.CUSTOMERS))
            .apply(ComputeRevenue.of(settings, ctx));
    PAssert.that(out.get(ComputeRevenue.DEAD_LETTERS)).empty();
    return out;
  }

  private PCollection<Row> create(Map<TableDef, List<Row>> rows, TableDef table) {
    return p.apply(table.name(), Create.of(rows.get(table)).withRowSchema(table.schema()));
  }

  private static void assertMovements(PCollectionTuple out, String... expected) {
    PAssert.that(
            out.get(ComputeRevenue.FACT_REVENUE)
                .apply(
                    "Movements",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            r ->
                                r.getString("customer_id")
                                    + " "
                                    + r.getValue("movement_date")
                                    + " "
                                    + r.getString("movement_type")
                                    + " "
                                    + r.getInt64("mrr_before_cents")
                                    + "->"
                                    + r.getInt64("mrr_after_cents"))))
        .containsInAnyOrder(expected);
  }

  private static void assertMrr(PCollectionTuple out, String... expected) {
    PAssert.that(
            out.get(ComputeRevenue.CUSTOMER_SUMMARY)
                .apply(
                    "Mrr",
                    MapElements.into(TypeDescriptors.strings())
                        .via(r -> r.getString("customer_id") + " " + r.getInt64("mrr_cents"))))
        .containsInAnyOrder(expected);
  }
}
