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

  /**
   * The marketing ratios -> their denominator's column in truth/spend.json (spend over it): the
   * observable_ columns, the customers and trials by the channel the warehouse can see (the
   * simulation's rules over the sessions on devices identity can tie to the person,
   * ObservableSessions in the generator), not by the channel the simulation intended.
   */
  static final Map<String, String> RATIOS =
      Map.of(
          "cac", "observable_new_customers",
          "cac_payback_months", "observable_new_mrr_cents",
          "spend_per_trial", "observable_trials_started",
          "spend_per_paying_customer", "observable_paying_customers");

  /** {@link #ratioMismatches(DuckDbQueries, Path, String, String)} of every ratio. */
  static List<String> ratioMismatches(DuckDbQueries q, Path truthDir) throws Exception {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> ratio : new java.util.TreeMap<>(RATIOS).entrySet()) {
      out.addAll(ratioMismatches(q, truthDir, ratio.getKey(), ratio.getValue()));
    }
    return out;
  }

  /**
   * Identity's documented limit, from the truth alone: of {@code total}, how many the simulation
   * intended through a channel the warehouse cannot see ({@code unobservable}: the deciding session
   * is on a device nothing written ties to the person).
   */
  record Limit(String what, long total, long unobservable) {
    @Override
    public String toString() {
      return what + ": " + unobservable + " of " + total + " not attributable as intended";
    }
  }

  /**
   * The trials (QA accounts left out), the new customers (a first payment before the as-of date)
   * and the leads whose intended channel (truth/trials.json channel and acquisition_channel,
   * truth/lead_channels.json last_non_direct_channel) is not the observable one.
   */
  static List<Limit> attributionLimits(Path truthDir) throws Exception {
    long trials = 0;
    long trialsOff = 0;
    long customers = 0;
    long customersOff = 0;
    for (JsonNode t :
        new ObjectMapper().readTree(truthDir.resolve("trials.json").toFile()).get("trials")) {
      if (t.get("is_test").asBoolean()) {
        continue;
      }
      trials++;
      trialsOff += differs(t, "channel", "observable_channel");
      if (!t.get("new_customer_month").isNull()) {
        customers++;
        customersOff += differs(t, "acquisition_channel", "observable_acquisition_channel");
      }
    }
    long leads = 0;
    long leadsOff = 0;
    for (JsonNode l :
        new ObjectMapper().readTree(truthDir.resolve("lead_channels.json").toFile()).get("leads")) {
      leads++;
      leadsOff += differs(l, "last_non_direct_channel", "observable_channel");
    }
    return List.of(
        new Limit("trials", trials, trialsOff),
        new Limit("customers", customers, customersOff),
        new Limit("leads", leads, leadsOff));
  }

  private static int differs(JsonNode row, String intended, String observable) {
    return row.get(intended).asText().equals(row.get(observable).asText()) ? 0 : 1;
  }

  /**
   * Every trial, customer and lead whose marts channel (fact_trial.channel,
   * dim_customer.first_touch_channel, fact_lead.channel) is not the truth's observable one, one
   * line each: an identity or attribution fault, since the observable channel is what the
   * warehouse's data can support.
   */
  static List<String> observableChannelMismatches(DuckDbQueries q, Path truthDir) throws Exception {
    String trials = "read_json('" + truthDir.resolve("trials.json") + "')";
    String leads = "read_json('" + truthDir.resolve("lead_channels.json") + "')";
    List<String> out = new ArrayList<>();
    for (List<Object> r :
        q.rows(
            "with t as (select unnest(trials, recursive := true) from "
                + trials
                + ") select 'trial ' || t.account_id, t.observable_channel, t.channel,"
                + " coalesce(f.channel, 'unknown') from t left join fact_trial f"
                + " on f.account_id = t.account_id where not t.is_test"
                + " and coalesce(f.channel, 'unknown') <> t.observable_channel"
                + " union all select 'customer ' || t.stripe_customer_id,"
                + " t.observable_acquisition_channel, t.acquisition_channel,"
                + " coalesce(d.first_touch_channel, 'unknown') from t left join dim_customer d"
                + " on d.customer_id = t.stripe_customer_id where t.new_customer_month is not null"
                + " and not t.is_test"
                + " and coalesce(d.first_touch_channel, 'unknown')"
                + " <> t.observable_acquisition_channel"
                + " union all select 'lead ' || l.lead_id, l.observable_channel,"
                + " l.last_non_direct_channel, coalesce(f.channel, '(none)') from (select"
                + " unnest(leads, recursive := true) from "
                + leads
                + ") l left join fact_lead f using (lead_id)"
                + " where f.channel is distinct from l.observable_channel order by 1")) {
      out.add(
          r.get(0)
              + ": observable "
              + r.get(1)
              + " (intended "
              + r.get(2)
              + "), marts "
              + r.get(3));
    }
    return out;
  }

  /**
   * Months and channels whose marts {@code metric} is not the truth's spend over the truth's {@code
   * denominator} of that channel and month (a truth/spend.json column), for the channels with spend
   * and for 'all' (every channel's spend over every channel's denominator), as the dictionary
   * defines the marketing ratios: cac over new_customers, cac_payback_months over new_mrr_cents,
   * spend_per_trial over trials_started, spend_per_paying_customer over paying_customers. The truth
   * has the channel of each customer and trial from the simulation's own sessions (a customer's:
   * the first session of its company's journey; a trial's: its company's first lead's last
   * non-direct session, else that first session), the marts from GA4 sessions through identity;
   * {@link #RATIOS} compares with the observable_ columns, the same rules over the sessions
   * identity can tie ({@link #attributionLimits} counts the difference).
   *
   * <p>Tolerances, each from a published bound: the spend's cent of rounding (spendMismatches) over
   * the denominator; for new MRR, the month's movement_tolerance of truth/monthly.json (the
   * rounding of prorated lines, as for new_mrr itself). Every count is exact.
   */
  static List<String> ratioMismatches(
      DuckDbQueries q, Path truthDir, String metric, String denominator) throws Exception {
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
      long denominatorSlack = denominator.endsWith("new_mrr_cents") ? mrrTolerance.get(m) : 0;
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
}
