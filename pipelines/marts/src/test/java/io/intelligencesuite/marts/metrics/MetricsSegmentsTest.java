package io.intelligencesuite.marts.metrics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.schemas.MetricParameters;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.junit.Test;

/** The metrics per segment value on {@link GoldenScenario}, worked out by hand. */
public class MetricsSegmentsTest {
  private static final MetricLedger.Values V =
      ProductionMetrics.compute(
          GoldenScenario.inputs(), GoldenScenario.AS_OF, MetricParameters.defaults());

  private static OptionalDouble monthly(String metric, String month, String dimension) {
    List<MetricValue> hits =
        V.monthly().stream()
            .filter(
                v ->
                    v.metric().equals(metric)
                        && v.period().equals(LocalDate.parse(month + "-01"))
                        && v.dimension().equals(dimension))
            .collect(Collectors.toList());
    assertTrue(metric + " " + month + " " + dimension + " at most once", hits.size() <= 1);
    return hits.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(hits.get(0).value());
  }

  private static void is(double expected, OptionalDouble actual) {
    assertTrue("expected " + expected + ", got no row", actual.isPresent());
    assertEquals(expected, actual.getAsDouble(), 1e-9);
  }

  @Test
  public void revenueByPlanIntervalCountrySizeAndChannel() {
    // Month-end MRR: A (prod_growth) Jan 1000, Feb 1500, Mar 0; B (prod_pro) 2000, 1200, 1200;
    // C and D (unknown): Jan D 300, Feb D 300 (C joined and churned), Mar D 300 + C 800 = 1100.
    is(1000, monthly("mrr", "2026-01", "plan:prod_growth"));
    is(0, monthly("mrr", "2026-03", "plan:prod_growth"));
    is(1200, monthly("mrr", "2026-03", "plan:prod_pro"));
    is(1100, monthly("mrr", "2026-03", "plan:unknown"));
    is(1200, monthly("mrr", "2026-03", "interval:year"));
    is(1200, monthly("mrr", "2026-02", "country:us"));
    is(1500, monthly("mrr", "2026-02", "size:small"));
    is(1500, monthly("mrr", "2026-02", "channel:paid_search"));
    is(2, monthly("customers", "2026-03", "country:unknown")); // C and D
    is(1, monthly("churned_customers", "2026-03", "plan:prod_growth")); // A
    is(800, monthly("contraction_mrr", "2026-02", "size:large")); // B
    // Ratios within the segment: ARPA of unknown plans in Mar 1100 / 2; A's cohort lost all in
    // Mar: nrr 0 / 1500; D alone was the unknown cohort of Feb: 300 / 300.
    is(550, monthly("arpa", "2026-03", "plan:unknown"));
    is(0, monthly("nrr", "2026-03", "plan:prod_growth"));
    is(1, monthly("nrr", "2026-02", "plan:unknown"));
    is(2000, monthly("asp", "2026-01", "plan:prod_pro")); // ASP per plan
    // Feb organic_search (B): gained 0, lost 800 -> 0; paid_search (A): lost nothing -> no row.
    is(0, monthly("quick_ratio", "2026-02", "channel:organic_search"));
    assertFalse(monthly("quick_ratio", "2026-02", "channel:paid_search").isPresent());
  }

  @Test
  public void trialsLeadsAndPaymentsWithoutKnownSegmentsAreUnknown() {
    is(3, monthly("trials_started", "2026-01", "channel:unknown"));
    is(6, monthly("leads_created", "2025-11", "plan:unknown"));
    is(0.75, monthly("payment_success_rate", "2026-01", "country:unknown"));
    // Feature adoption's dimension is the feature (feature:<name>): no segment rows.
    assertTrue(
        V.monthly().stream()
            .filter(v -> v.metric().equals("feature_adoption_rate"))
            .allMatch(v -> v.dimension().startsWith("feature:")));
    // Segments are monthly only.
    assertTrue(V.daily().stream().allMatch(v -> v.dimension().equals("all")));
  }

  @Test
  public void segmentValuesOfEachFamilyAddUpToAll() {
    List<String> problems = SegmentChecks.totalsProblems(V.monthly());
    assertEquals(String.join("\n", problems), List.of(), problems);
    List<String> unprefixed = SegmentChecks.dimensionProblems(V.monthly());
    assertEquals(String.join("\n", unprefixed), List.of(), unprefixed);
  }

  @Test
  public void theChecksCatchARowOffItsTotalAndAnUnprefixedDimension() {
    LocalDate jan = LocalDate.parse("2026-01-01");
    // customers Jan: all 3; plan: 2 + 1 = 3 (good); channel: 2 only (one missing) and interval,
    // country, size with no rows (0) -> four problems. spend: its one row is unprefixed, so no
    // channel row adds up to its 500 -> a fifth, and that row is the one dimension problem.
    List<MetricValue> rows =
        List.of(
            new MetricValue("customers", jan, "all", 3),
            new MetricValue("customers", jan, "plan:a", 2),
            new MetricValue("customers", jan, "plan:b", 1),
            new MetricValue("customers", jan, "channel:email", 2),
            new MetricValue("spend", jan, "all", 500),
            new MetricValue("spend", jan, "paid_search", 500));
    List<String> totals = SegmentChecks.totalsProblems(rows);
    assertTrue(
        totals.toString(),
        totals.contains("customers 2026-01-01 channel: segments add up to 2.0, all is 3.0"));
    assertEquals(totals.toString(), 5, totals.size());
    List<String> dims = SegmentChecks.dimensionProblems(rows);
    assertEquals(dims.toString(), 1, dims.size());
    assertTrue(dims.get(0), dims.get(0).contains("paid_search"));
  }
}
