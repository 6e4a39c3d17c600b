package io.intelligencesuite.local.demo;

import static org.junit.Assert.assertEquals;

import java.util.Set;
import org.junit.Test;

/**
 * ObservableSessions on a hand-built journey: one school, one prospect on two devices. Device A
 * sends the lead form and signs up (a user_id), device B never logs in:
 *
 * <pre>
 *   t=100 B referral   (the company's first session: intended acquisition referral)
 *   t=200 A social
 *   t=300 B email      (the lead's last non-direct session: intended lead and trial channel email)
 *   t=400 A direct, lead form at t=450 (work e-mail at the school's domain)
 *   t=500 A direct, sign-up as u_1 (account 1001)
 * </pre>
 *
 * The warehouse can tie only A to the lead and the school, so the observable lead, trial and
 * acquisition channel is social (t=200, the last non-direct session on A before the lead, and A's
 * first session).
 */
public class ObservableSessionsTest {
  private final World w = new World(1, 1);
  private final Company school =
      new Company(
          "co_1",
          "Riverside",
          "riverside.org",
          Geography.COUNTRIES.get(0),
          "city",
          "region",
          "small",
          300,
          20,
          0.5,
          0.5,
          100,
          false);
  private final Person admin = new Person("p_1", "Ann", "Lee", school, true);
  private final Device a = device("1.1");
  private final Device b = device("2.2");
  private Lead lead;

  private static Device device(String id) {
    return new Device(id, "desktop", "Windows", "10", "Chrome", "131.0", "Microsoft", "en-us");
  }

  private WebSession session(Person p, Device d, long t, Channel ch) {
    WebSession s = new WebSession(d, p, t, ch);
    w.sessions.add(s);
    return s;
  }

  private void journey() {
    w.companies.add(school);
    w.people.add(admin);
    admin.devices.add(a);
    admin.devices.add(b);
    school.people.add(admin);
    session(admin, b, 100, new Channel("capterra.com", "referral", null, null));
    session(admin, a, 200, new Channel("facebook", "social", null, null));
    session(admin, b, 300, new Channel("newsletter", "email", "nurture", null));
    session(admin, a, 400, Channel.DIRECT);
    lead =
        new Lead("lead_1", admin, "ann@riverside.org", "riverside.org", Channel.DIRECT, "1.1", 450);
    admin.leads.add(lead);
    w.leads.add(lead);
    school.accountId = 1001;
    BackendUser u = new BackendUser("u_1", 1001, admin, "ann@riverside.org", "admin", 510);
    school.users.add(u);
    admin.users.add(u);
    session(admin, a, 500, Channel.DIRECT).userIdAfterConversion = "u_1";
  }

  @Test
  public void onlyTheDevicesAUserIdOrALeadFormNamesAreObservable() {
    journey();
    // Intended (all of the person's sessions): email for the lead and the trial, referral first.
    assertEquals(
        "email", LeadChannelTruth.lastNonDirectChannel(lead, LeadChannelTruth.sessionsByPerson(w)));
    assertObservable("social", "social", "social");
  }

  @Test
  public void anEnrichedVisitTiesItsDeviceToTheCompanyNotToTheLead() {
    journey();
    w.enrichedDevices.put(b, Set.of(school));
    // B's referral at t=100 is now the school's first session; the lead still sees only A.
    assertObservable("social", "social", "referral");
  }

  @Test
  public void aSharedDeviceTiesNobody() {
    journey();
    // A colleague logs in on A too: A names two persons, so identity ties it to neither. The lead
    // keeps its form's own channel (direct), and so does the trial; the school has no session it
    // can see, so no acquisition channel (the marts' segment unknown).
    Person colleague = new Person("p_2", "Bo", "Ng", school, false);
    w.people.add(colleague);
    colleague.devices.add(a);
    session(colleague, a, 600, Channel.DIRECT).userIdAfterConversion = "u_2";
    assertObservable("direct", "direct", "unknown");
  }

  /** The channels identity can see: the lead's, the school's trial's and its acquisition's. */
  private void assertObservable(String leadChannel, String trialChannel, String acquisition) {
    ObservableSessions o = new ObservableSessions(w);
    assertEquals(leadChannel, o.leadChannel(lead));
    assertEquals(trialChannel, o.trialChannel(school));
    assertEquals(acquisition, o.acquisitionChannel(school));
  }
}
