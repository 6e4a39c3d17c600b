package io.intelligencesuite.transforms.identity;

import static io.intelligencesuite.transforms.identity.IdentifierTypes.companyId;
import static io.intelligencesuite.transforms.identity.IdentifierTypes.personId;
import static io.intelligencesuite.transforms.identity.ResolveIdentitiesTest.byNode;
import static io.intelligencesuite.transforms.identity.ResolveIdentitiesTest.company;
import static io.intelligencesuite.transforms.identity.ResolveIdentitiesTest.link;
import static io.intelligencesuite.transforms.identity.ResolveIdentitiesTest.person;
import static io.intelligencesuite.transforms.identity.ResolveIdentitiesTest.resolve;
import static io.intelligencesuite.transforms.identity.ResolveIdentitiesTest.sameCompany;
import static io.intelligencesuite.transforms.identity.ResolveIdentitiesTest.samePerson;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The merge rules ({@link IdentityRules}) on the production resolver, one small hand-built graph
 * per rule, on the DirectRunner: shared devices, shared domains, per-type limits and manual
 * overrides. Each expected grouping is worked out by hand in the comments.
 */
@RunWith(JUnit4.class)
public class IdentityRulesTest {
  @Rule
  public final transient TestPipeline p =
      TestPipeline.fromOptions(ResolveIdentitiesTest.fastDirectRunner());

  /** Refused links as "rule identifier -> linked", sorted. */
  static Map<String, IdentityLinkRejection> refused(Iterable<IdentityLinkRejection> rs) {
    Map<String, IdentityLinkRejection> out = new TreeMap<>();
    for (IdentityLinkRejection r : rs) {
      String key =
          r.getLevel()
              + " "
              + r.getRule()
              + " "
              + r.getIdentifierType()
              + ":"
              + r.getIdentifierValue()
              + " -> "
              + r.getLinkedType()
              + ":"
              + r.getLinkedValue();
      assertTrue("refused twice: " + key, out.put(key, r) == null);
    }
    return out;
  }

  /**
   * The refused links of {@code out} are exactly {@code keys} (see {@link #refused}), and the
   * reason of each key in {@code reasons} contains its text.
   */
  static void expectRefused(
      PCollectionTuple out, List<String> keys, Map<String, List<String>> reasons) {
    PAssert.that(out.get(ResolveIdentities.LINK_REJECTIONS))
        .satisfies(
            rs -> {
              Map<String, IdentityLinkRejection> r = refused(rs);
              assertEquals(keys, new ArrayList<>(r.keySet()));
              reasons.forEach(
                  (key, parts) ->
                      parts.forEach(
                          part -> assertThat(key, r.get(key).getReason(), containsString(part))));
              return null;
            });
  }

  /**
   * A school-office computer: teachers t1 and t2 of one school log in on it the same day, and t3
   * fills a lead form on it. Without the rule the device joins t1, t2 and t3 into one person. With
   * it the device (two user ids) links to none of its three partners: t1, t2, t3 stay three
   * persons, the device is a person of its own, and the three refused links are reported.
   * Alongside, a normal device with one user keeps its link.
   */
  @Test
  public void sharedDeviceMergesNobody() {
    List<IdentifierLink> links = new ArrayList<>();
    links.add(link("ga_pseudo_id", "office-pc", "user_id", "t1"));
    links.add(link("ga_pseudo_id", "office-pc", "user_id", "t2"));
    links.add(link("lead_id", "l3", "ga_pseudo_id", "office-pc"));
    links.add(link("user_id", "t1", "email", "t1@school.edu"));
    links.add(link("user_id", "t2", "email", "t2@school.edu"));
    links.add(link("lead_id", "l3", "email", "t3@school.edu"));
    links.add(link("user_id", "t1", "account_id", "acc-S"));
    links.add(link("user_id", "t2", "account_id", "acc-S"));
    links.add(link("ga_pseudo_id", "laptop", "user_id", "t4"));
    PCollectionTuple out = p.apply(Create.of(links)).apply(resolve());
    PAssert.that(out.get(ResolveIdentities.ASSIGNMENTS))
        .satisfies(
            rows -> {
              Map<String, IdentityAssignment> m = byNode(rows);
              samePerson(m, "user_id:t1", "email:t1@school.edu");
              samePerson(m, "user_id:t2", "email:t2@school.edu");
              samePerson(m, "lead_id:l3", "email:t3@school.edu");
              samePerson(m, "ga_pseudo_id:office-pc");
              samePerson(m, "user_id:t4", "ga_pseudo_id:laptop");
              // The teachers still share their school, through their accounts and domain.
              assertEquals(companyId("account_id:acc-S"), company(m, "user_id:t1"));
              assertEquals(companyId("account_id:acc-S"), company(m, "user_id:t2"));
              assertEquals(companyId("account_id:acc-S"), company(m, "lead_id:l3"));
              assertThat(company(m, "ga_pseudo_id:office-pc"), nullValue());
              return null;
            });
    expectRefused(
        out,
        List.of(
            "person shared_device ga_pseudo_id:office-pc -> lead_id:l3",
            "person shared_device ga_pseudo_id:office-pc -> user_id:t1",
            "person shared_device ga_pseudo_id:office-pc -> user_id:t2"),
        Map.of(
            "person shared_device ga_pseudo_id:office-pc -> lead_id:l3",
            List.of("was used by 2 user_id (user_id 't1', user_id 't2')")));
    p.run();
  }

