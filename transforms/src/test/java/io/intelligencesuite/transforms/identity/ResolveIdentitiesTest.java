package io.intelligencesuite.transforms.identity;

import static io.intelligencesuite.transforms.identity.IdentifierTypes.companyId;
import static io.intelligencesuite.transforms.identity.IdentifierTypes.personId;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Hand-written graphs on the DirectRunner. Several disjoint graphs share one pipeline (each run
 * costs seconds on the DirectRunner); each graph is checked on its own identifiers.
 */
@RunWith(JUnit4.class)
public class ResolveIdentitiesTest {
  @Rule public final transient TestPipeline p = TestPipeline.fromOptions(fastDirectRunner());

  /** DirectRunner without its per-element immutability and encodability checks. */
  static PipelineOptions fastDirectRunner() {
    return PipelineOptionsFactory.fromArgs(
            "--runner=DirectRunner",
            "--enforceImmutability=false",
            "--enforceEncodability=false",
            "--targetParallelism=2")
        .create();
  }

  /**
   * The DirectRunner waits about a second per round for the convergence side input, so these tests
   * run every round instead (identical results; {@link ConnectedComponentsTest} covers the gate).
   */
  static ResolveIdentities resolve() {
    return ResolveIdentities.create().withConvergenceGate(false).withMaxRounds(6);
  }

  static IdentifierLink link(String lt, String lv, String rt, String rv) {
    return IdentifierLink.of(lt, lv, rt, rv, "test");
  }

  /** identity_map as "type:value" -> row. */
  static Map<String, IdentityAssignment> byNode(Iterable<IdentityAssignment> rows) {
    Map<String, IdentityAssignment> out = new HashMap<>();
    for (IdentityAssignment a : rows) {
      IdentityAssignment old = out.put(a.getIdentifierType() + ":" + a.getIdentifierValue(), a);
      if (old != null) {
        throw new AssertionError("two rows for " + a + " and " + old);
      }
    }
    return out;
  }

  static String person(Map<String, IdentityAssignment> rows, String node) {
    IdentityAssignment a = rows.get(node);
    assertNotNull("no identity_map row for " + node, a);
    return a.getPersonId();
  }

  static String company(Map<String, IdentityAssignment> rows, String node) {
    IdentityAssignment a = rows.get(node);
    assertNotNull("no identity_map row for " + node, a);
    return a.getCompanyId();
  }

  /**
   * Every node of the group (all of its identifiers must be given) has the person id named by its
   * strongest identifier: its user_id, else its lead_id, else its smallest e-mail, else its
   * smallest device (IdentityRules.PERSON_PRIORITY).
   */
  static void samePerson(Map<String, IdentityAssignment> rows, String anchor, String... nodes) {
    List<String> all = new ArrayList<>(List.of(nodes));
    all.add(anchor);
    String id = personId(IdentityRules.persons(List.of()).best(all));
    for (String n : all) {
      assertEquals(n, id, person(rows, n));
    }
  }

  /**
   * Every node has the company id of {@code anchor} (its strongest company identifier), as has the
   * anchor.
   */
  static void sameCompany(Map<String, IdentityAssignment> rows, String anchor, String... nodes) {
    for (String n : nodes) {
      assertEquals(n, companyId(anchor), company(rows, n));
    }
    assertEquals(anchor, companyId(anchor), company(rows, anchor));
  }

  static Map<String, IdentityRejection> rejectionsByNode(Iterable<IdentityRejection> rs) {
    Map<String, IdentityRejection> out = new HashMap<>();
    for (IdentityRejection r : rs) {
      IdentityRejection old = out.put(r.getIdentifierType() + ":" + r.getIdentifierValue(), r);
      if (old != null) {
        throw new AssertionError("rejected twice: " + r + " and " + old);
      }
    }
    return out;
  }

  /**
   * The only rejection is the hub {@code node} of a component of {@code size}, for these reasons.
   */
  static SerializableFunction<Iterable<IdentityRejection>, Void> onlyHub(
      String node, long size, String... reasonParts) {
    return rs -> {
      Map<String, IdentityRejection> m = rejectionsByNode(rs);
      IdentityRejection hub = m.get(node);
      assertNotNull("no rejection of " + node, hub);
      assertEquals(Long.valueOf(size), hub.getComponentSize());
      for (String part : reasonParts) {
        assertThat(hub.getReason(), containsString(part));
      }
      assertEquals(1, m.size());
      return null;
    };
  }

