package io.intelligencesuite.local.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo company's dated exchange rates to USD: one rate per currency on the 1st of every month,
 * a random walk from the long-run rates ({@link Geography#toUsd}) drawn from its own stream, so
 * that EUR and GBP revenue moves with the rate month to month (MRR rule 8: such a change is an fx
 * movement, never expansion or contraction).
 *
 * <p>Published the way a company would give them to the marts: a CSV {@code currency,date,rate}
 * ({@code fx/rates.csv}, passed as {@code --fxRatesCsv}) plus {@code usd:1} for the reporting
 * currency. The truth converts with the same rule the dictionary states (ChartMogul: MRR at the
 * rate of the service period start, the latest rate dated on or before that day); the rates are
 * rounded to 4 decimals before anyone uses them, so the CSV holds exactly the numbers the truth
 * used.
 */
final class DemoFx {
  /** Currencies the demo bills besides USD. */
  static final List<String> CURRENCIES = List.of("eur", "gbp");

  /** Monthly relative move of a rate: about 1.5% one standard deviation. */
  private static final double MONTHLY_SIGMA = 0.015;

  private final Map<String, TreeMap<Long, Double>> rates = new TreeMap<>();

  private DemoFx() {}

  /** The long-run rates for every date (a dry run of the market, whose money nobody reads). */
  static DemoFx fixed() {
    DemoFx fx = new DemoFx();
    for (String currency : CURRENCIES) {
      TreeMap<Long, Double> one = new TreeMap<>();
      one.put(SimCalendar.START, Geography.toUsd(currency));
      fx.rates.put(currency, one);
    }
    return fx;
  }

  static DemoFx generate(Rng rng) {
    DemoFx fx = new DemoFx();
    for (String currency : CURRENCIES) {
      TreeMap<Long, Double> byMonth = new TreeMap<>();
      double rate = Geography.toUsd(currency);
      // One rate per simulated month; none for the as-of day itself (a renewal billed at that
      // instant keeps October's rate, so nothing moves after the last simulated month).
      for (int i = 0; i < SimCalendar.MONTHS; i++) {
        if (i > 0) {
          double next = round4(rate * (1 + MONTHLY_SIGMA * rng.gaussian()));
          // A month without a move would hide the shape this exists for.
          rate = next == rate ? round4(rate + 0.0001) : next;
        }
        byMonth.put(SimCalendar.monthStart(i), rate);
      }
      fx.rates.put(currency, byMonth);
    }
    return fx;
  }

  private static double round4(double r) {
    return Math.round(r * 10_000) / 10_000.0;
  }

  /**
   * USD per unit of {@code currency} at instant {@code t}: the latest rate dated on or before its
   * day (the earliest one before the first), 1 for USD.
   */
  double toUsd(String currency, long t) {
    if (currency.equals("usd")) {
      return 1.0;
    }
    TreeMap<Long, Double> byMonth = rates.get(currency);
    if (byMonth == null) {
      throw new IllegalArgumentException("the demo has no FX rate for " + currency);
    }
    Map.Entry<Long, Double> e = byMonth.floorEntry(t);
    return e != null ? e.getValue() : byMonth.firstEntry().getValue();
  }

  double toUsd(String currency, LocalDate day) {
    return toUsd(currency, SimCalendar.epoch(day));
  }

  /** The CSV the marts read ({@code --fxRatesCsv}): header, then currency,date,rate by date. */
  List<String> csvLines() {
    List<String> out = new ArrayList<>();
    out.add("currency,date,rate");
    rates.forEach(
        (currency, byMonth) ->
            byMonth.forEach(
                (t, r) ->
                    out.add(
                        currency
                            + ","
                            + SimCalendar.date(t)
                            + ","
                            + String.format(Locale.ROOT, "%.4f", r))));
    return out;
  }
}