  /**
   * A trust: schools acc-1 and acc-2 share the e-mail domain trust.org (both companies rows name
   * it), each with its own Stripe customer (metadata) and teacher. A lead of the trust's head
   * office names only the domain, and an enriched visit names it too. The domain touches two keyed
   * companies, so it joins neither: acc-1 and acc-2 stay two companies, each with its customer and
   * teacher; the domain, the lead and the visitor have no company (never an arbitrary school), and
   * every refused domain link is reported. Alongside, a school with its own domain keeps it.
   */
  @Test
  public void sharedDomainMergesNoCompanies() {
    List<IdentifierLink> links = new ArrayList<>();
    links.add(link("account_id", "acc-1", "domain", "trust.org"));
    links.add(link("account_id", "acc-2", "domain", "trust.org"));
    links.add(link("stripe_customer", "cus_1", "account_id", "acc-1"));
    links.add(link("stripe_customer", "cus_2", "account_id", "acc-2"));
    links.add(link("user_id", "u1", "account_id", "acc-1"));
    links.add(link("user_id", "u1", "email", "ann@trust.org"));
    links.add(link("user_id", "u2", "account_id", "acc-2"));
    links.add(link("user_id", "u2", "email", "bob@trust.org"));
    links.add(link("lead_id", "l-head", "email", "head@trust.org"));
    links.add(link("lead_id", "l-head", "domain", "trust.org"));
    links.add(link("ga_pseudo_id", "visitor", "domain", "trust.org"));
    links.add(link("account_id", "acc-3", "domain", "solo.edu"));
    links.add(link("lead_id", "l-solo", "domain", "solo.edu"));
    PCollectionTuple out = p.apply(Create.of(links)).apply(resolve());
    PAssert.that(out.get(ResolveIdentities.ASSIGNMENTS))
        .satisfies(
            rows -> {
              Map<String, IdentityAssignment> m = byNode(rows);
              String one = companyId("account_id:acc-1");
              String two = companyId("account_id:acc-2");
              for (String n : List.of("account_id:acc-1", "stripe_customer:cus_1", "user_id:u1")) {
                assertEquals(n, one, company(m, n));
              }
              for (String n : List.of("account_id:acc-2", "stripe_customer:cus_2", "user_id:u2")) {
                assertEquals(n, two, company(m, n));
              }
              assertThat(m.get("domain:trust.org"), nullValue());
              assertThat(company(m, "lead_id:l-head"), nullValue());
              assertThat(company(m, "ga_pseudo_id:visitor"), nullValue());
              assertEquals(companyId("account_id:acc-3"), company(m, "lead_id:l-solo"));
              assertEquals(companyId("account_id:acc-3"), company(m, "domain:solo.edu"));
              return null;
            });
    // The domain's partners in keyed companies: the two accounts and the two teachers (their
    // business e-mails name it; a person is reported under its anchor, its smallest identifier);
    // the lead and the visitor are keyless and stay with the domain, outside every company.
    expectRefused(
        out,
        List.of(
            "company shared_domain domain:trust.org -> account_id:acc-1",
            "company shared_domain domain:trust.org -> account_id:acc-2",
            "company shared_domain domain:trust.org -> email:ann@trust.org",
            "company shared_domain domain:trust.org -> email:bob@trust.org"),
        Map.of(
            "company shared_domain domain:trust.org -> account_id:acc-1",
            List.of("shared by 2 companies (account_id 'acc-1', account_id 'acc-2')")));
    p.run();
  }

