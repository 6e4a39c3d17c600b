package io.intelligencesuite.transforms.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;

/**
 * The identifier types of {@code identity_map}, which level each belongs to, and the node and id
 * encodings {@link ResolveIdentities} uses.
 *
 * <p>Person-level identifiers are merged into persons; company-level identifiers ({@code domain};
 * {@code account_id}, the backend account that the users, Stripe metadata and the companies table
 * share; the billing customers {@code stripe_customer} and {@code chartmogul_customer}, which in
 * B2B billing are the school, not the person whose e-mail receives the invoices) are merged into
 * companies, and a person joins the company of any company-level identifier it is linked to.
 *
 * <p>{@code account_id} is not one of the data contract's identifier types but is kept in
 * identity_map (rows with a company_id and no person_id): it is the company key the backend, Stripe
 * metadata and the facts share, and the only one a school without a known domain has. The
 * registry's accepted values for {@code identity_map.identifier_type} are exactly these types
 * (IdentifierTypesTest).
 */
public final class IdentifierTypes {
  public static final String GA_PSEUDO_ID = "ga_pseudo_id";
  public static final String USER_ID = "user_id";
  public static final String EMAIL = "email";
  public static final String LEAD_ID = "lead_id";
  public static final String STRIPE_CUSTOMER = "stripe_customer";
  public static final String CHARTMOGUL_CUSTOMER = "chartmogul_customer";
  public static final String DOMAIN = "domain";
  public static final String ACCOUNT_ID = "account_id";
  public static final String CRM_CONTACT = "crm_contact";
  public static final String CRM_COMPANY = "crm_company";

  public static final Set<String> PERSON_LEVEL =
      Set.of(GA_PSEUDO_ID, USER_ID, EMAIL, LEAD_ID, CRM_CONTACT);
  public static final Set<String> COMPANY_LEVEL =
      Set.of(DOMAIN, ACCOUNT_ID, STRIPE_CUSTOMER, CHARTMOGUL_CUSTOMER, CRM_COMPANY);

  /**
   * Keys that name exactly one company (a backend account, a billing customer), strongest first: a
   * person linked to two values of one of them joins two companies, which it must not merge.
   */
  public static final java.util.List<String> COMPANY_KEYS =
      java.util.List.of(ACCOUNT_ID, STRIPE_CUSTOMER, CHARTMOGUL_CUSTOMER);

  /**
   * What each type is, in a sentence: docs/identity.md's table of identifier types is generated
   * from this, the levels and the aliases (IdentifierTypesTest fails when it is stale).
   */
  public static final Map<String, String> DESCRIPTIONS =
      Map.of(
          GA_PSEUDO_ID,
              "GA4 device / browser id (`user_pseudo_id`; the lead form captures it as the client id)",
          USER_ID, "Backend user id (GA4 events carry it once the visitor has logged in)",
          EMAIL,
              "E-mail address, trimmed and lower-cased, `+tag` dropped, `googlemail.com` read as `gmail.com`; a business "
                  + "address also joins the company of its domain",
          LEAD_ID, "Lead id in the lead-scoring database",
          STRIPE_CUSTOMER,
              "Stripe customer id (`cus_...`): the school that pays, not the person who gets the invoices",
          CHARTMOGUL_CUSTOMER,
              "ChartMogul customer uuid, joined to its Stripe customer through `external_id`",
          ACCOUNT_ID,
              "Backend account (the school) that users, Stripe customer metadata and the companies table "
                  + "share; not one of the data contract's identifier types, kept because the facts look companies up by it and a school "
                  + "without a known domain has no other company key",
          DOMAIN,
              "Company domain: lower-case, without scheme, path or `www.`; a free-mail domain is never one",
          CRM_CONTACT,
              "HubSpot contact id, linked to its e-mail and its primary company; names a person only when it"
                  + " has nothing else",
          CRM_COMPANY,
              "HubSpot company id, linked to its domain: evidence like a domain (HubSpot keeps one company per"
                  + " domain, so the schools of a trust share one), it joins a company only when the keyed"
                  + " companies it touches are one");

  /** Other names staging tables use for the same identifier space. */
  public static final Map<String, String> ALIASES =
      Map.of(
          "ga_client_id", GA_PSEUDO_ID,
          "user_pseudo_id", GA_PSEUDO_ID,
          "client_id", GA_PSEUDO_ID,
          "company_domain", DOMAIN,
          "email_domain", DOMAIN);

  private IdentifierTypes() {}

  /** The canonical type name, or null for an unknown type. */
  static String canonicalType(String type) {
    if (type == null) {
      return null;
    }
    String t = type.trim().toLowerCase(java.util.Locale.ROOT);
    t = ALIASES.getOrDefault(t, t);
    return PERSON_LEVEL.contains(t) || COMPANY_LEVEL.contains(t) ? t : null;
  }

  static boolean isPersonLevel(String type) {
    return PERSON_LEVEL.contains(type);
  }

  /** A graph node: {@code type:value}. Its natural order defines a component's anchor. */
  static String node(String type, String value) {
    return type + ':' + value;
  }

  static String typeOf(String node) {
    return node.substring(0, node.indexOf(':'));
  }

  static String valueOf(String node) {
    return node.substring(node.indexOf(':') + 1);
  }

  /** {@code per_} + the first 16 hex digits of SHA-256 of the anchor node ({@code type:value}). */
  public static String personId(String anchorNode) {
    return "per_" + sha256Prefix(anchorNode);
  }

  /** {@code com_} + the first 16 hex digits of SHA-256 of the anchor node ({@code type:value}). */
  public static String companyId(String anchorNode) {
    return "com_" + sha256Prefix(anchorNode);
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  static String sha256Prefix(String s) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      char[] out = new char[16];
      for (int i = 0; i < 8; i++) {
        out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
        out[2 * i + 1] = HEX[digest[i] & 0xf];
      }
      return new String(out);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
