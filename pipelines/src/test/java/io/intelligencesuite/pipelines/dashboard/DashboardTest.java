package io.intelligencesuite.pipelines.dashboard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.schemas.DuckDbDdl;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The dashboard rendered from fixture warehouses with hand-made mart rows. */
public class DashboardTest {
  private static final Instant NOW = Instant.parse("2026-04-02T08:00:00Z");
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  private String path;
  private DuckDbQueries db;

  @Before
  public void setUp() {
    path = tmp.getRoot().toPath().resolve("w.duckdb").toString();
    db = new DuckDbQueries(Warehouse.parse("duckdb:" + path));
  }

  @After
  public void tearDown() {
    DuckDbConnections.close(path);
  }

  private void create(TableDef... tables) throws Exception {
    for (TableDef t : tables) {
      db.execute(DuckDbDdl.createTable(t));
    }
  }

  /** Three months of company metrics, an XmR series with a run-of-8 signal, and one row of every other mart. */
  private void fullFixture() throws Exception {
    create(Tables.METRIC_MONTHLY, Tables.METRIC_DAILY, Tables.METRIC_XMR, Tables.FACT_COHORT_RETENTION, Tables.FACT_TRIAL,
        Tables.FACT_LEAD, Tables.EVENTS_WEB, Tables.FACT_USAGE, Tables.DIM_CUSTOMER, Tables.DIM_COMPANY,
        Tables.VISITOR_ENRICHMENT, Tables.RECONCILIATION);
    db.execute("""
        INSERT INTO metric_monthly VALUES
          ('mrr', DATE '2026-01-01', 'all', 1000000), ('mrr', DATE '2026-02-01', 'all', 1200000), ('mrr', DATE '2026-03-01', 'all', 1260000),
          ('arr', DATE '2026-02-01', 'all', 14400000), ('arr', DATE '2026-03-01', 'all', 15120000),
          ('customers', DATE '2026-02-01', 'all', 40), ('customers', DATE '2026-03-01', 'all', 42),
          ('arpa', DATE '2026-02-01', 'all', 30000), ('arpa', DATE '2026-03-01', 'all', 30000),
          ('net_mrr_churn_rate', DATE '2026-02-01', 'all', 0.02), ('net_mrr_churn_rate', DATE '2026-03-01', 'all', 0.015),
          ('new_mrr', DATE '2026-03-01', 'all', 50000), ('expansion_mrr', DATE '2026-03-01', 'all', 20000),
          ('reactivation_mrr', DATE '2026-03-01', 'all', 0), ('contraction_mrr', DATE '2026-03-01', 'all', -5000),
          ('churned_mrr', DATE '2026-03-01', 'all', -5000), ('net_new_mrr', DATE '2026-03-01', 'all', 60000),
          ('feature_adoption_rate', DATE '2026-03-01', 'attendance', 0.8), ('feature_adoption_rate', DATE '2026-03-01', 'gradebook', 0.45)""");
    db.execute("INSERT INTO metric_daily VALUES ('mrr', DATE '2026-03-31', 'all', 1260000)");
    // lqi: 8 months at 50 with limits 40..60, the last 8 flagged run_of_8 would be too many: flag only the last.
    StringBuilder xmr = new StringBuilder("INSERT INTO metric_xmr VALUES ");
    for (int i = 1; i <= 9; i++) {
      xmr.append(i > 1 ? ", " : "").append("('lqi', DATE '2025-").append(String.format("%02d", i)).append("-01', ")
          .append(i == 9 ? 58.5 : 50.0).append(", 50, 40, 60, ").append(i == 1 ? "NULL" : "1").append(", 12.3, '")
          .append(i == 9 ? "run_of_8" : "none").append("')");
    }
    db.execute(xmr.toString());
    db.execute("""
        INSERT INTO fact_cohort_retention VALUES
          (DATE '2026-01-01', 0, 4, 100000, 4, 100000), (DATE '2026-01-01', 1, 4, 100000, 3, 110000)""");
    db.execute("""
        INSERT INTO fact_trial (trial_id, company_id, started_at, trial_ends_at, activated_at, converted_at, channel) VALUES
          ('t1', 'co1', TIMESTAMP '2026-03-02 10:00:00', TIMESTAMP '2026-03-16 10:00:00', TIMESTAMP '2026-03-05 10:00:00', TIMESTAMP '2026-03-20 10:00:00', 'organic_search'),
          ('t2', 'co2', TIMESTAMP '2026-03-03 10:00:00', TIMESTAMP '2026-03-17 10:00:00', NULL, NULL, 'organic_search'),
          ('t3', 'co3', TIMESTAMP '2026-03-04 10:00:00', TIMESTAMP '2026-03-18 10:00:00', TIMESTAMP '2026-03-06 10:00:00', NULL, 'paid_search')""");
    db.execute("""
        INSERT INTO fact_lead (lead_id, created_at, channel, is_qualified) VALUES
          ('l1', TIMESTAMP '2026-03-01 09:00:00', 'organic_search', true), ('l2', TIMESTAMP '2026-03-01 09:30:00', 'organic_search', false),
          ('l3', TIMESTAMP '2026-03-02 09:00:00', 'organic_search', true), ('l4', TIMESTAMP '2026-03-02 11:00:00', 'paid_search', true)""");
    // Visitor v1 arrives from Google search then via a cpc ad: its first session decides (organic_search).
    db.execute("""
        INSERT INTO events_web (event_id, event_ts, event_date, event_name, user_pseudo_id, page_referrer, utm_medium, params) VALUES
          ('e1', TIMESTAMP '2026-03-01 08:00:00', DATE '2026-03-01', 'session_start', 'v1', 'https://www.google.com/', NULL, '{}'),
          ('e2', TIMESTAMP '2026-03-03 08:00:00', DATE '2026-03-03', 'session_start', 'v1', 'https://www.google.com/', 'cpc', '{}'),
          ('e3', TIMESTAMP '2026-03-01 09:00:00', DATE '2026-03-01', 'session_start', 'v2', NULL, 'cpc', '{}'),
          ('e4', TIMESTAMP '2026-03-01 09:00:00', DATE '2026-03-01', 'page_view', 'v3', NULL, NULL, '{}')""");
    db.execute("""
        INSERT INTO dim_customer (customer_id, company_id, mrr_cents, status, churned_at) VALUES
          ('cus_1', 'co1', 30000, 'active', NULL), ('cus_2', 'co2', 0, 'churned', TIMESTAMP '2026-03-10 00:00:00')""");
    db.execute("""
        INSERT INTO fact_usage VALUES
          ('co1', 'attendance', DATE '2026-03-30', 90, 3), ('co2', 'attendance', DATE '2026-03-01', 30, 1),
          ('co2', 'attendance', DATE '2025-10-01', 999, 1)""");
    db.execute("""
        INSERT INTO dim_company (company_id, name, domain, is_customer) VALUES ('co1', 'Oak School', 'oak.edu', true)""");
    db.execute("""
        INSERT INTO visitor_enrichment (signal_id, observed_at, provider, company_domain, company_name, signal_type, intent_topic, score) VALUES
          ('s1', TIMESTAMP '2026-03-01 10:00:00', 'swanai', 'oak.edu', 'Oak School', 'visit', NULL, 0.9),
          ('s2', TIMESTAMP '2026-03-05 10:00:00', 'g2', 'oak.edu', 'Oak School', 'intent', 'school management', 77)""");
    db.execute("""
        INSERT INTO reconciliation VALUES ('stripe_vs_chartmogul_mrr', 'cus_1', 'co1', DATE '2026-03-01', 'stripe', '30000',
          'chartmogul', '27000', 3000, 'A manual adjustment in ChartMogul that Stripe never billed')""");
    db.execute("""
        CREATE TABLE data_test_results (run_id VARCHAR, checked_at TIMESTAMP, test_name VARCHAR, table_name VARCHAR,
          severity VARCHAR, status VARCHAR, failing_rows BIGINT);
        INSERT INTO data_test_results VALUES
          ('old', TIMESTAMP '2026-03-30 08:00:00', 'unique', 'fact_trial', 'error', 'fail', 4),
          ('r1', TIMESTAMP '2026-04-01 08:00:00', 'unique', 'fact_trial', 'error', 'pass', 0),
          ('r1', TIMESTAMP '2026-04-01 08:00:00', 'freshness', 'events_web', 'warn', 'warn', 1)""");
  }

