package io.intelligencesuite.local.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes truth/: the answer key, straight from the simulation's state. Pipelines and marts are
 * tested against it; nothing here is re-derived from the generated source files.
 */
final class TruthWriter {
  private TruthWriter() {}

  static void write(World w, List<MonthlyTruth.Month> months, Ga4Writer ga4, OutputFiles out)
      throws IOException {
    monthly(months, RetentionTruth.compute(w, months), DiscountTruth.compute(w), out);
    movements(w, out);
    rounding(w, out);
    trials(w, out);
    LeadChannelTruth.write(w, out);
    identities(w, out);
    planted(w, out);
    ObjectNode q = OutputFiles.obj();
    q.put("events", ga4.events);
    q.put("rows_written", ga4.rowsWritten);
    q.put("duplicate_rows", ga4.duplicates);
    q.put("late_rows", ga4.lateRows);
    q.put("duplicate_share", Math.round(ga4.duplicates * 1e6 / ga4.rowsWritten) / 1e6);
    q.put(
        "note",
        "duplicate_rows: extra exact copies of a row (rows_written = events + duplicate_rows). "
            + "late_rows: rows whose event_date is the day before the file they are in. "
            + "int64_as_string_files: files written the way bq extract renders INT64 (JSON strings).");
    ArrayNode files = q.putArray("int64_as_string_files");
    ga4.stringInt64Files.forEach(files::add);
    out.writeJson("truth/ga4_quirks.json", q, 1);
  }

  private static void monthly(
      List<MonthlyTruth.Month> months,
      List<RetentionTruth.Figures> retention,
      List<DiscountTruth.Month> discountRates,
      OutputFiles out)
      throws IOException {
    ObjectNode root = OutputFiles.obj();
    root.put("currency", "usd");
    root.put("unit", "cents");
    root.put("fx_rates", "fx/rates.csv (currency,date,rate: USD per unit, dated monthly)");
    root.put(
        "rules",
        "From intent: each customer's MRR is the sum, over the subscription items it agreed to pay "
            + "for at the time, of the net amount per period (after the coupon, without tax, "
            + "inclusive VAT taken out) / months in the period x the dated FX rate of the day the "
            + "terms started (a mid-period change's difference at the change day's rate), rounded "
            + "to a cent per part; never computed from the invoices. fx_mrr (signed): the part of "
            + "the MRR change due only to a new rate (rule 8), inside net_new_mrr, outside every "
            + "other movement. "
            + "ChartMogul rules (definitions.md 1.1-1.2): MRR net of discounts, excluding tax, "
            + "annual plans divided by 12, trials excluded, past_due still counted, churn when the "
            + "subscription ends (cancel at period end: at the period end). mrr is end of month. "
            + "Trial columns are cohorts by trial start month: activated_trials = trials started that "
            + "month that reached the core feature set within the trial, trial_conversions = those "
            + "that became paying. Test accounts excluded. mrr_tolerance / movement_tolerance: "
            + "cents the marts may differ by, only where ChartMogul rebuilds a rate from prorated "
            + "lines Stripe rounded to a cent (a mid-period change or a first stub, until the next "
            + "whole-period invoice); 0 means exactly equal (truth/mrr_rounding.json lists the "
            + "windows). nrr, grr (customers paying at the month's start), nrr_t12m, grr_t12m (at "
            + "the end of the same month a year before), quick_ratio and asp follow the metrics "
            + "dictionary from the same intended MRR; null where the dictionary has no row. "
            + "discount_rate: over the periods priced at list on the month's billing invoices "
            + "(whole-period plan and add-on lines), the coupons' take / catalog price x quantity, "
            + "both before tax, from the coupon terms in force (DiscountTruth); null without any. "
            + "discount_rate_tolerance: how far the marts may be from it by rounding each converted "
            + "or VAT-inclusive line to a cent.");
    ArrayNode arr = root.putArray("months");
    for (int i = 0; i < months.size(); i++) {
      MonthlyTruth.Month m = months.get(i);
      ObjectNode o = arr.addObject();
      o.put("month", m.month);
      o.put("mrr", m.mrr);
      o.put("new_mrr", m.newMrr);
      o.put("expansion_mrr", m.expansionMrr);
      o.put("contraction_mrr", m.contractionMrr);
      o.put("churned_mrr", m.churnedMrr);
      o.put("reactivation_mrr", m.reactivationMrr);
      o.put("fx_mrr", m.fxMrr);
      o.put(
          "net_new_mrr",
          m.newMrr
              + m.expansionMrr
              + m.reactivationMrr
              - m.contractionMrr
              - m.churnedMrr
              + m.fxMrr);
      o.put("paying_customers", m.payingCustomers);
      o.put("new_customers", m.newCustomers);
      o.put("churned_customers", m.churnedCustomers);
      o.put("reactivated_customers", m.reactivatedCustomers);
      o.put("trials_started", m.trialsStarted);
      o.put("activated_trials", m.activatedTrials);
      o.put("trial_conversions", m.trialConversions);
      o.put("leads_created", m.leadsCreated);
      o.put("mrr_tolerance", m.mrrTolerance);
      o.put("movement_tolerance", m.movementTolerance);
      RetentionTruth.Figures r = retention.get(i);
      o.put("nrr", r.nrr());
      o.put("grr", r.grr());
      o.put("nrr_t12m", r.nrrT12m());
      o.put("grr_t12m", r.grrT12m());
      o.put("quick_ratio", r.quickRatio());
      o.put("asp", r.asp());
      o.put("discount_rate", discountRates.get(i).rate());
      o.put("discount_rate_tolerance", discountRates.get(i).tolerance());
    }
    out.writeJson("truth/monthly.json", root, months.size());
  }

