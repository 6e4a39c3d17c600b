package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the simulation decided, in the order it happened. Writers read it; nothing in here is
 * re-derived from a written file, so truth/ can be trusted as an independent answer key.
 */
final class World {
  final long seed;
  final int scale;
  final Catalog catalog = new Catalog();

  /** Dated exchange rates to USD (the generator sets the dated ones before billing runs). */
  DemoFx fx = DemoFx.fixed();

  final List<Company> companies = new ArrayList<>();
  final List<Person> people = new ArrayList<>();
  final List<Lead> leads = new ArrayList<>();

  /** Sessions of tracked people (prospects, admins, teachers). Anonymous traffic is not kept. */
  final List<WebSession> sessions = new ArrayList<>();

  final List<BillingCustomer> customers = new ArrayList<>();

  /** HubSpot ids CrmWriter gave: company by school domain, contact by lower-case e-mail. */
  final java.util.Map<String, String> crmCompanyIds = new java.util.HashMap<>();

  final java.util.Map<String, String> crmContactIds = new java.util.HashMap<>();

  /** Trial-period product events (the ones activation is computed from). */
  final List<ProductEvent> trialEvents = new ArrayList<>();

  /** Deliberate disagreements between systems, written to truth/planted_discrepancies.json. */
  final List<Planted> planted = new ArrayList<>();

  /** Identity overlaps planted on purpose, by kind, for truth/identities.json. */
  final List<String[]> identityNotes = new ArrayList<>();

  /** Overlaps that involve several persons or companies (shared devices, trusts, ...). */
  final List<Overlap> overlaps = new ArrayList<>();

  /**
   * The companies the visitor-enrichment feed named for a visit from each device (written by
   * EnrichmentWriter, read by ObservableSessions).
   */
  final java.util.Map<Device, java.util.Set<Company>> enrichedDevices = new java.util.HashMap<>();

  /** A planted identity situation: its kind, the truth persons and companies in it, and what. */
  record Overlap(String kind, List<String> personIds, List<String> companyIds, String detail) {}

  /** A planted discrepancy: which system, which customer, which month, what and why. */
  record Planted(
      String kind,
      String system,
      String companyId,
      String stripeCustomerId,
      String chartMogulUuid,
      String month,
      String field,
      String expected,
      String actual,
      String why) {}

  World(long seed, int scale) {
    this.seed = seed;
    this.scale = scale;
  }

  private int nextPerson = 1;
  private int nextUser = 1;
  private int nextLead = 1;

  String newPersonId() {
    return "p_" + Names.pad(nextPerson++, 6);
  }

  String newUserId() {
    return "u_" + Names.pad(nextUser++, 6);
  }

  String newLeadId() {
    return "lead_" + Names.pad(nextLead++, 6);
  }
}
