package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Plants the identity situations every school SaaS meets and that must not merge people or
 * companies (issue 24), with their truth in {@link World#overlaps}:
 *
 * <ul>
 *   <li><b>trust_shared_domain</b>: two paying schools of one trust (same country) share the
 *       trust's e-mail domain from the start: their staff's addresses, leads and enriched visits
 *       name it. Each school keeps its own account and Stripe customer.
 *   <li><b>moving_teacher</b>: a teacher of one school of a trust also gets a user at the other
 *       school, with the same trust address (after usage was drawn: no product events).
 *   <li><b>shared_office_computer</b>: one new browser in a school office on which two teachers of
 *       the school log in on the same day (two short sessions).
 *   <li><b>plus_addressed_email</b>: a lead form filled as {@code jane+demo@school} by someone who
 *       signed up as {@code jane@school}.
 * </ul>
 *
 * Every draw comes from its own stream ({@code identity-overlaps}), and the trusts are chosen
 * before any journey while the rest is added after the simulation, so the other streams draw
 * exactly as they did without the plants.
 */
final class IdentityOverlaps {
  static final double TRUST_RATE = 0.25;
  static final double OFFICE_COMPUTER_RATE = 0.08;
  static final double MOVING_TEACHER_RATE = 0.5;
  static final double PLUS_ADDRESS_RATE = 0.15;

  private final World w;
  private final Rng rng;
  private final List<Company[]> trusts = new ArrayList<>();

  IdentityOverlaps(World w, Rng rng) {
    this.w = w;
    this.rng = rng;
  }

  /**
   * Pairs paying schools ({@code paying}: both will have an account and a Stripe customer) of one
   * country into trusts that share a new trust domain.
   */
  void trusts(List<Company> companies, Set<String> domains, Set<String> paying) {
    List<Company> free = new ArrayList<>();
    for (Company c : companies) {
      if (!c.test && paying.contains(c.companyId)) {
        free.add(c);
      }
    }
    for (int i = 0; i < free.size(); i++) {
      Company a = free.get(i);
      if (a == null || !rng.chance(TRUST_RATE)) {
        continue;
      }
      for (int j = i + 1; j < free.size(); j++) {
        Company b = free.get(j);
        if (b != null && b.country.code().equals(a.country.code())) {
          String label = Names.slug(a.name.split(" ")[0]) + "-trust";
          String domain = label + "." + a.country.tld();
          for (int k = 2; domains.contains(domain); k++) {
            domain = label + k + "." + a.country.tld();
          }
          domains.add(domain);
          a.domain = domain;
          b.domain = domain;
          trusts.add(new Company[] {a, b});
          free.set(j, null);
          break;
        }
      }
    }
  }

  /** After the simulation: moving teachers, office computers, plus-addressed leads, and notes. */
  void afterSimulation(java.util.function.Function<Company, String> language) {
    for (Company[] t : trusts) {
      w.overlaps.add(
          new World.Overlap(
              "trust_shared_domain",
              List.of(),
              List.of(t[0].companyId, t[1].companyId),
              t[0].companyId
                  + " and "
                  + t[1].companyId
                  + " share "
                  + t[0].domain
                  + " (accounts "
                  + t[0].accountId
                  + ", "
                  + t[1].accountId
                  + "; Stripe customers "
                  + (t[0].customer == null ? null : t[0].customer.stripeId)
                  + ", "
                  + (t[1].customer == null ? null : t[1].customer.stripeId)
                  + ")"));
      movingTeacher(t[0], t[1]);
    }
    for (Company c : w.companies) {
      if (!c.test && c.hasAccount() && c.users.size() >= 2 && rng.chance(OFFICE_COMPUTER_RATE)) {
        officeComputer(c, language.apply(c));
      }
    }
    for (Lead l : w.leads) {
      if (!l.person.company.test
          && l.person.users.stream().anyMatch(u -> u.email().equals(l.email))
          && rng.chance(PLUS_ADDRESS_RATE)) {
        String plain = l.email;
        int at = plain.indexOf('@');
        l.email =
            plain.substring(0, at)
                + "+"
                + rng.pick(new String[] {"demo", "guide", "news"})
                + plain.substring(at);
        l.person.addEmail(l.email);
        w.overlaps.add(
            new World.Overlap(
                "plus_addressed_email",
                List.of(l.person.personId),
                List.of(),
                "lead " + l.leadId + " filled as " + l.email + ", signed up as " + plain));
      }
    }
  }

  private void movingTeacher(Company from, Company to) {
    if (!from.hasAccount() || !to.hasAccount() || !rng.chance(MOVING_TEACHER_RATE)) {
      return;
    }
    for (BackendUser u : from.users) {
      if (u.role().equals("admin")) {
        continue;
      }
      long at = Math.max(u.createdAt(), to.signupAt) + 30 * SimCalendar.DAY;
      if (at >= SimCalendar.AS_OF) {
        return;
      }
      Person p = u.person();
      BackendUser moved = new BackendUser(w.newUserId(), to.accountId, p, u.email(), "teacher", at);
      to.movedIn.add(moved);
      p.users.add(moved);
      p.companies.add(to);
      to.people.add(p);
      w.overlaps.add(
          new World.Overlap(
              "moving_teacher",
              List.of(p.personId),
              List.of(from.companyId, to.companyId),
              u.email()
                  + " is user "
                  + u.userId()
                  + " of account "
                  + from.accountId
                  + " and, from "
                  + SimCalendar.sql(at)
                  + ", user "
                  + moved.userId()
                  + " of account "
                  + to.accountId));
      return;
    }
  }

  /** Two teachers of {@code c} log in on one office browser on the same day. */
  private void officeComputer(Company c, String language) {
    BackendUser first = c.users.get(c.users.size() - 1);
    BackendUser second = c.users.get(c.users.size() - 2);
    long day = Math.max(first.createdAt(), second.createdAt()) + SimCalendar.DAY;
    day -= Math.floorMod(day, SimCalendar.DAY);
    long t = day + 8 * SimCalendar.HOUR + rng.nextLong(4 * SimCalendar.HOUR);
    long later = t + 2 * SimCalendar.HOUR + rng.nextLong(SimCalendar.HOUR);
    if (later + SimCalendar.HOUR >= SimCalendar.AS_OF) {
      return;
    }
    Device office = Device.random(rng, language, false);
    login(office, first, t);
    login(office, second, later);
    w.overlaps.add(
        new World.Overlap(
            "shared_office_computer",
            List.of(first.person().personId, second.person().personId),
            List.of(c.companyId),
            "browser "
                + office.pseudoId
                + " in the office of "
                + c.companyId
                + ": users "
                + first.userId()
                + " and "
                + second.userId()
                + " log in on "
                + SimCalendar.sql(t).substring(0, 10)));
  }

  private void login(Device d, BackendUser u, long at) {
    WebSession s = WebSession.begin(d, u.person(), at, Channel.DIRECT, rng);
    s.pages.add("/login");
    s.conversions.add(new WebSession.Conversion(0, "login", "email"));
    s.pages.add("/app/dashboard");
    s.userIdAfterConversion = u.userId();
    w.sessions.add(s);
  }
}
