package io.intelligencesuite.transforms.identity;

import static io.intelligencesuite.transforms.identity.IdentifierTypes.companyId;
import static io.intelligencesuite.transforms.identity.IdentifierTypes.personId;
import static io.intelligencesuite.transforms.identity.ResolveIdentitiesTest.link;
import static io.intelligencesuite.transforms.identity.ResolveIdentitiesTest.resolve;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;

import io.intelligencesuite.schemas.Tables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * {@link IdentityMerges} on two runs of the production resolver over small hand-built graphs: the
 * links of a first run, then the same links plus what arrived since. Expected rows worked out by
 * hand in the comments; ids are named by the strongest identifier (docs/identity.md#ids).
 */
@RunWith(JUnit4.class)
public class IdentityMergesTest {
  @Rule
  public final transient TestPipeline p =
      TestPipeline.fromOptions(ResolveIdentitiesTest.fastDirectRunner());

  private static final LocalDate DAY = LocalDate.of(2026, 11, 2);

  /** identity_map rows of {@code links}, resolved as the identity pipeline resolves them. */
  private PCollection<Row> map(String name, List<IdentifierLink> links) {
    return p.apply(name + " links", Create.of(links))
        .apply(name + " resolve", resolve())
        .get(ResolveIdentities.ASSIGNMENTS)
        .apply(
            name + " rows", MapElements.into(TypeDescriptors.rows()).via(IdentityAssignment::toRow))
        .setRowSchema(Tables.IDENTITY_MAP.schema());
  }

  private static PCollection<Row> merges(PCollection<Row> before, PCollection<Row> after) {
    return PCollectionTuple.of(IdentityMerges.PREVIOUS, before)
        .and(IdentityMerges.CURRENT, after)
        .apply(IdentityMerges.of("identity-run-2", DAY));
  }

  private static List<IdentifierLink> plus(
      List<IdentifierLink> first, List<IdentifierLink> arrived) {
    List<IdentifierLink> all = new ArrayList<>(first);
    all.addAll(arrived);
    return all;
  }

  /**
   * Resolves {@code first}, then {@code first} plus {@code arrived}, and asserts the merges between
   * the two maps are exactly {@code expected} (as {@link #rows} writes them); returns the merges
   * for the test's own checks of their reasons.
   */
  private PCollection<Row> assertMerges(
      List<IdentifierLink> first, List<IdentifierLink> arrived, String... expected) {
    PCollection<Row> out = merges(map("first", first), map("second", plus(first, arrived)));
    TreeSet<String> want = new TreeSet<>(List.of(expected));
    PAssert.that(out)
        .satisfies(
            rows -> {
              assertEquals(want, rows(rows));
              return null;
            });
    return out;
  }

  /** Rows as "level merged_id -> surviving_id kind identifiers_moved", sorted. */
  private static TreeSet<String> rows(Iterable<Row> rows) {
    TreeSet<String> out = new TreeSet<>();
    for (Row r : rows) {
      assertEquals("identity-run-2", r.getString("run_id"));
      assertEquals(DAY, r.getValue("merged_date"));
      out.add(
          r.getString("level")
              + " "
              + r.getString("merged_id")
              + " -> "
              + r.getString("surviving_id")
              + " "
              + r.getString("kind")
              + " "
              + r.getInt64("identifiers_moved"));
    }
    return out;
  }

  private static Map<String, Row> byNode(Iterable<Row> rows) {
    Map<String, Row> out = new HashMap<>();
    rows.forEach(
        r -> out.put(r.getString("identifier_type") + ":" + r.getString("identifier_value"), r));
    return out;
  }

  /**
   * Unrelated identifiers arrive: a second device of u1, a new person u3, a ChartMogul customer of
   * a Stripe-only company (no account) and a second domain of it that sorts before the first. No id
   * changes, so no merge. Ids: u1's person per(user_id:u1) and company com(account_id:acc1); the
   * Stripe-only company is named by its Stripe customer (an account would outrank it, a ChartMogul
   * customer or a domain does not), com(stripe_customer:cus_9) in both runs.
   */
  @Test
  public void anUnrelatedIdentifierChangesNoIdAndMergesNothing() {
    List<IdentifierLink> first =
        List.of(
            link("user_id", "u1", "email", "jane@school.org"),
            link("user_id", "u1", "account_id", "acc1"),
            link("ga_pseudo_id", "d1", "user_id", "u1"),
            link("stripe_customer", "cus_9", "domain", "oak.org"));
    List<IdentifierLink> second =
        plus(
            first,
            List.of(
                link("ga_pseudo_id", "d2", "user_id", "u1"),
                link("user_id", "u3", "email", "tom@gmail.com"),
                link("chartmogul_customer", "cm_9", "stripe_customer", "cus_9"),
                link("stripe_customer", "cus_9", "domain", "aa-oak.org")));
    PCollection<Row> before = map("first", first);
    PCollection<Row> after = map("second", second);

    PAssert.that(merges(before, after)).empty();
    String u1 = personId("user_id:u1");
    String school = companyId("account_id:acc1");
    String payer = companyId("stripe_customer:cus_9");
    for (PCollection<Row> m : List.of(before, after)) {
      PAssert.that(m)
          .satisfies(
              rows -> {
                Map<String, Row> byNode = byNode(rows);
                for (String n : List.of("user_id:u1", "email:jane@school.org", "ga_pseudo_id:d1")) {
                  assertEquals(n, u1, byNode.get(n).getString("person_id"));
                  assertEquals(n, school, byNode.get(n).getString("company_id"));
                }
                assertEquals(payer, byNode.get("stripe_customer:cus_9").getString("company_id"));
                assertEquals(payer, byNode.get("domain:oak.org").getString("company_id"));
                return null;
              });
    }
    p.run().waitUntilFinish();
  }

  /**
   * Two persons joined by a new link: lead l1 (device d1, jane.doe@gmail.com) and user u1. Then u1
   * logs in on d1, which joins them: the lead's person per(lead_id:l1) disappears into
   * per(user_id:u1), which already held u1's identifiers (a merge; the survivor is named by the
   * user id, the strongest identifier, whichever profile came first), with its 3 identifiers.
   *
   * <p>Two companies joined: account acc2 (domain elm.org) and Stripe customer cus_2 (ChartMogul
   * cm_2), then the account's own stripe_customer_id names cus_2. com(stripe_customer:cus_2) merges
   * into com(account_id:acc2) with 2 identifiers (cus_2, cm_2).
   *
   * <p>A lead that signs up: lead l5 (x@gmail.com) alone, then user u5 with the same address:
   * per(lead_id:l5) is renamed per(user_id:u5), 2 identifiers moved, no other earlier profile.
   */
  @Test
  public void profilesJoinedByANewLinkRecordOneMergeWithTheStrongestIdentifiersId() {
    List<IdentifierLink> first =
        List.of(
            link("user_id", "u1", "email", "jane@school.org"),
            link("user_id", "u1", "account_id", "acc1"),
            link("lead_id", "l1", "ga_pseudo_id", "d1"),
            link("lead_id", "l1", "email", "jane.doe@gmail.com"),
            link("account_id", "acc2", "domain", "elm.org"),
            link("chartmogul_customer", "cm_2", "stripe_customer", "cus_2"),
            link("lead_id", "l5", "email", "x@gmail.com"));
    List<IdentifierLink> arrived =
        List.of(
            link("ga_pseudo_id", "d1", "user_id", "u1"),
            link("account_id", "acc2", "stripe_customer", "cus_2"),
            link("user_id", "u5", "email", "x@gmail.com"));

    PCollection<Row> out =
        assertMerges(
            first,
            arrived,
            "company "
                + companyId("stripe_customer:cus_2")
                + " -> "
                + companyId("account_id:acc2")
                + " merge 2",
            "person " + personId("lead_id:l1") + " -> " + personId("user_id:u1") + " merge 3",
            "person " + personId("lead_id:l5") + " -> " + personId("user_id:u5") + " rename 2");
    PAssert.that(out)
        .satisfies(
            rows -> {
              for (Row r : rows) {
                assertThat(r.getString("reason"), containsString(r.getString("merged_id")));
                assertThat(r.getString("reason"), containsString(r.getString("surviving_id")));
              }
              return null;
            });
    p.run().waitUntilFinish();
  }

  /**
   * Splits. A device d7 of user u7 is then seen with user u8: a shared device, it leaves u7's
   * person and becomes a person of its own, per(ga_pseudo_id:d7). per(user_id:u7) keeps its id (it
   * still holds u7), so nothing is recorded: no id disappeared.
   *
   * <p>Lead l1 with e-mail e1 and device d1, one person per(lead_id:l1). Then user u1 signs up with
   * e1 and user u2 logs in on d1. Links are tried weaker end first (e-mails before devices), users
   * before leads: u1-e1, l1-e1 make {u1, e1, l1}; u2-d1 makes {u2, d1}; l1-d1 would put u1 and u2
   * in one person and is refused. per(lead_id:l1) disappears and its identifiers went to two ids:
   * two split rows, per(user_id:u1) with 2 (l1, e1) and per(user_id:u2) with 1 (d1).
   */
  @Test
  public void aSplitRecordsOnlyAnIdThatDisappears() {
    List<IdentifierLink> first =
        List.of(
            link("ga_pseudo_id", "d7", "user_id", "u7"),
            link("lead_id", "l1", "email", "e1@gmail.com"),
            link("lead_id", "l1", "ga_pseudo_id", "d1"));
    List<IdentifierLink> arrived =
        List.of(
            link("ga_pseudo_id", "d7", "user_id", "u8"),
            link("user_id", "u1", "email", "e1@gmail.com"),
            link("ga_pseudo_id", "d1", "user_id", "u2"));

    String l1 = personId("lead_id:l1");
    PCollection<Row> out =
        assertMerges(
            first,
            arrived,
            "person " + l1 + " -> " + personId("user_id:u1") + " split 2",
            "person " + l1 + " -> " + personId("user_id:u2") + " split 1");
    PAssert.that(out)
        .satisfies(
            rows -> {
              rows.forEach(r -> assertThat(r.getString("reason"), containsString("2 ids")));
              return null;
            });
    p.run().waitUntilFinish();
  }

  /** A first run: the previous map is empty, so nothing merged. */
  @Test
  public void aFirstRunRecordsNoMerge() {
    List<IdentifierLink> links = List.of(link("user_id", "u1", "email", "jane@school.org"));
    PCollection<Row> none = p.apply("No previous map", Create.empty(Tables.IDENTITY_MAP.schema()));
    PAssert.that(merges(none, map("first", links))).empty();
    p.run().waitUntilFinish();
  }
}
