package io.intelligencesuite.marts.revenue;

import static io.intelligencesuite.marts.revenue.BillingFixture.t;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.intelligencesuite.marts.revenue.Billing.Item;
import io.intelligencesuite.marts.revenue.Billing.Subscription;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

/** Golden tests of current-state MRR (subscription + items), hand-computed. */
public class CurrentStateMrrTest {
  private static final FxRates FX = FxRates.parse(FxRates.DEFAULT_SPEC);
  private static final Instant NOW = t("2026-03-20");
  private static final String PERIOD_START = "2026-03-01";

  /** An active subscription billed from 1 March, with an optional coupon. */
  private static Subscription sub(String status, Double pct, Long amountOff, String duration, Long months,
      String discountStart, String discountEnd) {
    return new Subscription("sub_1", "cus_1", status, "price_1", "month", 1L, 3L, 700L, "usd", pct, amountOff,
        duration, months, discountStart == null ? null : t(discountStart), discountEnd == null ? null : t(discountEnd),
        null, null, t(PERIOD_START), t("2026-04-01"), false, null, null, t("2026-01-01"));
  }

  private static Subscription plain(String status) {
    return sub(status, null, null, null, null, null, null);
  }

  private static Item item(String interval, long count, long qty, long unit) {
    return new Item("si_" + interval + count, "sub_1", "price_" + interval, qty, unit, "usd", interval, count, "licensed");
  }

  private static long mrr(Subscription s, Item... items) {
    return CurrentStateMrr.of(s, List.of(items), NOW, "usd", FX);
  }

  @Test
  public void intervalsNormaliseToAMonth() {
    assertEquals(2100, mrr(plain("active"), item("month", 1, 3, 700)));      // 3 x 700
    assertEquals(2917, mrr(plain("active"), item("year", 1, 5, 7000)));      // 35000 / 12 = 2916.67
    assertEquals(3000, mrr(plain("active"), item("month", 3, 3, 3000)));     // 9000 / 3
    assertEquals(4333, mrr(plain("active"), item("week", 1, 1, 1000)));      // 1000 x 52 / 12 = 4333.33
    assertEquals(3042, mrr(plain("active"), item("day", 1, 1, 100)));        // 100 x 365 / 12 = 3041.67
    assertEquals(2100, mrr(plain("active")));                                // no items: the main-item columns
  }

  @Test
  public void onlyActiveAndPastDueCount() {
    assertEquals(2100, mrr(plain("past_due"), item("month", 1, 3, 700)));
    for (String s : new String[] {"trialing", "incomplete", "incomplete_expired", "paused", "canceled", "unpaid"}) {
      assertEquals(s, 0, mrr(plain(s), item("month", 1, 3, 700)));
    }
  }

  @Test
  public void meteredItemsAreExcludedAndLicensedItemsAdd() {
    Item metered = new Item("si_m", "sub_1", "price_m", 1L, 999L, "usd", "month", 1L, "metered");
    assertEquals(2100 + 500, mrr(plain("active"), item("month", 1, 3, 700), metered, item("month", 1, 1, 500)));
  }

  @Test
  public void percentAndAmountCouponsByDuration() {
    Item seats = item("month", 1, 3, 700);
    // forever 20% since before the period: 2100 - 420 = 1680.
    assertEquals(1680, mrr(sub("active", 20.0, null, "forever", null, "2026-01-01", null), seats));
    // added mid-period (10 March): the current invoice was not discounted yet.
    assertEquals(2100, mrr(sub("active", 20.0, null, "forever", null, "2026-03-10", null), seats));
    // repeating 500 off for 3 months from 1 Jan: ends 1 April, so March is still discounted: 1600.
    assertEquals(1600, mrr(sub("active", null, 500L, "repeating", 3L, "2026-01-01", null), seats));
    // repeating for 2 months from 1 Jan: ended 1 March, so March's invoice was full price.
    assertEquals(2100, mrr(sub("active", null, 500L, "repeating", 2L, "2026-01-01", null), seats));
    // an explicit discount_end wins over the duration.
    assertEquals(2100, mrr(sub("active", null, 500L, "repeating", 12L, "2026-01-01", "2026-02-15"), seats));
    // once 50%, started with this period: 2100 - 1050 = 1050; started a period earlier: already used.
    assertEquals(1050, mrr(sub("active", 50.0, null, "once", null, PERIOD_START, null), seats));
    assertEquals(2100, mrr(sub("active", 50.0, null, "once", null, "2026-02-01", null), seats));
    // amount off larger than the bill: 0, never negative.
    assertEquals(0, mrr(sub("active", null, 5000L, "forever", null, "2026-01-01", null), seats));
  }

  @Test
  public void convertsAtThePeriodStartRate() {
    Item eur = new Item("si_e", "sub_1", "price_e", 1L, 1000L, "eur", "month", 1L, "licensed");
    Subscription s = new Subscription("sub_1", "cus_1", "active", "price_e", "month", 1L, 1L, 1000L, "eur", null, null,
        null, null, null, null, null, null, t(PERIOD_START), t("2026-04-01"), false, null, null, t("2026-01-01"));
    assertEquals(1080, CurrentStateMrr.of(s, List.of(eur), NOW, "usd", FX));
  }

  @Test
  public void endedSubscriptionsAreZeroAndBadItemsNameTheField() {
    Subscription ended = new Subscription("sub_1", "cus_1", "active", "price_1", "month", 1L, 3L, 700L, "usd", null,
        null, null, null, null, null, null, null, t(PERIOD_START), t("2026-04-01"), false, null, t("2026-03-10"),
        t("2026-01-01"));
    assertEquals(0, mrr(ended, item("month", 1, 3, 700)));
    Item noPrice = new Item("si_x", "sub_1", "price_x", 1L, null, "usd", "month", 1L, "licensed");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mrr(plain("active"), noPrice));
    assertEquals(true, e.getMessage().contains("unit_amount_cents"));
  }
}
