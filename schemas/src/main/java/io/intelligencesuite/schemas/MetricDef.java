package io.intelligencesuite.schemas;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One metric of the dictionary, defined once: what it means in words, its formula, grain, natural
 * period, unit, source tables, owner, version and change log, and whether it gets an XmR chart.
 * {@code docs/metrics.md} is generated from these; the formulas themselves are code ({@code
 * io.intelligencesuite.marts.metrics}) and are pinned to {@link #version()} by golden examples, so
 * an output can only change together with a version bump and a change-log line.
 */
public final class MetricDef implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The period a metric is naturally reported at. DAY metrics also get a month-end value. */
  public enum Period {
    DAY,
    MONTH
  }

  /** What the value is measured in; also the range a data test may assert. */
  public enum Unit {
    CENTS("reporting-currency cents", 0, Double.POSITIVE_INFINITY),
    SIGNED_CENTS(
        "reporting-currency cents, may be negative",
        Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY),
    COUNT("count", 0, Double.POSITIVE_INFINITY),
    DAYS("days", 0, Double.POSITIVE_INFINITY),
    FRACTION("fraction in [0, 1]", 0, 1),
    SIGNED_FRACTION(
        "fraction, may be negative (net expansion) or above 1",
        Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY),
    INDEX_0_100("index from 0 to 100", 0, 100),
    RATIO("ratio >= 0 (1 = no difference)", 0, Double.POSITIVE_INFINITY);

    private final String words;
    private final double min;
    private final double max;

    Unit(String words, double min, double max) {
      this.words = words;
      this.min = min;
      this.max = max;
    }

    public String words() {
      return words;
    }

    /** Smallest valid value (a data test bound). */
    public double min() {
      return min;
    }

    /** Largest valid value (a data test bound). */
    public double max() {
      return max;
    }
  }

  /** One line of a metric's change log: the version it introduced and why. */
  public record Change(int version, String date, String why) implements Serializable {}

  private final String name;
  private final String words;
  private final String formula;
  private final String grain;
  private final Period period;
  private final Unit unit;
  private final String dimension;
  private final List<TableDef> sources;
  private final String owner;
  private final String xmrSeries;
  private final List<Change> changeLog;
  private final List<String> rules;

  private MetricDef(Builder b) {
    this.name = b.name;
    this.words = b.words;
    this.formula = b.formula;
    this.grain = b.grain;
    this.period = b.period;
    this.unit = b.unit;
    this.dimension = b.dimension;
    this.sources = List.copyOf(b.sources);
    this.owner = b.owner;
    this.xmrSeries = b.xmrSeries;
    this.changeLog = List.copyOf(b.changeLog);
    this.rules = List.copyOf(b.rules);
    validate();
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  private void validate() {
    require(name.matches("[a-z][a-z0-9_]*"), "a snake_case name");
    require(words != null && !words.isBlank(), "words");
    require(formula != null && !formula.isBlank(), "a formula");
    require(grain != null && !grain.isBlank(), "a grain");
    require(period != null, "a natural period");
    require(unit != null, "a unit");
    require(!sources.isEmpty(), "source tables");
    require(owner != null && !owner.isBlank(), "an owner");
    require(!changeLog.isEmpty(), "a change log (version 1: first definition)");
    for (int i = 0; i < changeLog.size(); i++) {
      require(
          changeLog.get(i).version() == i + 1,
          "change-log versions 1, 2, 3, ... in order (entry "
              + (i + 1)
              + " says "
              + changeLog.get(i).version()
              + ")");
      require(!changeLog.get(i).why().isBlank(), "a reason on every change-log line");
    }
    require(
        xmrSeries == null || dimension == null,
        "no dimension when it has an XmR chart (metric_xmr has none)");
  }

  private void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("Metric " + name + " needs " + what);
    }
  }

  public String name() {
    return name;
  }

  public String words() {
    return words;
  }

  public String formula() {
    return formula;
  }

  public String grain() {
    return grain;
  }

  public Period period() {
    return period;
  }

  public Unit unit() {
    return unit;
  }

  /**
   * The dimension column's meaning (e.g. "feature"), or empty when the row's dimension is 'all'.
   */
  public Optional<String> dimension() {
    return Optional.ofNullable(dimension);
  }

  public List<TableDef> sources() {
    return sources;
  }

  public String owner() {
    return owner;
  }

  /** The current version: the last change-log entry's. */
  public int version() {
    return changeLog.get(changeLog.size() - 1).version();
  }

  public List<Change> changeLog() {
    return changeLog;
  }

  /** The numbered computation rules (empty for most metrics), each naming its source. */
  public List<String> rules() {
    return rules;
  }

  /** Whether metric_xmr charts this metric (monthly values, dimension 'all'). */
  public boolean xmr() {
    return xmrSeries != null;
  }

  /**
   * The metric whose monthly values this metric's XmR chart plots (metric_xmr.series): the metric
   * itself, or for a trending stock a stable series of its changes (mrr: net_new_mrr), so that
   * steady growth is not a signal every month. Empty when the metric has no chart.
   */
  public Optional<String> xmrSeries() {
    return Optional.ofNullable(xmrSeries);
  }

  /** The tables holding the metric: metric_daily (DAY metrics) and metric_monthly (all). */
  public List<TableDef> reportedIn() {
    return period == Period.DAY
        ? List.of(Tables.METRIC_DAILY, Tables.METRIC_MONTHLY)
        : List.of(Tables.METRIC_MONTHLY);
  }

  @Override
  public String toString() {
    return name + " v" + version();
  }

  /** Builder; {@link #build()} validates. */
  public static final class Builder {
    private final String name;
    private String words;
    private String formula;
    private String grain;
    private Period period;
    private Unit unit;
    private String dimension;
    private final List<TableDef> sources = new ArrayList<>();
    private String owner;
    private String xmrSeries;
    private final List<Change> changeLog = new ArrayList<>();
    private final List<String> rules = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    public Builder words(String text) {
      this.words = text;
      return this;
    }

    public Builder formula(String text) {
      this.formula = text;
      return this;
    }

    public Builder grain(String text) {
      this.grain = text;
      return this;
    }

    public Builder period(Period p) {
      this.period = p;
      return this;
    }

    public Builder unit(Unit u) {
      this.unit = u;
      return this;
    }

    public Builder perDimension(String meaning) {
      this.dimension = meaning;
      return this;
    }

    public Builder sources(TableDef... tables) {
      sources.addAll(List.of(tables));
      return this;
    }

    public Builder owner(String team) {
      this.owner = team;
      return this;
    }

    /** An XmR chart of this metric's own monthly values. */
    public Builder xmr() {
      this.xmrSeries = name;
      return this;
    }

    /**
     * An XmR chart of another metric's monthly values, the stable series behind a trending one (mrr
     * charts net_new_mrr); {@code seriesMetric} must be a dictionary metric without dimension
     * (MetricsDictionaryTest checks it).
     */
    public Builder xmrOf(String seriesMetric) {
      this.xmrSeries = seriesMetric;
      return this;
    }

    /** One numbered rule of how the metric is computed, with the source that decided it. */
    public Builder rule(String text) {
      rules.add(text);
      return this;
    }

    public Builder change(int version, String date, String why) {
      changeLog.add(new Change(version, date, why));
      return this;
    }

    public MetricDef build() {
      return new MetricDef(this);
    }
  }
}
