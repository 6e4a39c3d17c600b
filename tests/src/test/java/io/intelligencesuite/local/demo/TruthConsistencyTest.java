package io.intelligencesuite.local.demo;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intelligencesuite.tests.DemoFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

/** truth/ adds up: movements explain every change of MRR, counts are sane. */
public class TruthConsistencyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode read(String file) throws IOException {
    return JSON.readTree(DemoFixture.dir().resolve(file).toFile());
  }

  @Test
  public void movementsExplainEveryMonthsMrr() throws IOException {
    JsonNode months = read("truth/monthly.json").get("months");
    assertEquals(24, months.size());
    assertEquals("2024-11", months.get(0).get("month").asText());
    assertEquals("2026-10", months.get(23).get("month").asText());
    long prev = 0;
    for (JsonNode m : months) {
      long mrr = m.get("mrr").asLong();
      long expected =
          prev
              + m.get("new_mrr").asLong()
              + m.get("expansion_mrr").asLong()
              + m.get("reactivation_mrr").asLong()
              - m.get("contraction_mrr").asLong()
              - m.get("churned_mrr").asLong()
              + m.get("fx_mrr").asLong(); // signed: the change due only to a new rate (rule 8)
      assertEquals("MRR bridge in " + m.get("month").asText(), expected, mrr);
      assertEquals(mrr - prev, m.get("net_new_mrr").asLong());
      assertTrue(m.get("paying_customers").asLong() >= 0);
      assertTrue(mrr >= 0);
      for (String f :
          new String[] {
            "new_mrr", "expansion_mrr", "contraction_mrr", "churned_mrr", "reactivation_mrr"
          }) {
        assertTrue(f + " is a magnitude", m.get(f).asLong() >= 0);
      }
      long started = m.get("trials_started").asLong();
      assertTrue(
          "activated <= started in " + m.get("month"),
          m.get("activated_trials").asLong() <= started);
      assertTrue(
          "converted <= started in " + m.get("month"),
          m.get("trial_conversions").asLong() <= started);
      prev = mrr;
    }
    assertTrue("a growing company ends with real MRR", prev > 500_000);
  }

  @Test
  public void movementListMatchesMonthlyTotalsAndChains() throws IOException {
    JsonNode movements = read("truth/mrr_movements.json").get("movements");
    Map<String, Long> perCustomer = new HashMap<>();
    long total = 0;
    for (JsonNode m : movements) {
      String c = m.get("stripe_customer_id").asText();
      long before = perCustomer.getOrDefault(c, 0L);
      assertEquals("movements chain for " + c, before, m.get("mrr_before").asLong());
      long after = m.get("mrr_after").asLong();
      assertEquals(after - before, m.get("mrr_delta").asLong());
      String type = m.get("type").asText();
      if (before == 0) {
        assertTrue(type, type.equals("new_biz") || type.equals("reactivation"));
      } else if (after == 0) {
        assertEquals("churn", type);
      } else if (!type.equals("fx")) {
        assertEquals(after > before ? "expansion" : "contraction", type);
      }
      perCustomer.put(c, after);
      total += m.get("mrr_delta").asLong();
    }
    JsonNode months = read("truth/monthly.json").get("months");
    assertEquals(months.get(months.size() - 1).get("mrr").asLong(), total);
    Set<String> types = new HashSet<>();
    movements.forEach(m -> types.add(m.get("type").asText()));
    assertEquals(
        Set.of("new_biz", "expansion", "contraction", "churn", "reactivation", "fx"), types);
  }

  @Test
  public void chartMogulAgreesWithTruthExceptWherePlanted() throws IOException {
    JsonNode planted = read("truth/planted_discrepancies.json").get("discrepancies");
    Set<String> plantedCustomers = new HashSet<>();
    Set<String> kinds = new HashSet<>();
    for (JsonNode p : planted) {
      kinds.add(p.get("kind").asText());
      if (p.get("system").asText().equals("chartmogul")) {
        plantedCustomers.add(p.get("stripe_customer_id").asText());
      }
    }
    assertTrue(
        kinds.containsAll(
            Set.of("missed_sync", "manual_adjustment", "delayed_sync", "stale_plan")));
    Map<String, Long> truth = new HashMap<>();
    for (JsonNode m : read("truth/mrr_movements.json").get("movements")) {
      truth.put(m.get("stripe_customer_id").asText(), m.get("mrr_after").asLong());
    }
    int compared = 0;
    int differing = 0;
    for (JsonNode c : read("chartmogul/customers.json").get("entries")) {
      String id = c.get("external_id").asText();
      long cm = c.get("mrr").asLong();
      long t = truth.getOrDefault(id, 0L);
      if (plantedCustomers.contains(id)) {
        differing += cm != t ? 1 : 0;
        continue;
      }
      assertEquals("ChartMogul MRR of " + id, t, cm);
      compared++;
    }
    assertTrue(compared > 200);
    assertTrue("at least one planted customer still differs at the end", differing >= 1);
  }

  @Test
  public void identitiesHoldThePlantedOverlaps() throws IOException {
    JsonNode ids = read("truth/identities.json");
    Set<String> kinds = new HashSet<>();
    ids.get("planted_overlaps").forEach(o -> kinds.add(o.get("kind").asText()));
    assertTrue(
        kinds.toString(),
        kinds.containsAll(
            Set.of(
                "two_devices",
                "personal_then_work_email",
                "shared_free_mail_admin",
                "billing_email_differs",
                "test_account",
                "trust_shared_domain",
                "moving_teacher",
                "shared_office_computer",
                "plus_addressed_email")));
    boolean twoCompanies = false;
    for (JsonNode p : ids.get("people")) {
      twoCompanies |= p.get("company_ids").size() == 2;
    }
    assertTrue("one person administers two schools", twoCompanies);
  }

  static Path dir() {
    return DemoFixture.dir();
  }
}
