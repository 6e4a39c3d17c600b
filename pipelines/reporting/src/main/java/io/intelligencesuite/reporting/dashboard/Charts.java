package io.intelligencesuite.reporting.dashboard;

import io.intelligencesuite.reporting.dashboard.MartReader.ChartPoint;
import io.intelligencesuite.transforms.xmr.XmrPoint;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's charts as inline SVG: a sparkline, stacked movement bars with a net line, an XmR
 * chart (values, centre line, natural process limits, moving ranges, signals), multi-line series
 * and grouped horizontal bars. Colours are the Okabe-Ito palette (colour-blind safe).
 */
final class Charts {
  /** Okabe-Ito: blue, orange, bluish green, vermillion, sky blue, reddish purple, yellow, black. */
  static final String[] PALETTE = {
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"
  };

  static final String BLUE = "#0072B2";
  static final String VERMILLION = "#D55E00";

  static final int WIDTH = 760;

  /** XmR charts sit two to a row: a narrower canvas keeps their text at reading size. */
  static final int XMR_WIDTH = 560;

  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("MMM yy", Locale.ENGLISH);
  private static final DateTimeFormatter MONTH_LONG =
      DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

  private Charts() {}

  /** One named series of values aligned with the chart's months (NaN = no value). */
  record Series(String name, String colour, double[] values) {}

  /** One labelled row of grouped bars (one value per group). */
  record BarRow(String label, double[] values) {}

  static String monthLabel(LocalDate m) {
    return MONTH.format(m);
  }

  static String monthLong(LocalDate m) {
    return MONTH_LONG.format(m);
  }