  @Test
  public void handWrittenGraphs() {
    List<IdentifierLink> links = new ArrayList<>();
    // Chain of 8: c-g0 - c-e0 - c-g1 - c-e1 - ... (devices and e-mails: no limited type, so a
    // long chain is one person; a device between two user ids would be a shared device).
    for (int i = 0; i < 4; i++) {
      links.add(link("ga_pseudo_id", "c-g" + i, "email", "c-e" + i + "@gmail.com"));
      if (i < 3) {
        links.add(link("email", "c-e" + i + "@gmail.com", "ga_pseudo_id", "c-g" + (i + 1)));
      }
    }
    // Star: one user logged in from 6 devices.
    for (int i = 0; i < 6; i++) {
      links.add(link("user_id", "s-hub", "ga_pseudo_id", "s-g" + i));
    }
    // Bridge: two persons of 3, and one device that logged in as b-u1 and filled b-l2's lead form:
    // joined they would hold two user ids, so the device stays with b-u1 (the link to b-l2 tried
    // second is refused and reported).
    links.add(link("user_id", "b-u1", "email", "left@bridge.edu"));
    links.add(link("lead_id", "b-l1", "email", "left@bridge.edu"));
    links.add(link("user_id", "b-u2", "email", "right@bridge.edu"));
    links.add(link("lead_id", "b-l2", "email", "right@bridge.edu"));
    links.add(link("ga_pseudo_id", "b-g", "user_id", "b-u1"));
    links.add(link("ga_pseudo_id", "b-g", "lead_id", "b-l2"));
    // Billing customers are company-level: the billing e-mail's person joins their company.
    links.add(link("stripe_customer", "cus_B", "email", "right@bridge.edu"));
    links.add(link("chartmogul_customer", "cm_B", "stripe_customer", "cus_B"));
    // Blocked values: each link drops, the partner still resolves; each value reported once.
    links.add(link("user_id", "null", "ga_pseudo_id", "x-g1"));
    links.add(link("user_id", "NULL", "ga_pseudo_id", "x-g2"));
    links.add(link("user_id", "null", "ga_pseudo_id", "x-g3"));
    links.add(link("email", "test@test.com", "user_id", "x-u1"));
    links.add(link("email", "test@test.com", "user_id", "x-u2"));
    links.add(link("ga_pseudo_id", "0000000000.0000000000", "user_id", "x-u1"));
    links.add(link("user_id", "undefined", "email", "not-an-email"));
    links.add(link("favourite_colour", "blue", "user_id", "x-u3"));
    // googlemail normalisation: the same person.
    links.add(link("user_id", "gm-u1", "email", " Jane.Doe@GoogleMail.com"));
    links.add(link("lead_id", "gm-l1", "email", "jane.doe@gmail.com"));
    // Sub-addressing: jane+demo@ is jane@'s mailbox, so the same person.
    links.add(link("user_id", "plus-u1", "email", "jane@school.edu"));
    links.add(link("lead_id", "plus-l1", "email", "Jane+Demo@School.edu"));
    // A visitor who never logged in.
    links.add(IdentifierLink.single("ga_pseudo_id", "v-only", "events_web"));

    PCollectionTuple out = p.apply(Create.of(links)).apply(resolve());
    PAssert.that(out.get(ResolveIdentities.ASSIGNMENTS))
        .satisfies(
            rows -> {
              Map<String, IdentityAssignment> m = byNode(rows);
              List<String> chain = new ArrayList<>();
              for (int i = 0; i < 4; i++) {
                chain.add("ga_pseudo_id:c-g" + i);
                chain.add("email:c-e" + i + "@gmail.com");
              }
              samePerson(m, chain.get(0), chain.toArray(new String[0]));
              List<String> star = new ArrayList<>(List.of("user_id:s-hub"));
              for (int i = 0; i < 6; i++) {
                star.add("ga_pseudo_id:s-g" + i);
              }
              samePerson(m, star.get(0), star.toArray(new String[0]));
              samePerson(
                  m, "email:left@bridge.edu", "ga_pseudo_id:b-g", "lead_id:b-l1", "user_id:b-u1");
              samePerson(m, "email:right@bridge.edu", "lead_id:b-l2", "user_id:b-u2");
              // Business emails and the billing customers put both persons into one company,
              // named by its strongest company identifier: no account, so its Stripe customer
              // (not its smallest identifier, the ChartMogul uuid, which may arrive later).
              String bridged = companyId("stripe_customer:cus_B");
              assertEquals(bridged, company(m, "user_id:b-u2"));
              assertEquals(bridged, company(m, "user_id:b-u1"));
              assertEquals(bridged, company(m, "domain:bridge.edu"));
              assertEquals(bridged, company(m, "stripe_customer:cus_B"));
              assertThat(m.get("domain:bridge.edu").getPersonId(), nullValue());
              assertThat(m.get("stripe_customer:cus_B").getPersonId(), nullValue());
              assertThat(m.get("chartmogul_customer:cm_B").getPersonId(), nullValue());
              // Blocked partners resolve alone.
              samePerson(m, "ga_pseudo_id:x-g1");
              samePerson(m, "ga_pseudo_id:x-g2");
              samePerson(m, "user_id:x-u1");
              samePerson(m, "user_id:x-u2");
              samePerson(m, "user_id:x-u3");
              assertThat(
                  person(m, "ga_pseudo_id:x-g1"), not(equalTo(person(m, "ga_pseudo_id:x-g2"))));
              assertThat(m.get("user_id:null"), nullValue());
              assertThat(m.get("email:test@test.com"), nullValue());
              samePerson(m, "email:jane.doe@gmail.com", "lead_id:gm-l1", "user_id:gm-u1");
              samePerson(m, "email:jane@school.edu", "lead_id:plus-l1", "user_id:plus-u1");
              assertThat(company(m, "user_id:gm-u1"), nullValue());
              samePerson(m, "ga_pseudo_id:v-only");
              assertThat(company(m, "ga_pseudo_id:v-only"), nullValue());
              // chain, star, bridge (+ domain, customer, ChartMogul), blocked partners, googlemail,
              // sub-addressing (+ domain school.edu), the visitor
              assertEquals(8 + 7 + 10 + 6 + 3 + 4 + 1, m.size());
              return null;
            });
    PAssert.that(out.get(ResolveIdentities.REJECTIONS))
        .satisfies(
            rs -> {
              Map<String, IdentityRejection> m = rejectionsByNode(rs);
              assertThat(m.get("user_id:null").getReason(), containsString("blocked"));
              assertThat(m.get("user_id:NULL").getReason(), containsString("user_id 'NULL'"));
              assertThat(m.get("email:test@test.com").getReason(), containsString("blocklist"));
              assertThat(
                  m.get("ga_pseudo_id:0000000000.0000000000").getReason(), containsString("zeros"));
              assertThat(m.get("user_id:undefined").getReason(), containsString("blocked"));
              assertThat(m.get("email:not-an-email").getReason(), containsString("email syntax"));
              assertThat(
                  m.get("favourite_colour:blue").getReason(),
                  containsString("not a known identifier type"));
              assertEquals(7, m.size());
              return null;
            });
    PAssert.that(out.get(ResolveIdentities.LINK_REJECTIONS))
        .satisfies(
            rs -> {
              List<IdentityLinkRejection> all = new ArrayList<>();
              rs.forEach(all::add);
              assertEquals(all.toString(), 1, all.size());
              IdentityLinkRejection r = all.get(0);
              assertEquals("limit", r.getRule());
              assertEquals("person", r.getLevel());
              assertEquals("lead_id:b-l2", r.getIdentifierType() + ":" + r.getIdentifierValue());
              assertEquals("ga_pseudo_id:b-g", r.getLinkedType() + ":" + r.getLinkedValue());
              assertThat(r.getReason(), containsString("a person holds at most 1 user_id"));
              return null;
            });
    p.run();
  }