  private String render() {
    return Dashboard.render(new DuckDbMartReader(Warehouse.parse("duckdb:" + path)), NOW);
  }

  /** The HTML of the element with this id (the page is well-formed XML, so a DOM lookup is exact). */
  private static String text(Document doc, String id) {
    NodeList all = doc.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (id.equals(e.getAttribute("id"))) {
        StringBuilder sb = new StringBuilder();
        words(e, sb);
        return sb.toString().replaceAll("\\s+", " ").trim();
      }
    }
    throw new AssertionError("no element with id " + id);
  }

  /** Text of every descendant, a space between nodes (table cells read as "a b c"). */
  private static void words(org.w3c.dom.Node n, StringBuilder sb) {
    if (n.getNodeType() == org.w3c.dom.Node.TEXT_NODE) {
      sb.append(n.getNodeValue()).append(' ');
    }
    for (org.w3c.dom.Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
      words(c, sb);
    }
  }

  private static Document parse(String html) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(
        html.replaceFirst("<!DOCTYPE html>", "").getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  public void headlineFiguresEqualTheFixturesLastMonth() throws Exception {
    fullFixture();
    Document doc = parse(render());
    // MRR: 1,260,000 cents = $12,600 -> "$12.6k"; vs 1,200,000: +5.0%.
    String mrr = text(doc, "kpi-mrr");
    assertThat(mrr, containsString("$12.6k"));
    assertThat(mrr, containsString("\u25b2 +5.0%"));
    assertThat(mrr, containsString("March 2026"));
    assertThat(text(doc, "kpi-arr"), containsString("$151.2k"));
    assertThat(text(doc, "kpi-customers"), containsString("42"));
    assertThat(text(doc, "kpi-arpa"), containsString("no change"));
    // Net MRR churn 2.0% -> 1.5%: down 0.5 percentage points, which is good news.
    String churn = text(doc, "kpi-net_mrr_churn_rate");
    assertThat(churn, containsString("1.5%"));
    assertThat(churn, containsString("\u25bc -0.5 pp"));
    assertThat(render(), containsString("<div class=\"kpi-change good\">\u25bc -0.5 pp"));
    assertThat(text(doc, "movements"), not(containsString("No data yet")));
  }

  @Test
  public void signalsAreMarkedWithTheRuleAndListedAtTheTop() throws Exception {
    fullFixture();
    String html = render();
    Document doc = parse(html);
    assertThat(text(doc, "current-signals"), containsString("Lead Quality Index , September 2025: 58.5 (above its centre line)"));
    assertThat(text(doc, "current-signals"), containsString("run of 8"));
    // Nine points, one of them a signal (a diamond with the rule on hover).
    assertEquals(8, count(html, "<circle class=\"xmr-point\""));
    assertEquals(1, count(html, "<path class=\"xmr-point signal\""));
    assertThat(html, containsString("September 2025: 58.5 (centre 50.0, limits 40.0 to 60.0) \u2014 signal: run of 8 (a run of 8 points"));
    assertThat(html, containsString("Data as of <strong>2026-03-31</strong>"));
    // Freshness from the newest check run only: one pass, one warning.
    assertThat(html, containsString("1 passed, 1 warnings, 0 failed"));
    assertThat(html, containsString("WARN freshness on events_web: 1 failing rows"));
  }

  @Test
  public void funnelChannelsRetentionUsageAndDiscrepanciesShowTheMartFigures() throws Exception {
    fullFixture();
    Document doc = parse(render());
    // organic_search: visitor v1 (first session from Google), 3 leads, 2 trials, 1 activated, 1 paid.
    String channels = text(doc, "channels");
    assertThat(channels, containsString("organic search 1 3 2 50.0% 50.0% 1"));
    assertThat(channels, containsString("paid search 1 1 1 100.0% 0.0% 0"));
    // Cohort: 3 of 4 customers kept, MRR 110,000 of 100,000 = 110%.
    String retention = text(doc, "retention");
    assertThat(retention, containsString("75%"));
    assertThat(retention, containsString("110%"));
    // Usage in the 90 days before the end: co1 (paying) 90 events / 3 months = 30; co2 (churned
    // 2026-03-10) 30 events / 3 = 10; co2's October event is outside its window.
    String adoption = text(doc, "adoption");
    assertThat(adoption, containsString("Paying (1)"));
    assertThat(adoption, containsString("30"));
    assertThat(adoption, containsString("10"));
    assertThat(adoption, not(containsString("333")));
    assertThat(text(doc, "enriched"), containsString("Oak School oak.edu g2, swanai 2 school management 2026-03-05 paying"));
    assertThat(text(doc, "discrepancy-table"), containsString("cus_1 stripe: $300 chartmogul: $270 $30 A manual adjustment"));
  }

  @Test
  public void pageIsSelfContainedAndWellFormed() throws Exception {
    fullFixture();
    String html = render();
    Document doc = parse(html);
    // Every http(s) reference is an XML namespace name, never something a browser fetches.
    Matcher m = Pattern.compile("https?://[^\"'\\s<)]*").matcher(html);
    while (m.find()) {
      assertTrue("external reference " + m.group(), m.group().equals("http://www.w3.org/2000/svg")
          || m.group().equals("http://www.w3.org/1999/xhtml"));
    }
    for (String forbidden : new String[] {"<script", "<link", "<img", "<iframe", "@import", "url("}) {
      assertFalse("page contains " + forbidden, html.contains(forbidden));
    }
    NodeList svgs = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
    // 5 sparklines, movements, 1 XmR, funnel, adoption lines, usage bars.
    assertEquals(10, svgs.getLength());
    for (String section : new String[] {"health", "movements", "signals", "funnel", "retention", "adoption", "marketing",
        "visitors", "discrepancies"}) {
      assertThat(section, text(doc, section), not(containsString("No data yet")));
    }
  }

  @Test
  public void missingTablesSayWhichCommandFillsThem() throws Exception {
    create(Tables.METRIC_MONTHLY);
    db.execute("INSERT INTO metric_monthly VALUES ('mrr', DATE '2026-03-01', 'all', 1260000)");
    String html = render();
    Document doc = parse(html);
    assertThat(text(doc, "health"), containsString("$12.6k"));
    assertThat(text(doc, "health"), containsString("first month"));
    assertThat(text(doc, "discrepancies"), containsString("the table reconciliation is missing. Run ./suite reconcile"));
    assertThat(text(doc, "signals"), containsString("the table metric_xmr is missing. Run ./suite run marts"));
    assertThat(text(doc, "current-signals"), containsString("metric_xmr is missing"));
    assertThat(text(doc, "funnel"), containsString("Run ./suite run marts"));
    assertThat(text(doc, "visitors"), containsString("the table visitor_enrichment is missing. Run ./suite run enrichment"));
    assertThat(html, containsString("no data_test_results yet; run <code>./suite check</code>"));
    assertThat(html, containsString("Data as of <strong>2026-03-31</strong>"));
  }

  @Test
  public void anEmptyWarehouseStillRendersAndTheCliWritesTheFile() throws Exception {
    db.execute("CREATE TABLE placeholder (x INTEGER)");
    DuckDbConnections.close(path);
    Path out = tmp.getRoot().toPath().resolve("site/dashboard.html");
    Dashboard.write(Warehouse.parse("duckdb:" + path), out);
    String html = Files.readString(out);
    parse(html);
    assertThat(html, containsString("Data as of <strong>unknown"));
    // Every section (adoption twice: adoption and usage), and the current-signals box.
    assertEquals(11, count(html, "<p class=\"missing\">"));
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
