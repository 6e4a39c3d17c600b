package io.intelligencesuite.schemas;

import static io.intelligencesuite.schemas.Markdown.cell;
import static io.intelligencesuite.schemas.Markdown.code;
import static io.intelligencesuite.schemas.Markdown.codes;
import static io.intelligencesuite.schemas.Markdown.row;
import static io.intelligencesuite.schemas.Markdown.section;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders the metrics dictionary, docs/metrics.md, from {@link Metrics} and {@link
 * MetricParameters}.
 */
public final class MetricDocs {
  private MetricDocs() {}

  public static String render() {
    MetricParameters p = MetricParameters.defaults();
    StringBuilder md = new StringBuilder();
    md.append("# Metrics dictionary\n\n")
        .append(
            "Generated from `schemas/src/main/java/io/intelligencesuite/schemas/Metrics.java` and\n")
        .append("`MetricParameters.java`; do not edit by hand. The formulas are code in\n")
        .append(
            "`io.intelligencesuite.marts.metrics`; every metric is pinned to its version by golden\n")
        .append(
            "examples, so its output cannot change without a version bump and a change-log line.\n\n")
        .append("## Rules for every metric\n\n")
        .append(
            "- Periods are calendar days and months in UTC. `metric_daily` holds the metrics whose natural period\n")
        .append(
            "  is a day, through the as-of date; `metric_monthly` holds every metric for each complete month (its\n")
        .append("  last day on or before the as-of date). Nothing after the as-of date counts.\n")
        .append(
            "- A stock (mrr, arr, customers) is its value at the end of the period; a flow (movements, counts) is\n")
        .append("  the sum over the period.\n")
        .append(
            "- Money is in reporting-currency cents; rates are fractions in [0, 1] (lqi is 0-100). A rate whose\n")
        .append(
            "  denominator is zero has no row: never 0, never NaN. Rows without a dimension say `all`.\n")
        .append(
            "- Trial and lead metrics are cohorts: a trial belongs to the month it started, a lead to the month it\n")
        .append(
            "  was created. Counts are as of the as-of date; rates wait until the cohort has matured.\n\n")
        .append("## Parameters\n\n")
        .append("| parameter | default | meaning |\n|---|---|---|\n")
        .append(
            param(
                "activationCoreFeatures",
                String.join(", ", p.activationCoreFeatures()),
                "core features for activation"))
        .append(
            param(
                "activationMinFeatures",
                p.activationMinFeatures(),
                "K: distinct core features used within the trial"))
        .append(
            param(
                "activationMinDays",
                p.activationMinDays(),
                "D: distinct UTC days with core-feature use within the trial"))
        .append(
            param(
                "lqiQualificationThreshold",
                p.lqiQualificationThreshold(),
                "a lead is qualified when first_score >= this"))
        .append(
            param(
                "trialConversionWindowDays",
                p.trialConversionWindowDays(),
                "a trial converts when its company first pays by trial end + this"))
        .append(
            param(
                "leadConversionWindowDays",
                p.leadConversionWindowDays(),
                "lead_score_lift: a lead converts when its company pays by creation + this"))
        .append(
            param(
                "ltvTrailingMonths",
                p.ltvTrailingMonths(),
                "months of churn behind ltv, the month included"))
        .append(
            param(
                "xmrBaselinePoints",
                p.xmrBaselinePoints(),
                "points that fix an XmR chart's limits (fewer while fewer exist), then locked"))
        .append(
            param(
                "xmrRestartAfterRunOf8",
                p.xmrRestartAfterRunOf8(),
                "a run of "
                    + MetricParameters.XMR_RUN_LENGTH
                    + " on one side restarts the baseline at the run's first point"))
        // A company's billing policy, like its currency, so a run option rather than a dictionary
        // default.
        .append(
            "\nAuto-churn of past_due subscriptions is a business setting of the marts run, the option\n")
        .append("`--pastDueAutoChurnDays` (MartsOptions, which documents its default).\n")
        .append("\n## XmR signals (`metric_xmr`)\n\n")
        .append("Charted: ")
        .append(
            Metrics.xmrMetrics().stream()
                .map(m -> "`" + m.name() + "`")
                .collect(Collectors.joining(", ")))
        .append(
            " (monthly values).\nCentre = mean of the baseline; natural process limits = centre +/- 2.66 x\n")
        .append(
            "average moving range; upper range limit = 3.268 x average moving range. A point carries one signal;\n")
        .append(
            "when several fire the first of this list wins: `beyond_limits` (outside a limit), `run_of_8` (8 or more\n")
        .append(
            "in a row strictly on one side of the centre), `three_of_four` (3 of 4 successive points beyond the\n")
        .append(
            "halfway line to the same limit), `range_above_limit` (moving range above the upper range limit).\n\n")
        .append(xmrRules())
        .append(sizeBands())
        .append("## How to change a definition\n\n")
        .append("1. Change the formula code (and its hand-computed golden test).\n")
        .append(
            "2. In `Metrics.java`, append `.change(next version, date, why)` to the metric; regenerate this file\n")
        .append(
            "   (`mvn -B -o -pl schemas test -Dtest=GeneratedFilesTest -Dsuite.regenerate=true`).\n")
        .append(
            "3. Re-record the golden outputs: `mvn -B -o -pl pipelines -am test -Dtest=MetricDefinitionGovernanceTest\n")
        .append(
            "   -Dsurefire.failIfNoSpecifiedTests=false -Dsuite.regenerate=true`. It refuses to record a changed output\n")
        .append("   under an unchanged version.\n\n")
        .append("## Metrics\n\n")
        .append(
            "| metric | unit | natural period | owner | version | XmR |\n|---|---|---|---|---|---|\n");
    for (MetricDef m : Metrics.all()) {
      md.append(
          row(
              "[" + code(m.name()) + "](#" + m.name() + ")",
              m.unit().words(),
              m.period().name().toLowerCase(),
              m.owner(),
              m.version(),
              m.xmrSeries()
                  .map(series -> series.equals(m.name()) ? "yes" : "yes, of " + code(series))
                  .orElse("")));
    }
    for (MetricDef m : Metrics.all()) {
      md.append(section("###", m.name(), m.words()))
          .append(row("formula", cell(m.formula())))
          .append(row("grain", cell(m.grain())))
          .append(row("natural period", m.period().name().toLowerCase()))
          .append(row("unit", m.unit().words()))
          .append(row("dimension", dimensions(m)))
          .append(row("sources", codes(m.sources())))
          .append(row("reported in", codes(m.reportedIn()) + (m.xmr() ? ", `metric_xmr`" : "")))
          .append(m.xmrSeries().map(series -> row("XmR chart of", code(series))).orElse(""))
          .append(row("owner", m.owner()))
          .append(row("version", m.version()));
      if (!m.rules().isEmpty()) {
        md.append("\nRules:\n\n");
        for (int i = 0; i < m.rules().size(); i++) {
          md.append(i + 1).append(". ").append(m.rules().get(i)).append('\n');
        }
      }
      md.append("\nChange log:\n");
      for (MetricDef.Change c : m.changeLog()) {
        md.append("- v")
            .append(c.version())
            .append(" (")
            .append(c.date())
            .append("): ")
            .append(c.why())
            .append('\n');
      }
    }
    return md.toString();
  }

