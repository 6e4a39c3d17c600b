package io.intelligencesuite.local.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes enrichment/: SwanAI-style company-identified visits (reverse-IP on tracked sessions of
 * school staff; personal e-mail does not hide the school network) and G2-style buyer intent
 * (schools researching the category before and while they evaluate).
 */
final class EnrichmentWriter {
  static final String[] TOPICS = {
    "School Management Software", "Student Information Systems", "Gradebook Software",
    "Attendance Tracking Software", "Class Scheduling Software", "Parent Communication Software"
  };

  private EnrichmentWriter() {}

  static void write(World w, Rng rng, OutputFiles out) throws IOException {
    List<ObjectNode> visits = new ArrayList<>();
    for (WebSession s : w.sessions) {
      Company c = s.person.company;
      if (c.test) {
        continue;
      }
      boolean prospect = !c.hasAccount() || s.start < c.signupAt;
      if (!rng.chance(prospect ? 0.38 : 0.12)) {
        continue;
      }
      ObjectNode v = OutputFiles.obj();
      v.put("visit_id", "sv_" + rng.hex(16));
      v.put("observed_at", SimCalendar.iso(s.start + 30));
      v.put("company_domain", c.domain);
      v.put("company_name", c.name);
      v.put("company_country", c.country.code());
      v.put(
          "employee_range",
          c.staff < 20 ? "1-19" : c.staff < 50 ? "20-49" : c.staff < 100 ? "50-99" : "100-499");
      v.put("user_pseudo_id", s.device.pseudoId);
      w.enrichedDevices.computeIfAbsent(s.device, k -> new java.util.HashSet<>()).add(c);
      ArrayNode pages = v.putArray("pages");
      for (String p : s.pages) {
        pages.add(p);
      }
      v.put("confidence", Math.round((0.6 + 0.39 * rng.uniform()) * 100) / 100.0);
      visits.add(v);
    }
    out.writeNdjson("enrichment/swanai_visits.ndjson", visits);

    List<ObjectNode> intent = new ArrayList<>();
    List<long[]> order = new ArrayList<>();
    for (int i = 0; i < w.companies.size(); i++) {
      Company c = w.companies.get(i);
      if (c.test || c.intent < 0.35) {
        continue;
      }
      for (int week = -8; week <= 6; week++) {
        long t = c.arrivedAt + week * 7L * SimCalendar.DAY;
        if (t < SimCalendar.START || t >= SimCalendar.AS_OF || !rng.chance(0.15 + 0.4 * c.intent)) {
          continue;
        }
        ObjectNode g = OutputFiles.obj();
        long day = SimCalendar.epoch(SimCalendar.date(t));
        g.put("signal_id", "g2_" + rng.hex(12));
        g.put("date", SimCalendar.date(day).toString());
        g.put("domain", c.domain);
        g.put("company_name", c.name);
        g.put("intent_topic", rng.pick(TOPICS));
        g.put(
            "signal_type",
            rng.pick(
                new String[] {"category_view", "comparison", "product_profile", "pricing_page"}));
        g.put(
            "score",
            (int)
                Math.round(
                    MarketSimulation.clamp(35 + 60 * c.intent + 8 * rng.gaussian(), 1, 100)));
        intent.add(g);
        order.add(new long[] {day, intent.size() - 1});
      }
    }
    order.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
    List<ObjectNode> sorted = new ArrayList<>();
    for (long[] o : order) {
      sorted.add(intent.get((int) o[1]));
    }
    out.writeNdjson("enrichment/g2_intent.ndjson", sorted);
  }
}
