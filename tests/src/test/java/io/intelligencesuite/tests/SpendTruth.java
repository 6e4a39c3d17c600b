package io.intelligencesuite.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intelligencesuite.marts.metrics.Segments;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The demo's marketing truth (truth/spend.json, from the simulation's budgets and journeys) next to
 * the marts' metric_monthly: what differs, one line each.
 */
final class SpendTruth {
  private SpendTruth() {}

  /** Months and channels whose marts spend is not the truth's (1 cent of rounding allowed). */
  static List<String> spendMismatches(DuckDbQueries q, Path truthFile) throws Exception {
    List<String> out = new ArrayList<>();
    int compared = 0;
    for (JsonNode month : new ObjectMapper().readTree(truthFile.toFile()).get("months")) {
      Iterator<Map.Entry<String, JsonNode>> channels = month.get("by_channel").fields();
      while (channels.hasNext()) {
        Map.Entry<String, JsonNode> c = channels.next();
        long expected = c.getValue().get("spend_cents").asLong();
        if (expected == 0) {
          continue;
        }
        compared++;
        String m = month.get("month").asText();
        String mismatch =
            MonthlyMetric.mismatch(
                q,
                "spend",
                Segments.dimension(Segments.CHANNEL, c.getKey()),
                m,
                expected,
                1,
                m + " " + c.getKey());
        if (mismatch != null) {
          out.add(mismatch);
        }
      }
    }
    if (compared == 0) {
      out.add("truth/spend.json has no spend to compare");
    }
    return out;
  }

  /** The marketing ratios -> their denominator's column in truth/spend.json (spend over it). */
  static final Map<String, String> RATIOS =
      Map.of(
          "cac", "new_customers",
          "cac_payback_months", "new_mrr_cents",
          "spend_per_trial", "trials_started",
          "spend_per_paying_customer", "paying_customers");

