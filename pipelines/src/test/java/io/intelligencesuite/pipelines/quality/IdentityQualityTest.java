package io.intelligencesuite.pipelines.quality;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.intelligencesuite.pipelines.quality.IdentityQuality.Coverage;
import io.intelligencesuite.pipelines.quality.IdentityQuality.Mapped;
import io.intelligencesuite.pipelines.quality.IdentityQuality.Report;
import io.intelligencesuite.pipelines.quality.IdentityQuality.WrongPair;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Pairwise precision / recall on a hand-made truth and map; every figure computed by hand below. */
public class IdentityQualityTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  /**
   * P1 = {a@x.org, u1, g1}, P2 = {b@x.org, u2, l1}, P4 = {shared@gmail.com}, P3 = QA {qa@t.example};
   * C1 = {x.org, account 1, P1, P2, P4}, C3 = {y.org, P4} (P4 administers both), C2 = QA {t.example, P3}.
   * The truth's values are raw (upper case, spaces, googlemail): they must be normalised.
   */
  static final String TRUTH = """
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

  @Test
  public void flawedMapScoresAsComputedByHand() throws Exception {
    Report r = IdentityQuality.compute(flawedMap(), truth());
    // Persons: true pairs P1 3 + P2 3 = 6; predicted per_A {a, u1, b} = 3; correct {a, u1} = 1.
    assertEquals(6, r.persons().truePairs());
    assertEquals(3, r.persons().predictedPairs());
    assertEquals(1, r.persons().correctPairs());
    assertEquals(1.0 / 3, r.persons().precision(), 1e-12);
    assertEquals(1.0 / 6, r.persons().recall(), 1e-12);
    // Among mapped identifiers (l1 is not): P1 3 pairs + P2 {b, u2} 1 pair = 4.
    assertEquals(4, r.persons().truePairsAmongMapped());
    assertEquals(1.0 / 4, r.persons().recallAmongMapped(), 1e-12);
    // Companies (QA and the shared e-mail left out): C1 has 8 scored identifiers = 28 true pairs;
    // com_1 holds 6 of them = 15 pairs, all correct; account_id:1 alone, l1 missing.
    assertEquals(28, r.companies().truePairs());
    assertEquals(15, r.companies().predictedPairs());
    assertEquals(15, r.companies().correctPairs());
    assertEquals(1.0, r.companies().precision(), 0);
    assertEquals(15.0 / 28, r.companies().recall(), 1e-12);
    assertEquals(21, r.companies().truePairsAmongMapped());
    assertEquals(15.0 / 21, r.companies().recallAmongMapped(), 1e-12);
    // Persons: 8 truth identifiers, qa excluded, l1 missing; 4 map-only (anon, 2 domains, the account).
    assertEquals(new Coverage(7, 1, 4, 1, 0), r.personCoverage());
    // Companies: 12 truth identifiers, t.example and qa excluded, shared@gmail.com ambiguous.
    assertEquals(new Coverage(9, 1, 1, 2, 1), r.companyCoverage());
    assertEquals(List.of(
        new WrongPair("person", true, "email:a@x.org", "email:b@x.org",
            "predicted person per_A joins 2 truth persons: P1 and P2"),
        new WrongPair("person", false, "email:a@x.org", "ga_pseudo_id:g1",
            "truth person P1 is split over 2 predicted persons: email:a@x.org in per_A vs ga_pseudo_id:g1 in per_B"),
        // A split between two persons is shown before a missing identifier (l1).
        new WrongPair("person", false, "email:b@x.org", "user_id:u2",
            "truth person P2 is split over 3 predicted persons: email:b@x.org in per_A vs user_id:u2 in per_C"),
        new WrongPair("company", false, "account_id:1", "domain:x.org",
            "truth company C1 is split over 3 predicted companies: account_id:1 in com_2 vs domain:x.org in com_1")),
        r.wrongPairs());
    assertFalse(r.perfect());
  }

  @Test
  public void perfectMapIsOneAndOne() throws Exception {
    Map<String, Mapped> m = flawedMap();
    m.put("ga_pseudo_id:g1", new Mapped("per_A", "com_1"));
    m.put("email:b@x.org", new Mapped("per_B", "com_1"));
    m.put("user_id:u2", new Mapped("per_B", "com_1"));
    m.put("lead_id:l1", new Mapped("per_B", "com_1"));
    m.put("account_id:1", new Mapped(null, "com_1"));
    Report r = IdentityQuality.compute(m, truth());
    assertEquals(6, r.persons().correctPairs());
    assertEquals(28, r.companies().correctPairs());
    assertTrue(r.toString(), r.perfect());
    assertEquals(List.of(), r.wrongPairs());
    assertEquals(6, r.persons().truePairsAmongMapped());
    assertTrue(r.toString(), r.toString().startsWith("identity quality: persons precision 1.0000 recall 1.0000 "
        + "(1.0000 among mapped; 7 identifiers, 0 missing from identity_map); companies precision 1.0000 recall 1.0000"));
  }

  @Test
  public void measureReadsIdentityMapFromTheWarehouse() throws Exception {
    Path db = tmp.getRoot().toPath().resolve("w.duckdb");
    Path truthFile = tmp.getRoot().toPath().resolve("identities.json");
    Files.writeString(truthFile, TRUTH);
    Warehouse w = Warehouse.parse("duckdb:" + db);
    DuckDbQueries q = new DuckDbQueries(w);
    try {
      q.execute("CREATE TABLE identity_map (identifier_type VARCHAR, identifier_value VARCHAR, "
          + "person_id VARCHAR, company_id VARCHAR)");
      StringBuilder values = new StringBuilder();
      for (Map.Entry<String, Mapped> e : flawedMap().entrySet()) {
        String[] k = e.getKey().split(":", 2);
        values.append(values.length() == 0 ? "" : ", ").append("('").append(k[0]).append("', '").append(k[1])
            .append("', ").append(sql(e.getValue().personId())).append(", ").append(sql(e.getValue().companyId()))
            .append(")");
      }
      q.execute("INSERT INTO identity_map VALUES " + values);
      Report r = IdentityQuality.measure(w, truthFile);
      assertEquals(IdentityQuality.compute(flawedMap(), truth()), r);
      assertEquals(1, r.persons().correctPairs());
    } finally {
      DuckDbConnections.close(db.toString());
    }
  }

  private static String sql(String v) {
    return v == null ? "NULL" : "'" + v + "'";
  }
}
