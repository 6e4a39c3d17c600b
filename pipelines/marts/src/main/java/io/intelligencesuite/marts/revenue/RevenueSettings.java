package io.intelligencesuite.marts.revenue;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The choices the revenue engine needs: the last day computed (inclusive; nothing later is
 * produced), the reporting currency with its rates, and the optional auto-churn of subscriptions
 * whose invoice stays unpaid (ChartMogul's "auto-churn after X days past due", off by default:
 * past_due keeps counting until the subscription is canceled).
 */
public record RevenueSettings(
    LocalDate asOf, String reportingCurrency, FxRates fx, @Nullable Integer pastDueAutoChurnDays)
    implements Serializable {

  public static final String DEFAULT_REPORTING_CURRENCY = "usd";

  public RevenueSettings {
    if (asOf == null) {
      throw new IllegalArgumentException("asOf (the last day to compute) is required");
    }
    reportingCurrency =
        (reportingCurrency == null || reportingCurrency.isBlank()
                ? DEFAULT_REPORTING_CURRENCY
                : reportingCurrency.trim())
            .toLowerCase(Locale.ROOT);
    if (!fx.knows(reportingCurrency)) {
      throw new IllegalArgumentException(
          "reporting currency '"
              + reportingCurrency
              + "' has no FX rate: add it to the rates (e.g. "
              + reportingCurrency
              + ":1)");
    }
    if (pastDueAutoChurnDays != null && pastDueAutoChurnDays < 1) {
      throw new IllegalArgumentException(
          "pastDueAutoChurnDays must be at least 1 (or unset to keep past_due "
              + "counting until cancellation), got "
              + pastDueAutoChurnDays);
    }
  }

  /**
   * From option values as the marts options hold them: the rates spec ({@code usd:1,eur:1.08}), an
   * optional CSV of dated rates (currency,date,rate; a local path or any Beam file system such as
   * gs://, blank for none), and auto-churn days where 0 means off.
   */
  public static RevenueSettings of(
      LocalDate asOf,
      String reportingCurrency,
      String fxSpec,
      @Nullable String fxCsv,
      int pastDueAutoChurnDays) {
    FxRates fx =
        fxCsv == null || fxCsv.isBlank()
            ? FxRates.parse(fxSpec)
            : FxRates.merge(fxSpec, readLines(fxCsv.trim()));
    return new RevenueSettings(
        asOf, reportingCurrency, fx, pastDueAutoChurnDays <= 0 ? null : pastDueAutoChurnDays);
  }

  private static java.util.List<String> readLines(String location) {
    try {
      org.apache.beam.sdk.io.fs.MatchResult.Metadata file =
          org.apache.beam.sdk.io.FileSystems.matchSingleFileSpec(location);
      try (java.io.InputStream in =
          java.nio.channels.Channels.newInputStream(
              org.apache.beam.sdk.io.FileSystems.open(file.resourceId()))) {
        return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
            .lines()
            .toList();
      }
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          "--fxRatesCsv="
              + location
              + " cannot be read ("
              + e.getMessage()
              + "): give a CSV file of currency,date,rate lines, or leave it empty",
          e);
    }
  }

  /** USD at the demo company's fixed rates, auto-churn off. */
  public static RevenueSettings usd(LocalDate asOf) {
    return new RevenueSettings(
        asOf, DEFAULT_REPORTING_CURRENCY, FxRates.parse(FxRates.DEFAULT_SPEC), null);
  }
}