  /** {@link #ratioMismatches(DuckDbQueries, Path, String, String, List)} of every ratio. */
  static List<String> ratioMismatches(DuckDbQueries q, Path truthDir, List<TrialGap> trialGaps)
      throws Exception {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> ratio : new java.util.TreeMap<>(RATIOS).entrySet()) {
      out.addAll(ratioMismatches(q, truthDir, ratio.getKey(), ratio.getValue(), trialGaps));
    }
    return out;
  }

  /** A trial whose channel the marts see other than the simulation (identity never ties it). */
  record TrialGap(String month, String truthChannel, String martsChannel) {}

  /**
   * The trials of truth/trials.json (QA accounts left out) whose channel fact_trial does not give:
   * the session that decides it (the lead's last non-direct one, or the company's first) is on a
   * device identity resolution never ties to the person, so the marts see a later session.
   */
  static List<TrialGap> trialChannelGaps(DuckDbQueries q, Path truthDir) throws Exception {
    Map<String, List<Object>> marts = new java.util.HashMap<>();
    for (List<Object> r :
        q.rows(
            "select account_id, strftime(started_at, '%Y-%m'), coalesce(channel, '"
                + Segments.UNKNOWN
                + "') from fact_trial")) {
      marts.put(String.valueOf(r.get(0)), r);
    }
    List<TrialGap> gaps = new ArrayList<>();
    for (JsonNode t :
        new ObjectMapper().readTree(truthDir.resolve("trials.json").toFile()).get("trials")) {
      List<Object> m = marts.get(t.get("account_id").asText());
      if (t.get("is_test").asBoolean() || m == null) {
        continue;
      }
      if (!t.get("channel").asText().equals(m.get(2))) {
        gaps.add(new TrialGap((String) m.get(1), t.get("channel").asText(), (String) m.get(2)));
      }
    }
    return gaps;
  }

  /**
   * Months and channels whose marts {@code metric} is not the truth's spend over the truth's {@code
   * denominator} of that channel and month (a truth/spend.json column), for the channels with spend
   * and for 'all' (every channel's spend over every channel's denominator), as the dictionary
   * defines the marketing ratios: cac over new_customers, cac_payback_months over new_mrr_cents,
   * spend_per_trial over trials_started, spend_per_paying_customer over paying_customers. The truth
   * has the channel of each customer and trial from the simulation's own sessions (a customer's:
   * the first session of its company's journey; a trial's: its company's first lead's last
   * non-direct session, else that first session), the marts from GA4 sessions through identity.
   *
   * <p>Tolerances, each from a published bound: the spend's cent of rounding (spendMismatches) over
   * the denominator; for new MRR, the month's movement_tolerance of truth/monthly.json (the
   * rounding of prorated lines, as for new_mrr itself); for trials, the {@code trialGaps} move
   * their trial from the truth's channel to the marts' (the 'all' row is exact).
   */
  static List<String> ratioMismatches(
      DuckDbQueries q, Path truthDir, String metric, String denominator, List<TrialGap> trialGaps)
      throws Exception {
    Map<String, Long> mrrTolerance = new java.util.HashMap<>();
    for (JsonNode m :
        new ObjectMapper().readTree(truthDir.resolve("monthly.json").toFile()).get("months")) {
      mrrTolerance.put(m.get("month").asText(), m.get("movement_tolerance").asLong());
    }
    List<String> out = new ArrayList<>();
    int compared = 0;
    for (JsonNode month :
        new ObjectMapper().readTree(truthDir.resolve("spend.json").toFile()).get("months")) {
      String m = month.get("month").asText();
      long allSpend = 0;
      long allDenominator = 0;
      Map<String, long[]> expected = new java.util.TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> channels = month.get("by_channel").fields();
      while (channels.hasNext()) {
        Map.Entry<String, JsonNode> c = channels.next();
        long spend = c.getValue().get("spend_cents").asLong();
        long d = c.getValue().get(denominator).asLong();
        allSpend += spend;
        allDenominator += d;
        if (spend > 0) {
          expected.put(Segments.dimension(Segments.CHANNEL, c.getKey()), new long[] {spend, d});
        }
      }
      if (allSpend > 0) {
        expected.put("all", new long[] {allSpend, allDenominator});
      }
      if (denominator.equals("trials_started")) {
        for (TrialGap g : trialGaps) {
          if (g.month().equals(m)) {
            adjust(expected, g.truthChannel(), -1);
            adjust(expected, g.martsChannel(), 1);
          }
        }
      }
      long denominatorSlack = denominator.equals("new_mrr_cents") ? mrrTolerance.get(m) : 0;
      for (Map.Entry<String, long[]> e : expected.entrySet()) {
        long spend = e.getValue()[0];
        long d = e.getValue()[1];
        String what = m + " " + e.getKey() + " " + metric;
        if (d == 0) {
          // The dictionary: no row without a denominator.
          if (!q.rows(MonthlyMetric.query(metric, e.getKey(), m)).isEmpty()) {
            out.add(what + ": truth has no " + denominator + ", marts has a row");
          }
          continue;
        }
        if (denominatorSlack >= d) {
          out.add(what + ": the rounding bound " + denominatorSlack + " is not below " + d);
          continue;
        }
        compared++;
        double value = (double) spend / d;
        double tolerance = (spend + 1.0) / (d - denominatorSlack) - value;
        String mismatch = MonthlyMetric.mismatch(q, metric, e.getKey(), m, value, tolerance, what);
        if (mismatch != null) {
          out.add(mismatch);
        }
      }
    }
    if (compared == 0) {
      out.add("truth/spend.json has no " + denominator + " to compare " + metric + " with");
    }
    return out;
  }

  private static void adjust(Map<String, long[]> expected, String channel, long by) {
    long[] cell = expected.get(Segments.dimension(Segments.CHANNEL, channel));
    if (cell != null) {
      cell[1] += by;
    }
  }
}
