package io.intelligencesuite.reporting.dashboard;

import io.intelligencesuite.reporting.dashboard.DashboardModel.CurrentSignal;
import io.intelligencesuite.reporting.dashboard.DashboardModel.Kpi;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The dashboard's headline in a terminal: the last complete month's key figures with their
 * month-over-month change, and the current XmR signals, read from metric_monthly and metric_xmr
 * with the same rules as the page (so {@code ./suite demo} prints what the page shows).
 */
public final class Headlines {
  /**
   * The figures a demo run prints, in this order: revenue and funnel health, then sales (CRM deals)
   * and marketing efficiency (company-wide spend and what it bought).
   */
  static final List<String> METRICS =
      List.of(
          "mrr",
          "net_new_mrr",
          "customers",
          "trial_conversion_rate",
          "lqi",
          "activation_rate",
          "win_rate",
          "sales_cycle_days",
          "spend",
          "cac",
          "cac_payback_months");

  private Headlines() {}

  /**
   * The printable headline of the warehouse's marts; says which command to run when they are
   * missing.
   */
  public static String text(Warehouse warehouse) {
    try {
      return text(WarehouseMartReader.of(warehouse));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + warehouse + ": " + e.getMessage(), e);
    }
  }

  static String text(MartReader reader) {
    StringBuilder sb = new StringBuilder();
    if (!reader.hasTable("metric_monthly")) {
      return "Headlines: metric_monthly is missing; run "
          + DashboardModel.commandFor("metric_monthly")
          + "\n";
    }
    Optional<LocalDate> asOf = reader.dataAsOf();
    List<Kpi> kpis =
        DashboardModel.kpis(DashboardModel.companyWide(reader.metricMonthly()), METRICS, asOf);
    if (kpis.isEmpty()) {
      sb.append("Headlines: metric_monthly has no complete month yet\n");
    } else {
      LocalDate month = kpis.stream().map(Kpi::month).max(LocalDate::compareTo).orElseThrow();
      sb.append("Headlines, ")
          .append(Charts.monthLong(month))
          .append(" (last complete month; data as of ")
          .append(asOf.map(LocalDate::toString).orElse("unknown"))
          .append(")\n");
      for (Kpi k : kpis) {
        // A metric that needs time to mature (conversion windows) lags: say which month it shows.
        sb.append(line(k))
            .append(
                k.month().equals(month)
                    ? ""
                    : " (" + Charts.monthLong(k.month()) + ", the latest month with a figure)")
            .append('\n');
      }
    }
    if (!reader.hasTable("metric_xmr")) {
      sb.append("Signals: metric_xmr is missing; run ")
          .append(DashboardModel.commandFor("metric_xmr"))
          .append('\n');
      return sb.toString();
    }
    List<CurrentSignal> signals =
        DashboardModel.currentSignals(DashboardModel.xmrCharts(reader.metricXmr()));
    if (signals.isEmpty()) {
      sb.append("Signals: none in the last ")
          .append(DashboardModel.CURRENT_SIGNAL_PERIODS)
          .append(" periods; every charted metric is within its natural process limits\n");
    } else {
      sb.append("Signals (XmR, last ")
          .append(DashboardModel.CURRENT_SIGNAL_PERIODS)
          .append(" periods):\n");
      for (CurrentSignal s : signals) {
        sb.append("  ")
            .append(s.label())
            .append(", ")
            .append(Charts.monthLong(s.period()))
            .append(": ")
            .append(MetricFormat.of(s.metric()).format(s.value()))
            .append(s.aboveCentre() ? " above" : " below")
            .append(" its centre line - ")
            .append(Signals.describe(s.signal()))
            .append('\n');
      }
    }
    return sb.toString();
  }

  /** " MRR $52.3k +2.1% vs September 2026"; a metric's own month when it lags. */
  static String line(Kpi k) {
    MetricFormat f = MetricFormat.of(k.metric());
    String change = f.change(k.current(), k.previous());
    String versus =
        change.isEmpty()
            ? "first month"
            : change + " vs " + Charts.monthLong(k.month().minusMonths(1));
    return String.format(
        Locale.ROOT, "  %-26s %10s   %s", k.label(), f.format(k.current()), versus);
  }
}
