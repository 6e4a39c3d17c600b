package io.intelligencesuite.local.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes crm/: the HubSpot CRM v3 bodies the local HubSpot server pages through ({@code {"results":
 * [...]}}, each object {@code {"id", "properties": {...strings...}, "createdAt", "updatedAt",
 * "archived", "associations"}}), from the simulation's own deals ({@link SalesPipeline}): one
 * company per school domain (HubSpot de-duplicates companies by domain), one contact per lead
 * e-mail and per deal contact (de-duplicated by e-mail, as HubSpot does), the deals with their
 * stage, owner and associations, the sales reps as owners and the default deal pipeline with its
 * stages.
 */
final class CrmWriter {
  private static final long FIRST_COMPANY_ID = 18_340_000_001L;
  private static final long FIRST_CONTACT_ID = 51_200_001L;
  private static final long FIRST_DEAL_ID = 27_600_000_001L;
  private static final String PIPELINE = "default";

  private CrmWriter() {}

  static void write(World w, List<SalesPipeline.Deal> deals, OutputFiles out) throws IOException {
    Map<String, String> companyIds = new LinkedHashMap<>();
    ArrayNode companies = OutputFiles.JSON.createArrayNode();
    Map<String, String> contactIds = new LinkedHashMap<>();
    ArrayNode contacts = OutputFiles.JSON.createArrayNode();
    for (Company c : w.companies) {
      if (c.test || companyIds.containsKey(c.domain) || !knownToSales(c)) {
        continue;
      }
      String id = String.valueOf(FIRST_COMPANY_ID + companyIds.size());
      companyIds.put(c.domain, id);
      long created = c.hasAccount() ? c.signupAt : c.arrivedAt;
      ObjectNode o = object(companies, id, created, created);
      ObjectNode p = (ObjectNode) o.get("properties");
      p.put("name", c.name);
      p.put("domain", c.domain);
      p.put("country", c.country.name());
      p.put("numberofemployees", String.valueOf(c.staff));
      p.put("lifecyclestage", c.converted ? "customer" : c.hasAccount() ? "opportunity" : "lead");
    }
    for (Lead l : w.leads) {
      if (!l.person.company.test) {
        contact(contacts, contactIds, companyIds, l.email, l.companyDomain, l.createdAt);
      }
    }
    ArrayNode dealNodes = OutputFiles.JSON.createArrayNode();
    for (SalesPipeline.Deal d : deals) {
      String contactId =
          contact(
              contacts,
              contactIds,
              companyIds,
              d.contactEmail(),
              d.company().domain,
              d.createdAt());
      String id = String.valueOf(FIRST_DEAL_ID + dealNodes.size());
      ObjectNode o = object(dealNodes, id, d.createdAt(), d.updatedAt());
      ObjectNode p = (ObjectNode) o.get("properties");
      p.put("dealname", d.company().name + (d.trial() ? " - trial" : " - new business"));
      p.put("pipeline", PIPELINE);
      p.put("dealstage", d.stage());
      p.put(
          "amount",
          String.format(Locale.ROOT, "%d.%02d", d.amountCents() / 100, d.amountCents() % 100));
      p.put("deal_currency_code", "USD");
      p.put("hubspot_owner_id", d.owner());
      p.put("closedate", d.closedAt() == null ? null : hubSpotTime(d.closedAt()));
      ObjectNode assoc = o.putObject("associations");
      association(assoc, "companies", companyIds.get(d.company().domain), "deal_to_company");
      association(assoc, "contacts", contactId, "deal_to_contact");
    }
    // The ids, for the identity truth (TruthWriter): the answer key of crm_company and
    // crm_contact.
    w.crmCompanyIds.putAll(companyIds);
    w.crmContactIds.putAll(contactIds);
    out.writeJson("crm/companies.json", body(companies), companies.size());
    out.writeJson("crm/contacts.json", body(contacts), contacts.size());
    out.writeJson("crm/deals.json", body(dealNodes), dealNodes.size());
    out.writeJson("crm/owners.json", body(owners()), SalesPipeline.OWNERS.length);
    out.writeJson("crm/pipelines.json", body(pipelines()), 1);
  }