  /**
   * HubSpot keeps one company per domain, so the trust's two schools (acc-1, acc-2 on trust.org)
   * are one HubSpot company hs-T, whose contacts work at both: c1 is teacher u1 of acc-1
   * (ann@trust.org), c2 teacher u2 of acc-2 (bob@trust.org), c3 a prospect at the head office
   * (head@trust.org, no user). The domain is placed first: it touches acc-1 and acc-2, so it joins
   * neither, and takes only the keyless c3. Then hs-T: its domain is the shared one (link refused),
   * c3 is with it (refused likewise), and c1 and c2 lie in two keyed companies, so hs-T joins
   * neither. So acc-1 and acc-2 stay apart, each contact stays with its school through its user,
   * hs-T, the domain and c3 have no company. Alongside, school acc-3's HubSpot company hs-S on
   * solo.edu touches only acc-3 and joins it, bringing contact c4, who is lead l4 by e-mail (a
   * free-mail address: only the CRM association names the school).
   */
  @Test
  public void aTrustsOneCrmCompanyMergesNoSchools() {
    List<IdentifierLink> links = new ArrayList<>();
    links.add(link("account_id", "acc-1", "domain", "trust.org"));
    links.add(link("account_id", "acc-2", "domain", "trust.org"));
    links.add(link("user_id", "u1", "account_id", "acc-1"));
    links.add(link("user_id", "u1", "email", "ann@trust.org"));
    links.add(link("user_id", "u2", "account_id", "acc-2"));
    links.add(link("user_id", "u2", "email", "bob@trust.org"));
    links.add(link("crm_company", "hs-T", "domain", "trust.org"));
    links.add(link("crm_contact", "c1", "email", "ann@trust.org"));
    links.add(link("crm_contact", "c1", "crm_company", "hs-T"));
    links.add(link("crm_contact", "c2", "email", "bob@trust.org"));
    links.add(link("crm_contact", "c2", "crm_company", "hs-T"));
    links.add(link("crm_contact", "c3", "email", "head@trust.org"));
    links.add(link("crm_contact", "c3", "crm_company", "hs-T"));
    links.add(link("account_id", "acc-3", "domain", "solo.edu"));
    links.add(link("crm_company", "hs-S", "domain", "solo.edu"));
    links.add(link("crm_contact", "c4", "email", "amy@gmail.com"));
    links.add(link("crm_contact", "c4", "crm_company", "hs-S"));
    links.add(link("lead_id", "l4", "email", "amy@gmail.com"));
    PCollectionTuple out = p.apply(Create.of(links)).apply(resolve());
    PAssert.that(out.get(ResolveIdentities.ASSIGNMENTS))
        .satisfies(
            rows -> {
              Map<String, IdentityAssignment> m = byNode(rows);
              samePerson(m, "user_id:u1", "crm_contact:c1", "email:ann@trust.org");
              samePerson(m, "user_id:u2", "crm_contact:c2", "email:bob@trust.org");
              samePerson(m, "crm_contact:c3", "email:head@trust.org");
              samePerson(m, "lead_id:l4", "crm_contact:c4", "email:amy@gmail.com");
              sameCompany(m, "account_id:acc-1", "user_id:u1", "crm_contact:c1");
              sameCompany(m, "account_id:acc-2", "user_id:u2", "crm_contact:c2");
              assertThat(m.get("crm_company:hs-T"), nullValue());
              assertThat(m.get("domain:trust.org"), nullValue());
              assertThat(company(m, "crm_contact:c3"), nullValue());
              sameCompany(
                  m,
                  "account_id:acc-3",
                  "domain:solo.edu",
                  "crm_company:hs-S",
                  "crm_contact:c4",
                  "lead_id:l4");
              return null;
            });
    // Persons are reported under their anchor, their smallest identifier (crm_contact:c1 ...).
    expectRefused(
        out,
        List.of(
            "company shared_domain crm_company:hs-T -> crm_contact:c1",
            "company shared_domain crm_company:hs-T -> crm_contact:c2",
            "company shared_domain crm_company:hs-T -> crm_contact:c3",
            "company shared_domain crm_company:hs-T -> domain:trust.org",
            "company shared_domain domain:trust.org -> account_id:acc-1",
            "company shared_domain domain:trust.org -> account_id:acc-2",
            "company shared_domain domain:trust.org -> crm_contact:c1",
            "company shared_domain domain:trust.org -> crm_contact:c2"),
        Map.of(
            "company shared_domain crm_company:hs-T -> crm_contact:c1",
            List.of("a CRM company is evidence, not a key"),
            "company shared_domain crm_company:hs-T -> domain:trust.org",
            List.of("already holds a shared domain")));
    p.run();
  }

