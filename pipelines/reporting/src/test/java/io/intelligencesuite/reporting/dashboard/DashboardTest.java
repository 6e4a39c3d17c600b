package io.intelligencesuite.reporting.dashboard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Rule;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The dashboard rendered from fixture warehouses with hand-made mart rows. */
public class DashboardTest {
  private static final Instant NOW = Instant.parse("2026-04-02T08:00:00Z");
  @Rule public final TempWarehouses duck = new TempWarehouses();

  private void create(TableDef... tables) throws Exception {
    DashboardFixture.create(duck.queries(), tables);
  }

  private void fullFixture() throws Exception {
    DashboardFixture.fill(duck.queries());
  }

  private String render() throws Exception {
    return Dashboard.render(WarehouseMartReader.of(duck.warehouse()), NOW);
  }

  /**
   * The text of the element with this id (the page is well-formed XML, so a DOM lookup is exact).
   */
  private static String text(Document doc, String id) {
    StringBuilder sb = new StringBuilder();
    words(element(doc, id), sb);
    return sb.toString().replaceAll("\\s+", " ").trim();
  }

  /** The first descendant of {@code e} with this class. */
  private static Element byClass(Element e, String cls) {
    NodeList all = e.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      if (cls.equals(((Element) all.item(i)).getAttribute("class"))) {
        return (Element) all.item(i);
      }
    }
    throw new AssertionError("no ." + cls + " in " + e.getAttribute("id"));
  }

  private static Element element(Document doc, String id) {
    NodeList all = doc.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (id.equals(e.getAttribute("id"))) {
        return e;
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
    return f.newDocumentBuilder()
        .parse(
            new ByteArrayInputStream(
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
  public void headlineNumbersOnThePageEqualTheMartsReadFromTheSameWarehouse() throws Exception {
    fullFixture();
    assertHeadlinesEqualTheMarts(LocalDate.of(2026, 3, 1));
    // April under way (data to the 15th): the page keeps showing March, the last complete month.
    duck.queries()
        .execute(
            "INSERT INTO metric_monthly VALUES ('mrr', DATE '2026-04-01', 'all', 1300000), "
                + "('arr', DATE '2026-04-01', 'all', 15600000), ('customers', DATE '2026-04-01', 'all', 43), "
                + "('arpa', DATE '2026-04-01', 'all', 30232.56), ('net_mrr_churn_rate', DATE '2026-04-01', 'all', 0.01)");
    duck.queries()
        .execute("INSERT INTO metric_daily VALUES ('mrr', DATE '2026-04-15', 'all', 1300000)");
    assertHeadlinesEqualTheMarts(LocalDate.of(2026, 3, 1));
    // April complete: April is the headline, compared with March.
    duck.queries()
        .execute("INSERT INTO metric_daily VALUES ('mrr', DATE '2026-04-30', 'all', 1300000)");
    assertHeadlinesEqualTheMarts(LocalDate.of(2026, 4, 1));
  }

  /**
   * Each KPI's figures as the page carries them (data attributes, and the visible value) against
   * metric_monthly queried directly; the last complete month is worked out in SQL here, apart from
   * the model's Java rule.
   */
  private void assertHeadlinesEqualTheMarts(LocalDate expectedMonth) throws Exception {
    Document doc = parse(render());
    Object complete =
        duck.queries()
            .value(
                "SELECT max(month) FROM metric_monthly WHERE dimension = 'all' AND "
                    + "month + INTERVAL 1 MONTH - INTERVAL 1 DAY <= (SELECT max(date) FROM metric_daily)");
    assertEquals(expectedMonth.toString(), complete.toString().substring(0, 10));
    int shown = 0;
    for (String metric : DashboardModel.HEALTH_METRICS) {
      Element kpi = element(doc, "kpi-" + metric);
      String month = kpi.getAttribute("data-month");
      List<List<Object>> mart =
          duck.queries()
              .rows(
                  "SELECT value FROM metric_monthly WHERE metric = '"
                      + metric
                      + "' AND dimension = 'all' AND month <= DATE '"
                      + expectedMonth
                      + "' ORDER BY month DESC LIMIT 1");
      List<List<Object>> previous =
          duck.queries()
              .rows(
                  "SELECT value FROM metric_monthly WHERE metric = '"
                      + metric
                      + "' AND dimension = 'all' AND month = DATE '"
                      + month
                      + "' - INTERVAL 1 MONTH");
      double value = ((Number) mart.get(0).get(0)).doubleValue();
      assertEquals(metric, expectedMonth.toString(), month);
      assertEquals(metric, value, Double.parseDouble(kpi.getAttribute("data-value")), 0);
      assertEquals(
          metric,
          ((Number) previous.get(0).get(0)).doubleValue(),
          Double.parseDouble(kpi.getAttribute("data-previous")),
          0);
      assertEquals(
          metric,
          MetricFormat.of(metric).format(value),
          byClass(kpi, "kpi-value").getTextContent());
      shown++;
    }
    assertEquals(DashboardModel.HEALTH_METRICS.size(), shown);
    // The discrepancy rows on the page are the reconciliation table's rows.
    long rows = ((Number) duck.queries().value("SELECT count(*) FROM reconciliation")).longValue();
    assertThat(text(doc, "discrepancies"), containsString(rows + " disagreements between systems"));
  }

  @Test
  public void headlinesPrintTheLastCompleteMonthAndTheCurrentSignals() throws Exception {
    fullFixture();
    // Worked out from the fixture: MRR 1,260,000 vs 1,200,000 cents (+5.0%); net new MRR 60,000
    // vs 200,000 (-70.0%); customers 42 vs 40 (+5.0%); conversion 20% vs 25% (-5.0 pp); LQI 55.5
    // vs 52.0 (+3.5); activation 50% both months. The LQI XmR chart's last point is a run of 8.
    assertEquals(
        """
        Headlines, March 2026 (last complete month; data as of 2026-03-31)
          MRR                            $12.6k   +5.0% vs February 2026
          Net new MRR                      $600   -70.0% vs February 2026
          Paying customers                   42   +5.0% vs February 2026
          Trial-to-paid conversion        20.0%   -5.0 pp vs February 2026
          Lead Quality Index               55.5   +3.5 vs February 2026
          Trial activation rate           50.0%   no change vs February 2026
        Signals (XmR, last 3 periods):
          Lead Quality Index, September 2025: 58.5 above its centre line - run of 8 (a run of 8 points on one side of the centre line)
        """,
        Headlines.text(duck.warehouse()));
  }

  @Test
  public void headlinesAddDealsAndSpendAfterTheHealthFigures() throws Exception {
    fullFixture();
    // March vs February 2026: win rate 40% vs 50% (-10.0 pp); sales cycle 42.5 vs 40 days (+2.5);
    // spend 3,000,000 vs 2,500,000 cents ($30.0k, +20.0%); CAC 150,000 vs 125,000 cents ($1.50k,
    // +20.0%); payback 4.2 vs 4.0 months (+0.2).
    duck.queries()
        .execute(
            "INSERT INTO metric_monthly VALUES"
                + " ('win_rate', DATE '2026-02-01', 'all', 0.5),"
                + " ('win_rate', DATE '2026-03-01', 'all', 0.4),"
                + " ('sales_cycle_days', DATE '2026-02-01', 'all', 40),"
                + " ('sales_cycle_days', DATE '2026-03-01', 'all', 42.5),"
                + " ('spend', DATE '2026-02-01', 'all', 2500000),"
                + " ('spend', DATE '2026-03-01', 'all', 3000000),"
                + " ('spend', DATE '2026-03-01', 'channel:paid_search', 2000000),"
                + " ('cac', DATE '2026-02-01', 'all', 125000),"
                + " ('cac', DATE '2026-03-01', 'all', 150000),"
                + " ('cac_payback_months', DATE '2026-02-01', 'all', 4.0),"
                + " ('cac_payback_months', DATE '2026-03-01', 'all', 4.2)");
    String text = Headlines.text(duck.warehouse());
    assertThat(
        text,
        containsString(
            """
              Trial activation rate           50.0%   no change vs February 2026
              Win rate                        40.0%   -10.0 pp vs February 2026
              Sales cycle                 42.5 days   +2.5 vs February 2026
              Marketing spend                $30.0k   +20.0% vs February 2026
              CAC                            $1.50k   +20.0% vs February 2026
              CAC payback                4.2 months   +0.2 vs February 2026
            Signals"""));
  }

  @Test
  public void marketingShowsSessionsPerChannelFromSessionsWeb() throws Exception {
    fullFixture();
    // paid_search: 3 in March (2 engaged, 1 converting) + 1 in February (engaged, converting)
    // = 4 sessions, 3 engaged (75.0%), 2 converting (50.0%); email: 1 in March, engaged, not
    // converting (100.0%, 0.0%). Most sessions first. (DashboardFixture's sessions_web rows.)
    String sessions = text(parse(render()), "sessions");
    assertThat(sessions, containsString("paid search 4 75.0% 50.0%"));
    assertThat(sessions, containsString("email 1 100.0% 0.0%"));
    assertTrue(sessions, sessions.indexOf("paid search") < sessions.indexOf("email"));
  }

  @Test
  public void marketingShowsSpendCacAndPaybackPerChannel() throws Exception {
    fullFixture();
    // February: paid_search spend 45,000, cac 22,500 (2 new), payback 3 (new MRR 15,000);
    // all: spend 55,800, cac 13,950 (4 new), payback 55,800 / 42,000 (new MRR 42,000).
    // March: spend only (nobody acquired): paid_search 30,000, all 30,200.
    // Paid search: $750 over 2 customers = $375; 75,000 / 15,000 = 5.0 months.
    // All: $860 over 4 = $215; 86,000 / 42,000 = 2.05 -> 2.0 months.
    duck.queries()
        .execute(
            "INSERT INTO metric_monthly VALUES"
                + " ('spend', DATE '2026-02-01', 'channel:paid_search', 45000),"
                + " ('cac', DATE '2026-02-01', 'channel:paid_search', 22500),"
                + " ('cac_payback_months', DATE '2026-02-01', 'channel:paid_search', 3),"
                + " ('spend', DATE '2026-02-01', 'all', 55800),"
                + " ('cac', DATE '2026-02-01', 'all', 13950),"
                + " ('cac_payback_months', DATE '2026-02-01', 'all', "
                + (55_800.0 / 42_000.0)
                + "), ('spend', DATE '2026-03-01', 'channel:paid_search', 30000),"
                + " ('spend', DATE '2026-03-01', 'all', 30200)");
    String spend = text(parse(render()), "spend");
    assertThat(spend, containsString("paid search $750 2 $375 5.0"));
    assertThat(spend, containsString("all $860 4 $215 2.0"));
    assertTrue(spend, spend.indexOf("paid search") < spend.indexOf("all $860"));
  }

  @Test
  public void headlinesSayWhatIsMissing() throws Exception {
    create(Tables.METRIC_MONTHLY);
    assertEquals(
        "Headlines: metric_monthly has no complete month yet\n"
            + "Signals: metric_xmr is missing; run ./suite run marts\n",
        Headlines.text(duck.warehouse()));
  }

  @Test
  public void anXmrChartNamesItsSeriesShowsNotesAndLeavesGapsEmpty() throws Exception {
    create(Tables.METRIC_XMR);
    // mrr charted through net_new_mrr over Jan..Apr 2026, March a gap (null value), January the
    // start of a new baseline (its note); centre 60,000 cents, limits 0 to 120,000.
    duck.queries()
        .execute(
            "INSERT INTO metric_xmr VALUES"
                + " ('mrr', DATE '2026-01-01', 50000, 60000, 0, 120000, NULL, 73536, 'none', 'net_new_mrr',"
                + " 'new baseline from here'),"
                + " ('mrr', DATE '2026-02-01', 70000, 60000, 0, 120000, 20000, 73536, 'none', 'net_new_mrr', NULL),"
                + " ('mrr', DATE '2026-03-01', NULL, 60000, 0, 120000, NULL, 73536, 'none', 'net_new_mrr',"
                + " 'no value this period'),"
                + " ('mrr', DATE '2026-04-01', 60000, 60000, 0, 120000, NULL, 73536, 'none', 'net_new_mrr', NULL)");
    String html = render();
    // The title says what is plotted, so a month's change is never read as the MRR level.
    assertThat(html, containsString("MRR, charted as net new MRR"));
    // Three points drawn, none for the gap; the line breaks there (two pieces).
    assertEquals(3, DashboardFixture.count(html, "<circle class=\"xmr-point\""));
    assertEquals(2, DashboardFixture.count(html, "class=\"xmr-line\""));
    assertThat(html, not(containsString("March 2026: ")));
    assertThat(html, containsString("\u2014 new baseline from here"));
  }

  @Test
  public void signalsAreMarkedWithTheRuleAndListedAtTheTop() throws Exception {
    fullFixture();
    String html = render();
    Document doc = parse(html);
    assertThat(
        text(doc, "current-signals"),
        containsString("Lead Quality Index , September 2025: 58.5 (above its centre line)"));
    assertThat(text(doc, "current-signals"), containsString("run of 8"));
    // Nine points, one of them a signal (a diamond with the rule on hover).
    assertEquals(8, DashboardFixture.count(html, "<circle class=\"xmr-point\""));
    assertEquals(1, DashboardFixture.count(html, "<path class=\"xmr-point signal\""));
    assertThat(
        html,
        containsString(
            "September 2025: 58.5 (centre 50.0, limits 40.0 to 60.0) \u2014 signal: run of 8 (a run of 8 points"));
    assertThat(html, containsString("Data as of <strong>2026-03-31</strong>"));
    // Freshness from the newest check run only: one pass, one warning.
    assertThat(html, containsString("1 passed, 1 warnings, 0 failed"));
    assertThat(html, containsString("WARN freshness on events_web: 1 failing rows"));
  }

  @Test
  public void funnelChannelsRetentionUsageAndDiscrepanciesShowTheMartFigures() throws Exception {
    fullFixture();
    Document doc = parse(render());
    // organic_search: visitor v1 (first session from Google), 3 leads, 2 trials, 1 activated, 1
    // paid.
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
    assertThat(
        text(doc, "enriched"),
        containsString("Oak School oak.edu g2, swanai 2 school management 2026-03-05 paying"));
    assertThat(
        text(doc, "discrepancy-table"),
        containsString("cus_1 stripe: $300 chartmogul: $270 $30 A manual adjustment"));
  }

  @Test
  public void segmentsShowTheLastMonthPerFamilyWithCssTabs() throws Exception {
    fullFixture();
    duck.queries()
        .execute(
            "INSERT INTO metric_monthly VALUES ('mrr', DATE '2026-03-01', 'plan:prod_growth', 900000),"
                + " ('mrr', DATE '2026-03-01', 'plan:prod_pro', 360000),"
                + " ('nrr', DATE '2026-03-01', 'plan:prod_pro', 1.05),"
                + " ('mrr', DATE '2026-02-01', 'plan:prod_pro', 1000),"
                + " ('mrr', DATE '2026-03-01', 'country:gb', 1260000)");
    Document doc = parse(render());
    String segments = text(doc, "segments");
    // March (the latest month with segment rows); largest MRR first; the February row is not shown.
    assertThat(segments, containsString("prod_growth $9.00k"));
    assertThat(segments, containsString("prod_pro $3.60k"));
    assertThat(segments, containsString("105.0%"));
    assertThat(segments, not(containsString("$10")));
    assertTrue(segments.indexOf("prod_growth") < segments.indexOf("prod_pro"));
    // One radio button per family: the first (country) checked.
    assertEquals(2, doc.getElementsByTagName("input").getLength());
    assertThat(segments, containsString("By country"));
    assertThat(segments, containsString("By plan"));
  }

  @Test
  public void pageIsSelfContainedAndWellFormed() throws Exception {
    fullFixture();
    String html = render();
    Document doc = parse(html);
    // Every http(s) reference is an XML namespace name, never something a browser fetches.
    Matcher m = Pattern.compile("https?://[^\"'\\s<)]*").matcher(html);
    while (m.find()) {
      assertTrue(
          "external reference " + m.group(),
          m.group().equals("http://www.w3.org/2000/svg")
              || m.group().equals("http://www.w3.org/1999/xhtml"));
    }
    for (String forbidden :
        new String[] {"<script", "<link", "<img", "<iframe", "@import", "url("}) {
      assertFalse("page contains " + forbidden, html.contains(forbidden));
    }
    NodeList svgs = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
    // 5 sparklines, movements, 1 XmR, funnel bars, trials by channel, adoption lines, usage bars.
    assertEquals(11, svgs.getLength());
    for (String section :
        new String[] {
          "health",
          "movements",
          "signals",
          "funnel",
          "retention",
          "adoption",
          "marketing",
          "visitors",
          "discrepancies"
        }) {
      assertThat(section, text(doc, section), not(containsString("No data yet")));
    }
  }

  @Test
  public void missingTablesSayWhichCommandFillsThem() throws Exception {
    create(Tables.METRIC_MONTHLY);
    duck.queries()
        .execute("INSERT INTO metric_monthly VALUES ('mrr', DATE '2026-03-01', 'all', 1260000)");
    String html = render();
    Document doc = parse(html);
    assertThat(text(doc, "health"), containsString("$12.6k"));
    assertThat(text(doc, "health"), containsString("first month"));
    assertThat(
        text(doc, "discrepancies"),
        containsString("the table reconciliation is missing. Run ./suite reconcile"));
    assertThat(
        text(doc, "signals"),
        containsString("the table metric_xmr is missing. Run ./suite run marts"));
    assertThat(text(doc, "current-signals"), containsString("metric_xmr is missing"));
    assertThat(text(doc, "funnel"), containsString("Run ./suite run marts"));
    // metric_monthly exists but has no feature_adoption_rate rows: the note names the section's
    // first table (Section.ADOPTION) as the empty one.
    assertThat(
        text(doc, "adoption"),
        containsString("No data yet: metric_monthly has no rows for this section."));
    assertThat(
        text(doc, "visitors"),
        containsString("the table visitor_enrichment is missing. Run ./suite run enrichment"));
    assertThat(html, containsString("no data_test_results yet; run <code>./suite check</code>"));
    assertThat(html, containsString("Data as of <strong>2026-03-31</strong>"));
  }

  @Test
  public void anEmptyWarehouseStillRendersAndTheCliWritesTheFile() throws Exception {
    duck.queries().execute("CREATE TABLE placeholder (x INTEGER)");
    DuckDbConnections.close(duck.path());
    Path out = duck.root().resolve("site/dashboard.html");
    Dashboard.write(duck.warehouse(), out);
    String html = Files.readString(out);
    parse(html);
    assertThat(html, containsString("Data as of <strong>unknown"));
    // Every section (adoption twice: adoption and usage), and the current-signals box.
    assertEquals(12, DashboardFixture.count(html, "<p class=\"missing\">"));
  }
}
