package io.intelligencesuite.transforms.identity;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The merge rules of one level of the identity graph (persons or companies), in one place: which
 * identifier types a profile may hold only a limited number of, the priority of the types (which
 * link is tried first and which identifier names the profile), which identifiers are evidence
 * rather than keys, and the manual overrides. {@link ConnectedComponents} asks {@link
 * #needsConstrainedResolution} of every component; the few that break a rule are resolved by {@link
 * ConstrainedUnion}. docs/identity.md gives each rule's reason.
 *
 * <ul>
 *   <li><b>Persons</b>: at most one {@code user_id} (the backend account of one human) and one
 *       {@code lead_id} (one lead per person in the lead database); priority user_id, lead_id,
 *       email, ga_pseudo_id. A device ({@code ga_pseudo_id}) linked to two values of a limited type
 *       is a shared device (a school-office computer): it links to none of them.
 *   <li><b>Companies</b>: at most one {@code account_id} and one {@code stripe_customer}, unless
 *       the link is an account - Stripe customer link (the account's own stripe_customer_id, the
 *       customer's metadata: a source that states they belong together); priority account_id,
 *       stripe_customer, chartmogul_customer, domain, crm_company, then persons. A {@code domain}
 *       is evidence: it joins a company only when every keyed company it touches is one; a domain
 *       touching two (a trust or district sharing one e-mail domain) joins none and its leads stay
 *       unassigned. A {@code crm_company} (HubSpot: one company per domain) is evidence too, placed
 *       after the domains: a trust's one HubSpot company, whose contacts work at both schools,
 *       joins neither school.
 * </ul>
 */
public final class IdentityRules implements Serializable {
  public static final String PERSON = "person";
  public static final String COMPANY = "company";

  /** Rule names, as {@code identity_rejections.rule} records them. */
  public static final String RULE_LIMIT = "limit";

  public static final String RULE_SHARED_DEVICE = "shared_device";
  public static final String RULE_SHARED_DOMAIN = "shared_domain";
  public static final String RULE_MUST_NOT_LINK = "must_not_link";

  public static final List<String> RULES =
      List.of(RULE_LIMIT, RULE_SHARED_DEVICE, RULE_SHARED_DOMAIN, RULE_MUST_NOT_LINK);

  /** Person-level types, strongest first: the first present names the person. */
  public static final List<String> PERSON_PRIORITY =
      List.of(
          IdentifierTypes.USER_ID,
          IdentifierTypes.LEAD_ID,
          IdentifierTypes.EMAIL,
          IdentifierTypes.GA_PSEUDO_ID,
          // Last: a HubSpot contact arriving at a known person renames nobody.
          IdentifierTypes.CRM_CONTACT);

  /** Company-level types, strongest first; persons ({@code ~anchor} nodes) come after them. */
  public static final List<String> COMPANY_PRIORITY =
      List.of(
          IdentifierTypes.ACCOUNT_ID,
          IdentifierTypes.STRIPE_CUSTOMER,
          IdentifierTypes.CHARTMOGUL_CUSTOMER,
          IdentifierTypes.DOMAIN,
          // Last: a HubSpot company arriving at a known company renames nothing; and as evidence it
          // is placed after the domains (ConstrainedUnion), so a domain a trust shares decides
          // first.
          IdentifierTypes.CRM_COMPANY);

  public static final Map<String, Integer> PERSON_LIMITS =
      Map.of(IdentifierTypes.USER_ID, 1, IdentifierTypes.LEAD_ID, 1);

  public static final Map<String, Integer> COMPANY_LIMITS =
      Map.of(IdentifierTypes.ACCOUNT_ID, 1, IdentifierTypes.STRIPE_CUSTOMER, 1);

  final String level;
  final List<String> priority;
  final Map<String, Integer> limits;

  /** Limited types in a fixed order (the component check walks them per node). */
  private final String[] limitedTypes;

  private final int[] limitValues;

  /** Types whose node is dropped from every limited partner when it has too many of them. */
  final Set<String> sharedHubTypes;

  /** Types that join a company only when they touch exactly one keyed company. */
  final Set<String> evidenceTypes;

  /** Types that make a company a keyed one (for evidence). */
  final Set<String> keyTypes;

  /** Canonical node pairs (smaller first) that must / must not be linked (manual overrides). */
  final Set<List<String>> mustLink;

  final Set<List<String>> mustNotLink;

  /** Every node named by a must-not-link pair, to flag its component cheaply. */
  private final Set<String> watched;

  private IdentityRules(
      String level,
      List<String> priority,
      Map<String, Integer> limits,
      Set<String> sharedHubTypes,
      Set<String> evidenceTypes,
      Set<String> keyTypes,
      Set<List<String>> mustLink,
      Set<List<String>> mustNotLink) {
    this.level = level;
    this.priority = priority;
    this.limits = limits;
    this.limitedTypes = new TreeSet<>(limits.keySet()).toArray(new String[0]);
    this.limitValues = new int[limitedTypes.length];
    for (int i = 0; i < limitedTypes.length; i++) {
      limitValues[i] = limits.get(limitedTypes[i]);
    }
    this.sharedHubTypes = sharedHubTypes;
    this.evidenceTypes = evidenceTypes;
    this.keyTypes = keyTypes;
    this.mustLink = mustLink;
    this.mustNotLink = mustNotLink;
    this.watched = new HashSet<>();
    mustNotLink.forEach(watched::addAll);
  }

  /** The person rules, with the person-level pairs of {@code overrides}. */
  public static IdentityRules persons(List<IdentityOverride> overrides) {
    return new IdentityRules(
        PERSON,
        PERSON_PRIORITY,
        PERSON_LIMITS,
        Set.of(IdentifierTypes.GA_PSEUDO_ID),
        Set.of(),
        Set.of(),
        pairs(overrides, true, true),
        pairs(overrides, true, false));
  }

  /** The company rules, with the company-level pairs of {@code overrides}. */
  public static IdentityRules companies(List<IdentityOverride> overrides) {
    return new IdentityRules(
        COMPANY,
        COMPANY_PRIORITY,
        COMPANY_LIMITS,
        Set.of(),
        Set.of(IdentifierTypes.DOMAIN, IdentifierTypes.CRM_COMPANY),
        Set.copyOf(IdentifierTypes.COMPANY_KEYS),
        pairs(overrides, false, true),
        pairs(overrides, false, false));
  }

  private static Set<List<String>> pairs(
      List<IdentityOverride> overrides, boolean personLevel, boolean mustLink) {
    Set<List<String>> out = new HashSet<>();
    for (IdentityOverride o : overrides) {
      if (o.personLevel() == personLevel && o.mustLink() == mustLink) {
        out.add(pair(o.left(), o.right()));
      }
    }
    return out;
  }

  static List<String> pair(String a, String b) {
    return a.compareTo(b) <= 0 ? List.of(a, b) : List.of(b, a);
  }

  /**
   * Whether a component (its nodes) breaks a limit or holds both ends of a must-not-link pair, so
   * that {@link ConstrainedUnion} must resolve it. Called on every component: it only compares
   * prefixes.
   */
  boolean needsConstrainedResolution(String centre, Iterable<String> others) {
    return needsConstrainedResolution(centre, others.iterator());
  }

  /** The same over every node of {@code nodes}. */
  boolean needsConstrainedResolution(Iterable<String> nodes) {
    return needsConstrainedResolution(null, nodes.iterator());
  }

  private boolean needsConstrainedResolution(String centre, java.util.Iterator<String> it) {
    int[] counts = new int[limitedTypes.length];
    int watchedSeen = 0;
    boolean broken = false;
    boolean first = centre != null;
    while (first || it.hasNext()) {
      String n = first ? centre : it.next();
      first = false;
      for (int i = 0; i < limitedTypes.length; i++) {
        String t = limitedTypes[i];
        if (n.length() > t.length() && n.charAt(t.length()) == ':' && n.startsWith(t)) {
          broken |= ++counts[i] > limitValues[i];
        }
      }
      if (!watched.isEmpty() && watched.contains(n)) {
        watchedSeen++;
      }
    }
    return broken || watchedSeen > 1;
  }

  /** Rank of a node's type in the priority (persons in the company graph after every type). */
  int rank(String node) {
    if (node.startsWith(ResolveIdentities.PERSON_PREFIX)) {
      return priority.size();
    }
    int i = priority.indexOf(IdentifierTypes.typeOf(node));
    return i < 0 ? priority.size() : i;
  }

  /**
   * Whether the link a - b may exceed the limit of {@code type}: an account - Stripe customer link
   * states that they belong together (the account's stripe_customer_id, the customer's metadata),
   * so one account may have several Stripe customers. A must-link override is exempt from every
   * limit.
   */
  boolean exempt(String a, String b, String type) {
    if (mustLink.contains(pair(a, b))) {
      return true;
    }
    String ta = typeOf(a);
    String tb = typeOf(b);
    return IdentifierTypes.STRIPE_CUSTOMER.equals(type)
        && Set.of(ta, tb)
            .equals(Set.of(IdentifierTypes.ACCOUNT_ID, IdentifierTypes.STRIPE_CUSTOMER));
  }

  static String typeOf(String node) {
    return node.startsWith(ResolveIdentities.PERSON_PREFIX) ? "" : IdentifierTypes.typeOf(node);
  }

  /** The must-link edges of this level, to add to its graph. */
  List<List<String>> mustLinkEdges() {
    return new ArrayList<>(mustLink);
  }

  /** The node that names a set of nodes: the strongest type, then the smallest value. */
  String best(Iterable<String> nodes) {
    String best = null;
    int bestRank = Integer.MAX_VALUE;
    for (String n : nodes) {
      int r = rank(n);
      if (r < bestRank || (r == bestRank && n.compareTo(best) < 0)) {
        best = n;
        bestRank = r;
      }
    }
    return best;
  }

  /** Limits as text for reasons: {@code at most 1 user_id}. */
  String limitText(String type) {
    return "a " + level + " holds at most " + limits.get(type) + " " + type;
  }
}
