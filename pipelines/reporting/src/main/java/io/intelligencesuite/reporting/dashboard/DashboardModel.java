package io.intelligencesuite.reporting.dashboard;

import io.intelligencesuite.marts.metrics.Segments;
import io.intelligencesuite.marts.reconcile.ReconciliationRules.Finding;
import io.intelligencesuite.reporting.dashboard.MartReader.ChartPoint;
import io.intelligencesuite.reporting.dashboard.MartReader.CheckRun;
import io.intelligencesuite.reporting.dashboard.MartReader.CohortCell;
import io.intelligencesuite.reporting.dashboard.MartReader.EnrichedCompany;
import io.intelligencesuite.reporting.dashboard.MartReader.FeatureUsage;
import io.intelligencesuite.reporting.dashboard.MartReader.FunnelCount;
import io.intelligencesuite.reporting.dashboard.MartReader.FunnelStage;
import io.intelligencesuite.reporting.dashboard.MartReader.MetricValue;
import io.intelligencesuite.reporting.dashboard.MartReader.SessionCount;
import io.intelligencesuite.schemas.Metrics;
import io.intelligencesuite.transforms.xmr.XmrPoint;
import io.intelligencesuite.transforms.xmr.XmrSignal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Everything the page shows, computed from the marts and nothing else: the page only formats and
 * draws it. A section whose tables are missing carries a {@link Missing} note naming the table and
 * the command that fills it.
 */
