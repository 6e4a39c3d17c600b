package io.intelligencesuite.marts.revenue;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exchange rates to one common base, by currency and date, and the conversion into the reporting
 * currency. Rates come from a spec ({@code "usd:1,eur:1.08,gbp:1.27"}: fixed for all dates) and/or
 * CSV lines {@code currency,date,rate} (a header line is allowed). A rate says how many base units
 * one unit of the currency is worth; conversion into the reporting currency is {@code
 * rate(currency) / rate(reporting)}, exactly 1 for the reporting currency itself.
 *
 * <p>Rate date rule (ChartMogul converts MRR at the service-period-start rate, definitions.md 1.2):
 * the caller passes the service period start; the rate used is the latest one dated on or before
 * that day, or the earliest known one when the day precedes them all. A spec rate has no date and
 * applies to every day. A currency with no rate at all is an error naming it (the row is
 * dead-lettered, never converted at a guessed rate).
 */
public final class FxRates implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Map<String, TreeMap<LocalDate, Double>> rates;

  private FxRates(Map<String, TreeMap<LocalDate, Double>> rates) {
    this.rates = rates;
  }

  /**
   * Fixed rates near the demo company's long-run ones (its dated rates are in its fx/rates.csv):
   * the default of {@link RevenueSettings#usd} for tests and goldens.
   */
  public static final String DEFAULT_SPEC = "usd:1,eur:1.08,gbp:1.27";

  public static FxRates parse(String spec) {
    return merge(spec, List.of());
  }

  /** Fixed rates from {@code spec} (may be blank) plus dated rates from CSV lines. */
  public static FxRates merge(String spec, List<String> csvLines) {
    Map<String, TreeMap<LocalDate, Double>> rates = new HashMap<>();
    if (spec != null && !spec.isBlank()) {
      for (String part : spec.split(",")) {
        String[] kv = part.trim().split(":");
        if (kv.length != 2) {
          throw new IllegalArgumentException(
              "FX spec entry '" + part.trim() + "' is not currency:rate (e.g. usd:1,eur:1.08)");
        }
        put(rates, kv[0], LocalDate.MIN, kv[1], "FX spec entry '" + part.trim() + "'");
      }
    }
    int n = 0;
    for (String line : csvLines) {
      n++;
      String t = line.trim();
      if (t.isEmpty() || (n == 1 && t.toLowerCase(Locale.ROOT).startsWith("currency"))) {
        continue;
      }
      String[] f = t.split(",");
      if (f.length != 3) {
        throw new IllegalArgumentException(
            "FX CSV line " + n + " '" + t + "' is not currency,date,rate");
      }
      LocalDate date;
      try {
        date = LocalDate.parse(f[1].trim());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "FX CSV line " + n + ": date '" + f[1].trim() + "' is not YYYY-MM-DD", e);
      }
      put(rates, f[0], date, f[2], "FX CSV line " + n);
    }
    return new FxRates(rates);
  }

  private static void put(
      Map<String, TreeMap<LocalDate, Double>> rates,
      String currency,
      LocalDate date,
      String rate,
      String where) {
    double r;
    try {
      r = Double.parseDouble(rate.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": rate '" + rate.trim() + "' is not a number", e);
    }
    if (!(r > 0) || Double.isInfinite(r)) {
      throw new IllegalArgumentException(where + ": rate must be positive, got " + rate.trim());
    }
    rates
        .computeIfAbsent(currency.trim().toLowerCase(Locale.ROOT), c -> new TreeMap<>())
        .put(date, r);
  }

  public boolean knows(String currency) {
    return currency != null && rates.containsKey(currency.toLowerCase(Locale.ROOT));
  }

  /**
   * Multiplier from {@code currency} into {@code reporting} on {@code date}; exactly 1 for the same
   * currency.
   */
  public double factor(String currency, String reporting, LocalDate date) {
    String from = currency.toLowerCase(Locale.ROOT);
    String to = reporting.toLowerCase(Locale.ROOT);
    if (from.equals(to)) {
      return 1.0;
    }
    return rate(from, date) / rate(to, date);
  }

  private double rate(String currency, LocalDate date) {
    TreeMap<LocalDate, Double> byDate = rates.get(currency);
    if (byDate == null) {
      throw new IllegalArgumentException(
          "no FX rate for currency '"
              + currency
              + "': add it to --fxRates (e.g. "
              + currency
              + ":1.0) or to the rates CSV");
    }
    Map.Entry<LocalDate, Double> e = byDate.floorEntry(date);
    return e != null ? e.getValue() : byDate.firstEntry().getValue();
  }
}