  private static void movements(World w, OutputFiles out) throws IOException {
    ObjectNode root = OutputFiles.obj();
    ArrayNode arr = root.putArray("movements");
    for (MrrMovement m : BillingSimulation.allMovements(w)) {
      ObjectNode o = arr.addObject();
      o.put("at", SimCalendar.iso(m.at()));
      o.put("company_id", m.customer().company.companyId);
      o.put("stripe_customer_id", m.customer().stripeId);
      o.put("subscription_id", m.subscription().id);
      o.put("type", m.type());
      o.put("mrr_before", m.mrrBefore());
      o.put("mrr_after", m.mrrAfter());
      o.put("mrr_delta", m.delta());
    }
    out.writeJson("truth/mrr_movements.json", root, arr.size());
  }

  private static void rounding(World w, OutputFiles out) throws IOException {
    ObjectNode root = OutputFiles.obj();
    root.put(
        "note",
        "Windows in which a customer's MRR rests on prorated lines: the marts may differ from the "
            + "truth by at most bound_cents from `from` until `to` (exclusive; null: the as-of date).");
    ArrayNode arr = root.putArray("windows");
    for (Agreement a : IntentTruth.roundingWindows(w)) {
      ObjectNode o = arr.addObject();
      o.put("stripe_customer_id", a.subscription.customer.stripeId);
      o.put("subscription_id", a.subscription.id);
      o.put("from", SimCalendar.iso(a.from));
      o.put("to", a.to == null ? null : SimCalendar.iso(a.to));
      o.put("bound_cents", a.boundCents);
    }
    out.writeJson("truth/mrr_rounding.json", root, arr.size());
  }

  private static void trials(World w, OutputFiles out) throws IOException {
    ObjectNode root = OutputFiles.obj();
    ArrayNode arr = root.putArray("trials");
    Map<Person, List<WebSession>> sessions = LeadChannelTruth.sessionsByPerson(w);
    ObservableSessions observable = new ObservableSessions(w);
    for (Company c : w.companies) {
      if (!c.hasAccount()) {
        continue;
      }
      ObjectNode o = arr.addObject();
      o.put("company_id", c.companyId);
      o.put("account_id", c.accountId);
      o.put("is_test", c.test);
      o.put("started_at", SimCalendar.iso(c.signupAt));
      o.put("trial_ends_at", SimCalendar.iso(c.trialEndsAt));
      o.put("activated_at", c.activatedAt == null ? null : SimCalendar.iso(c.activatedAt));
      o.put("subscribed", c.converted); // a paid plan started when the trial ended
      o.put(
          "converted",
          MonthlyTruth.paidWithinConversionWindow(
              c, w)); // the dictionary's conversion: paid in the window
      Lead lead = null;
      for (Person p : c.people) {
        if (p.visitor && !p.leads.isEmpty()) {
          lead = p.leads.get(0);
          break;
        }
      }
      o.put("lead_id", lead == null ? null : lead.leadId);
      o.put("channel", SpendWriter.trialChannel(c, sessions));
      // The same rule over the sessions identity can tie: the channel the marts can see.
      o.put("observable_channel", observable.trialChannel(c));
      // A customer's channel (truth/spend.json's new and paying customers): its company's first
      // session, intended and as the warehouse can see it.
      o.put("stripe_customer_id", c.customer == null ? null : c.customer.stripeId);
      // truth/spend.json's new customers: the month of the first payment (ChartMogul new business).
      o.put("new_customer_month", SpendWriter.newCustomerMonth(c));
      o.put("acquisition_channel", SpendWriter.acquisitionChannel(c));
      o.put("observable_acquisition_channel", observable.acquisitionChannel(c));
    }
    out.writeJson("truth/trials.json", root, arr.size());
  }

