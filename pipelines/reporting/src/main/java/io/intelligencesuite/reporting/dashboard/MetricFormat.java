package io.intelligencesuite.reporting.dashboard;

import java.util.Locale;

/**
 * How a metric reads to a person: money in dollars from cents ($12.6k), rates as percentages
 * (4.2%), counts with separators, the LQI as an index. Month-over-month change is relative for
 * money and counts and in percentage points for rates, and knows whether up is good.
 */
enum MetricFormat {
  MONEY,
  RATE,
  INDEX,
  COUNT,
  RATIO,
  DAYS,
  MONTHS;

  /** The format of a dictionary metric by its name (schemas' Metrics). */
  static MetricFormat of(String metric) {
    if (metric.equals("lqi")) {
      return INDEX;
    }
    if (metric.endsWith("_rate") || metric.startsWith("nrr") || metric.startsWith("grr")) {
      return RATE;
    }
    if (metric.equals("quick_ratio")) {
      return RATIO;
    }
    if (metric.endsWith("_days")) {
      return DAYS;
    }
    if (metric.endsWith("_months")) {
      return MONTHS;
    }
    if (metric.endsWith("_lift")) {
      return RATIO;
    }
    if (metric.equals("mrr")
        || metric.equals("arr")
        || metric.equals("arpa")
        || metric.equals("ltv")
        || metric.equals("asp")
        || metric.equals("spend")
        || metric.startsWith("spend_per_")
        || metric.equals("cac")
        || metric.endsWith("_mrr")
        || metric.endsWith("_cents")) {
      return MONEY;
    }
    return COUNT;
  }

  /**
   * True where a rise is bad news (churn, acquisition cost, a longer sales cycle), so the change is
   * coloured and worded that way.
   */
  static boolean lowerIsBetter(String metric) {
    return metric.contains("churn")
        || metric.equals("contraction_mrr")
        || metric.startsWith("cac")
        || metric.equals("sales_cycle_days");
  }

  String format(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "n/a";
    }
    return switch (this) {
      case MONEY -> money(v);
      case RATE -> String.format(Locale.ROOT, "%.1f%%", v * 100);
      case INDEX -> String.format(Locale.ROOT, "%.1f", v);
      case RATIO -> String.format(Locale.ROOT, "%.2f\u00d7", v);
      case COUNT -> count(v);
      case DAYS -> String.format(Locale.ROOT, "%.1f days", v);
      case MONTHS -> String.format(Locale.ROOT, "%.1f months", v);
    };
  }

  /** Short axis labels: the same units, fewer digits. */
  String axis(double v) {
    return switch (this) {
      case RATE -> String.format(Locale.ROOT, "%.0f%%", v * 100);
      case INDEX -> String.format(Locale.ROOT, "%.0f", v);
      case MONEY -> money(v).replaceAll("\\.0+([kM])$", "$1");
      default -> format(v);
    };
  }

  /** "+4.1%" / "-0.8 pp" / "no change"; empty when there is no previous value. */
  String change(double current, double previous) {
    if (Double.isNaN(previous) || Double.isNaN(current)) {
      return "";
    }
    if (this == RATE) {
      double pp = (current - previous) * 100;
      return Math.abs(pp) < 0.05 ? "no change" : String.format(Locale.ROOT, "%+.1f pp", pp);
    }
    if (this == INDEX || this == RATIO || this == DAYS || this == MONTHS) {
      double d = current - previous;
      return Math.abs(d) < 0.05 ? "no change" : String.format(Locale.ROOT, "%+.1f", d);
    }
    if (previous == 0) {
      return current == 0 ? "no change" : "new";
    }
    double pct = (current - previous) / Math.abs(previous) * 100;
    return Math.abs(pct) < 0.05 ? "no change" : String.format(Locale.ROOT, "%+.1f%%", pct);
  }

  /** Cents to "$950", "$12.6k", "$1.24M"; negative amounts keep their sign in front. */
  static String money(double cents) {
    double dollars = cents / 100.0;
    String sign = dollars < 0 ? "-" : "";
    double a = Math.abs(dollars);
    if (a >= 1_000_000) {
      return sign + String.format(Locale.ROOT, "$%.2fM", a / 1_000_000);
    }
    if (a >= 10_000) {
      return sign + String.format(Locale.ROOT, "$%.1fk", a / 1_000);
    }
    if (a >= 1_000) {
      return sign + String.format(Locale.ROOT, "$%.2fk", a / 1_000);
    }
    return sign + String.format(Locale.ROOT, "$%.0f", a);
  }

  static String count(double v) {
    return String.format(Locale.ROOT, "%,d", Math.round(v));
  }
}
