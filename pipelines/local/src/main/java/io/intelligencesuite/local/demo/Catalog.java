package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * What the demo company sells: three per-seat tiers, billed monthly or yearly (a year costs ten
 * months), in USD, EUR or GBP, plus the coupons sales hands out. Ids are fixed strings so the
 * catalogue reads the same under every seed.
 */
final class Catalog {

  enum Tier {
    STARTER("Starter", 400, 380, 320),
    GROWTH("Growth", 700, 650, 560),
    PRO("Pro", 1100, 1000, 880);

    final String label;
    private final int usd;
    private final int eur;
    private final int gbp;

    Tier(String label, int usd, int eur, int gbp) {
      this.label = label;
      this.usd = usd;
      this.eur = eur;
      this.gbp = gbp;
    }

    /** Monthly price of one seat in the currency's minor units. */
    int monthlySeat(String currency) {
      return switch (currency) {
        case "eur" -> eur;
        case "gbp" -> gbp;
        default -> usd;
      };
    }

    String productId() {
      return "prod_ch" + label.toLowerCase(java.util.Locale.ROOT);
    }

    Tier up() {
      return this == STARTER ? GROWTH : PRO;
    }

    Tier down() {
      return this == PRO ? GROWTH : STARTER;
    }
  }

  /**
   * One Stripe price: tier x interval x currency, tax exclusive or (EUR only) VAT-inclusive: the
   * same figure with the VAT inside it, as EU schools are quoted.
   */
  record Price(
      String id,
      Tier tier,
      boolean annual,
      String currency,
      int unitAmount,
      long created,
      boolean taxInclusive,
      int months) {
    /** The add-on: assistant seats billed quarterly (no tier). */
    boolean addOn() {
      return tier == null;
    }

    String nickname() {
      return addOn()
          ? "Assistant seats (quarterly)"
          : tier.label + (annual ? " (yearly)" : " (monthly)");
    }

    String productId() {
      return addOn() ? ADD_ON_PRODUCT : tier.productId();
    }

    /** Stripe's recurring.interval and interval_count for this price. */
    String interval() {
      return months % 12 == 0 ? "year" : "month";
    }

    int intervalCount() {
      return months % 12 == 0 ? months / 12 : months;
    }

    /** ChartMogul plan external id: one plan per tier and interval, whatever the currency. */
    String planExternalId() {
      if (addOn()) {
        return "plan_assistants_quarterly";
      }
      return "plan_"
          + tier.label.toLowerCase(java.util.Locale.ROOT)
          + (annual ? "_yearly" : "_monthly");
    }
  }

  /** One Stripe coupon. percentOff 0 means amountOff applies (in {@code currency}). */
  record Coupon(
      String id,
      String name,
      double percentOff,
      int amountOff,
      String currency,
      String duration,
      int durationInMonths,
      long created) {
    boolean forever() {
      return duration.equals("forever");
    }
  }

  static final long CATALOG_CREATED = SimCalendar.START - 45 * SimCalendar.DAY;

  static final List<Coupon> COUPONS =
      List.of(
          new Coupon("EDU20", "Education partner 20%", 20, 0, null, "forever", 0, CATALOG_CREATED),
          new Coupon(
              "LAUNCH50",
              "Launch offer 50% first invoice",
              50,
              0,
              null,
              "once",
              0,
              CATALOG_CREATED),
          new Coupon(
              "WELCOME3M",
              "Welcome 25% for 3 months",
              25,
              0,
              null,
              "repeating",
              3,
              CATALOG_CREATED),
          new Coupon(
              "SAVE50USD",
              "$50 off for 6 months",
              0,
              5000,
              "usd",
              "repeating",
              6,
              CATALOG_CREATED + 200 * SimCalendar.DAY),
          new Coupon(
              "RETAIN15",
              "Retention 15% forever",
              15,
              0,
              null,
              "forever",
              0,
              CATALOG_CREATED + 260 * SimCalendar.DAY),
          new Coupon(
              "INTERNAL100",
              "Internal test accounts",
              100,
              0,
              null,
              "forever",
              0,
              CATALOG_CREATED));

  final List<Price> prices = new ArrayList<>();

  Catalog() {
    String[] currencies = {"usd", "eur", "gbp"};
    for (Tier tier : Tier.values()) {
      for (boolean annual : new boolean[] {false, true}) {
        for (String cur : currencies) {
          int unit = tier.monthlySeat(cur) * (annual ? 10 : 1);
          String id =
              "price_"
                  + tier.label.toLowerCase(java.util.Locale.ROOT)
                  + "_"
                  + (annual ? "year" : "month")
                  + "_"
                  + cur;
          int months = annual ? 12 : 1;
          prices.add(new Price(id, tier, annual, cur, unit, CATALOG_CREATED, false, months));
          if (cur.equals("eur")) {
            prices.add(
                new Price(id + "_incl", tier, annual, cur, unit, CATALOG_CREATED, true, months));
          }
        }
      }
    }
    // The add-on: assistant seats, a quarter per seat, next to a monthly plan (flexible billing).
    int[] quarterly = {900, 840, 720};
    for (int i = 0; i < currencies.length; i++) {
      String id = "price_assistants_quarter_" + currencies[i];
      long created = CATALOG_CREATED + 120 * SimCalendar.DAY;
      prices.add(new Price(id, null, false, currencies[i], quarterly[i], created, false, 3));
      if (currencies[i].equals("eur")) {
        prices.add(new Price(id + "_incl", null, false, "eur", quarterly[i], created, true, 3));
      }
    }
  }

  static final String ADD_ON_PRODUCT = "prod_chassistants";

  Price addOn(String currency, boolean taxInclusive) {
    for (Price p : prices) {
      if (p.addOn() && p.currency().equals(currency) && p.taxInclusive() == taxInclusive) {
        return p;
      }
    }
    throw new IllegalArgumentException("no add-on price in " + currency);
  }

  Price price(Tier tier, boolean annual, String currency) {
    return price(tier, annual, currency, false);
  }

  Price price(Tier tier, boolean annual, String currency, boolean taxInclusive) {
    for (Price p : prices) {
      if (!p.addOn()
          && p.tier() == tier
          && p.annual() == annual
          && p.currency().equals(currency)
          && p.taxInclusive() == taxInclusive) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "no price for "
            + tier
            + " annual="
            + annual
            + " "
            + currency
            + " inclusive="
            + taxInclusive);
  }

  static Coupon coupon(String id) {
    for (Coupon c : COUPONS) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException(id);
  }
}
