package io.intelligencesuite.marts.reconcile;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intelligencesuite.marts.reconcile.ReconciliationRules.Finding;
import io.intelligencesuite.marts.revenue.CustomerBilling;
import io.intelligencesuite.marts.revenue.DemoStagingBilling;
import io.intelligencesuite.marts.revenue.RevenueEngine;
import io.intelligencesuite.marts.revenue.RevenueRows;
import io.intelligencesuite.marts.revenue.RevenueSettings;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.backend.BackendParsers;
import io.intelligencesuite.sources.chartmogul.ChartMogulParsers;
import io.intelligencesuite.sources.stripe.StripeParsers;
import io.intelligencesuite.tests.DemoFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.values.Row;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The acceptance of the discrepancy report on the demo company: it finds exactly the disagreements
 * the generator planted (truth/planted_discrepancies.json), nothing else, and nothing at all when
 * two sources agree. Inputs are the demo's own files run through the source parsers; the Stripe
 * side is the truth's MRR movements in fact_revenue's shape (what the revenue marts must reproduce
 * exactly).
 */
public class ReconcileDemoTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path dir;
  private static List<Row> factRevenue;
  private static List<Row> activities;
  private static List<Row> subscriptions;
  private static List<Row> companies;
  private static YearMonth asOf;

  @BeforeClass
  public static void readDemo() throws Exception {
    dir = DemoFixture.dir();
    factRevenue = truthMovementsAsFactRevenue(dir.resolve("truth/mrr_movements.json"));
    activities = new ArrayList<>();
    for (JsonNode e :
        JSON.readTree(dir.resolve("chartmogul/activities.json").toFile()).get("entries")) {
      activities.add(ChartMogulParsers.activity(e.toString()));
    }
    subscriptions = new ArrayList<>();
    for (JsonNode s :
        JSON.readTree(dir.resolve("stripe/subscriptions.json").toFile()).get("data")) {
      subscriptions.add(StripeParsers.subscription(s.toString()));
    }
    companies =
        csv(dir.resolve("backend/accounts.csv")).stream().map(BackendParsers::account).toList();
    LocalDate last =
        factRevenue.stream()
            .map(r -> r.getLogicalTypeValue("movement_date", LocalDate.class))
            .max(Comparator.naturalOrder())
            .orElseThrow();
    asOf = YearMonth.from(last);
  }

  @Test
  public void findsExactlyThePlantedDiscrepancies() throws Exception {
    List<Finding> found = reconcile(factRevenue, activities);
    found.forEach(f -> System.out.println("[reconcile] " + f));
    ReconcileCheck.Result score =
        ReconcileCheck.againstTruth(found, dir.resolve("truth/planted_discrepancies.json"));
    assertTrue(score.toString(), score.exact());
    assertEquals(1.0, score.precision(), 0);
    assertEquals(1.0, score.recall(), 0);
    assertTrue(score.planted() >= 4);
  }

  /**
   * The same, with the Stripe side as the marts compute it: the revenue engine over the Stripe
   * staging rows (internal accounts out, GBP and EUR converted at the demo's rates), written as
   * fact_revenue rows by the marts' own row mapper. Where invoice-driven MRR differs from the
   * subscription's current state (proration rounding, a repeating coupon ending inside an annual
   * period) nothing is compared, so nothing is reported.
   */
  @Test
  public void findsExactlyThePlantedDiscrepanciesOnTheRevenueEnginesMovements() throws Exception {
    // The settings the demo's operator gives the marts (MANIFEST.json), as ./suite demo passes
    // them.
    JsonNode marts = JSON.readTree(dir.resolve("MANIFEST.json").toFile()).path("marts_settings");
    RevenueSettings settings =
        DemoStagingBilling.settings(dir, LocalDate.parse(marts.path("last_day").asText()));
    List<Row> engine = new ArrayList<>();
    for (CustomerBilling b : DemoStagingBilling.load(dir).values()) {
      RevenueEngine.compute(b, settings)
          .movements()
          .forEach(m -> engine.add(RevenueRows.movement(m, null)));
    }
    assertTrue(
        "the engine's movements cover every customer with an MRR history", engine.size() > 200);
    ReconcileCheck.Result score =
        ReconcileCheck.againstTruth(
            reconcile(engine, activities), dir.resolve("truth/planted_discrepancies.json"));
    assertTrue(score.toString(), score.exact());
  }

  @Test
  public void reportsNothingWhenTheSourcesAgree() {
    // ChartMogul replaced by the Stripe side's own movements: every month end agrees.
    List<Row> agreeing =
        factRevenue.stream()
            .map(
                r ->
                    RowBuilder.of(Tables.CHARTMOGUL_ACTIVITIES)
                        .set("activity_id", r.getString("movement_id"))
                        .set(
                            "activity_at",
                            new org.joda.time.Instant(
                                r.getLogicalTypeValue("movement_date", LocalDate.class)
                                    .atStartOfDay(ZoneOffset.UTC)
                                    .toInstant()
                                    .toEpochMilli()))
                        .set(
                            "activity_date",
                            r.getLogicalTypeValue("movement_date", LocalDate.class))
                        .set("activity_type", r.getString("movement_type"))
                        .set("mrr_movement_cents", r.getInt64("mrr_delta_cents"))
                        .set("customer_external_id", r.getString("customer_id"))
                        .build())
            .toList();
    List<Finding> found = reconcile(factRevenue, agreeing);
    assertEquals(
        found.toString(),
        0,
        found.stream().filter(f -> f.checkName().startsWith("stripe_vs_chartmogul")).count());
  }

  private static List<Finding> reconcile(List<Row> revenue, List<Row> chartMogul) {
    Map<String, List<Row>> rev = by(revenue, "customer_id");
    Map<String, List<Row>> cm = by(chartMogul, "customer_external_id");
    Map<String, List<Row>> subs = by(subscriptions, "customer_id");
    Map<String, List<Row>> accounts = by(companies, "stripe_customer_id");
    Set<String> customers = new TreeSet<>();
    List.of(rev, cm, subs, accounts).forEach(m -> customers.addAll(m.keySet()));
    List<Finding> out = new ArrayList<>();
    for (String c : customers) {
      out.addAll(
          ReconciliationRules.reconcile(
              Reconcile.inputs(
                  c,
                  rev.getOrDefault(c, List.of()),
                  cm.getOrDefault(c, List.of()),
                  subs.getOrDefault(c, List.of()),
                  accounts.getOrDefault(c, List.of())),
              asOf));
    }
    return out;
  }

  private static Map<String, List<Row>> by(List<Row> rows, String column) {
    Map<String, List<Row>> m = new HashMap<>();
    for (Row r : rows) {
      if (r.getString(column) != null) {
        m.computeIfAbsent(r.getString(column), k -> new ArrayList<>()).add(r);
      }
    }
    return m;
  }

  private static List<Row> truthMovementsAsFactRevenue(Path file) throws IOException {
    Map<String, String> types = Map.of("new_biz", "new");
    List<Row> rows = new ArrayList<>();
    int i = 0;
    for (JsonNode m : JSON.readTree(file.toFile()).get("movements")) {
      String type = m.get("type").asText();
      rows.add(
          RowBuilder.of(Tables.FACT_REVENUE)
              .set("movement_id", "mv_" + i++)
              .set("customer_id", m.get("stripe_customer_id").asText())
              .set("company_id", m.get("company_id").asText())
              .set(
                  "movement_date",
                  LocalDate.ofInstant(Instant.parse(m.get("at").asText()), ZoneOffset.UTC))
              .set("movement_type", types.getOrDefault(type, type))
              .set("mrr_before_cents", m.get("mrr_before").asLong())
              .set("mrr_after_cents", m.get("mrr_after").asLong())
              .set("mrr_delta_cents", m.get("mrr_delta").asLong())
              .build());
    }
    return rows;
  }

  /**
   * The backend's CSV export read by DuckDB (RFC 4180; an empty field is null, as the demo writes
   * it).
   */
  private static List<Map<String, String>> csv(Path file) throws Exception {
    List<Map<String, String>> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT * FROM read_csv('"
                    + file.toString().replace("'", "''")
                    + "', header = true, all_varchar = true)")) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Map<String, String> row = new TreeMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnLabel(i), rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