  private static void addCrmContact(World w, TreeSet<String> into, String email) {
    String id = w.crmContactIds.get(email.trim().toLowerCase(java.util.Locale.ROOT));
    if (id != null) {
      into.add(id);
    }
  }

  private static void identities(World w, OutputFiles out) throws IOException {
    ObjectNode root = OutputFiles.obj();
    root.put(
        "note",
        "Identifiers that belong together, from the simulation. Anonymous web "
            + "visitors who never became a tracked person are not listed. crm_contact_ids and "
            + "crm_company_ids: HubSpot's ids (crm/), one contact per e-mail, one company per domain. "
            + "is_test marks internal QA "
            + "accounts to exclude from every metric.");
    ArrayNode people = root.putArray("people");
    for (Person p : w.people) {
      ObjectNode o = people.addObject();
      o.put("person_id", p.personId);
      o.put("is_test", p.company.test);
      ArrayNode cos = o.putArray("company_ids");
      p.companies.forEach(c -> cos.add(c.companyId));
      ArrayNode emails = o.putArray("emails");
      p.emails.forEach(emails::add);
      ArrayNode ga = o.putArray("ga_user_pseudo_ids");
      p.devices.forEach(d -> ga.add(d.pseudoId));
      ArrayNode uids = o.putArray("user_ids");
      p.users.forEach(u -> uids.add(u.userId()));
      ArrayNode leads = o.putArray("lead_ids");
      p.leads.forEach(l -> leads.add(l.leadId));
      // HubSpot's contacts of the person: one per e-mail it knows (its leads' and deals').
      TreeSet<String> contacts = new TreeSet<>();
      p.emails.forEach(e -> addCrmContact(w, contacts, e));
      p.leads.forEach(l -> addCrmContact(w, contacts, l.email));
      ArrayNode crm = o.putArray("crm_contact_ids");
      contacts.forEach(crm::add);
    }
    ArrayNode companies = root.putArray("companies");
    for (Company c : w.companies) {
      ObjectNode o = companies.addObject();
      o.put("company_id", c.companyId);
      o.put("name", c.name);
      o.put("is_test", c.test);
      o.putArray("domains").add(c.domain);
      if (c.accountId == null) {
        o.putNull("account_id");
      } else {
        o.put("account_id", c.accountId);
      }
      o.put("stripe_customer_id", c.customer == null ? null : c.customer.stripeId);
      // truth/spend.json's new customers: the month of the first payment (ChartMogul new business).
      o.put("new_customer_month", SpendWriter.newCustomerMonth(c));
      o.put("chartmogul_uuid", c.customer == null ? null : c.customer.chartMogulUuid);
      TreeSet<String> emails = new TreeSet<>();
      for (Person p : c.people) {
        for (BackendUser u : p.users) {
          if (u.accountId() == (c.accountId == null ? -1 : c.accountId)) {
            emails.add(u.email());
          }
        }
      }
      if (c.customer != null) {
        emails.add(c.customer.email);
      }
      ArrayNode e = o.putArray("emails");
      emails.forEach(e::add);
      ArrayNode ps = o.putArray("person_ids");
      c.people.forEach(p -> ps.add(p.personId));
      // HubSpot keeps one company per domain: the schools of a trust share it.
      ArrayNode crm = o.putArray("crm_company_ids");
      if (!c.test && w.crmCompanyIds.containsKey(c.domain)) {
        crm.add(w.crmCompanyIds.get(c.domain));
      }
    }
    ArrayNode notes = root.putArray("planted_overlaps");
    for (String[] n : w.identityNotes) {
      ObjectNode o = notes.addObject();
      o.put("kind", n[0]);
      o.put("person_id", n[1]);
      o.put("detail", n[2]);
    }
    for (World.Overlap ov : w.overlaps) {
      ObjectNode o = notes.addObject();
      o.put("kind", ov.kind());
      ov.personIds().forEach(o.withArray("person_ids")::add);
      ov.companyIds().forEach(o.withArray("company_ids")::add);
      o.put("detail", ov.detail());
    }
    for (BillingCustomer c : w.customers) {
      boolean matches = c.company.users.stream().anyMatch(u -> u.email().equals(c.email));
      if (!matches) {
        ObjectNode o = notes.addObject();
        o.put("kind", "billing_email_differs");
        o.put("company_id", c.company.companyId);
        o.put(
            "detail",
            "Stripe customer "
                + c.stripeId
                + " uses "
                + c.email
                + ", which is no backend user's e-mail");
      }
    }
    for (Company c : w.companies) {
      if (c.test) {
        ObjectNode o = notes.addObject();
        o.put("kind", "test_account");
        o.put("company_id", c.companyId);
        o.put("detail", "internal QA account " + c.name + " (" + c.domain + "), exclude");
      }
    }
    out.writeJson("truth/identities.json", root, w.people.size() + w.companies.size());
  }