  @Test
  public void freeMailDomainNeverJoinsTwoSchools() {
    List<IdentifierLink> links = new ArrayList<>();
    // Two teachers of two schools, both with gmail addresses.
    links.add(link("user_id", "u-a", "email", "jane@gmail.com"));
    links.add(link("user_id", "u-a", "account_id", "acc-A"));
    links.add(link("user_id", "u-b", "email", "john@gmail.com"));
    links.add(link("user_id", "u-b", "account_id", "acc-B"));
    // Enrichment and leads offer gmail.com as a company domain: rejected, never a company.
    links.add(link("account_id", "acc-A", "domain", "gmail.com"));
    links.add(link("account_id", "acc-B", "domain", "https://www.GMail.com/"));
    links.add(link("lead_id", "l-x", "domain", "gmail.com"));
    // A business domain links its account and a colleague's lead.
    links.add(link("account_id", "acc-A", "domain", "www.Springfield-High.edu"));
    links.add(link("lead_id", "l-a2", "email", "Mary@springfield-high.edu"));
    // A free-mail lead that never converted: a person, no company.
    links.add(link("lead_id", "l-free", "email", "someone@yahoo.com"));

    PCollectionTuple out = p.apply(Create.of(links)).apply(resolve());
    PAssert.that(out.get(ResolveIdentities.ASSIGNMENTS))
        .satisfies(
            rows -> {
              Map<String, IdentityAssignment> m = byNode(rows);
              String schoolA = companyId("account_id:acc-A");
              String schoolB = companyId("account_id:acc-B");
              assertThat(schoolA, not(equalTo(schoolB)));
              assertEquals(schoolA, company(m, "user_id:u-a"));
              assertEquals(schoolA, company(m, "email:jane@gmail.com"));
              assertEquals(schoolA, company(m, "lead_id:l-a2"));
              assertEquals(schoolA, company(m, "domain:springfield-high.edu"));
              assertEquals(schoolB, company(m, "user_id:u-b"));
              assertEquals(schoolB, company(m, "account_id:acc-B"));
              assertThat(person(m, "user_id:u-a"), not(equalTo(person(m, "user_id:u-b"))));
              assertThat(m.get("domain:gmail.com"), nullValue());
              assertThat(company(m, "lead_id:l-x"), nullValue());
              assertThat(company(m, "lead_id:l-free"), nullValue());
              samePerson(m, "email:someone@yahoo.com", "lead_id:l-free");
              return null;
            });
    PAssert.that(out.get(ResolveIdentities.REJECTIONS))
        .satisfies(
            rs -> {
              Map<String, IdentityRejection> m = rejectionsByNode(rs);
              assertThat(m.get("domain:gmail.com").getReason(), containsString("free-mail"));
              assertEquals(1, m.size());
              return null;
            });
    p.run();
  }

