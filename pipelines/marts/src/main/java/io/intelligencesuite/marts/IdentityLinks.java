package io.intelligencesuite.marts;

import static io.intelligencesuite.transforms.identity.IdentifierTypes.ACCOUNT_ID;
import static io.intelligencesuite.transforms.identity.IdentifierTypes.CHARTMOGUL_CUSTOMER;
import static io.intelligencesuite.transforms.identity.IdentifierTypes.CRM_COMPANY;
import static io.intelligencesuite.transforms.identity.IdentifierTypes.CRM_CONTACT;
import static io.intelligencesuite.transforms.identity.IdentifierTypes.DOMAIN;
import static io.intelligencesuite.transforms.identity.IdentifierTypes.EMAIL;
import static io.intelligencesuite.transforms.identity.IdentifierTypes.GA_PSEUDO_ID;
import static io.intelligencesuite.transforms.identity.IdentifierTypes.LEAD_ID;
import static io.intelligencesuite.transforms.identity.IdentifierTypes.STRIPE_CUSTOMER;
import static io.intelligencesuite.transforms.identity.IdentifierTypes.USER_ID;

import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.identity.IdentifierLink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The identity graph's edges, read off the staging tables:
 *
 * <ul>
 *   <li>events_web: (ga_pseudo_id, user_id) from events of logged-in visitors, once per pair;
 *   <li>users: (user_id, email), (user_id, account_id);
 *   <li>leads: (lead_id, email), (lead_id, ga_pseudo_id from the form's client id), (lead_id,
 *       company domain);
 *   <li>customers: (stripe_customer, email), (stripe_customer, account_id from metadata);
 *   <li>companies: (account_id, stripe_customer the backend stores), (account_id, domain);
 *   <li>chartmogul_customers: (chartmogul_customer, stripe_customer via external_id);
 *   <li>visitor_enrichment: (ga_pseudo_id, company domain) for a company-identified visit whose
 *       visitor id the provider knows, at confidence {@value #MIN_VISIT_CONFIDENCE} or more (or no
 *       score): the only link to a company for a visitor who reads the site from the school's
 *       network but filled the lead form with a personal address, or never filled it. Intent
 *       signals name no visitor and link nothing.
 *   <li>crm_contacts: (crm_contact, email), (crm_contact, crm_company: the contact's primary
 *       company);
 *   <li>crm_companies: (crm_company, domain). HubSpot keeps one company per domain, so the schools
 *       of a trust share one: a CRM company is evidence, like a domain (IdentityRules).
 * </ul>
 *
 * Business emails add their domain inside ResolveIdentities; free-mail domains never link
 * companies.
 */
final class IdentityLinks extends PTransform<PBegin, PCollection<IdentifierLink>> {
  /** Below this, a reverse-IP provider is guessing (a shared network): the visit links nothing. */
  static final double MIN_VISIT_CONFIDENCE = 0.5;

  /** The staging tables the links are read from. */
  static final List<TableDef> TABLES =
      List.of(
          Tables.EVENTS_WEB,
          Tables.USERS,
          Tables.LEADS,
          Tables.CUSTOMERS,
          Tables.COMPANIES,
          Tables.CHARTMOGUL_CUSTOMERS,
          Tables.VISITOR_ENRICHMENT,
          Tables.CRM_CONTACTS,
          Tables.CRM_COMPANIES);

  /**
   * The columns the links use of the wide staging tables (see {@link Staging#COLUMNS_USED}, the
   * marts' set): of events_web, 2M rows at demo scale 10, only the visitor and login ids, so the
   * identity job does not read and ship the sessions' and first touches' columns it never looks at,
   * nor the event id (64 characters a row; no identity step reads it).
   */
  static final Map<String, String[]> COLUMNS_USED =
      Map.of(Tables.EVENTS_WEB.name(), new String[] {"user_pseudo_id", "user_id"});

  /**
   * The tables the links need no single row of: events_web gives only its distinct visitor-login
   * pairs, which the warehouse finds (ReadTable#distinctWithCounts: at demo scale 1, 22 thousand
   * pairs for 203 thousand rows), so the identity job does not ship and filter every web event.
   */
  static final Set<String> READ_DISTINCT = Set.of(Tables.EVENTS_WEB.name());

  private final Staging staging;

  IdentityLinks(Staging staging) {
    super("Identity links");
    this.staging = staging;
  }