  /**
   * truth/crm_deals.json: every deal the simulation meant (won when the school first paid, lost
   * when a trial or prospect went nowhere) and, per complete month of close, the win rate and the
   * median sales cycle in days, the way the dictionary defines them.
   */
  static void deals(List<SalesPipeline.Deal> deals, OutputFiles out) throws IOException {
    ObjectNode root = OutputFiles.obj();
    root.put(
        "note",
        "win_rate = won / (won + lost) of the deals closed in the month (UTC); sales_cycle_days ="
            + " median over the month's won deals of (closed_at - created_at) in days (even count:"
            + " mean of the middle two). Months with no closed (won) deal have no win_rate"
            + " (sales_cycle_days).");
    ArrayNode arr = root.putArray("deals");
    java.util.TreeMap<String, List<SalesPipeline.Deal>> byMonth = new java.util.TreeMap<>();
    for (SalesPipeline.Deal d : deals) {
      ObjectNode o = arr.addObject();
      o.put("company_id", d.company().companyId);
      o.put("contact_email", d.contactEmail());
      o.put("kind", d.trial() ? "trial" : "sales_assisted");
      o.put("stage", d.stage());
      o.put("created_at", SimCalendar.iso(d.createdAt()));
      o.put("closed_at", d.closedAt() == null ? null : SimCalendar.iso(d.closedAt()));
      o.put("amount_cents", d.amountCents());
      if (d.closedAt() != null
          && d.closedAt() < SimCalendar.epoch(SimCalendar.AS_OF_DATE.withDayOfMonth(1))) {
        byMonth
            .computeIfAbsent(
                SimCalendar.date(d.closedAt()).withDayOfMonth(1).toString(),
                m -> new java.util.ArrayList<>())
            .add(d);
      }
    }
    ArrayNode months = root.putArray("months");
    for (java.util.Map.Entry<String, List<SalesPipeline.Deal>> m : byMonth.entrySet()) {
      List<Double> cycles = new java.util.ArrayList<>();
      long won = 0;
      long lost = 0;
      for (SalesPipeline.Deal d : m.getValue()) {
        if (d.won()) {
          won++;
          cycles.add((d.closedAt() - d.createdAt()) / (double) SimCalendar.DAY);
        } else if (d.lost()) {
          lost++;
        }
      }
      ObjectNode o = months.addObject();
      o.put("month", m.getKey());
      o.put("won", won);
      o.put("lost", lost);
      o.put("win_rate", won + lost == 0 ? null : won / (double) (won + lost));
      java.util.Collections.sort(cycles);
      int n = cycles.size();
      o.put(
          "sales_cycle_days",
          n == 0
              ? null
              : n % 2 == 1 ? cycles.get(n / 2) : (cycles.get(n / 2 - 1) + cycles.get(n / 2)) / 2);
    }
    out.writeJson("truth/crm_deals.json", root, arr.size());
  }

  private static void planted(World w, OutputFiles out) throws IOException {
    ObjectNode root = OutputFiles.obj();
    ArrayNode arr = root.putArray("discrepancies");
    for (World.Planted p : w.planted) {
      ObjectNode o = arr.addObject();
      o.put("kind", p.kind());
      o.put("system", p.system());
      o.put("company_id", p.companyId());
      o.put("stripe_customer_id", p.stripeCustomerId());
      o.put("chartmogul_uuid", p.chartMogulUuid());
      o.put("month", p.month());
      o.put("field", p.field());
      o.put("truth", p.expected());
      o.put("system_value", p.actual());
      o.put("why", p.why());
    }
    out.writeJson("truth/planted_discrepancies.json", root, arr.size());
  }
}