  /** What each chart plots, and how rows stay consistent with the limits written on them. */
  private static String xmrRules() {
    StringBuilder sb = new StringBuilder("Series each chart plots (`metric_xmr.series`): ");
    sb.append(
        Metrics.xmrMetrics().stream()
            .map(m -> code(m.name()) + " -> " + code(m.xmrSeries().orElseThrow()))
            .collect(Collectors.joining(", ")));
    return sb.append(
            ". A trending stock is charted through its monthly change (`mrr` through `net_new_mrr`):\n"
                + "a company growing steadily would otherwise sit above any fixed centre every month, a run of 8\n"
                + "that says nothing new; its change is what stays predictable, and a shift in it is news.\n\n"
                + "Each row is judged only against the centre and limits written on it. When a run of 8 restarts\n"
                + "the baseline (`xmrRestartAfterRunOf8`), the new segment starts at the run's first point, its\n"
                + "points are judged against the new limits, and the first of them says so in `note`. A baseline\n"
                + "that cannot set limits flags nothing and says why in `note`: constant values (average moving\n"
                + "range 0) or fewer than two consecutive values. A series runs from the metric's first monthly\n"
                + "value to its last; a month between them without a value (a rate whose denominator was 0) is a\n"
                + "row with a null `value`, no signal and a note: it breaks runs and moving ranges.\n\n")
        .toString();
  }

  /**
   * The dimension values a metric has rows for: {@code all} and one {@code family:value} per family
   * of {@link SegmentFamilies#of}.
   */
  private static String dimensions(MetricDef m) {
    List<String> families = SegmentFamilies.of(m);
    if (families.isEmpty()) {
      return "`all` only";
    }
    if (families.equals(List.of(SegmentFamilies.FEATURE))) {
      return code(SegmentFamilies.FEATURE + ":<value>") + " only (a row per feature, no `all`)";
    }
    StringBuilder out = new StringBuilder("`all`; by ");
    for (int i = 0; i < families.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(code(families.get(i) + ":<value>"));
    }
    return out.toString();
  }

  private static String param(String name, Object value, String meaning) {
    return row(code(name), value, meaning);
  }

  /** The company-size bands of dim_company.segment and the size: segment ({@link SizeBands}). */
  private static String sizeBands() {
    StringBuilder md =
        new StringBuilder(
            "## Company size bands (`size:` segment)\n\n"
                + "dim_company.segment and metric_monthly's `size:` values are one of these bands. The"
                + " backend's label\nmaps by name; an enrichment employee range by its lower end"
                + " (`50-99` is medium); anything else is\n`size:unknown`"
                + " (`io.intelligencesuite.schemas.SizeBands`).\n\n"
                + "| band | employees | backend labels |\n|---|---|---|\n");
    for (SizeBands.Band b : SizeBands.BANDS) {
      md.append("| `")
          .append(b.name())
          .append("` | ")
          .append(
              b.maxEmployees() == Integer.MAX_VALUE
                  ? b.minEmployees() + "+"
                  : b.minEmployees() + "-" + b.maxEmployees())
          .append(" | ")
          .append(String.join(", ", b.labels()))
          .append(" |\n");
    }
    return md.append("\n").toString();
  }
}
