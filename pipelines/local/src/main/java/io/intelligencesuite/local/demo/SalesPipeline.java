package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The sales team's deals, from intent: a deal opens when a school starts a trial (the rep opens it
 * after the qualifying call, hours to days in) or, with no trial, when a strong lead becomes a
 * sales-assisted prospect), is won on the day the school first pays (its first new-business MRR
 * movement, {@link IntentTruth}) and is lost some days after a trial ends unpaid (or after a
 * prospect goes quiet); a deal whose loss date is after the as-of date is still open, at the stage
 * its age reached. Test accounts are not in the sales CRM. Every draw comes from the CRM's own
 * stream, so no other output changes.
 */
final class SalesPipeline {
  /** HubSpot's default deal pipeline: stage id, label, win probability (closed stages last). */
  static final String[][] STAGES = {
    {"appointmentscheduled", "Appointment Scheduled", "0.2"},
    {"qualifiedtobuy", "Qualified To Buy", "0.4"},
    {"presentationscheduled", "Presentation Scheduled", "0.6"},
    {"decisionmakerboughtin", "Decision Maker Bought-In", "0.8"},
    {"contractsent", "Contract Sent", "0.9"},
    {"closedwon", "Closed Won", "1.0"},
    {"closedlost", "Closed Lost", "0.0"}
  };

  static final String WON = "closedwon";
  static final String LOST = "closedlost";

  /** The sales reps who own deals: HubSpot owner id, first and last name. */
  static final String[][] OWNERS = {
    {"41629779", "Maya", "Okafor"},
    {"41629780", "Tom", "Lindqvist"},
    {"41629781", "Priya", "Raman"},
    {"41629782", "Daniel", "Brennan"}
  };

  /** A lead this strong without a trial is worked by sales as a prospect. */
  private static final double PROSPECT_QUALITY = 0.72;

  /** A deal as the simulation meant it. {@code closedAt} is null while open. */
  record Deal(
      Company company,
      Person contact,
      String contactEmail,
      String owner,
      long createdAt,
      String stage,
      Long closedAt,
      long amountCents,
      boolean trial) {
    boolean won() {
      return WON.equals(stage);
    }

    boolean lost() {
      return LOST.equals(stage);
    }

    long updatedAt() {
      return closedAt != null ? closedAt : createdAt;
    }
  }

  private SalesPipeline() {}

  /** Every deal, in the order the companies arrived. */
  static List<Deal> derive(World w, Rng rng) {
    List<Deal> deals = new ArrayList<>();
    for (Company c : w.companies) {
      if (c.test) {
        continue;
      }
      String owner = OWNERS[rng.between(0, OWNERS.length - 1)][0];
      if (c.hasAccount() && !c.users.isEmpty()) {
        deals.add(trialDeal(c, owner, rng));
      } else if (c.quality() >= PROSPECT_QUALITY) {
        Lead lead = firstLead(c);
        Deal deal = lead == null ? null : prospectDeal(c, lead, owner, rng);
        if (deal != null) {
          deals.add(deal);
        }
      }
    }
    return deals;
  }

  private static Deal trialDeal(Company c, String owner, Rng rng) {
    BackendUser admin = c.users.get(0);
    // The rep opens the deal after the qualifying call, hours to a few days into the trial.
    long created =
        Math.min(
            c.signupAt + (long) (rng.uniform(0.1, 4.0) * SimCalendar.DAY),
            SimCalendar.AS_OF - SimCalendar.HOUR);
    Long paidAt = firstPayment(c);
    long estimate = estimateCents(c);
    int lostAfterDays = rng.between(3, 21);
    if (paidAt != null) {
      long closed = Math.max(paidAt, created + SimCalendar.HOUR);
      return new Deal(
          c, admin.person(), admin.email(), owner, created, WON, closed, annual(c), true);
    }
    long lostAt = c.trialEndsAt + lostAfterDays * SimCalendar.DAY;
    if (lostAt <= SimCalendar.AS_OF) {
      return new Deal(
          c, admin.person(), admin.email(), owner, created, LOST, lostAt, estimate, true);
    }
    return new Deal(
        c,
        admin.person(),
        admin.email(),
        owner,
        created,
        openStage(created, c.trialEndsAt - created),
        null,
        estimate,
        true);
  }

  /** A prospect deal, or null when sales reached out only after the as-of date. */
  private static Deal prospectDeal(Company c, Lead lead, String owner, Rng rng) {
    long created =
        lead.createdAt
            + rng.between(1, 5) * SimCalendar.DAY
            + rng.between(9, 17) * SimCalendar.HOUR;
    long lostAt = created + rng.between(14, 60) * SimCalendar.DAY;
    long estimate = estimateCents(c);
    if (created >= SimCalendar.AS_OF) {
      return null; // sales had not reached out yet by the as-of date
    }
    if (lostAt <= SimCalendar.AS_OF) {
      return new Deal(c, lead.person, lead.email, owner, created, LOST, lostAt, estimate, false);
    }
    return new Deal(
        c,
        lead.person,
        lead.email,
        owner,
        created,
        openStage(created, 45 * SimCalendar.DAY),
        null,
        estimate,
        false);
  }

  /** An open deal's stage: how far its expected length has run by the as-of date. */
  private static String openStage(long created, long expectedLength) {
    double share = (SimCalendar.AS_OF - created) / (double) Math.max(expectedLength, 1);
    int i = (int) Math.min(4, Math.max(0, Math.floor(share * 5)));
    return STAGES[i][0];
  }

  /** When the school first paid: its first new-business movement (the truth's MRR). */
  private static Long firstPayment(Company c) {
    if (c.customer == null) {
      return null;
    }
    for (MrrMovement m : c.customer.movements) {
      if (m.type().equals("new_biz")) {
        return m.at();
      }
    }
    return null;
  }

  /** A won deal's amount: the annual value of the MRR it started with. */
  private static long annual(Company c) {
    for (MrrMovement m : c.customer.movements) {
      if (m.type().equals("new_biz")) {
        return m.mrrAfter() * 12;
      }
    }
    return estimateCents(c);
  }

  /** What sales expects an open or lost deal to be worth: about $5 a staff member a month. */
  private static long estimateCents(Company c) {
    return c.staff * 500L * 12;
  }

  /** The company's first lead that names its domain: what tells sales which school it is. */
  private static Lead firstLead(Company c) {
    Lead first = null;
    for (Person p : c.people) {
      for (Lead l : p.leads) {
        if (c.domain.equals(l.companyDomain) && (first == null || l.createdAt < first.createdAt)) {
          first = l;
        }
      }
    }
    return first;
  }
}