  static String sparkline(double[] values, String label) {
    int w = 140;
    int h = 36;
    Svg svg = new Svg(w, h, label);
    Scale y = Scale.of(values, 3, h - 3, false);
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        pts.add(new double[] {2 + i * (w - 4.0) / Math.max(1, values.length - 1), y.at(values[i])});
      }
    }
    svg.polyline(pts, "spark", BLUE);
    if (!pts.isEmpty()) {
      double[] last = pts.get(pts.size() - 1);
      svg.circle(last[0], last[1], 2.5, "spark-end", BLUE, null);
    }
    return svg.close();
  }

  /**
   * Stacked bars per month: {@code up} series stack above zero, {@code down} series (given as
   * positive amounts) stack below it; {@code net} is drawn as a line with points.
   */
  static String movements(
      List<LocalDate> months, List<Series> up, List<Series> down, double[] net, MetricFormat f) {
    int h = 320;
    int top = 16;
    int bottom = h - 40;
    double max = 0;
    double min = 0;
    for (int i = 0; i < months.size(); i++) {
      max = Math.max(max, sum(up, i));
      min = Math.min(min, -sum(down, i));
      if (!Double.isNaN(net[i])) {
        max = Math.max(max, net[i]);
        min = Math.min(min, net[i]);
      }
    }
    Scale y = Scale.nice(min, max, top, bottom);
    Svg svg = new Svg(WIDTH, h, "MRR movements per month");
    axes(svg, y, f, months, h, WIDTH);
    double band = (WIDTH - LEFT - RIGHT) / (double) Math.max(1, months.size());
    svg.group("bars");
    double barWidth = Math.min(band * 0.7, 44);
    for (int i = 0; i < months.size(); i++) {
      double x = LEFT + (i + 0.5) * band - barWidth / 2;
      stack(svg, up, i, x, barWidth, y, f, months.get(i), 1);
      stack(svg, down, i, x, barWidth, y, f, months.get(i), -1);
    }
    svg.end();
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i < months.size(); i++) {
      if (!Double.isNaN(net[i])) {
        pts.add(new double[] {LEFT + (i + 0.5) * band, y.at(net[i])});
      }
    }
    svg.polyline(pts, "net-line", "#000000");
    svg.group("net-points");
    for (int i = 0; i < months.size(); i++) {
      if (!Double.isNaN(net[i])) {
        svg.circle(
            LEFT + (i + 0.5) * band,
            y.at(net[i]),
            3.5,
            "net-point",
            "#000000",
            monthLong(months.get(i)) + " \u00b7 net new MRR " + f.format(net[i]));
      }
    }
    return svg.end().close();
  }

  private static void stack(
      Svg svg,
      List<Series> series,
      int i,
      double x,
      double w,
      Scale y,
      MetricFormat f,
      LocalDate month,
      int sign) {
    double base = 0;
    for (Series s : series) {
      double v = s.values()[i];
      if (Double.isNaN(v) || v == 0) {
        continue;
      }
      double from = y.at(sign * base);
      double to = y.at(sign * (base + Math.abs(v)));
      svg.rect(
          x,
          Math.min(from, to),
          w,
          Math.abs(to - from),
          "bar",
          s.colour(),
          monthLong(month) + " \u00b7 " + s.name() + ": " + f.format(sign * Math.abs(v)));
      base += Math.abs(v);
    }
  }

  /**
   * An XmR chart: the X chart (values joined by a line, centre line, natural process limits as
   * steps, so a restarted baseline shows) and below it the moving-range chart with its upper limit.
   * Signal points are vermillion diamonds whose hover text names the rule.
   */
  static String xmr(String label, List<ChartPoint> chart, MetricFormat f) {
    List<XmrPoint> points = chart.stream().map(ChartPoint::xmr).toList();
    int h = 330;
    int xTop = 14;
    int xBottom = 210;
    int mrTop = 236;
    int mrBottom = 300;
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    double mrMax = 0;
    for (XmrPoint p : points) {
      for (double v : new double[] {p.value(), p.lowerLimit(), p.upperLimit(), p.centre()}) {
        if (!Double.isNaN(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
      mrMax =
          Math.max(
              mrMax,
              Math.max(
                  p.movingRange() == null ? 0 : p.movingRange(),
                  Double.isNaN(p.upperRangeLimit()) ? 0 : p.upperRangeLimit()));
    }
    Scale y = Scale.nice(min, max, xTop, xBottom);
    Scale mr = Scale.nice(0, mrMax, mrTop, mrBottom);
    List<LocalDate> periods = chart.stream().map(ChartPoint::period).toList();
    Svg svg = new Svg(XMR_WIDTH, h, "XmR chart of " + label);
    axes(svg, y, f, List.of(), h, XMR_WIDTH);
    double band = (XMR_WIDTH - LEFT - RIGHT) / (double) Math.max(1, points.size());
    svg.group("limits");
    svg.polyline(steps(points, band, y, XmrPoint::centre), "centre", null);
    svg.polyline(steps(points, band, y, XmrPoint::upperLimit), "limit", null);
    svg.polyline(steps(points, band, y, XmrPoint::lowerLimit), "limit", null);
    svg.end();
    XmrPoint last = points.get(points.size() - 1);
    svg.text(
        XMR_WIDTH - RIGHT,
        y.at(last.upperLimit()) - 4,
        "end",
        "limit-label",
        "upper limit " + f.format(last.upperLimit()));
    svg.text(
        XMR_WIDTH - RIGHT,
        y.at(last.lowerLimit()) + 12,
        "end",
        "limit-label",
        "lower limit " + f.format(last.lowerLimit()));
    // A gap (a month without a value) breaks the line: nothing is drawn for it.
    List<double[]> line = new ArrayList<>();
    for (int i = 0; i <= points.size(); i++) {
      if (i == points.size() || points.get(i).isGap()) {
        if (!line.isEmpty()) {
          svg.polyline(line, "xmr-line", BLUE);
        }
        line = new ArrayList<>();
      } else {
        line.add(new double[] {LEFT + (i + 0.5) * band, y.at(points.get(i).value())});
      }
    }
    svg.group("xmr-points");
    for (int i = 0; i < points.size(); i++) {
      XmrPoint p = points.get(i);
      if (p.isGap()) {
        continue;
      }
      String hover =
          monthLong(periods.get(i))
              + ": "
              + f.format(p.value())
              + " (centre "
              + f.format(p.centre())
              + ", limits "
              + f.format(p.lowerLimit())
              + " to "
              + f.format(p.upperLimit())
              + ")"
              + (p.note() == null ? "" : " \u2014 " + p.note());
      double cx = LEFT + (i + 0.5) * band;
      if (Signals.isSignal(p.signal())) {
        svg.diamond(
            cx,
            y.at(p.value()),
            6.5,
            "xmr-point signal",
            hover + " \u2014 signal: " + Signals.describe(p.signal()));
      } else {
        svg.circle(cx, y.at(p.value()), 3.5, "xmr-point", BLUE, hover);
      }
    }
    svg.end();
    // Moving-range chart.
    svg.text(LEFT, mrTop - 8, "start", "axis-label", "Moving range");
    svg.line(LEFT, mrBottom, XMR_WIDTH - RIGHT, mrBottom, "axis");
    svg.polyline(steps(points, band, mr, XmrPoint::upperRangeLimit), "limit", null);
    List<double[]> ranges = new ArrayList<>();
    svg.group("mr-points");
    for (int i = 0; i < points.size(); i++) {
      Double r = points.get(i).movingRange();
      if (r != null && !r.isNaN()) {
        double cx = LEFT + (i + 0.5) * band;
        ranges.add(new double[] {cx, mr.at(r)});
        svg.circle(
            cx,
            mr.at(r),
            2.5,
            "mr-point",
            "#555555",
            monthLong(periods.get(i))
                + ": moving range "
                + f.format(r)
                + " (upper range limit "
                + f.format(points.get(i).upperRangeLimit())
                + ")");
      }
    }
    svg.end();
    svg.polyline(ranges, "mr-line", "#555555");
    monthTicks(svg, periods, h, XMR_WIDTH);
    return svg.close();
  }

  private static List<double[]> steps(
      List<XmrPoint> points,
      double band,
      Scale y,
      java.util.function.ToDoubleFunction<XmrPoint> value) {
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      double v = value.applyAsDouble(points.get(i));
      if (Double.isNaN(v)) {
        continue;
      }
      pts.add(new double[] {LEFT + i * band, y.at(v)});
      pts.add(new double[] {LEFT + (i + 1) * band, y.at(v)});
    }
    return pts;
  }

  /** Several series over months, each with its colour and a direct label at its last point. */
  static String lines(
      String label, List<LocalDate> months, List<Series> series, MetricFormat f, boolean fromZero) {
    int h = 300;
    int top = 16;
    int bottom = h - 40;
    double min = fromZero ? 0 : Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (Series s : series) {
      for (double v : s.values()) {
        if (!Double.isNaN(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    if (max == -Double.MAX_VALUE) {
      max = 1;
      min = 0;
    }
    Scale y = Scale.nice(min, max, top, bottom);
    int right = 130;
    Svg svg = new Svg(WIDTH + right - RIGHT, h, label);
    axes(svg, y, f, months, h, WIDTH);
    double band = (WIDTH - LEFT - RIGHT) / (double) Math.max(1, months.size());
    List<double[]> labels = new ArrayList<>();
    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      List<double[]> pts = new ArrayList<>();
      svg.group("series");
      for (int i = 0; i < months.size(); i++) {
        double v = s.values()[i];
        if (!Double.isNaN(v)) {
          double[] p = {LEFT + (i + 0.5) * band, y.at(v)};
          pts.add(p);
          svg.circle(
              p[0],
              p[1],
              3,
              "line-point",
              s.colour(),
              s.name() + " \u00b7 " + monthLong(months.get(i)) + ": " + f.format(v));
        }
      }
      svg.polyline(pts, "series-line", s.colour());
      if (!pts.isEmpty()) {
        double[] lastPoint = pts.get(pts.size() - 1);
        labels.add(new double[] {lastPoint[0] + 8, lastPoint[1] + 4, k});
      }
      svg.end();
    }
    // Direct labels at the line ends, pushed apart where lines end close together.
    labels.sort((a, b) -> Double.compare(a[1], b[1]));
    for (int i = 1; i < labels.size(); i++) {
      labels.get(i)[1] = Math.max(labels.get(i)[1], labels.get(i - 1)[1] + 14);
    }
    for (double[] l : labels) {
      Series s = series.get((int) l[2]);
      svg.text(l[0], l[1], "start", "series-label", s.colour(), s.name());
    }
    return svg.close();
  }

  /**
   * Grouped horizontal bars: one row per label, one bar per group, value printed at the bar end.
   */
  static String hbars(
      String label, List<BarRow> rows, List<String> groups, List<String> colours, MetricFormat f) {
    int barH = 14;
    int rowH = groups.size() * (barH + 2) + 10;
    int left = 150;
    int h = 24 + rows.size() * rowH;
    double max = 0;
    for (BarRow r : rows) {
      for (double v : r.values()) {
        max = Math.max(max, Double.isNaN(v) ? 0 : v);
      }
    }
    double width = WIDTH - left - 90;
    Svg svg = new Svg(WIDTH, h, label);
    for (int g = 0; g < groups.size(); g++) {
      svg.rect(left + g * 150, 4, 10, 10, "legend-key", colours.get(g), null);
      svg.text(left + g * 150 + 14, 13, "start", "legend", groups.get(g));
    }
    svg.group("hbars");
    for (int i = 0; i < rows.size(); i++) {
      BarRow r = rows.get(i);
      double y0 = 24 + i * rowH;
      svg.text(left - 8, y0 + rowH / 2.0, "end", "row-label", r.label());
      for (int g = 0; g < groups.size(); g++) {
        double v = r.values()[g];
        double w = max == 0 || Double.isNaN(v) ? 0 : v / max * width;
        double y = y0 + g * (barH + 2);
        svg.rect(
            left,
            y,
            w,
            barH,
            "bar",
            colours.get(g),
            r.label() + " \u00b7 " + groups.get(g) + ": " + f.format(v));
        svg.text(left + w + 6, y + barH - 3, "start", "bar-value", f.format(v));
      }
    }
    return svg.end().close();
  }

  private static void axes(
      Svg svg, Scale y, MetricFormat f, List<LocalDate> months, int h, int width) {
    svg.group("grid");
    for (double t : y.ticks()) {
      svg.line(LEFT, y.at(t), width - RIGHT, y.at(t), t == 0 ? "zero" : "gridline");
      svg.text(LEFT - 8, y.at(t) + 4, "end", "axis-label", f.axis(t));
    }
    svg.end();
    monthTicks(svg, months, h, width);
  }

  private static void monthTicks(Svg svg, List<LocalDate> months, int h, int width) {
    if (months.isEmpty()) {
      return;
    }
    double band = (width - LEFT - RIGHT) / (double) months.size();
    int every = (int) Math.ceil(months.size() / ((width - LEFT - RIGHT) / 58.0));
    svg.group("months");
    for (int i = 0; i < months.size(); i += every) {
      svg.text(LEFT + (i + 0.5) * band, h - 12, "middle", "axis-label", monthLabel(months.get(i)));
    }
    svg.end();
  }

  private static double sum(List<Series> series, int i) {
    double s = 0;
    for (Series x : series) {
      double v = x.values()[i];
      s += Double.isNaN(v) ? 0 : Math.abs(v);
    }
    return s;
  }

  /** A linear value-to-pixel scale with rounded ("nice") tick values. */
  record Scale(double min, double max, double top, double bottom, double step) {
    static Scale nice(double min, double max, double top, double bottom) {
      if (min == max) {
        double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
        min -= pad;
        max += pad;
      }
      double step = niceStep((max - min) / 4);
      return new Scale(
          Math.floor(min / step) * step, Math.ceil(max / step) * step, top, bottom, step);
    }

    static Scale of(double[] values, double top, double bottom, boolean fromZero) {
      double min = fromZero ? 0 : Double.MAX_VALUE;
      double max = -Double.MAX_VALUE;
      for (double v : values) {
        if (!Double.isNaN(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
      if (max < min) {
        return new Scale(0, 1, top, bottom, 1);
      }
      return min == max
          ? new Scale(min - 1, max + 1, top, bottom, 1)
          : new Scale(min, max, top, bottom, max - min);
    }

    double at(double v) {
      return bottom - (v - min) / (max - min) * (bottom - top);
    }

    List<Double> ticks() {
      List<Double> t = new ArrayList<>();
      for (double v = min; v <= max + step / 2; v += step) {
        t.add(Math.abs(v) < step / 1e6 ? 0 : v);
      }
      return t;
    }

    static double niceStep(double rough) {
      double exp = Math.pow(10, Math.floor(Math.log10(rough)));
      double f = rough / exp;
      double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
      return nice * exp;
    }
  }
}
