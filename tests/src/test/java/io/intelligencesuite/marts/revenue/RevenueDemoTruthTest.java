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
 * Stripe staging rows, reproduces truth/monthly.json and truth/mrr_movements.json, which the
 * generator computes from what each customer agreed to pay, never from the invoices it wrote.
 * Exactly, except where ChartMogul's line formula has to rebuild a rate from prorated lines Stripe
 * rounded to a cent (a mid-period change or a first stub, until the next whole-period invoice):
 * there the truth publishes a bound in cents (mrr_tolerance, movement_tolerance,
 * truth/mrr_rounding.json), and every other figure and day must still be equal to the cent.
 */
public class RevenueDemoTruthTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);
  private static Path dir;
  private static Map<String, CustomerRevenue> revenue;
  private static Map<String, CustomerBilling> billing;

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
    billing = DemoStagingBilling.load(dir);
    long started = System.nanoTime();
    revenue = new TreeMap<>();
    RevenueSettings settings = DemoStagingBilling.settings(dir, AS_OF);
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

  /**
   * The demo bills the status shapes of rule 7 (generator 1.5.0: summer pauses whose renewals are
   * void and never attempted, subscriptions left unpaid), so the equalities below cover them.
   */
  @Test
  public void demoBillsPausedAndUnpaidSubscriptions() {
    long pausedRenewals =
        billing.values().stream()
            .flatMap(b -> b.invoices().stream())
            .filter(i -> "void".equals(i.status()) && i.cycle() && i.neverAttempted())
            .count();
    long unpaid =
        billing.values().stream()
            .flatMap(b -> b.subscriptions().stream())
            .filter(s -> "unpaid".equals(s.status()))
            .count();
    assertTrue("void renewals of paused subscriptions: " + pausedRenewals, pausedRenewals > 0);
    assertTrue("unpaid subscriptions: " + unpaid, unpaid > 0);
  }

  /**
   * The demo bills the FX shapes of rule 8 and the currency change (generator 1.6.0): lines in more
   * than one currency, at least one customer whose subscriptions changed currency (Stripe: cancel,
   * then a new subscription in the new currency), dated rates that move, so the engine reports fx
   * movements; and rule 7's unpaid subscription paid again (a cycle invoice written off after
   * failed attempts, then a later invoice of the same subscription paid, the subscription active).
   */
  @Test
  public void demoBillsSeveralCurrenciesACurrencyChangeFxMovementsAndUnpaidPaidAgain() {
    java.util.Set<String> currencies = new java.util.TreeSet<>();
    long customersChangingCurrency = 0;
    long paidAgain = 0;
    for (CustomerBilling b : billing.values()) {
      java.util.Set<String> mine = new java.util.TreeSet<>();
      b.lines().forEach(l -> mine.add(l.currency()));
      currencies.addAll(mine);
      customersChangingCurrency += mine.size() > 1 ? 1 : 0;
      for (Billing.Subscription s : b.subscriptions()) {
        Instant writtenOff = null;
        boolean paidLater = false;
        for (Billing.Invoice i : b.invoices()) {
          if (!s.subscriptionId().equals(i.subscriptionId())) {
            continue;
          }
          if ("uncollectible".equals(i.status())
              && i.cycle()
              && i.attemptCount() != null
              && i.attemptCount() >= 1) {
            writtenOff = i.createdAt();
          }
        }
        for (Billing.Invoice i : b.invoices()) {
          if (writtenOff != null
              && s.subscriptionId().equals(i.subscriptionId())
              && i.createdAt().isAfter(writtenOff)
              && i.paidAt() != null) {
            paidLater = true;
          }
        }
        paidAgain += paidLater && "active".equals(s.status()) ? 1 : 0;
      }
    }
    long fxMovements =
        revenue.values().stream()
            .flatMap(r -> r.movements().stream())
            .filter(m -> Movement.FX.equals(m.type()))
            .count();
    System.out.printf(
        "RevenueDemoTruthTest: currencies %s, %d customers changed currency, %d fx movements, %d"
            + " unpaid subscriptions paid again%n",
        currencies, customersChangingCurrency, fxMovements, paidAgain);
    assertTrue("currencies billed: " + currencies, currencies.size() > 1);
    assertTrue("customers that changed currency", customersChangingCurrency > 0);
    assertTrue("fx movements", fxMovements > 0);
    assertTrue("unpaid subscriptions paid again", paidAgain > 0);
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
    int exact = 0;
    int compared = 0;
    for (JsonNode m : truth.path("months")) {
      YearMonth ym = YearMonth.parse(m.path("month").asText());
      Map<String, Long> mine = monthFigures(ym);
      for (Map.Entry<String, Long> e : mine.entrySet()) {
        long expected = m.path(e.getKey()).asLong();
        long tolerance = DemoFixture.truthTolerance(m, e.getKey());
        compared++;
        exact += expected == e.getValue() ? 1 : 0;
        if (Math.abs(expected - e.getValue()) > tolerance) {
          diffs.add(
              ym
                  + " "
                  + e.getKey()
                  + ": truth "
                  + expected
                  + " (tolerance "
                  + tolerance
                  + "), engine "
                  + e.getValue());
        }
      }
      months++;
    }
    System.out.printf(
        "RevenueDemoTruthTest: %d of %d monthly figures equal the truth to the cent, the rest"
            + " within the published rounding tolerance%n",
        exact, compared);
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
      if (day.isAfter(AS_OF)) {
        continue; // at the as-of instant itself (a renewal on 1 Nov): after the marts' last day
      }
      String key = m.path("stripe_customer_id").asText() + " " + day;
      long[] ba = expected.get(key);
      if (ba == null) {
        expected.put(key, new long[] {m.path("mrr_before").asLong(), m.path("mrr_after").asLong()});
        expectedType.put(key, label(typeName(m.path("type").asText()), m.path("mrr_before")));
      } else {
        ba[1] = m.path("mrr_after").asLong();
        expectedType.put(
            key,
            expectedType.get(key)
                + "+"
                + label(typeName(m.path("type").asText()), m.path("mrr_before")));
      }
    }
    Map<String, String> mine = new TreeMap<>();
    Map<String, long[]> mineCents = new TreeMap<>();
    // The engine's movements netted the same way (a day with a native change and an fx part has
    // two rows: expansion or contraction first, then fx).
    Map<String, String> mineTypes = new TreeMap<>();
    for (CustomerRevenue r : revenue.values()) {
      for (Movement mv : r.movements()) {
        String k = mv.customerId() + " " + mv.date();
        long[] ba = mineCents.get(k);
        if (ba == null) {
          mineCents.put(k, new long[] {mv.mrrBeforeCents(), mv.mrrAfterCents()});
          mineTypes.put(k, label(mv.type(), mv.mrrBeforeCents()));
        } else {
          ba[1] = mv.mrrAfterCents();
          mineTypes.put(k, mineTypes.get(k) + "+" + label(mv.type(), mv.mrrBeforeCents()));
        }
      }
    }
    mineCents.forEach((k, ba) -> mine.put(k, mineTypes.get(k) + " " + ba[0] + "->" + ba[1]));
    Map<String, List<long[]>> windows = roundingWindows();
    Map<String, String> theirs = new TreeMap<>();
    expected.forEach(
        (k, ba) -> {
          if (ba[0] != ba[1]) {
            theirs.put(k, expectedType.get(k) + " " + ba[0] + "->" + ba[1]);
          }
        });
    List<String> diffs = new ArrayList<>();
    int rounded = 0;
    for (String k : union(mine, theirs)) {
      if (String.valueOf(theirs.get(k)).equals(String.valueOf(mine.get(k)))) {
        continue;
      }
      String[] customerDay = k.split(" ");
      long tol =
          dayTolerance(
              windows.getOrDefault(customerDay[0], List.of()), LocalDate.parse(customerDay[1]));
      long[] t = theirs.containsKey(k) ? expected.get(k) : null;
      if (tol > 0 && withinTolerance(t, mineCents.get(k), tol)) {
        System.out.println("DBG " + k + ": truth " + theirs.get(k) + ", engine " + mine.get(k));
        rounded++;
        continue;
      }
      diffs.add(
          k + ": truth " + theirs.get(k) + ", engine " + mine.get(k) + " (tolerance " + tol + ")");
    }
    System.out.printf(
        "RevenueDemoTruthTest: %d customer-days, %d differ only within the rounding bound%n",
        theirs.size(), rounded);
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

  /** The truth's rounding windows per customer: {from, to (or MAX), bound} in epoch seconds. */
  private static Map<String, List<long[]>> roundingWindows() throws java.io.IOException {
    Map<String, List<long[]>> out = new TreeMap<>();
    for (JsonNode w :
        Json.MAPPER.readTree(dir.resolve("truth/mrr_rounding.json").toFile()).path("windows")) {
      out.computeIfAbsent(w.path("stripe_customer_id").asText(), k -> new ArrayList<>())
          .add(
              new long[] {
                Instant.parse(w.path("from").asText()).getEpochSecond(),
                w.path("to").isNull()
                    ? Long.MAX_VALUE
                    : Instant.parse(w.path("to").asText()).getEpochSecond(),
                w.path("bound_cents").asLong()
              });
    }
    return out;
  }

  /** The bound of the windows of one customer that touch one day (0: the day must be exact). */
  private static long dayTolerance(List<long[]> windows, LocalDate day) {
    long start = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    long end = start + 86_400;
    long sum = 0;
    for (long[] w : windows) {
      if (w[0] < end && w[1] >= start) {
        sum += w[2];
      }
    }
    return sum;
  }

  /** Whether a day's movement of the engine is the truth's within the rounding tolerance. */
  private static boolean withinTolerance(long[] truth, long[] engine, long tol) {
    if (truth == null || engine == null) {
      long[] only = truth == null ? engine : truth;
      return Math.abs(only[1] - only[0]) <= tol;
    }
    return Math.abs(truth[0] - engine[0]) <= tol && Math.abs(truth[1] - engine[1]) <= tol;
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

  /**
   * A movement's type; an fx movement with the MRR it starts from (where the native part ended).
   */
  private static String label(String type, long before) {
    return type.equals(Movement.FX) ? type + "@" + before : type;
  }

  private static String label(String type, JsonNode before) {
    return label(type, before.asLong());
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
    long fx = 0;
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
        if (YearMonth.from(mv.date()).equals(ym) && mv.type().equals(Movement.FX)) {
          fx += mv.deltaCents();
        } else if (YearMonth.from(mv.date()).equals(ym)) {
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
    f.put("fx_mrr", fx);
    f.put("net_new_mrr", amounts[0] + amounts[1] + amounts[4] - amounts[2] - amounts[3] + fx);
    f.put("paying_customers", paying);
    f.put("new_customers", counts[0]);
    f.put("churned_customers", counts[3]);
    f.put("reactivated_customers", counts[4]);
    return f;
  }
}
