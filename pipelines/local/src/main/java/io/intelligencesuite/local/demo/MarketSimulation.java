package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The go-to-market half of the simulation: schools arrive month by month (more each month, as a
 * growing company's marketing would bring), their staff browse the site across devices and
 * channels, fill in lead forms, sign up for a 14-day trial, invite colleagues and use the product;
 * the trial activates or not; activated, well-fitting schools convert. {@link BillingSimulation}
 * takes over at sign-up.
 *
 * <p>Latent fit and intent drive every step, so the lead score (an estimate of them) really
 * predicts trial and paid conversion.
 */
final class MarketSimulation {
  static final long TRIAL = 14 * SimCalendar.DAY;
  static final String[] CORE = {"attendance", "gradebook", "timetable"};
  static final String[] OTHER = {"messaging", "billing", "reports", "parent_portal"};
  static final String INTERNAL_DOMAIN = "classharbor.example";

  private final World w;
  private final Rng companyRng;
  private final Rng webRng;
  private final Rng usageRng;
  private final Rng leadRng;
  private final BillingSimulation billing;
  private final IdentityOverlaps overlaps;
  private final java.util.Set<String> paying;
  private final Set<String> domains = new HashSet<>();
  private int smallFreeMailSignups;
  private Person sharedAdmin;

  /** Every e-mail address handed out so far, and its person. */
  private final java.util.Map<String, Person> emailOwners = new java.util.HashMap<>();

  MarketSimulation(World w, Rng root) {
    this(w, root, java.util.Set.of());
  }

  /**
   * @param paying the schools that become paying customers in this seed's run (from {@link
   *     #payingCustomers}); trusts sharing a domain are planted among them
   */
  MarketSimulation(World w, Rng root, java.util.Set<String> paying) {
    this.w = w;
    this.paying = paying;
    this.companyRng = root.fork("companies");
    this.webRng = root.fork("web");
    this.usageRng = root.fork("usage");
    this.leadRng = root.fork("leads");
    this.billing = new BillingSimulation(w, root.fork("billing"));
    // Forked last, so every stream above draws as it did before the identity plants existed.
    this.overlaps = new IdentityOverlaps(w, root.fork("identity-overlaps"));
  }

  void run() {
    createCompanies();
    for (Company c : w.companies) {
      journey(c);
    }
    for (Company c : w.companies) {
      if (c.hasAccount()) {
        loggedInSessions(c);
      }
    }
    overlaps.afterSimulation(MarketSimulation::language);
    w.sessions.sort(
        java.util.Comparator.comparingLong((WebSession s) -> s.start)
            .thenComparing(s -> s.device.pseudoId));
  }

  /**
   * The schools that become paying customers (an account and a Stripe customer) in a run of this
   * market stream: a dry run of the simulation on a world of its own. Domains draw nothing, so the
   * real run, with trusts sharing domains, makes exactly the same choices.
   */
  static java.util.Set<String> payingCustomers(long seed, int scale, Rng market) {
    World dry = new World(seed, scale);
    new MarketSimulation(dry, market).run();
    java.util.Set<String> out = new java.util.HashSet<>();
    for (Company c : dry.companies) {
      if (!c.test && c.hasAccount() && c.customer != null) {
        out.add(c.companyId);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- companies

  private void createCompanies() {
    List<Long> arrivals = new ArrayList<>();
    List<Boolean> tests = new ArrayList<>();
    for (int m = 0; m < SimCalendar.MONTHS; m++) {
      long start = SimCalendar.monthStart(m);
      long len = SimCalendar.monthStart(m + 1) - start;
      int n = companyRng.poisson(19.0 * w.scale * (1 + 0.045 * m));
      List<Long> month = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        month.add(start + companyRng.nextLong(len));
      }
      // Internal QA accounts, created by the team itself (flagged in truth, to be excluded).
      if (m == 1 || m == 9 || m == 17) {
        month.add(start + 9 * SimCalendar.DAY + 10 * SimCalendar.HOUR + m);
      }
      month.sort(null);
      for (long t : month) {
        arrivals.add(t);
        tests.add(
            t == start + 9 * SimCalendar.DAY + 10 * SimCalendar.HOUR + m
                && (m == 1 || m == 9 || m == 17));
      }
    }
    int qa = 0;
    for (int i = 0; i < arrivals.size(); i++) {
      String id = "co_" + Names.pad(i + 1, 5);
      if (tests.get(i)) {
        qa++;
        Geography.Country us = Geography.COUNTRIES.get(0);
        w.companies.add(
            new Company(
                id,
                "ClassHarbor QA School " + qa,
                INTERNAL_DOMAIN,
                us,
                "Austin",
                "Texas",
                "small",
                120,
                8,
                0.5,
                0.5,
                arrivals.get(i),
                true));
        continue;
      }
      w.companies.add(newCompany(id, arrivals.get(i)));
    }
    // Before any journey, so the trust schools' staff get the trust's addresses.
    overlaps.trusts(w.companies, domains, paying);
  }

  private Company newCompany(String id, long arrival) {
    Rng r = companyRng;
    Geography.Country country = Geography.pickCountry(r);
    String[] city = r.pick(country.cities());
    String place = r.chance(0.3) ? city[0] : r.pick(Names.SCHOOL_PLACE);
    String kind = r.pick(Names.SCHOOL_KIND);
    String name = place + " " + kind;
    String label = Names.slug(place) + (r.chance(0.5) ? Names.slug(kind.split(" ")[0]) : "school");
    String domain = label + "." + country.tld();
    if (domains.contains(domain)) {
      domain = label + Names.slug(city[0]) + "." + country.tld();
    }
    // Large scales exhaust the word lists: number the rest, as real school districts do.
    for (int k = 2; domains.contains(domain); k++) {
      domain = label + k + "." + country.tld();
      name = place + " " + kind + " No. " + k;
    }
    domains.add(domain);
    int students = (int) Math.round(Math.exp(5.7 + 0.8 * r.gaussian()));
    students = Math.max(40, Math.min(4000, students));
    String segment = students < 300 ? "small" : students < 1000 ? "medium" : "large";
    int staff = Math.max(4, (int) Math.round(students / r.uniform(11, 18)));
    double base = segment.equals("small") ? 0.42 : segment.equals("medium") ? 0.58 : 0.55;
    double fit = clamp(base + 0.2 * r.gaussian(), 0.03, 0.98);
    double intent = clamp(Math.pow(r.uniform(), 0.9), 0.02, 0.99);
    return new Company(
        id, name, domain, country, city[0], city[1], segment, students, staff, fit, intent, arrival,
        false);
  }

  // ---------------------------------------------------------------- prospect journey

  private Person newPerson(Company c, boolean visitor) {
    Rng r = companyRng;
    Person p = new Person(w.newPersonId(), r.pick(Names.FIRST), r.pick(Names.LAST), c, visitor);
    w.people.add(p);
    c.people.add(p);
    return p;
  }

  private String workEmail(Person p, Company c, Rng r) {
    if (c.test) {
      return "qa+" + c.companyId.substring(3) + "@" + INTERNAL_DOMAIN;
    }
    String first = Names.slug(p.firstName);
    String last = Names.slug(p.lastName);
    String email =
        switch (r.between(0, 2)) {
          case 0 -> first + "." + last + "@" + c.domain;
          case 1 -> first.charAt(0) + last + "@" + c.domain;
          default -> first + "@" + c.domain;
        };
    return claim(p, email, first + "." + last, c.domain);
  }

  private String personalEmail(Person p, Rng r) {
    String local = Names.slug(p.firstName) + "." + Names.slug(p.lastName) + r.between(1, 99);
    String domain = r.pick(Names.FREE_MAIL);
    return claim(p, local + "@" + domain, local, domain);
  }

  /**
   * An e-mail address belongs to one person, as a mail server and the backend's unique e-mail rule
   * make it: two Davids at one school are david@ and david.martin@, never both david@. A taken
   * address falls back to {@code local@domain}, then {@code local2@domain}, ... (no random draw, so
   * the rest of the simulation is unchanged).
   */
  private String claim(Person p, String email, String local, String domain) {
    String candidate = email;
    for (int k = 1; emailOwners.containsKey(candidate) && emailOwners.get(candidate) != p; k++) {
      candidate = local + (k == 1 ? "" : Integer.toString(k)) + "@" + domain;
    }
    emailOwners.put(candidate, p);
    return candidate;
  }

  private static String language(Company c) {
    return switch (c.country.code()) {
      case "GR", "CY" -> "el-gr";
      case "NL" -> "nl-nl";
      case "GB", "IE" -> "en-gb";
      default -> "en-us";
    };
  }

  private void journey(Company c) {
    Rng r = webRng;
    Person p;
    boolean sharing = false;
    if (!c.test
        && sharedAdmin != null
        && c.segment.equals("small")
        && smallFreeMailSignups == 1
        && c.arrivedAt > sharedAdmin.companies.get(0).trialEndsAt) {
      // Identity overlap: one administrator runs two small schools with the same free-mail
      // address. Same person, same laptop, two accounts.
      p = sharedAdmin;
      p.companies.add(c);
      c.people.add(p);
      sharing = true;
      smallFreeMailSignups = 2;
    } else {
      p = newPerson(c, true);
      boolean mobile = r.chance(0.22);
      p.devices.add(Device.random(r, language(c), mobile));
      if (r.chance(0.25)) {
        // The same person on a second device: two user_pseudo_ids, one human.
        p.devices.add(Device.random(r, language(c), !mobile));
      }
    }
    double q = c.quality();
    boolean signs = c.test || sharing || r.chance(clamp(0.08 + 0.8 * Math.pow(q, 1.25), 0, 0.92));
    boolean lead = !c.test && !sharing && r.chance(signs ? 0.82 : 0.45 + 0.35 * c.intent);
    int n = 1 + r.poisson(1.0 + 3.5 * c.intent);
    if (signs && n < 2 && r.chance(0.6)) {
      n = 2;
    }
    int leadAt = lead ? r.between(0, n - 1) : -1;
    int signAt = signs ? n - 1 : -1;
    // A prospect who fills the form with a personal address, then signs up with the school's.
    boolean personalLead = lead && (c.segment.equals("small") ? r.chance(0.3) : r.chance(0.15));
    boolean freeMailSignup =
        signs
            && !c.test
            && !sharing
            && c.segment.equals("small")
            && smallFreeMailSignups == 0
            && w.companies.indexOf(c) > 40;

    long t = c.arrivedAt;
    Channel first = null;
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        t +=
            (long) (-Math.log(Math.max(1e-9, r.uniform())) * 3.5 * SimCalendar.DAY)
                + SimCalendar.HOUR;
      }
      if (t >= SimCalendar.AS_OF) {
        break;
      }
      Device d =
          p.devices.size() > 1 && i > 0 && r.chance(0.35) ? p.devices.get(1) : p.devices.get(0);
      Channel ch;
      if (i == 0) {
        ch = Channel.random(r, 0.18);
        first = ch;
        // The acquisition channel the spend truth counts the customer under (no draw: the streams
        // are unchanged).
        c.firstChannel = ch;
      } else if (lead && i > leadAt && r.chance(0.35)) {
        ch = new Channel("newsletter", "email", "nurture_trial_tips", null);
      } else {
        ch = r.chance(0.5) ? Channel.DIRECT : Channel.random(r, 0.15);
      }
      WebSession s = WebSession.begin(d, p, t, ch, r);
      int pages = 1 + r.poisson(0.8 + 2.2 * c.intent);
      s.pages.add(Site.landing(r, ch));
      for (int k = 1; k < pages; k++) {
        s.pages.add(r.pick(Site.BROWSE));
      }
      if (i == leadAt) {
        boolean demo = r.chance(0.6);
        s.pages.add(demo ? "/demo" : "/resources/school-admin-guide");
        int idx = s.pages.size() - 1;
        s.conversions.add(
            new WebSession.Conversion(idx, "form_start", demo ? "demo_request" : "guide_download"));
        s.conversions.add(
            new WebSession.Conversion(
                idx, "generate_lead", demo ? "demo_request" : "guide_download"));
        String email = personalLead ? personalEmail(p, leadRng) : workEmail(p, c, leadRng);
        p.addEmail(email);
        createLead(p, c, email, ch, d, s.start + 60L * idx + 40);
      }
      if (i == signAt) {
        s.pages.add("/pricing");
        s.pages.add("/signup");
        int idx = s.pages.size() - 1;
        s.conversions.add(new WebSession.Conversion(idx, "form_start", "signup"));
        s.conversions.add(new WebSession.Conversion(idx, "sign_up", "email"));
        s.pages.add("/app/dashboard");
        long signupAt = s.start + 60L * idx + 45;
        String email;
        if (sharing) {
          email = p.emails.get(p.emails.size() - 1);
        } else if (freeMailSignup) {
          // The same free-mail address the lead form got, if there was one.
          email = personalLead ? p.emails.get(0) : personalEmail(p, leadRng);
          smallFreeMailSignups = 1;
          sharedAdmin = p;
        } else {
          email = workEmail(p, c, leadRng);
        }
        p.addEmail(email);
        signUp(c, p, email, signupAt);
        s.userIdAfterConversion = c.users.get(0).userId();
        d.loggedInUserId = s.userIdAfterConversion;
      }
      w.sessions.add(s);
    }
    if (sharing && c.hasAccount()) {
      w.identityNotes.add(
          new String[] {
            "shared_free_mail_admin",
            p.personId,
            "one administrator ("
                + p.emails.get(p.emails.size() - 1)
                + ") signed up two schools: "
                + p.companies.get(0).companyId
                + " and "
                + c.companyId
          });
    }
    if (personalLead
        && c.hasAccount()
        && p.emails.get(p.emails.size() - 1).endsWith("@" + c.domain)) {
      w.identityNotes.add(
          new String[] {
            "personal_then_work_email",
            p.personId,
            "lead form with "
                + p.emails.get(0)
                + ", sign-up with "
                + p.emails.get(p.emails.size() - 1)
          });
    }
    if (p.devices.size() > 1 && !sharing) {
      w.identityNotes.add(
          new String[] {
            "two_devices",
            p.personId,
            "user_pseudo_ids " + p.devices.get(0).pseudoId + " and " + p.devices.get(1).pseudoId
          });
    }
  }

  // ---------------------------------------------------------------- leads

  private void createLead(Person p, Company c, String email, Channel ch, Device d, long at) {
    Lead lead =
        new Lead(
            w.newLeadId(),
            p,
            email,
            email.endsWith("@" + c.domain) || leadRng.chance(0.55) ? c.domain : null,
            ch,
            d.pseudoId,
            at);
    p.leads.add(lead);
    w.leads.add(lead);
  }

  // ---------------------------------------------------------------- sign-up, trial, usage

  private void signUp(Company c, Person admin, String email, long at) {
    c.accountId = 1000 + (int) w.companies.stream().filter(Company::hasAccount).count() + 1;
    c.signupAt = at;
    c.trialEndsAt = at + TRIAL;
    c.backendUpdatedAt = at;
    BackendUser adminUser = new BackendUser(w.newUserId(), c.accountId, admin, email, "admin", at);
    c.users.add(adminUser);
    admin.users.add(adminUser);
    Rng r = usageRng;
    int extra =
        switch (c.segment) {
          case "small" -> 1 + r.poisson(2);
          case "medium" -> 2 + r.poisson(4);
          default -> 3 + r.poisson(7);
        };
    extra = Math.min(extra, c.staff - 1);
    if (c.test) {
      extra = 2;
    }
    for (int i = 0; i < extra; i++) {
      Person teacher = newPerson(c, false);
      String role =
          i == 0 && !c.segment.equals("small")
              ? "principal"
              : r.chance(0.08) ? "accountant" : "teacher";
      String temail = workEmail(teacher, c, r);
      if (c.test) {
        temail = "qa+" + c.companyId.substring(3) + "-" + (i + 1) + "@" + INTERNAL_DOMAIN;
      }
      teacher.addEmail(temail);
      long created = at + (long) (r.uniform(0.05, 6) * SimCalendar.DAY);
      BackendUser u = new BackendUser(w.newUserId(), c.accountId, teacher, temail, role, created);
      c.users.add(u);
      teacher.users.add(u);
    }
    for (Lead l : admin.leads) {
      if (l.companyDomain == null || l.companyDomain.equals(c.domain)) {
        l.status = "converted";
        l.updatedAt = Math.max(l.updatedAt, at);
      }
    }
    boolean target = c.test || r.chance(clamp(0.15 + 0.7 * c.fit, 0, 0.9));
    trialUsage(c, target, r);
    long end = Math.min(c.trialEndsAt, SimCalendar.AS_OF);
    c.activeWindows.add(new long[] {at, c.trialEndsAt});
    if (c.trialEndsAt <= SimCalendar.AS_OF) {
      double p = c.activatedAt != null ? 0.3 + 0.55 * c.fit : 0.02 + 0.1 * c.fit;
      c.converted = c.test || r.chance(p);
    }
    c.backendStatus =
        c.trialEndsAt > SimCalendar.AS_OF ? "trialing" : c.converted ? "active" : "expired";
    c.backendUpdatedAt = end;
    billing.simulate(c, email);
    if (c.converted) {
      BillingSimulation.backendFollowsLastSubscription(c);
    }
  }

  /**
   * Product usage during the trial. An activating school gets each core feature used by at least
   * two people (so on more than one day); the others never touch one core feature. Activation time
   * is then read from these very events, so backend data and truth agree by construction.
   */
  private void trialUsage(Company c, boolean target, Rng r) {
    String blocked = target ? null : r.pick(CORE);
    List<ProductEvent> events = new ArrayList<>();
    long end = Math.min(c.trialEndsAt, SimCalendar.AS_OF);
    for (long day = c.signupAt; day < end; day += SimCalendar.DAY) {
      for (BackendUser u : c.users) {
        if (u.createdAt() > day || !r.chance(target ? 0.55 : 0.3)) {
          continue;
        }
        int k = 1 + r.poisson(1.2);
        for (int i = 0; i < k; i++) {
          long at = day + r.nextLong(SimCalendar.DAY);
          if (at >= end || at < u.createdAt()) {
            continue;
          }
          String feature = r.chance(0.75) ? r.pick(CORE) : r.pick(OTHER);
          if (feature.equals(blocked)) {
            feature = r.pick(OTHER);
          }
          events.add(ProductUsage.event(c, u, feature, at, r));
        }
      }
    }
    if (target) {
      // Make sure the core set is really reached (small schools have few users).
      for (String f : CORE) {
        int have =
            (int)
                events.stream()
                    .filter(e -> e.feature().equals(f))
                    .map(ProductEvent::userId)
                    .distinct()
                    .count();
        for (int i = 0; i < c.users.size() && have < 2; i++) {
          BackendUser u = c.users.get(i);
          final String uid = u.userId();
          if (events.stream().anyMatch(e -> e.feature().equals(f) && e.userId().equals(uid))) {
            continue;
          }
          long at =
              Math.max(u.createdAt(), c.signupAt) + (long) (r.uniform(0.2, 2.5) * SimCalendar.DAY);
          if (at < end) {
            events.add(ProductUsage.event(c, u, f, at, r));
            have++;
          }
        }
      }
    }
    events.sort(
        java.util.Comparator.comparingLong(ProductEvent::occurredAt)
            .thenComparing(ProductEvent::userId));
    c.activatedAt = ProductUsage.activationTime(events);
    w.trialEvents.addAll(events);
  }

  /** Staff of customer schools log in through the website's login page now and then. */
  private void loggedInSessions(Company c) {
    Rng r = webRng;
    for (BackendUser u : c.users) {
      Person p = u.person();
      boolean admin = u.role().equals("admin");
      if (!r.chance(admin ? 0.9 : 0.45)) {
        continue;
      }
      if (p.devices.isEmpty()) {
        p.devices.add(Device.random(r, language(c), r.chance(0.3)));
      }
      for (long week = u.createdAt() + SimCalendar.DAY;
          week < SimCalendar.AS_OF;
          week += 7 * SimCalendar.DAY) {
        double a = ProductUsage.activity(c, week);
        if (a <= 0 || !r.chance(0.3 * a)) {
          continue;
        }
        long t = week + r.nextLong(7 * SimCalendar.DAY);
        if (t >= SimCalendar.AS_OF) {
          break;
        }
        Device d = p.devices.size() > 1 && r.chance(0.3) ? p.devices.get(1) : p.devices.get(0);
        Channel ch =
            r.chance(0.85)
                ? Channel.DIRECT
                : new Channel("google", "organic", null, "https://www.google.com/");
        WebSession s = WebSession.begin(d, p, t, ch, r);
        if (u.userId().equals(d.loggedInUserId) && r.chance(0.5)) {
          // Remembered login: user_id is known from the first event, no login event.
          s.userIdFromStart = u.userId();
          s.pages.add("/app/dashboard");
          if (r.chance(0.3)) {
            s.pages.add("/help");
          }
        } else {
          if (r.chance(0.4)) {
            s.pages.add("/");
          }
          s.pages.add("/login");
          s.conversions.add(new WebSession.Conversion(s.pages.size() - 1, "login", "email"));
          s.pages.add("/app/dashboard");
          s.userIdAfterConversion = u.userId();
          d.loggedInUserId = u.userId();
        }
        w.sessions.add(s);
      }
    }
  }

  static double clamp(double x, double lo, double hi) {
    return Math.max(lo, Math.min(hi, x));
  }
}