  /**
   * Limits. Persons: a teacher moves from school A to school B of the same trust and the backend
   * gives her a second user with the same address; a lead database holds two leads for one address.
   * The address joins the user (lead) tried first, u-a (l-1), and the other stays a person of its
   * own. Companies: acc-M has two Stripe customers that both name it in their metadata (a source
   * says they belong together: one company), and a third customer cus_x whose billing address is a
   * teacher's of acc-M but names no account: it would be a second unrelated customer, so it stays a
   * company of its own.
   */
  @Test
  public void limitsKeepOneUserOneLeadOneAccountOneCustomer() {
    List<IdentifierLink> links = new ArrayList<>();
    links.add(link("user_id", "u-a", "email", "mia@trust.org"));
    links.add(link("user_id", "u-a", "account_id", "acc-A"));
    links.add(link("user_id", "u-b", "email", "mia@trust.org"));
    links.add(link("user_id", "u-b", "account_id", "acc-B"));
    links.add(link("lead_id", "l-1", "email", "sam@gmail.com"));
    links.add(link("lead_id", "l-2", "email", "sam@gmail.com"));
    links.add(link("stripe_customer", "cus_m1", "account_id", "acc-M"));
    links.add(link("stripe_customer", "cus_m2", "account_id", "acc-M"));
    links.add(link("user_id", "u-m", "account_id", "acc-M"));
    links.add(link("user_id", "u-m", "email", "pay@gmail.com"));
    links.add(link("stripe_customer", "cus_x", "email", "pay@gmail.com"));
    PCollectionTuple out = p.apply(Create.of(links)).apply(resolve());
    PAssert.that(out.get(ResolveIdentities.ASSIGNMENTS))
        .satisfies(
            rows -> {
              Map<String, IdentityAssignment> m = byNode(rows);
              samePerson(m, "user_id:u-a", "email:mia@trust.org");
              samePerson(m, "user_id:u-b");
              samePerson(m, "lead_id:l-1", "email:sam@gmail.com");
              samePerson(m, "lead_id:l-2");
              assertEquals(companyId("account_id:acc-A"), company(m, "email:mia@trust.org"));
              assertEquals(companyId("account_id:acc-B"), company(m, "user_id:u-b"));
              String acm = companyId("account_id:acc-M");
              for (String n :
                  List.of("stripe_customer:cus_m1", "stripe_customer:cus_m2", "user_id:u-m")) {
                assertEquals(n, acm, company(m, n));
              }
              assertEquals(companyId("stripe_customer:cus_x"), company(m, "stripe_customer:cus_x"));
              return null;
            });
    expectRefused(
        out,
        List.of(
            "company limit stripe_customer:cus_x -> email:pay@gmail.com",
            "person limit lead_id:l-2 -> email:sam@gmail.com",
            "person limit user_id:u-b -> email:mia@trust.org"),
        Map.of(
            "person limit user_id:u-b -> email:mia@trust.org",
            List.of("a person holds at most 1 user_id", "the person of user_id 'u-a'"),
            "company limit stripe_customer:cus_x -> email:pay@gmail.com",
            List.of("a company holds at most 1 stripe_customer")));
    p.run();
  }