record DashboardModel(
    Optional<LocalDate> asOf,
    Optional<CheckRun> checks,
    List<Kpi> kpis,
    Movements movements,
    List<CurrentSignal> currentSignals,
    List<XmrChart> xmrCharts,
    Funnel funnel,
    List<CohortCell> cohorts,
    Adoption adoption,
    List<FeatureUsage> usage,
    List<ChannelRow> channels,
    List<EnrichedCompany> enriched,
    List<Finding> discrepancies,
    SegmentTable segments,
    Map<Section, Missing> missing,
    SpendSummary spend,
    SessionSummary sessions) {

  /** Months of history the page shows in charts and tables. */
  static final int MONTHS_SHOWN = 12;

  static final List<String> HEALTH_METRICS =
      List.of("mrr", "arr", "customers", "arpa", "net_mrr_churn_rate");

  /** The XmR metrics first, then any other metric the marts chart. */
  static final List<String> XMR_ORDER =
      List.of("lqi", "activation_rate", "trial_conversion_rate", "mrr");

  /** A signal this many periods old or newer is "current". */
  static final int CURRENT_SIGNAL_PERIODS = 3;

  /**
   * The page's sections, each with the marts it reads: one list serves both the missing-table note
   * and the empty-table note (the first table is the one the section cannot do without).
   */
  enum Section {
    HEALTH("metric_monthly"),
    MOVEMENTS("metric_monthly"),
    SIGNALS("metric_xmr"),
    FUNNEL("fact_trial", "fact_lead", "fact_web_visitors"),
    RETENTION("fact_cohort_retention"),
    ADOPTION("metric_monthly"),
    USAGE("fact_usage", "dim_customer"),
    MARKETING("fact_trial"),
    VISITORS("visitor_enrichment", "fact_trial", "dim_company"),
    SEGMENTS("metric_monthly"),
    DISCREPANCIES("reconciliation");

    private final List<String> tables;

    Section(String... tables) {
      this.tables = List.of(tables);
    }

    List<String> tables() {
      return tables;
    }

    /** The HTML id of the section element, e.g. "movements". */
    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  record Missing(String table, String command) {}

  record Kpi(
      String metric,
      String label,
      double current,
      double previous,
      LocalDate month,
      double[] history) {}

  record Movements(
      List<LocalDate> months, List<Charts.Series> up, List<Charts.Series> down, double[] net) {}

  record CurrentSignal(
      String metric,
      String label,
      LocalDate period,
      double value,
      XmrSignal signal,
      boolean aboveCentre) {}

  /** One metric's chart; {@code series} is what it plots (DashboardModel#xmrCharts). */
  record XmrChart(String metric, String series, String label, List<ChartPoint> points) {}

  record Funnel(
      List<LocalDate> months,
      Map<LocalDate, Map<FunnelStage, Long>> byMonth,
      Map<FunnelStage, Long> totals,
      List<Charts.Series> trialsByChannel) {}

  record Adoption(List<LocalDate> months, List<Charts.Series> series) {}

  /** The last complete month's headline metrics per segment value, by segment family. */
  record SegmentTable(Optional<LocalDate> month, Map<String, List<SegmentRow>> byFamily) {}

  /** One segment value (e.g. plan:prod_chgrowth) and its metrics that month. */
  record SegmentRow(String dimension, Map<String, Double> values) {}

  /** What the segments table shows per segment value. */
  static final List<String> SEGMENT_METRICS =
      List.of("mrr", "customers", "arpa", "new_mrr", "churned_mrr", "nrr", "grr", "quick_ratio");

  record ChannelRow(
      String channel, long visitors, long leads, long trials, long activated, long paid) {}

  /**
   * Spend and what it bought over the shown months, per channel with spend and for 'all': new
   * customers and new MRR are read back from each month's cac (spend / new customers) and
   * cac_payback_months (spend / new MRR), so a month with spend but nobody acquired still counts
   * its spend.
   */
  record SpendRow(String channel, double spendCents, double newCustomers, double newMrrCents) {
    OptionalDouble cac() {
      return newCustomers == 0
          ? OptionalDouble.empty()
          : OptionalDouble.of(spendCents / newCustomers);
    }

    OptionalDouble paybackMonths() {
      return newMrrCents == 0
          ? OptionalDouble.empty()
          : OptionalDouble.of(spendCents / newMrrCents);
    }
  }

  record SpendSummary(List<LocalDate> months, List<SpendRow> rows) {}

  /** One channel's sessions over the shown months (sessions_web). */
  record SessionRow(String channel, long sessions, long engaged, long converted) {}

  record SessionSummary(List<LocalDate> months, List<SessionRow> rows) {}

  /**
   * sessions_web's counts summed over its last {@link #MONTHS_SHOWN} months per channel, most
   * sessions first.
   */
  static SessionSummary sessions(List<SessionCount> counts) {
    TreeSet<LocalDate> months = new TreeSet<>();
    counts.forEach(c -> months.add(c.month()));
    List<LocalDate> shown = lastN(new ArrayList<>(months), MONTHS_SHOWN);
    Map<String, long[]> byChannel = new TreeMap<>();
    for (SessionCount c : counts) {
      if (shown.contains(c.month())) {
        long[] t = byChannel.computeIfAbsent(c.channel(), k -> new long[3]);
        t[0] += c.sessions();
        t[1] += c.engaged();
        t[2] += c.converted();
      }
    }
    List<SessionRow> rows = new ArrayList<>();
    byChannel.forEach((ch, t) -> rows.add(new SessionRow(ch, t[0], t[1], t[2])));
    rows.sort((a, b) -> Long.compare(b.sessions(), a.sessions()));
    return new SessionSummary(shown, rows);
  }

  /**
   * The marketing metrics of metric_monthly summed over their last {@link #MONTHS_SHOWN} months,
   * per channel segment (channel:paid_search, shown as its value) and 'all'.
   */
  static SpendSummary spend(List<MetricValue> values) {
    Map<String, Map<LocalDate, Map<String, Double>>> byChannel = new TreeMap<>();
    TreeSet<LocalDate> months = new TreeSet<>();
    for (MetricValue v : values) {
      boolean channelOrAll =
          v.dimension().equals("all") || Segments.familyOf(v.dimension()).equals(Segments.CHANNEL);
      if (channelOrAll
          && (v.metric().equals("spend")
              || v.metric().equals("cac")
              || v.metric().equals("cac_payback_months"))) {
        byChannel
            .computeIfAbsent(Segments.valueOf(v.dimension()), k -> new TreeMap<>())
            .computeIfAbsent(v.month(), k -> new TreeMap<>())
            .put(v.metric(), v.value());
        months.add(v.month());
      }
    }
    List<LocalDate> shown = lastN(new ArrayList<>(months), MONTHS_SHOWN);
    List<SpendRow> rows = new ArrayList<>();
    byChannel.forEach(
        (channel, byMonth) -> {
          double spend = 0;
          double customers = 0;
          double mrr = 0;
          for (LocalDate month : shown) {
            Map<String, Double> m = byMonth.getOrDefault(month, Map.of());
            double s = m.getOrDefault("spend", 0.0);
            spend += s;
            customers += m.containsKey("cac") ? s / m.get("cac") : 0;
            mrr += m.containsKey("cac_payback_months") ? s / m.get("cac_payback_months") : 0;
          }
          if (spend > 0) {
            rows.add(new SpendRow(channel, spend, customers, mrr));
          }
        });
    // Channels by spend, highest first; 'all' last, as the total.
    rows.sort(
        (a, b) ->
            a.channel().equals("all") != b.channel().equals("all")
                ? (a.channel().equals("all") ? 1 : -1)
                : Double.compare(b.spendCents(), a.spendCents()));
    return new SpendSummary(shown, rows);
  }

  private static final Map<String, String> COMMANDS =
      Map.of(
          "events_web", "./suite run ga4",
          "visitor_enrichment", "./suite run enrichment",
          "reconciliation", "./suite reconcile",
          "data_test_results", "./suite check");

  /**
   * The command that fills a table: the marts pipeline unless the table is a source's or a
   * report's.
   */
  static String commandFor(String table) {
    return COMMANDS.getOrDefault(table, "./suite run marts");
  }

  static String label(String metric) {
    return switch (metric) {
      case "mrr" -> "MRR";
      case "arr" -> "ARR";
      case "arpa" -> "ARPA";
      case "ltv" -> "LTV";
      case "customers" -> "Paying customers";
      case "net_mrr_churn_rate" -> "Net MRR churn";
      case "nrr" -> "NRR";
      case "grr" -> "GRR";
      case "asp" -> "ASP";
      case "lqi" -> "Lead Quality Index";
      case "cac" -> "CAC";
      case "cac_payback_months" -> "CAC payback";
      case "sales_cycle_days" -> "Sales cycle";
      case "spend" -> "Marketing spend";
      case "activation_rate" -> "Trial activation rate";
      case "trial_conversion_rate" -> "Trial-to-paid conversion";
      default -> {
        String s = metric.replace('_', ' ').replace(" mrr", " MRR");
        yield Character.toUpperCase(s.charAt(0)) + s.substring(1);
      }
    };
  }

  static DashboardModel from(MartReader reader) {
    Map<Section, Missing> missing = new EnumMap<>(Section.class);
    for (Section section : Section.values()) {
      need(reader, missing, section);
    }

    List<MetricValue> values = reader.metricMonthly();
    Map<String, TreeMap<LocalDate, Double>> monthly = companyWide(values);
    Map<String, Map<String, TreeMap<LocalDate, Double>>> byDimension = new TreeMap<>();
    for (MetricValue v : values) {
      if (!"all".equals(v.dimension())) {
        byDimension
            .computeIfAbsent(v.metric(), k -> new TreeMap<>())
            .computeIfAbsent(v.dimension(), k -> new TreeMap<>())
            .put(v.month(), v.value());
      }
    }
    List<XmrChart> xmr = xmrCharts(reader.metricXmr());
    List<FunnelCount> funnelCounts = reader.funnel();
    Optional<LocalDate> asOf = reader.dataAsOf();
    return new DashboardModel(
        asOf,
        reader.latestCheckRun(),
        kpis(monthly, HEALTH_METRICS, asOf),
        movements(monthly),
        currentSignals(xmr),
        xmr,
        funnel(funnelCounts),
        recentCohorts(reader.cohortRetention()),
        adoption(byDimension.getOrDefault("feature_adoption_rate", Map.of())),
        reader.usageBeforeChurn(),
        channels(funnelCounts),
        reader.enrichedCompanies(15),
        reader.discrepancies(),
        segments(values),
        missing,
        spend(values),
        sessions(reader.sessions()));
  }

  /**
   * The latest month of metric_monthly's segment rows (dimension family:value), per family (plan,
   * interval, ...) and value, largest MRR first.
   */
  static SegmentTable segments(List<MetricValue> values) {
    Optional<LocalDate> month =
        values.stream()
            .filter(v -> v.dimension().contains(":"))
            .map(MetricValue::month)
            .max(LocalDate::compareTo);
    Map<String, Map<String, Map<String, Double>>> byFamily = new TreeMap<>();
    for (MetricValue v : values) {
      int colon = v.dimension().indexOf(':');
      if (colon > 0
          && month.isPresent()
          && v.month().equals(month.get())
          && SEGMENT_METRICS.contains(v.metric())) {
        byFamily
            .computeIfAbsent(v.dimension().substring(0, colon), k -> new TreeMap<>())
            .computeIfAbsent(v.dimension(), k -> new TreeMap<>())
            .put(v.metric(), v.value());
      }
    }
    Map<String, List<SegmentRow>> out = new LinkedHashMap<>();
    byFamily.forEach(
        (family, rows) ->
            out.put(
                family,
                rows.entrySet().stream()
                    .map(e -> new SegmentRow(e.getKey(), e.getValue()))
                    .sorted(
                        (a, b) ->
                            Double.compare(
                                b.values().getOrDefault("mrr", 0.0),
                                a.values().getOrDefault("mrr", 0.0)))
                    .toList()));
    return new SegmentTable(month, out);
  }

  /** metric_monthly's company-wide rows (dimension 'all'): metric -> month -> value. */
  static Map<String, TreeMap<LocalDate, Double>> companyWide(List<MetricValue> values) {
    Map<String, TreeMap<LocalDate, Double>> monthly = new LinkedHashMap<>();
    for (MetricValue v : values) {
      if ("all".equals(v.dimension())) {
        monthly.computeIfAbsent(v.metric(), k -> new TreeMap<>()).put(v.month(), v.value());
      }
    }
    return monthly;
  }

  /**
   * Notes the first missing table of a section; a section with partial data still renders what it
   * has.
   */
  private static void need(MartReader reader, Map<Section, Missing> missing, Section section) {
    for (String t : section.tables()) {
      if (!reader.hasTable(t)) {
        missing.put(section, new Missing(t, commandFor(t)));
        return;
      }
    }
  }

  /**
   * The headline figure of each metric: its value in the last complete month (see {@link
   * #lastCompleteMonth}) and the calendar month before it, with up to {@link #MONTHS_SHOWN} months
   * of history for the sparkline. A metric without a value in a complete month is left out.
   */
  static List<Kpi> kpis(
      Map<String, TreeMap<LocalDate, Double>> monthly,
      List<String> metrics,
      Optional<LocalDate> asOf) {
    List<Kpi> kpis = new ArrayList<>();
    for (String m : metrics) {
      TreeMap<LocalDate, Double> series = monthly.get(m);
      if (series == null || series.isEmpty()) {
        continue;
      }
      LocalDate complete = lastCompleteMonth(asOf, series.lastKey());
      Map.Entry<LocalDate, Double> last = series.floorEntry(complete);
      if (last == null) {
        continue;
      }
      // The calendar month before, as the page says "vs previous month"; a gap is no comparison.
      Double before = series.get(last.getKey().minusMonths(1));
      List<Double> shown = new ArrayList<>(series.headMap(last.getKey(), true).values());
      kpis.add(
          new Kpi(
              m,
              label(m),
              last.getValue(),
              before == null ? Double.NaN : before,
              last.getKey(),
              lastN(shown, MONTHS_SHOWN).stream().mapToDouble(Double::doubleValue).toArray()));
    }
    return kpis;
  }

  /**
   * The newest month whose last day the data covers: a month still in progress would show a partial
   * month's new MRR or conversions as if they were a drop. Without an as-of day, the newest month
   * the marts hold.
   */
  static LocalDate lastCompleteMonth(Optional<LocalDate> asOf, LocalDate newestMonth) {
    if (asOf.isEmpty()) {
      return newestMonth;
    }
    LocalDate monthOfAsOf = asOf.get().withDayOfMonth(1);
    LocalDate complete =
        asOf.get().equals(monthOfAsOf.plusMonths(1).minusDays(1))
            ? monthOfAsOf
            : monthOfAsOf.minusMonths(1);
    return complete.isBefore(newestMonth) ? complete : newestMonth;
  }

  static Movements movements(Map<String, TreeMap<LocalDate, Double>> monthly) {
    TreeSet<LocalDate> all = new TreeSet<>();
    for (String m :
        List.of("new_mrr", "expansion_mrr", "reactivation_mrr", "contraction_mrr", "churned_mrr")) {
      if (monthly.containsKey(m)) {
        all.addAll(monthly.get(m).keySet());
      }
    }
    List<LocalDate> months = lastN(new ArrayList<>(all), MONTHS_SHOWN * 2);
    List<Charts.Series> up =
        List.of(
            series(monthly, "new_mrr", "New", Charts.PALETTE[0], months),
            series(monthly, "expansion_mrr", "Expansion", Charts.PALETTE[2], months),
            series(monthly, "reactivation_mrr", "Reactivation", Charts.PALETTE[4], months),
            fx(monthly, "FX gain", 1, months));
    List<Charts.Series> down =
        List.of(
            series(monthly, "contraction_mrr", "Contraction", Charts.PALETTE[1], months),
            series(monthly, "churned_mrr", "Churn", Charts.PALETTE[3], months),
            fx(monthly, "FX loss", -1, months));
    // The marts' net_new_mrr, not a sum of the bars here: one definition of the net
    // (Metrics.NET_NEW_MRR).
    return new Movements(months, up, down, values(monthly, Metrics.NET_NEW_MRR.name(), months));
  }

  /**
   * The exchange-rate part of the month's MRR change (fx_mrr, signed; mrr rule 8) as a bar: its
   * gains above the axis, its losses below, so that the bars add up to net new MRR.
   */
  private static Charts.Series fx(
      Map<String, TreeMap<LocalDate, Double>> monthly,
      String name,
      int sign,
      List<LocalDate> months) {
    double[] v = values(monthly, Metrics.FX_MRR.name(), months);
    for (int i = 0; i < v.length; i++) {
      v[i] = Double.isNaN(v[i]) ? v[i] : Math.max(0, sign * v[i]);
    }
    return new Charts.Series(name, Charts.PALETTE[5], v);
  }

  private static Charts.Series series(
      Map<String, TreeMap<LocalDate, Double>> monthly,
      String metric,
      String name,
      String colour,
      List<LocalDate> months) {
    return new Charts.Series(name, colour, values(monthly, metric, months));
  }

  /** The metric's value in each month, NaN (no bar, no point) where the marts have none. */
  private static double[] values(
      Map<String, TreeMap<LocalDate, Double>> monthly, String metric, List<LocalDate> months) {
    TreeMap<LocalDate, Double> s = monthly.getOrDefault(metric, new TreeMap<>());
    return months.stream().mapToDouble(m -> s.getOrDefault(m, Double.NaN)).toArray();
  }

  /**
   * A chart's title: the metric, and what is plotted when it is another series ("MRR, charted as
   * net new MRR"), so a reader never takes a month's change for the metric's level.
   */
  static String chartLabel(String metric, String series) {
    if (series.equals(metric)) {
      return label(metric);
    }
    String plotted = label(series);
    return label(metric)
        + ", charted as "
        + Character.toLowerCase(plotted.charAt(0))
        + plotted.substring(1);
  }

  static List<XmrChart> xmrCharts(List<ChartPoint> points) {
    Map<String, List<ChartPoint>> byMetric =
        points.stream()
            .collect(Collectors.groupingBy(ChartPoint::metric, TreeMap::new, Collectors.toList()));
    List<String> order = new ArrayList<>();
    XMR_ORDER.stream().filter(byMetric::containsKey).forEach(order::add);
    byMetric.keySet().stream().filter(m -> !order.contains(m)).forEach(order::add);
    List<XmrChart> charts = new ArrayList<>();
    for (String m : order) {
      List<ChartPoint> p = new ArrayList<>(byMetric.get(m));
      p.sort((a, b) -> a.period().compareTo(b.period()));
      String series = p.get(0).series();
      charts.add(new XmrChart(m, series, chartLabel(m, series), p));
    }
    return charts;
  }

  static List<CurrentSignal> currentSignals(List<XmrChart> charts) {
    List<CurrentSignal> out = new ArrayList<>();
    for (XmrChart c : charts) {
      List<ChartPoint> p = c.points();
      for (int i = Math.max(0, p.size() - CURRENT_SIGNAL_PERIODS); i < p.size(); i++) {
        ChartPoint point = p.get(i);
        XmrPoint x = point.xmr();
        if (Signals.isSignal(x.signal())) {
          out.add(
              new CurrentSignal(
                  c.metric(),
                  c.label(),
                  point.period(),
                  x.value(),
                  x.signal(),
                  x.value() > x.centre()));
        }
      }
    }
    out.sort((a, b) -> b.period().compareTo(a.period()));
    return out;
  }

  private static Funnel funnel(List<FunnelCount> counts) {
    TreeMap<LocalDate, Map<FunnelStage, Long>> byMonth = new TreeMap<>();
    for (FunnelCount c : counts) {
      byMonth
          .computeIfAbsent(c.month(), k -> new EnumMap<>(FunnelStage.class))
          .merge(c.stage(), c.count(), Long::sum);
    }
    List<LocalDate> months = lastN(new ArrayList<>(byMonth.keySet()), MONTHS_SHOWN);
    Map<FunnelStage, Long> totals = new EnumMap<>(FunnelStage.class);
    for (LocalDate m : months) {
      byMonth.get(m).forEach((stage, n) -> totals.merge(stage, n, Long::sum));
    }
    Map<String, Map<LocalDate, Long>> trials = new TreeMap<>();
    for (FunnelCount c : counts) {
      if (c.stage() == FunnelStage.TRIALS) {
        trials
            .computeIfAbsent(c.channel(), k -> new TreeMap<>())
            .merge(c.month(), c.count(), Long::sum);
      }
    }
    List<Charts.Series> byChannel = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, Map<LocalDate, Long>> e : trials.entrySet()) {
      byChannel.add(
          new Charts.Series(
              e.getKey().replace('_', ' '),
              Charts.PALETTE[i++ % Charts.PALETTE.length],
              months.stream().mapToDouble(m -> e.getValue().getOrDefault(m, 0L)).toArray()));
    }
    return new Funnel(months, byMonth, totals, byChannel);
  }

  /** Channel totals over the shown months, most trials first. */
  private static List<ChannelRow> channels(List<FunnelCount> counts) {
    TreeSet<LocalDate> months = new TreeSet<>();
    counts.forEach(c -> months.add(c.month()));
    List<LocalDate> shown = lastN(new ArrayList<>(months), MONTHS_SHOWN);
    Map<String, Map<FunnelStage, Long>> byChannel = new TreeMap<>();
    for (FunnelCount c : counts) {
      if (shown.contains(c.month())) {
        byChannel
            .computeIfAbsent(c.channel(), k -> new EnumMap<>(FunnelStage.class))
            .merge(c.stage(), c.count(), Long::sum);
      }
    }
    List<ChannelRow> rows = new ArrayList<>();
    byChannel.forEach(
        (ch, s) ->
            rows.add(
                new ChannelRow(
                    ch,
                    s.getOrDefault(FunnelStage.VISITORS, 0L),
                    s.getOrDefault(FunnelStage.LEADS, 0L),
                    s.getOrDefault(FunnelStage.TRIALS, 0L),
                    s.getOrDefault(FunnelStage.ACTIVATED, 0L),
                    s.getOrDefault(FunnelStage.PAID, 0L))));
    rows.sort(
        (a, b) ->
            Long.compare(b.trials(), a.trials()) != 0
                ? Long.compare(b.trials(), a.trials())
                : a.channel().compareTo(b.channel()));
    return rows;
  }

  private static List<CohortCell> recentCohorts(List<CohortCell> cells) {
    TreeSet<LocalDate> cohorts = new TreeSet<>();
    cells.forEach(c -> cohorts.add(c.cohortMonth()));
    List<LocalDate> shown = lastN(new ArrayList<>(cohorts), MONTHS_SHOWN);
    return cells.stream()
        .filter(c -> shown.contains(c.cohortMonth()) && c.monthsSinceFirstPayment() < MONTHS_SHOWN)
        .toList();
  }

  private static Adoption adoption(Map<String, TreeMap<LocalDate, Double>> byFeature) {
    TreeSet<LocalDate> all = new TreeSet<>();
    byFeature.values().forEach(s -> all.addAll(s.keySet()));
    List<LocalDate> months = lastN(new ArrayList<>(all), MONTHS_SHOWN);
    List<Charts.Series> series = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, TreeMap<LocalDate, Double>> e : byFeature.entrySet()) {
      TreeMap<LocalDate, Double> s = e.getValue();
      series.add(
          new Charts.Series(
              Segments.valueOf(e.getKey()),
              Charts.PALETTE[i++ % Charts.PALETTE.length],
              months.stream().mapToDouble(m -> s.getOrDefault(m, Double.NaN)).toArray()));
    }
    return new Adoption(months, series);
  }

  private static <T> List<T> lastN(List<T> list, int n) {
    return list.subList(Math.max(0, list.size() - n), list.size());
  }
}
