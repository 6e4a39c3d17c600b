package io.intelligencesuite.local.quality;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.intelligencesuite.local.quality.IdentityQuality.Coverage;
import io.intelligencesuite.local.quality.IdentityQuality.Mapped;
import io.intelligencesuite.local.quality.IdentityQuality.Report;
import io.intelligencesuite.local.quality.IdentityQuality.WrongPair;
import io.intelligencesuite.schemas.DuckDbDdl;
import io.intelligencesuite.schemas.Layer;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.identity.IdentifierTypes;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Pairwise precision / recall on a hand-made truth and map; every figure computed by hand below.
 */
public class IdentityQualityTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  /**
   * P1 = {a@x.org, u1, g1}, P2 = {b@x.org, u2, l1}, P4 = {shared@gmail.com}, P3 = QA
   * {qa@t.example}; C1 = {x.org, account 1, P1, P2, P4}, C3 = {y.org, P4} (P4 administers both), C2
   * = QA {t.example, P3}. The truth's values are raw (upper case, spaces, googlemail): they must be
   * normalised.
   */
  static final String TRUTH =
      """
      {"people": [
        {"person_id": "P1", "is_test": false, "emails": [" A@X.org"], "ga_user_pseudo_ids": ["g1"],
         "user_ids": ["u1"], "lead_ids": []},
        {"person_id": "P2", "is_test": false, "emails": ["b@x.org"], "ga_user_pseudo_ids": [],
         "user_ids": ["u2"], "lead_ids": ["l1"]},
        {"person_id": "P3", "is_test": true, "emails": ["qa@t.example"], "ga_user_pseudo_ids": [],
         "user_ids": [], "lead_ids": []},
        {"person_id": "P4", "is_test": false, "emails": ["shared@googlemail.com"], "ga_user_pseudo_ids": [],
         "user_ids": [], "lead_ids": []}],
       "companies": [
        {"company_id": "C1", "is_test": false, "domains": ["X.org"], "account_id": 1,
         "stripe_customer_id": null, "chartmogul_uuid": null, "emails": ["a@x.org"], "person_ids": ["P1", "P2", "P4"]},
        {"company_id": "C2", "is_test": true, "domains": ["t.example"], "account_id": null,
         "stripe_customer_id": null, "chartmogul_uuid": null, "emails": [], "person_ids": ["P3"]},
        {"company_id": "C3", "is_test": false, "domains": ["y.org"], "account_id": null,
         "stripe_customer_id": null, "chartmogul_uuid": null, "emails": [], "person_ids": ["P4"]}]}
      """;

  /**
   * per_A wrongly holds b@x.org with P1's a and u1; g1 is a person of its own; l1 is missing; the
   * account is a company of its own; an anonymous visitor only the map knows.
   */
  static Map<String, Mapped> flawedMap() {
    Map<String, Mapped> m = new HashMap<>();
    m.put("email:a@x.org", new Mapped("per_A", "com_1"));
    m.put("user_id:u1", new Mapped("per_A", "com_1"));
    m.put("ga_pseudo_id:g1", new Mapped("per_B", "com_1"));
    m.put("email:b@x.org", new Mapped("per_A", "com_1"));
    m.put("user_id:u2", new Mapped("per_C", "com_1"));
    m.put("domain:x.org", new Mapped(null, "com_1"));
    m.put("account_id:1", new Mapped(null, "com_2"));
    m.put("ga_pseudo_id:anon", new Mapped("per_D", null));
    m.put("email:qa@t.example", new Mapped("per_E", "com_1"));
    m.put("email:shared@gmail.com", new Mapped("per_F", "com_1"));
    m.put("domain:y.org", new Mapped(null, "com_3"));
    return m;
  }

  static IdentityQuality.Truth truth() throws Exception {
    return IdentityQuality.readTruth(new ObjectMapper().readTree(TRUTH));
  }

  /**
   * What staging holds, as readStaging gives it: two users rows name (user, e-mail, account,
   * domain) together; g1 only ever browses anonymously; the shared address, the QA address and
   * y.org appear on their own; l1 is in no staging table.
   */
  static IdentityQuality.Observed staging() {
    return IdentityQuality.Observed.of(
        List.of(
            List.of("user_id:u1", "email:a@x.org", "domain:x.org", "account_id:1", "domain:x.org"),
            List.of("user_id:u2", "email:b@x.org", "domain:x.org", "account_id:1", "domain:x.org"),
            List.of("ga_pseudo_id:g1"),
            List.of("ga_pseudo_id:anon"),
            List.of("email:shared@gmail.com"),
            List.of("email:qa@t.example", "domain:t.example"),
            List.of("domain:y.org")));
  }

  @Test
  public void flawedMapScoresAsComputedByHand() throws Exception {
    Report r = IdentityQuality.compute(flawedMap(), truth(), staging());
    // Persons: true pairs P1 3 + P2 3 = 6; predicted per_A {a, u1, b} = 3; correct {a, u1} = 1.
    assertEquals(6, r.persons().truePairs());
    assertEquals(3, r.persons().predictedPairs());
    assertEquals(1, r.persons().correctPairs());
    assertEquals(1.0 / 3, r.persons().precision(), 1e-12);
    assertEquals(1.0 / 6, r.persons().recall(), 1e-12);
    // Observed (l1 is in no staging row): P1 3 pairs + P2 {b, u2} 1 pair = 4, of which {a, u1}
    // correct.
    assertEquals(4, r.persons().observedPairs());
    assertEquals(1, r.persons().correctObserved());
    assertEquals(1.0 / 4, r.persons().recallObserved(), 1e-12);
    // Linkable: the users rows join {a, u1} and {b, u2}; g1 is never named with anyone. 2 pairs, 1
    // found.
    assertEquals(2, r.persons().linkablePairs());
    assertEquals(1, r.persons().correctLinkable());
    assertEquals(1.0 / 2, r.persons().recallLinkable(), 1e-12);
    // Companies (QA and the shared e-mail left out): C1 has 8 scored identifiers = 28 true pairs;
    // com_1 holds 6 of them = 15 pairs, all correct; account_id:1 alone, l1 missing.
    assertEquals(28, r.companies().truePairs());
    assertEquals(15, r.companies().predictedPairs());
    assertEquals(15, r.companies().correctPairs());
    assertEquals(1.0, r.companies().precision(), 0);
    assertEquals(15.0 / 28, r.companies().recall(), 1e-12);
    // Observed: C1 without l1, 7 identifiers = 21 pairs; the 6 of com_1 are all observed.
    assertEquals(21, r.companies().observedPairs());
    assertEquals(15, r.companies().correctObserved());
    // Linkable: the users rows join {u1, a, u2, b, account 1, x.org} = 15 pairs; com_1 has 5 of
    // them = 10.
    assertEquals(15, r.companies().linkablePairs());
    assertEquals(10, r.companies().correctLinkable());
    assertEquals(10.0 / 15, r.companies().recallLinkable(), 1e-12);
    // Persons: 8 truth identifiers, qa excluded, l1 missing and unobserved; 4 map-only (anon, 2
    // domains, the account).
    assertEquals(new Coverage(7, 1, 1, 4, 1, 0), r.personCoverage());
    // Companies: 12 truth identifiers, t.example and qa excluded, shared@gmail.com ambiguous.
    assertEquals(new Coverage(9, 1, 1, 1, 2, 1), r.companyCoverage());
    assertEquals(
        List.of(
            new WrongPair(
                "person",
                true,
                "email:a@x.org",
                "email:b@x.org",
                "predicted person per_A joins 2 truth persons: P1 and P2"),
            // A miss the staging rows could have avoided comes first.
            new WrongPair(
                "person",
                false,
                "email:b@x.org",
                "user_id:u2",
                "truth person P2 is split over 3 predicted persons: email:b@x.org in per_A vs user_id:u2 in per_C"
                    + "; staging rows link them"),
            new WrongPair(
                "person",
                false,
                "email:a@x.org",
                "ga_pseudo_id:g1",
                "truth person P1 is split over 2 predicted persons: email:a@x.org in per_A vs ga_pseudo_id:g1 in per_B"
                    + "; no chain of staging rows links them"),
            new WrongPair(
                "company",
                false,
                "account_id:1",
                "domain:x.org",
                "truth company C1 is split over 3 predicted companies: account_id:1 in com_2 vs domain:x.org in com_1"
                    + "; staging rows link them")),
        r.wrongPairs());
    assertFalse(r.perfect());
  }

  /**
   * HubSpot identifiers in the answer key: P1 = {a@x.org, contact 501}, P2 = {b@gmail.com, contact
   * 502}; C1 = {x.org, HubSpot company 901, P1, P2}. The map has both persons right, but contact
   * 502 and b@gmail.com in no company (the contact's company association missed).
   */
  static final String CRM_TRUTH =
      """
      {"people": [
        {"person_id": "P1", "is_test": false, "emails": ["a@x.org"], "crm_contact_ids": ["501"]},
        {"person_id": "P2", "is_test": false, "emails": ["b@gmail.com"], "crm_contact_ids": ["502"]}],
       "companies": [
        {"company_id": "C1", "is_test": false, "domains": ["x.org"], "crm_company_ids": ["901"],
         "person_ids": ["P1", "P2"]}]}
      """;

  @Test
  public void crmContactsAndCompaniesAreScoredAsComputedByHand() throws Exception {
    Map<String, Mapped> m = new HashMap<>();
    m.put("email:a@x.org", new Mapped("per_1", "com_1"));
    m.put("crm_contact:501", new Mapped("per_1", "com_1"));
    m.put("domain:x.org", new Mapped(null, "com_1"));
    m.put("crm_company:901", new Mapped(null, "com_1"));
    m.put("email:b@gmail.com", new Mapped("per_2", null));
    m.put("crm_contact:502", new Mapped("per_2", null));
    Path db = tmp.getRoot().toPath().resolve("crm.duckdb");
    DuckDbQueries q = new DuckDbQueries(Warehouse.parse("duckdb:" + db));
    IdentityQuality.Observed observed;
    try {
      q.execute(DuckDbDdl.createTable(Tables.CRM_CONTACTS));
      q.execute(DuckDbDdl.createTable(Tables.CRM_COMPANIES));
      q.execute(
          "INSERT INTO crm_contacts (crm_contact_id, email, crm_company_id, created_at, updated_at)"
              + " VALUES ('501', 'A@x.org', '901', TIMESTAMP '2026-01-01', TIMESTAMP '2026-01-01'),"
              + " ('502', 'b@gmail.com', '901', TIMESTAMP '2026-01-01', TIMESTAMP '2026-01-01')");
      q.execute(
          "INSERT INTO crm_companies (crm_company_id, domain, created_at, updated_at)"
              + " VALUES ('901', 'x.org', TIMESTAMP '2026-01-01', TIMESTAMP '2026-01-01')");
      observed = IdentityQuality.readStaging(q);
    } finally {
      DuckDbConnections.close(db.toString());
    }
    // The contacts' rows name their e-mail (a business one its domain too) and company.
    assertEquals(
        Set.of(
            "crm_contact:501",
            "email:a@x.org",
            "domain:x.org",
            "crm_company:901",
            "crm_contact:502",
            "email:b@gmail.com"),
        observed.keys());
    Report r =
        IdentityQuality.compute(
            m, IdentityQuality.readTruth(new ObjectMapper().readTree(CRM_TRUTH)), observed);
    // Persons: {a, 501} and {b, 502}, 2 true pairs, both predicted, both linkable by their rows.
    assertEquals(2, r.persons().truePairs());
    assertEquals(2, r.persons().correctPairs());
    assertEquals(2, r.persons().predictedPairs());
    assertEquals(2, r.persons().linkablePairs());
    // Companies: C1 = x.org, 901, a, 501, b, 502: 15 true pairs; com_1 holds 4 of them = 6 pairs,
    // all correct. Every pair is linkable (company 901 is named by all three rows): 15, 6 found.
    assertEquals(15, r.companies().truePairs());
    assertEquals(6, r.companies().predictedPairs());
    assertEquals(6, r.companies().correctPairs());
    assertEquals(15, r.companies().observedPairs());
    assertEquals(15, r.companies().linkablePairs());
    assertEquals(6.0 / 15, r.companies().recallLinkable(), 1e-12);
  }

  @Test
  public void perfectMapIsOneAndOne() throws Exception {
    Map<String, Mapped> m = flawedMap();
    m.put("ga_pseudo_id:g1", new Mapped("per_A", "com_1"));
    m.put("email:b@x.org", new Mapped("per_B", "com_1"));
    m.put("user_id:u2", new Mapped("per_B", "com_1"));
    m.put("lead_id:l1", new Mapped("per_B", "com_1"));
    m.put("account_id:1", new Mapped(null, "com_1"));
    Report r = IdentityQuality.compute(m, truth(), staging());
    assertEquals(6, r.persons().correctPairs());
    assertEquals(28, r.companies().correctPairs());
    assertTrue(r.toString(), r.perfect());
    assertEquals(List.of(), r.wrongPairs());
    assertEquals(4, r.persons().observedPairs());
    assertEquals(1.0, r.persons().recallLinkable(), 0);
    assertTrue(
        r.toString(),
        r.toString()
            .startsWith(
                "identity quality: persons precision 1.0000 recall 1.0000 "
                    + "(1.0000 over observed identifiers, 1.0000 over linkable pairs; 7 identifiers, 0 missing from identity_map, "
                    + "1 in no staging row); companies precision 1.0000 recall 1.0000"));
  }

  /**
   * A map that finds every link staging holds and nothing else: linkable recall 1.0, raw recall
   * below.
   */
  @Test
  public void everyLinkableCorrectIsOneOverLinkableOnly() throws Exception {
    Map<String, Mapped> m = flawedMap();
    m.put("email:b@x.org", new Mapped("per_B", "com_1"));
    m.put("user_id:u2", new Mapped("per_B", "com_1"));
    m.put("account_id:1", new Mapped(null, "com_1"));
    Report r = IdentityQuality.compute(m, truth(), staging());
    assertEquals(1.0, r.persons().recallLinkable(), 0);
    assertEquals(1.0, r.companies().recallLinkable(), 0);
    // P1 {a, u1} and P2 {b, u2}: 2 of 6 true pairs, 2 of 4 observed.
    assertEquals(2.0 / 6, r.persons().recall(), 1e-12);
    assertEquals(2.0 / 4, r.persons().recallObserved(), 1e-12);
    assertTrue(
        r.wrongPairs().stream().noneMatch(w -> w.detail().endsWith("; staging rows link them")));
  }

  /**
   * A row joining g1 (P1) and l1 (P2) links no person pair, and no company pair either: both are in
   * C1, but nothing joins them to a company-level identifier of C1, so they could only share a
   * company_id that nobody has (linkable pairs stay at 2 and 15).
   */
  @Test
  public void companyPairsAreLinkableOnlyThroughACompanyIdentifier() throws Exception {
    List<List<String>> rows = new java.util.ArrayList<>(staging().rows());
    rows.add(List.of("ga_pseudo_id:g1", "lead_id:l1"));
    Report r = IdentityQuality.compute(flawedMap(), truth(), IdentityQuality.Observed.of(rows));
    assertEquals(2, r.persons().linkablePairs());
    assertEquals(15, r.companies().linkablePairs());
    // l1 is observed now: every person identifier is, P1 3 + P2 3 = 6 observed pairs.
    assertEquals(6, r.persons().observedPairs());
    rows.add(List.of("lead_id:l1", "domain:x.org"));
    r = IdentityQuality.compute(flawedMap(), truth(), IdentityQuality.Observed.of(rows));
    // Now x.org anchors {g1, l1} to the users' group: all 8 of C1 are linkable (28 pairs).
    assertEquals(28, r.companies().linkablePairs());
  }

  @Test
  public void stagingColumnsAreIdentifierColumnsOfStagingTables() {
    Set<String> types = new HashSet<>(IdentifierTypes.PERSON_LEVEL);
    types.addAll(IdentifierTypes.COMPANY_LEVEL);
    IdentityQuality.STAGING_IDENTIFIERS.forEach(
        (table, columns) -> {
          TableDef t = Tables.named(table);
          assertEquals(table, Layer.STAGING, t.layer());
          columns.forEach(
              (column, type) -> {
                assertTrue(table + "." + column, t.column(column).isPresent());
                assertTrue(type, types.contains(type));
              });
        });
  }

  @Test
  public void measureReadsIdentityMapAndStagingFromTheWarehouse() throws Exception {
    Path db = tmp.getRoot().toPath().resolve("w.duckdb");
    Path truthFile = tmp.getRoot().toPath().resolve("identities.json");
    Files.writeString(truthFile, TRUTH);
    Warehouse w = Warehouse.parse("duckdb:" + db);
    DuckDbQueries q = new DuckDbQueries(w);
    try {
      q.execute(
          "CREATE TABLE identity_map (identifier_type VARCHAR, identifier_value VARCHAR, "
              + "person_id VARCHAR, company_id VARCHAR)");
      StringBuilder values = new StringBuilder();
      for (Map.Entry<String, Mapped> e : flawedMap().entrySet()) {
        String[] k = e.getKey().split(":", 2);
        values
            .append(values.length() == 0 ? "" : ", ")
            .append("('")
            .append(k[0])
            .append("', '")
            .append(k[1])
            .append("', ")
            .append(sql(e.getValue().personId()))
            .append(", ")
            .append(sql(e.getValue().companyId()))
            .append(")");
      }
      q.execute("INSERT INTO identity_map VALUES " + values);
      // The same staging as staging(), in the tables' own shape: raw case and spaces are
      // normalised,
      // placeholders (user 'null', visitor 'anon') and a free-mail domain name nothing, and an
      // e-mail
      // names its business domain.
      q.execute(DuckDbDdl.createTable(Tables.USERS));
      q.execute(
          "INSERT INTO users (user_id, account_id, email, company_domain, created_at) VALUES "
              + "('u1', '1', ' A@X.org', 'x.org', TIMESTAMP '2026-01-01'), ('u2', '1', 'b@x.org', NULL, TIMESTAMP '2026-01-01'), "
              + "('null', NULL, 'shared@googlemail.com', 'gmail.com', TIMESTAMP '2026-01-01')");
      q.execute(DuckDbDdl.createTable(Tables.EVENTS_WEB));
      q.execute(
          "INSERT INTO events_web (event_id, event_ts, event_date, event_name, user_pseudo_id, user_id, params) "
              + "SELECT id, TIMESTAMP '2026-01-01', DATE '2026-01-01', 'page_view', visitor, NULL, '{}' "
              + "FROM (VALUES ('e1', 'g1'), ('e2', 'g1'), ('e3', 'anon')) v(id, visitor)");
      q.execute(DuckDbDdl.createTable(Tables.VISITOR_ENRICHMENT));
      q.execute(
          "INSERT INTO visitor_enrichment (signal_id, observed_at, provider, signal_type, company_domain) VALUES "
              + "('s1', TIMESTAMP '2026-01-01', 'g2', 'intent', 'y.org'), ('s2', TIMESTAMP '2026-01-01', 'g2', 'intent', 't.example')");
      q.execute(DuckDbDdl.createTable(Tables.CUSTOMERS));
      q.execute(
          "INSERT INTO customers (customer_id, email, created_at) VALUES ('cus_q', 'qa@t.example', TIMESTAMP '2026-01-01')");
      IdentityQuality.Observed read = IdentityQuality.readStaging(q);
      assertEquals(
          new HashSet<>(
              List.of(
                  "user_id:u1",
                  "email:a@x.org",
                  "domain:x.org",
                  "account_id:1",
                  "user_id:u2",
                  "email:b@x.org",
                  "email:shared@gmail.com",
                  "ga_pseudo_id:g1",
                  "domain:y.org",
                  "domain:t.example",
                  "stripe_customer:cus_q",
                  "email:qa@t.example")),
          read.keys());
      // 3 users, 2 visits, 1 customer; g1's two events are one distinct row, anon's names nothing.
      assertEquals(7, read.rows().size());
      Report r = IdentityQuality.measure(w, truthFile);
      assertEquals(IdentityQuality.compute(flawedMap(), truth(), staging()), r);
      assertEquals(1, r.persons().correctPairs());
    } finally {
      DuckDbConnections.close(db.toString());
    }
  }

  private static String sql(String v) {
    return v == null ? "NULL" : "'" + v + "'";
  }
}
