package io.intelligencesuite.marts.revenue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.sources.common.Json;
import io.intelligencesuite.tests.DemoFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The acceptance that matters most: on the demo company (seed 42, scale 1) the engine, fed the
 * Stripe staging rows, reproduces truth/monthly.json and truth/mrr_movements.json exactly.
 */
public class RevenueDemoTruthTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);
  private static Path dir;
  private static Map<String, CustomerRevenue> revenue;

  @BeforeClass
  public static void compute() throws Exception {
    // -Drevenue.demo.seed / -Drevenue.demo.scale check other generations (default: the shared seed
    // 42, scale 1).
    long seed = Long.getLong("revenue.demo.seed", 42);
    int scale = Integer.getInteger("revenue.demo.scale", 1);
    if (seed == DemoFixture.SEED && scale == DemoFixture.SCALE) {
      dir = DemoFixture.dir();
    } else {
      Path generated =
          java.nio.file.Files.createTempDirectory("revenue-demo-" + seed + "-" + scale + "-");
      io.intelligencesuite.local.demo.DemoCompany.generate(generated, seed, scale);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> DemoFixture.deleteQuietly(generated)));
      dir = generated;
    }
    Map<String, CustomerBilling> billing = DemoStagingBilling.load(dir);
    long started = System.nanoTime();
    revenue = new TreeMap<>();
    RevenueSettings settings = RevenueSettings.usd(AS_OF);
    for (CustomerBilling b : billing.values()) {
      revenue.put(b.customerId(), RevenueEngine.compute(b, settings));
    }
    System.out.printf(
        "revenue engine: %d customers, %d movements, %d subscription-days in %d ms%n",
        revenue.size(),
        revenue.values().stream().mapToLong(r -> r.movements().size()).sum(),
        revenue.values().stream().mapToLong(r -> r.subscriptionDays().size()).sum(),
        (System.nanoTime() - started) / 1_000_000);
  }

  @Test
  public void demoDataHasNoProblems() {
    List<RevenueProblem> problems = new ArrayList<>();
    revenue.values().forEach(r -> problems.addAll(r.problems()));
    assertEquals(List.of(), problems);
  }

  @Test
  public void monthlyFiguresEqualTruth() throws Exception {
    JsonNode truth = Json.MAPPER.readTree(dir.resolve("truth/monthly.json").toFile());
    List<String> diffs = new ArrayList<>();
    int months = 0;
    for (JsonNode m : truth.path("months")) {
      YearMonth ym = YearMonth.parse(m.path("month").asText());
      Map<String, Long> mine = monthFigures(ym);
      for (Map.Entry<String, Long> e : mine.entrySet()) {
        long expected = m.path(e.getKey()).asLong();
        if (expected != e.getValue()) {
          diffs.add(ym + " " + e.getKey() + ": truth " + expected + ", engine " + e.getValue());
        }
      }
      months++;
    }
    assertEquals(24, months);
    assertEquals("monthly differences (" + diffs.size() + ")", List.of(), first(diffs));
  }

  @Test
  public void movementsEqualTruthPerCustomerDay() throws Exception {
    JsonNode truth = Json.MAPPER.readTree(dir.resolve("truth/mrr_movements.json").toFile());
    // The truth's movements netted per customer and day: before of the first, after of the last.
    Map<String, long[]> expected = new TreeMap<>();
    Map<String, String> expectedType = new TreeMap<>();
    for (JsonNode m : truth.path("movements")) {
      LocalDate day = Instant.parse(m.path("at").asText()).atZone(ZoneOffset.UTC).toLocalDate();
      String key = m.path("stripe_customer_id").asText() + " " + day;
      long[] ba = expected.get(key);
      if (ba == null) {
        expected.put(key, new long[] {m.path("mrr_before").asLong(), m.path("mrr_after").asLong()});
        expectedType.put(key, typeName(m.path("type").asText()));
      } else {
        ba[1] = m.path("mrr_after").asLong();
        expectedType.put(key, expectedType.get(key) + "+" + typeName(m.path("type").asText()));
      }
    }
    Map<String, String> mine = new TreeMap<>();
    for (CustomerRevenue r : revenue.values()) {
      for (Movement mv : r.movements()) {
        mine.put(
            mv.customerId() + " " + mv.date(),
            mv.type() + " " + mv.mrrBeforeCents() + "->" + mv.mrrAfterCents());
      }
    }
    Map<String, String> theirs = new TreeMap<>();
    expected.forEach(
        (k, ba) -> {
          if (ba[0] != ba[1]) {
            theirs.put(k, expectedType.get(k) + " " + ba[0] + "->" + ba[1]);
          }
        });
    List<String> diffs = new ArrayList<>();
    for (String k : union(mine, theirs)) {
      if (!String.valueOf(theirs.get(k)).equals(String.valueOf(mine.get(k)))) {
        diffs.add(k + ": truth " + theirs.get(k) + ", engine " + mine.get(k));
      }
    }
    assertTrue("the demo has movements", theirs.size() > 100);
    assertEquals("movement differences (" + diffs.size() + ")", List.of(), first(diffs));
  }

  @Test
  public void movementsSumToCurrentMrrPerCustomerAndToEachMonthsChange() {
    long totalNow = 0;
    for (CustomerRevenue r : revenue.values()) {
      long sum = r.movements().stream().mapToLong(Movement::deltaCents).sum();
      assertEquals("movements of " + r.customerId(), r.mrrAtEndOf(AS_OF), sum);
      totalNow += sum;
    }
    assertTrue(totalNow > 500_000);
    for (YearMonth m = YearMonth.of(2024, 11);
        !m.isAfter(YearMonth.from(AS_OF));
        m = m.plusMonths(1)) {
      YearMonth month = m;
      long change = 0;
      long moved = 0;
      for (CustomerRevenue r : revenue.values()) {
        change += r.mrrAtEndOf(month.atEndOfMonth()) - r.mrrAtEndOf(month.atDay(1).minusDays(1));
        moved +=
            r.movements().stream()
                .filter(mv -> YearMonth.from(mv.date()).equals(month))
                .mapToLong(Movement::deltaCents)
                .sum();
      }
      assertEquals("MRR change in " + month, change, moved);
    }
  }

  private static List<String> first(List<String> diffs) {
    return diffs.subList(0, Math.min(15, diffs.size()));
  }

  private static List<String> union(Map<String, String> a, Map<String, String> b) {
    TreeMap<String, Boolean> keys = new TreeMap<>();
    a.keySet().forEach(k -> keys.put(k, true));
    b.keySet().forEach(k -> keys.put(k, true));
    return new ArrayList<>(keys.keySet());
  }

  private static String typeName(String truthType) {
    return truthType.equals("new_biz") ? Movement.NEW : truthType;
  }

  /** The engine's figures for a month, named as truth/monthly.json names them. */
  private static Map<String, Long> monthFigures(YearMonth ym) {
    Map<String, Long> f = new TreeMap<>();
    LocalDate end = ym.atEndOfMonth();
    long mrr = 0;
    long paying = 0;
    long[] amounts = new long[5];
    long[] counts = new long[5];
    List<String> types =
        List.of(
            Movement.NEW,
            Movement.EXPANSION,
            Movement.CONTRACTION,
            Movement.CHURN,
            Movement.REACTIVATION);
    for (CustomerRevenue r : revenue.values()) {
      long m = r.mrrAtEndOf(end);
      mrr += m;
      paying += m > 0 ? 1 : 0;
      for (Movement mv : r.movements()) {
        if (YearMonth.from(mv.date()).equals(ym)) {
          int t = types.indexOf(mv.type());
          amounts[t] += Math.abs(mv.deltaCents());
          counts[t]++;
        }
      }
    }
    f.put("mrr", mrr);
    f.put("new_mrr", amounts[0]);
    f.put("expansion_mrr", amounts[1]);
    f.put("contraction_mrr", amounts[2]);
    f.put("churned_mrr", amounts[3]);
    f.put("reactivation_mrr", amounts[4]);
    f.put("net_new_mrr", amounts[0] + amounts[1] + amounts[4] - amounts[2] - amounts[3]);
    f.put("paying_customers", paying);
    f.put("new_customers", counts[0]);
    f.put("churned_customers", counts[3]);
    f.put("reactivated_customers", counts[4]);
    return f;
  }
}