  @Override
  public PCollection<IdentifierLink> expand(PBegin begin) {
    PCollection<IdentifierLink> logins =
        staging
            .get(Tables.EVENTS_WEB)
            .apply("Logged-in events", Filter.by((Row r) -> r.getString("user_id") != null))
            .apply(
                "Visitor-user pairs",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                    .via((Row r) -> KV.of(r.getString("user_pseudo_id"), r.getString("user_id"))))
            .apply("Once per pair", Distinct.create())
            .apply(
                "Login links",
                MapElements.into(org.apache.beam.sdk.values.TypeDescriptor.of(IdentifierLink.class))
                    .via(
                        kv ->
                            IdentifierLink.of(
                                GA_PSEUDO_ID, kv.getKey(), USER_ID, kv.getValue(), "events_web")));
    return PCollectionList.of(logins)
        .and(
            links(
                staging.get(Tables.USERS),
                "users",
                USER_ID,
                "user_id",
                partner(EMAIL, "email"),
                partner(ACCOUNT_ID, "account_id")))
        .and(
            links(
                staging.get(Tables.LEADS),
                "leads",
                LEAD_ID,
                "lead_id",
                partner(EMAIL, "email"),
                partner(GA_PSEUDO_ID, "ga_client_id"),
                partner(DOMAIN, "company_domain")))
        .and(
            links(
                staging.get(Tables.CUSTOMERS),
                "customers",
                STRIPE_CUSTOMER,
                "customer_id",
                partner(EMAIL, "email"),
                partner(ACCOUNT_ID, "account_id")))
        .and(
            links(
                staging.get(Tables.COMPANIES),
                "companies",
                ACCOUNT_ID,
                "account_id",
                partner(STRIPE_CUSTOMER, "stripe_customer_id"),
                partner(DOMAIN, "domain")))
        .and(
            links(
                staging.get(Tables.CHARTMOGUL_CUSTOMERS),
                "chartmogul_customers",
                CHARTMOGUL_CUSTOMER,
                "chartmogul_customer_id",
                partner(STRIPE_CUSTOMER, "external_id")))
        .and(
            links(
                staging.get(Tables.VISITOR_ENRICHMENT),
                "visitor_enrichment",
                IdentityLinks::visitLinks))
        .and(
            links(
                staging.get(Tables.CRM_CONTACTS),
                "crm_contacts",
                CRM_CONTACT,
                "crm_contact_id",
                partner(EMAIL, "email"),
                partner(CRM_COMPANY, "crm_company_id")))
        .and(
            links(
                staging.get(Tables.CRM_COMPANIES),
                "crm_companies",
                CRM_COMPANY,
                "crm_company_id",
                partner(DOMAIN, "domain")))
        .apply("All links", Flatten.pCollections());
  }

  /** A company-identified visit of a known visitor links the visitor to the company's domain. */
  static List<IdentifierLink> visitLinks(Row r) {
    Double score = r.getDouble("score");
    if (r.getString("user_pseudo_id") == null
        || r.getString("company_domain") == null
        || (score != null && score < MIN_VISIT_CONFIDENCE)) {
      return List.of();
    }
    return List.of(
        link("visitor_enrichment", GA_PSEUDO_ID, r, "user_pseudo_id", DOMAIN, "company_domain"));
  }

  interface LinksOf extends java.io.Serializable {
    List<IdentifierLink> of(Row r);
  }

  /** A link between two columns of a row; a null partner leaves the left identifier on its own. */
  static IdentifierLink link(
      String table,
      String leftType,
      Row r,
      String leftColumn,
      String rightType,
      String rightColumn) {
    String right = r.getString(rightColumn);
    return right == null || right.isBlank()
        ? IdentifierLink.single(leftType, r.getString(leftColumn), table)
        : IdentifierLink.of(leftType, r.getString(leftColumn), rightType, right, table);
  }

  /** A column of a row that links to the row's own identifier, and its identifier type. */
  record Partner(String type, String column) implements java.io.Serializable {}

  static Partner partner(String type, String column) {
    return new Partner(type, column);
  }

  /** The row's identifier (its type and column) linked to each partner column, in that order. */
  private static PCollection<IdentifierLink> links(
      PCollection<Row> rows, String table, String type, String column, Partner... partners) {
    return links(
        rows,
        table,
        r ->
            Arrays.stream(partners)
                .map(p -> link(table, type, r, column, p.type(), p.column()))
                .toList());
  }

  private static PCollection<IdentifierLink> links(PCollection<Row> rows, String table, LinksOf f) {
    return rows.apply(
        "Links from " + table,
        ParDo.of(
            new DoFn<Row, IdentifierLink>() {
              @ProcessElement
              public void process(@Element Row r, OutputReceiver<IdentifierLink> out) {
                for (IdentifierLink l : new ArrayList<>(f.of(r))) {
                  out.output(l);
                }
              }
            }));
  }
}
