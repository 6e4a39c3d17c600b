package io.intelligencesuite.tests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intelligencesuite.local.cli.SuiteForTests;
import io.intelligencesuite.local.quality.IdentityQuality;
import io.intelligencesuite.local.quality.SituationQuality;
import io.intelligencesuite.marts.metrics.SegmentChecks;
import io.intelligencesuite.marts.reconcile.ReconcileCheck;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.ga4.Ga4EventParser;
import io.intelligencesuite.sources.ga4.Ga4Options;
import io.intelligencesuite.sources.ga4.Ga4Pipeline;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The GA4 pipeline over the demo company: the generated export rows, the `suite demo` command on
 * the default local runner, and two days on the DirectRunner, checked against the generator's truth
 * (which the simulation writes from its own state, not from the GA4 rows).
 */
public class DemoGa4EndToEndTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  private static Path demo;
  private static JsonNode quirks;

  @BeforeClass
  public static void generate() throws Exception {
    demo = DemoFixture.dir();
    quirks = new ObjectMapper().readTree(demo.resolve("truth/ga4_quirks.json").toFile());
  }

  @AfterClass
  public static void close() {
    for (String name : List.of("demo.duckdb", "month.duckdb")) {
      DuckDbConnections.close(TMP.getRoot().toPath().resolve(name).toString());
    }
  }

  private static List<Path> ga4Files(String glob) throws Exception {
    try (Stream<Path> files = Files.list(demo.resolve("ga4"))) {
      var matcher = demo.getFileSystem().getPathMatcher("glob:" + glob);
      return files.filter(f -> matcher.matches(f.getFileName())).sorted().toList();
    }
  }

  @Test
  public void everyGeneratedGa4RowPassesTheConformanceOfTheRealRows() throws Exception {
    long lines = 0;
    for (Path file : ga4Files("events_*.ndjson")) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        Ga4EventParser.parse(
            line); // the same parser the real sample rows pass; throws naming the field
        lines++;
      }
    }
    assertEquals(quirks.get("rows_written").asLong(), lines);
  }

  @Test
  public void demoCommandLoadsExactlyTheTruthsEventsAndDuplicates() throws Exception {
    Path db = TMP.getRoot().toPath().resolve("demo.duckdb");
    String out = SuiteForTests.run("demo", "--demoDir=" + demo, "--warehouse=duckdb:" + db);
    assertThat(out, containsString("using the demo company already generated"));
    assertThat(out, containsString("Rows per table:"));
    assertThat(out, containsString("0 error-level failures"));

    DuckDbQueries q = new DuckDbQueries(Warehouse.parse("duckdb:" + db));
    assertEquals(quirks.get("events").asLong(), q.value("select count(*) from events_web"));
    assertEquals(
        List.of(
            List.of(
                "succeeded",
                "FlinkRunner",
                quirks.get("rows_written").asLong(),
                quirks.get("duplicate_rows").asLong(),
                0L)),
        q.rows(
            "select status, runner, rows_read, duplicates_removed, rows_dead_lettered from pipeline_runs "
                + "where pipeline = 'ga4'"));
    // every other source of the demo (embedded databases, local API servers, feed files): balanced,
    // nothing dead-lettered but what the generator planted
    assertEquals(
        List.of(
            List.of("backend", "succeeded", 0L),
            List.of("chartmogul", "succeeded", 0L),
            List.of("crm", "succeeded", 0L),
            List.of("enrichment", "succeeded", 0L),
            List.of("identity", "succeeded", 0L),
            List.of("lead-scoring", "succeeded", 0L),
            List.of("marts", "succeeded", 0L),
            // The Meta export's planted refund row (a negative cost) is the one dead letter.
            List.of("spend", "succeeded", 1L),
            List.of("stripe", "succeeded", 0L)),
        q.rows(
            "select pipeline, status, rows_dead_lettered from pipeline_runs where pipeline <> 'ga4' order by 1"));
    // Identity's and the marts' rows read are every row of the tables they read, however each table
    // came (on DuckDB events_web comes to identity as distinct visitor-login pairs with their row
    // counts, and to the marts' count as rows per day). Identity's previous identity_map was empty:
    // this is the warehouse's first identity run.
    assertRowsRead(
        q,
        "identity",
        "events_web",
        "users",
        "leads",
        "customers",
        "companies",
        "chartmogul_customers",
        "visitor_enrichment",
        "crm_contacts",
        "crm_companies");
    assertRowsRead(
        q,
        "marts",
        "events_web",
        "events_product",
        "companies",
        "users",
        "leads",
        "lead_scoring_runs",
        "customers",
        "payments",
        "chartmogul_customers",
        "crm_deals",
        "marketing_spend",
        "identity_map");

    // Issue 7's acceptance: every monthly figure of the generator's answer key equals the marts'
    // (issue 19: to the cent, or within the truth's published rounding bound of prorated lines).
    // DemoMonthlyTruthAtScaleTest holds a scale-10 demo to the same figures.
    List<String> mismatches = MonthlyTruth.billingAndLeadMismatches(q, demo);
    assertEquals(String.join("\n", mismatches), List.of(), mismatches);
    assertEquals(List.of(), MonthlyTruth.dealMismatches(q, demo));

    // Issue 22: the spend the marts report per month and channel is the generator's intent (its
    // daily budgets as spent, EUR at the fixed rate), to the cent.
    assertEquals(List.of(), SpendTruth.spendMismatches(q, demo.resolve("truth/spend.json")));
    // ... and so are the CAC, CAC payback, spend per trial and spend per paying customer of every
    // paid channel and of 'all': the marts attribute each new customer, trial, paying customer
    // and lead to the channel the simulation's rules give over the sessions identity can tie to
    // the person (the truth's observable channel), each one exactly (issue 22: leads go to their
    // person's last non-direct session; before that fix, 405 leads were direct by their form's
    // UTM tags alone).
    assertEquals(List.of(), SpendTruth.observableChannelMismatches(q, demo.resolve("truth")));
    assertEquals(List.of(), SpendTruth.ratioMismatches(q, demo.resolve("truth")));
    // Identity's documented limit, from the truth alone: the deciding session (a customer's first,
    // a trial's or lead's last non-direct one) is on a device no user_id and no lead form ever
    // names with the person, so the warehouse cannot attribute these as the simulation intended.
    assertEquals(
        "[trials: 8 of 313 not attributable as intended, customers: 1 of 114 not attributable"
            + " as intended, leads: 16 of 508 not attributable as intended]",
        SpendTruth.attributionLimits(demo.resolve("truth")).toString());

    // Issue 22: every count, sum and stock per segment family adds up to the company-wide row
    // (spend by channel only, the deal metrics company-wide: Segments.familiesOf), and every
    // dimension is 'all' or family:value (feature adoption's feature excepted).
    List<io.intelligencesuite.marts.metrics.MetricValue> monthly =
        q
            .rows(
                "select metric, strftime(month, '%Y-%m-%d'), dimension, value from metric_monthly")
            .stream()
            .map(
                r ->
                    new io.intelligencesuite.marts.metrics.MetricValue(
                        (String) r.get(0),
                        java.time.LocalDate.parse((String) r.get(1)),
                        (String) r.get(2),
                        ((Number) r.get(3)).doubleValue()))
            .toList();
    assertEquals(List.of(), SegmentChecks.totalsProblems(monthly));
    assertEquals(List.of(), SegmentChecks.dimensionProblems(monthly));
    assertEquals(
        List.of(List.of(5L)),
        q.rows(
            "select count(distinct split_part(dimension, ':', 1)) from metric_monthly"
                + " where metric = 'mrr' and dimension like '%:%'"));
    // Spend has rows by channel, and the size segment holds only the one band list.
    assertTrue(
        (Long)
                q.value(
                    "select count(*) from metric_monthly where metric = 'spend' and dimension like"
                        + " 'channel:%'")
            > 0);
    assertEquals(
        List.of(List.of("size:large"), List.of("size:medium"), List.of("size:small")),
        q.rows(
            "select distinct dimension from metric_monthly where dimension like 'size:%'"
                + " and dimension <> 'size:unknown' order by 1"));

    assertEquals(List.of(), MonthlyTruth.discountRateMismatches(q, demo));

    // Issue 6: identity resolution never merges two people or two schools the truth keeps apart; it
    // finds the links the staging data holds (the rest of the truth never reaches any source:
    // devices
    // that send no event, people who never log in or fill a form).
    IdentityQuality.Report identity =
        IdentityQuality.measure(
            Warehouse.parse("duckdb:" + db), demo.resolve("truth/identities.json"));
    System.out.println("DemoGa4EndToEndTest: " + identity);
    assertEquals(identity.toString(), 1.0, identity.persons().precision(), 0.0);
    assertEquals(identity.toString(), 1.0, identity.companies().precision(), 0.0);
    // Every link the staging rows hold is found (IdentityQuality reads the staging columns itself),
    // except the ones the merge rules refuse on purpose (issue 24): a moving teacher's second user
    // and the free-mail administrator's second school are one human with two backend users, which
    // the one-user limit keeps as two persons. Scored with the HubSpot contacts and companies of
    // the answer key (issue 22; before them: persons 0.9883 linkable, 0.8136 recall, 0.9396
    // observed, companies 0.8768 recall).
    assertEquals(identity.toString(), 0.9923, identity.persons().recallLinkable(), 0.0001);
    assertEquals(identity.toString(), 1.0, identity.companies().recallLinkable(), 0.0);
    // The rest of the truth never reaches a source (docs/identity.md).
    assertEquals(identity.toString(), 0.8614, identity.persons().recall(), 0.0001);
    assertEquals(identity.toString(), 0.8893, identity.companies().recall(), 0.0001);
    assertEquals(identity.toString(), 0.9489, identity.persons().recallObserved(), 0.0001);
    assertEquals(identity.toString(), 0.9920, identity.companies().recallObserved(), 0.0001);
    // Issue 24: no planted shared office computer, trust domain or moving teacher merges people or
    // schools: precision 1 in every situation, for persons and companies.
    for (SituationQuality.Situation s :
        SituationQuality.measure(
            Warehouse.parse("duckdb:" + db), demo.resolve("truth/identities.json"))) {
      assertEquals(s.toString(), 1.0, s.persons().precision(), 0.0);
      assertEquals(s.toString(), 1.0, s.companies().precision(), 0.0);
    }

    // Issue 9: the discrepancy report finds exactly what the generator planted.
    ReconcileCheck.Result reconciled =
        ReconcileCheck.againstTruth(
            Warehouse.parse("duckdb:" + db), demo.resolve("truth/planted_discrepancies.json"));
    assertTrue(reconciled.toString(), reconciled.exact());
    assertThat(out, containsString("Headlines, October 2026"));
    assertTrue(Files.exists(db.resolveSibling("dashboard.html")));

    String csv =
        SuiteForTests.run(
            "sql", "select count(*) as events from events_web", "--warehouse=duckdb:" + db);
    assertEquals("events\n" + quirks.get("events").asLong() + "\n", csv);
  }

  @Test
  public void twoDaysOnTheDirectRunnerKeepOneRowPerDistinctExportRowRerunAndMatchFlink()
      throws Exception {
    // Two days only: the DirectRunner handles per-key shuffles badly; a month took minutes.
    List<Path> month = ga4Files("events_2026100[12].ndjson");
    Set<String> distinct = new HashSet<>();
    for (Path file : month) {
      distinct.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
    }
    Path db = TMP.getRoot().toPath().resolve("month.duckdb");
    String[] args = {
      "--runner=DirectRunner",
      "--ga4ExportFiles=" + demo.resolve("ga4") + "/events_2026100[12].ndjson",
      "--warehouse=duckdb:" + db
    };
    assertEquals(
        PipelineResult.State.DONE,
        Ga4Pipeline.run(PipelineOptionsFactory.fromArgs(args).withValidation().as(Ga4Options.class))
            .waitUntilFinish());
    DuckDbQueries q = new DuckDbQueries(Warehouse.parse("duckdb:" + db));
    assertEquals((long) distinct.size(), q.value("select count(*) from events_web"));
    String checksum = q.checksum(Tables.EVENTS_WEB);

    assertEquals(
        PipelineResult.State.DONE,
        Ga4Pipeline.run(PipelineOptionsFactory.fromArgs(args).withValidation().as(Ga4Options.class))
            .waitUntilFinish());
    assertEquals(checksum, q.checksum(Tables.EVENTS_WEB));

    // The embedded Flink runner (the local default) writes the very same table.
    Path flinkDb = TMP.getRoot().toPath().resolve("month-flink.duckdb");
    String[] flinkArgs = {
      "--runner=FlinkRunner",
      "--fasterCopy=true",
      "--ga4ExportFiles=" + demo.resolve("ga4") + "/events_2026100[12].ndjson",
      "--warehouse=duckdb:" + flinkDb
    };
    assertEquals(
        PipelineResult.State.DONE,
        Ga4Pipeline.run(
                PipelineOptionsFactory.fromArgs(flinkArgs).withValidation().as(Ga4Options.class))
            .waitUntilFinish());
    assertEquals(
        checksum,
        new DuckDbQueries(Warehouse.parse("duckdb:" + flinkDb)).checksum(Tables.EVENTS_WEB));
  }

  /** The one run of {@code pipeline} read as many rows as {@code tables} hold together. */
  private static void assertRowsRead(DuckDbQueries q, String pipeline, String... tables)
      throws Exception {
    String sum =
        Stream.of(tables)
            .map(t -> "(select count(*) from " + t + ")")
            .reduce((a, b) -> a + " + " + b)
            .orElseThrow();
    assertEquals(
        pipeline + " rows read",
        q.rows("select " + sum),
        q.rows("select rows_read from pipeline_runs where pipeline = '" + pipeline + "'"));
  }
}
