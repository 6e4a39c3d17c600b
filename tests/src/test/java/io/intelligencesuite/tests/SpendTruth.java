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
   * Months and channels whose marts cac is not the truth's spend over the truth's new customers of
   * that channel (the customer's channel is the first session of its journey in the simulation, the
   * first GA4 session through identity in the marts), for the channels with spend and 'all'. Spend
   * may differ by its cent of rounding, so the CAC by a cent over the customers.
   */
  static List<String> cacMismatches(DuckDbQueries q, Path truthFile) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode month : new ObjectMapper().readTree(truthFile.toFile()).get("months")) {
      long allSpend = 0;
      long allNew = 0;
      Iterator<Map.Entry<String, JsonNode>> channels = month.get("by_channel").fields();
      List<String[]> expected = new ArrayList<>();
      while (channels.hasNext()) {
        Map.Entry<String, JsonNode> c = channels.next();
        long spend = c.getValue().get("spend_cents").asLong();
        long customers = c.getValue().get("new_customers").asLong();
        allSpend += spend;
        allNew += customers;
        if (spend > 0 && customers > 0) {
          expected.add(
              new String[] {
                Segments.dimension(Segments.CHANNEL, c.getKey()),
                Double.toString((double) spend / customers)
              });
        }
      }
      if (allSpend > 0 && allNew > 0) {
        expected.add(new String[] {"all", Double.toString((double) allSpend / allNew)});
      }
      for (String[] e : expected) {
        String m = month.get("month").asText();
        String mismatch =
            MonthlyMetric.mismatch(
                q, "cac", e[0], m, Double.parseDouble(e[1]), 1, m + " " + e[0] + " cac");
        if (mismatch != null) {
          out.add(mismatch);
        }
      }
    }
    return out;
  }
}