  /** A school sales can name: it has a trial account or a lead that states its domain. */
  private static boolean knownToSales(Company c) {
    if (c.hasAccount()) {
      return true;
    }
    for (Person p : c.people) {
      for (Lead l : p.leads) {
        if (c.domain.equals(l.companyDomain)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The contact of an e-mail, created on first sight; its id. */
  private static String contact(
      ArrayNode contacts,
      Map<String, String> contactIds,
      Map<String, String> companyIds,
      String email,
      String companyDomain,
      long at) {
    String key = email.trim().toLowerCase(Locale.ROOT);
    String known = contactIds.get(key);
    if (known != null) {
      return known;
    }
    String id = String.valueOf(FIRST_CONTACT_ID + contactIds.size());
    contactIds.put(key, id);
    ObjectNode o = object(contacts, id, at, at);
    ObjectNode p = (ObjectNode) o.get("properties");
    p.put("email", email);
    p.put("lifecyclestage", "lead");
    String company = companyDomain == null ? null : companyIds.get(companyDomain);
    if (company != null) {
      p.put("associatedcompanyid", company);
      association(o.putObject("associations"), "companies", company, "contact_to_company");
    }
    return id;
  }

  private static ObjectNode object(ArrayNode into, String id, long created, long updated) {
    ObjectNode o = into.addObject();
    o.put("id", id);
    ObjectNode p = o.putObject("properties");
    p.put("createdate", hubSpotTime(created));
    p.put("hs_lastmodifieddate", hubSpotTime(updated));
    p.put("hs_object_id", id);
    o.put("createdAt", hubSpotTime(created));
    o.put("updatedAt", hubSpotTime(updated));
    o.put("archived", false);
    return o;
  }

  private static void association(ObjectNode assoc, String type, String id, String label) {
    if (id != null) {
      assoc.putObject(type).putArray("results").addObject().put("id", id).put("type", label);
    }
  }

  private static ArrayNode owners() {
    ArrayNode owners = OutputFiles.JSON.createArrayNode();
    int userId = 9_586_504;
    for (String[] o : SalesPipeline.OWNERS) {
      ObjectNode n = owners.addObject();
      n.put("id", o[0]);
      n.put(
          "email",
          (o[1] + "." + o[2]).toLowerCase(Locale.ROOT) + "@" + MarketSimulation.INTERNAL_DOMAIN);
      n.put("type", "PERSON");
      n.put("firstName", o[1]);
      n.put("lastName", o[2]);
      n.put("userId", userId);
      n.put("userIdIncludingInactive", userId++);
      n.put("createdAt", hubSpotTime(SimCalendar.START));
      n.put("updatedAt", hubSpotTime(SimCalendar.START));
      n.put("archived", false);
    }
    return owners;
  }

  private static ArrayNode pipelines() {
    ArrayNode pipelines = OutputFiles.JSON.createArrayNode();
    ObjectNode p = pipelines.addObject();
    p.put("label", "Sales Pipeline");
    p.put("displayOrder", 0);
    p.put("id", PIPELINE);
    ArrayNode stages = p.putArray("stages");
    int order = 0;
    for (String[] s : SalesPipeline.STAGES) {
      ObjectNode n = stages.addObject();
      n.put("label", s[1]);
      n.put("displayOrder", order++);
      ObjectNode meta = n.putObject("metadata");
      meta.put(
          "isClosed",
          String.valueOf(s[0].equals(SalesPipeline.WON) || s[0].equals(SalesPipeline.LOST)));
      meta.put("probability", s[2]);
      n.put("id", s[0]);
      n.put("createdAt", hubSpotTime(SimCalendar.START));
      n.put("updatedAt", hubSpotTime(SimCalendar.START));
      n.put("archived", false);
    }
    p.put("createdAt", hubSpotTime(SimCalendar.START));
    p.put("updatedAt", hubSpotTime(SimCalendar.START));
    p.put("archived", false);
    return pipelines;
  }

  private static ObjectNode body(ArrayNode results) {
    ObjectNode body = OutputFiles.obj();
    body.set("results", results);
    return body;
  }

  /** HubSpot's timestamps: ISO-8601 UTC with milliseconds. */
  private static String hubSpotTime(long t) {
    String s = SimCalendar.iso(t);
    return s.substring(0, s.length() - 1) + ".000Z";
  }
}