  @Test
  public void sizeCapRemovesTheHub() {
    List<IdentifierLink> links = new ArrayList<>();
    // One lead-form e-mail (a shared front-desk address) typed on four devices that each also carry
    // a personal address: one component of 9 > cap 5, with no limited identifier in it.
    for (int i = 1; i <= 4; i++) {
      links.add(link("ga_pseudo_id", "desk-" + i, "email", "frontdesk@school.edu"));
      links.add(link("ga_pseudo_id", "desk-" + i, "email", "t" + i + "@gmail.com"));
    }
    // A normal person next to it is untouched.
    links.add(link("user_id", "solo", "ga_pseudo_id", "solo-g"));
    PCollectionTuple out = p.apply(Create.of(links)).apply(resolve().withMaxComponentSize(5));
    PAssert.that(out.get(ResolveIdentities.ASSIGNMENTS))
        .satisfies(
            rows -> {
              Map<String, IdentityAssignment> m = byNode(rows);
              for (int i = 1; i <= 4; i++) {
                samePerson(m, "email:t" + i + "@gmail.com", "ga_pseudo_id:desk-" + i);
              }
              assertThat(
                  person(m, "ga_pseudo_id:desk-1"), not(equalTo(person(m, "ga_pseudo_id:desk-2"))));
              assertThat(m.get("email:frontdesk@school.edu"), nullValue());
              samePerson(m, "ga_pseudo_id:solo-g", "user_id:solo");
              // 4 devices, 4 addresses, solo's 2, and school.edu (the removed hub's domain)
              assertEquals(8 + 2 + 1, m.size());
              return null;
            });
    PAssert.that(out.get(ResolveIdentities.REJECTIONS))
        .satisfies(
            onlyHub(
                "email:frontdesk@school.edu",
                9,
                "email 'frontdesk@school.edu' links 4",
                "person size cap of 5"));
    PAssert.that(out.get(ResolveIdentities.LINK_REJECTIONS)).empty();
    p.run();
  }