  /**
   * Manual overrides: u-x and x@school.edu are linked by the data but must not be (a typo in the
   * backend); device g-y and user u-y are never linked by the data but must be (a support ticket
   * confirmed it); and a must-link between two users is exempt from the one-user limit.
   */
  @Test
  public void overridesLinkAndSeparate() {
    List<IdentifierLink> links = new ArrayList<>();
    links.add(link("user_id", "u-x", "email", "x@school.edu"));
    links.add(link("lead_id", "l-x", "email", "x@school.edu"));
    links.add(IdentifierLink.single("ga_pseudo_id", "g-y", "events_web"));
    links.add(IdentifierLink.single("user_id", "u-y", "users"));
    links.add(IdentifierLink.single("user_id", "u-z1", "users"));
    links.add(IdentifierLink.single("user_id", "u-z2", "users"));
    List<IdentityOverride> overrides =
        IdentityOverride.parse(
            "# rule,type,value,type,value\n"
                + "must_not_link,user_id,u-x,email,X@School.edu\n"
                + "must_link,ga_pseudo_id,g-y,user_id,u-y\n"
                + "must_link,user_id,u-z1,user_id,u-z2\n",
            "overrides.csv");
    PCollectionTuple out = p.apply(Create.of(links)).apply(resolve().withOverrides(overrides));
    PAssert.that(out.get(ResolveIdentities.ASSIGNMENTS))
        .satisfies(
            rows -> {
              Map<String, IdentityAssignment> m = byNode(rows);
              samePerson(m, "user_id:u-x");
              samePerson(m, "lead_id:l-x", "email:x@school.edu");
              samePerson(m, "user_id:u-y", "ga_pseudo_id:g-y");
              assertEquals(personId("user_id:u-z1"), person(m, "user_id:u-z2"));
              return null;
            });
    // The address is the weaker side: it stays apart, with the lead.
    expectRefused(
        out,
        List.of("person must_not_link email:x@school.edu -> user_id:u-x"),
        Map.of(
            "person must_not_link email:x@school.edu -> user_id:u-x",
            List.of("a must_not_link override keeps")));
    p.run();
  }

  @Test
  public void overrideFileErrorsNameTheLine() {
    try {
      IdentityOverride.parse("must_link,user_id,u1,account_id,acc-1\n", "o.csv");
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage(), containsString("o.csv line 1"));
      assertThat(e.getMessage(), containsString("a person-level and a company-level identifier"));
      try {
        IdentityOverride.parse("\nmaybe_link,user_id,u1,user_id,u2\n", "o.csv");
      } catch (IllegalArgumentException e2) {
        assertThat(e2.getMessage(), containsString("o.csv line 2"));
        return;
      }
    }
    throw new AssertionError("bad override files were accepted");
  }

  /** The component check is what keeps the common case on the fast path. */
  @Test
  public void onlyComponentsThatBreakARuleAreResolvedOneByOne() {
    IdentityRules persons = IdentityRules.persons(List.of());
    assertFalse(
        persons.needsConstrainedResolution(
            "email:a@b.org",
            List.of("user_id:1", "lead_id:2", "ga_pseudo_id:3", "ga_pseudo_id:4")));
    assertTrue(
        persons.needsConstrainedResolution("email:a@b.org", List.of("user_id:1", "user_id:2")));
    assertTrue(persons.needsConstrainedResolution("lead_id:1", List.of("lead_id:2")));
    // The whole-set form counts each node once (one user id is within the limit).
    assertFalse(persons.needsConstrainedResolution(List.of("user_id:1", "email:a@b.org")));
    assertTrue(persons.needsConstrainedResolution(List.of("user_id:1", "user_id:2")));
    // "user_idx:" is not a user_id; a person node in the company graph is never limited.
    assertFalse(persons.needsConstrainedResolution("user_idx:1", List.of("user_id:2")));
    IdentityRules companies = IdentityRules.companies(List.of());
    assertFalse(
        companies.needsConstrainedResolution(
            "account_id:1", List.of("domain:a.org", "stripe_customer:c", "~user_id:9")));
    assertTrue(
        companies.needsConstrainedResolution(
            "account_id:1", List.of("domain:a.org", "account_id:2")));
    assertThat(
        companies.best(List.of("~email:a@b.org", "domain:a.org", "stripe_customer:c")),
        equalTo("stripe_customer:c"));
    assertThat(
        IdentityRules.persons(List.of()).best(List.of("email:a@b.org", "user_id:z")),
        not(equalTo("email:a@b.org")));
  }
}