  /**
   * Companies have a cap too: a district-wide domain that six teachers' e-mails and an account
   * share is a company of 8 members (domain, account, 6 persons) > cap 5; the domain, the hub, is
   * removed and reported, and its persons keep their person without a company. Beside it, an
   * administrator of two schools with one free-mail address and two backend users: the address
   * joins one user only (a person holds one user_id), so the two schools stay apart; nor may a
   * finance office that pays for two schools merge them.
   */
  @Test
  public void companyCapAndAnAdministratorOfTwoSchools() {
    List<IdentifierLink> links = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      links.add(link("user_id", "t" + i, "email", "t" + i + "@district.org"));
    }
    links.add(link("account_id", "acc-D", "domain", "district.org"));
    links.add(link("user_id", "u-a1", "email", "admin@outlook.com"));
    links.add(link("user_id", "u-a1", "account_id", "acc-A"));
    links.add(link("user_id", "u-b1", "email", "admin@outlook.com"));
    links.add(link("user_id", "u-b1", "account_id", "acc-B"));
    links.add(link("user_id", "u-a2", "account_id", "acc-A"));
    links.add(link("user_id", "u-a2", "email", "c@a-school.org"));
    links.add(link("account_id", "acc-A", "domain", "a-school.org"));
    links.add(link("user_id", "u-b2", "account_id", "acc-B"));
    // School B's Stripe customer is billed to the administrator's address too.
    links.add(link("stripe_customer", "cus-b", "email", "admin@outlook.com"));
    links.add(link("stripe_customer", "cus-b", "account_id", "acc-B"));
    // One finance office pays for two schools: two Stripe customers, one billing address.
    links.add(link("stripe_customer", "cus-c", "email", "finance@trust.org"));
    links.add(link("stripe_customer", "cus-c", "account_id", "acc-C"));
    links.add(link("stripe_customer", "cus-e", "email", "finance@trust.org"));
    links.add(link("stripe_customer", "cus-e", "account_id", "acc-E"));
    PCollectionTuple out =
        p.apply(Create.of(links)).apply(resolve().withMaxCompanyComponentSize(5));
    PAssert.that(out.get(ResolveIdentities.ASSIGNMENTS))
        .satisfies(
            rows -> {
              Map<String, IdentityAssignment> m = byNode(rows);
              for (int i = 1; i <= 6; i++) {
                samePerson(m, "email:t" + i + "@district.org", "user_id:t" + i);
                assertThat(company(m, "user_id:t" + i), nullValue());
              }
              assertThat(m.get("domain:district.org"), nullValue());
              assertEquals(companyId("account_id:acc-D"), company(m, "account_id:acc-D"));
              // One address, two backend users: a person holds one user_id, so the address stays
              // with u-a1 (tried first) and u-b1 is a person of its own, in school B.
              samePerson(m, "email:admin@outlook.com", "user_id:u-a1");
              samePerson(m, "user_id:u-b1");
              sameCompany(
                  m, "account_id:acc-A", "user_id:u-a1", "user_id:u-a2", "domain:a-school.org");
              sameCompany(
                  m, "account_id:acc-B", "user_id:u-b1", "user_id:u-b2", "stripe_customer:cus-b");
              sameCompany(
                  m, "account_id:acc-C", "stripe_customer:cus-c", "email:finance@trust.org");
              sameCompany(m, "account_id:acc-E", "stripe_customer:cus-e");
              return null;
            });
    PAssert.that(out.get(ResolveIdentities.REJECTIONS))
        .satisfies(
            onlyHub(
                "domain:district.org",
                8,
                "domain 'district.org' links 7 members",
                "company size cap of 5"));
    p.run();
  }

  /**
   * Ids are a function of each person's strongest identifier (its one user_id, else its one lead),
   * so the ids a run gives the base graph must survive the arrival of an unrelated person and
   * company whose identifiers sort before every existing one, and of new e-mails and devices of
   * existing persons that sort before their identifiers. One pipeline: the base run's ids are the
   * hashes written out below.
   */
  @Test
  public void addingIdentifiersChangesNoExistingId() {
    List<IdentifierLink> base = new ArrayList<>();
    base.add(link("user_id", "u1", "email", "ann@school.edu"));
    base.add(link("ga_pseudo_id", "g1", "user_id", "u1"));
    base.add(link("user_id", "u1", "account_id", "acc-1"));
    base.add(link("lead_id", "l2", "email", "bob@gmail.com"));
    base.add(IdentifierLink.single("ga_pseudo_id", "g9", "events_web"));
    Map<String, String> basePersons = new HashMap<>();
    // Named by the strongest identifier: Ann's user id, Bob's lead id.
    for (String n : List.of("email:ann@school.edu", "ga_pseudo_id:g1", "user_id:u1")) {
      basePersons.put(n, personId("user_id:u1"));
    }
    basePersons.put("lead_id:l2", personId("lead_id:l2"));
    basePersons.put("email:bob@gmail.com", personId("lead_id:l2"));
    basePersons.put("ga_pseudo_id:g9", personId("ga_pseudo_id:g9"));
    List<IdentifierLink> extended = new ArrayList<>(base);
    extended.add(link("chartmogul_customer", "aaa", "email", "aaa@aaa-school.edu"));
    extended.add(link("account_id", "aaa", "domain", "aaa-school.edu"));
    // Identifiers that join existing persons and sort before their old anchors: Ann's second
    // address and device, Bob's new device. The ids stay.
    extended.add(link("user_id", "u1", "email", "a.ann@school.edu"));
    extended.add(link("ga_pseudo_id", "a-g0", "user_id", "u1"));
    extended.add(link("ga_pseudo_id", "a-g1", "lead_id", "l2"));

    PCollectionTuple out = p.apply(Create.of(extended)).apply(resolve());
    PAssert.that(out.get(ResolveIdentities.ASSIGNMENTS))
        .satisfies(
            rows -> {
              Map<String, IdentityAssignment> m = byNode(rows);
              for (Map.Entry<String, String> e : basePersons.entrySet()) {
                assertEquals(e.getKey(), e.getValue(), person(m, e.getKey()));
              }
              for (String n : List.of("email:ann@school.edu", "ga_pseudo_id:g1", "user_id:u1")) {
                assertEquals(n, companyId("account_id:acc-1"), company(m, n));
              }
              assertEquals(companyId("account_id:acc-1"), company(m, "domain:school.edu"));
              assertThat(company(m, "lead_id:l2"), nullValue());
              samePerson(m, "email:aaa@aaa-school.edu");
              assertEquals(companyId("account_id:aaa"), company(m, "email:aaa@aaa-school.edu"));
              assertEquals(companyId("account_id:aaa"), company(m, "chartmogul_customer:aaa"));
              for (String n : List.of("email:a.ann@school.edu", "ga_pseudo_id:a-g0")) {
                assertEquals(n, personId("user_id:u1"), person(m, n));
              }
              assertEquals(personId("lead_id:l2"), person(m, "ga_pseudo_id:a-g1"));
              assertEquals(basePersons.size() + 2 + 2 + 2 + 3, m.size());
              return null;
            });
    p.run();
  }

  @Test
  public void failsLoudlyWhenRoundsAreNotEnough() {
    List<IdentifierLink> links = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      links.add(
          link(
              "user_id",
              String.format("u%02d", (i * 7) % 41),
              "user_id",
              String.format("u%02d", ((i + 1) * 7) % 41)));
    }
    // The rounds only (one worker would finish any graph of this size), and no local contraction:
    // the path would be contracted into a star before the first round.
    p.apply(Create.of(links))
        .apply(resolve().withMaxOneWorkerNodes(0).withMaxRounds(1).withMaxContractedNodes(0));
    try {
      p.run();
      fail("expected a convergence failure");
    } catch (PipelineExecutionException e) {
      assertThat(e.getCause(), instanceOf(IllegalStateException.class));
      assertThat(e.getCause().getMessage(), containsString("did not converge in 1 rounds"));
    }
  }
}
