package io.intelligencesuite.local.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.identity.IdentifierNormalizer;
import io.intelligencesuite.transforms.identity.IdentifierTypes;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * End-to-end quality of identity resolution: {@code identity_map} against the demo generator's
 * truth ({@code truth/identities.json}), as pairwise precision and recall, for persons and for
 * companies.
 *
 * <p>A pair is two identifiers ({@code type:normalised value}). A true pair is two identifiers that
 * the truth puts in the same person (company); a predicted pair, two that identity_map gives the
 * same person_id (company_id). Precision = correct / predicted, recall = correct / true; both are
 * computed from the contingency counts (truth cluster x predicted cluster), so no pair list is ever
 * built. Only identifiers the truth knows are scored:
 *
 * <ul>
 *   <li>persons: their emails, GA4 pseudo ids, user ids, lead ids and HubSpot contacts
 *       (crm_contact); companies: their domains, account id, Stripe and ChartMogul customers,
 *       HubSpot company (crm_company), e-mails (the billing e-mail included) and every identifier
 *       of their persons (a field the truth lacks adds nothing);
 *   <li>an identifier of the truth that identity_map lacks (or leaves without a person / company)
 *       is in no predicted pair, so it costs recall; identity_map identifiers the truth does not
 *       list (anonymous visitors, Stripe customers at person level) are counted, not scored;
 *   <li>internal QA entities ({@code is_test}) are left out (the truth says to exclude them from
 *       every metric; the three QA schools share one domain), and so is an identifier the truth
 *       puts in two clusters (the administrator of two schools: identity_map has one company per
 *       identifier, so no answer could be right for it). Both are counted.
 * </ul>
 *
 * <p>The truth comes from the simulation, and part of it never reaches a source: GA4 devices that
 * send no event, a lead and a sign-up with different e-mails on different devices. No resolver can
 * link what no staging row states, so recall is also reported over what the staging tables hold
 * ({@link Observed}, read from the columns of {@link #STAGING_IDENTIFIERS}, independently of the
 * resolver's own list of links):
 *
 * <ul>
 *   <li>recall over observed identifiers: the true pairs whose two identifiers both appear in a
 *       staging row;
 *   <li>recall over linkable pairs: the true pairs that a chain of staging rows joins, each row
 *       joining the identifiers of one truth cluster it names (a business e-mail names its domain
 *       too); for companies the chain must reach a company-level identifier (a person with no
 *       company has no company_id to share). This is the recall a resolver that uses every link the
 *       data holds reaches: 1.0 is the goal, and a missed pair that is linkable is listed first
 *       among the wrong pairs.
 * </ul>
 *
 * Values from the truth and from staging are normalised as {@link IdentifierNormalizer} normalises
 * identifiers for the resolver; a value it rejects (a placeholder, a free-mail domain) is not
 * observed.
 */
public final class IdentityQuality {
  /** Wrong pairs listed per level and kind (false merge, missed). */
  public static final int WRONG_PAIRS_SHOWN = 5;

  /**
   * Staging table -> column -> identifier type: every staging column that holds an identifier of
   * identity_map's types (the e-mail domain columns are covered by the e-mails). Deliberately wider
   * than the links IdentityLinks reads (all web events, product events, lead scores, ChartMogul's
   * e-mail, every enrichment visit whatever its score), so that a link the resolver leaves out
   * shows up as a linkable pair it missed. IdentityQualityTest checks every column against the
   * registry.
   */
  static final Map<String, Map<String, String>> STAGING_IDENTIFIERS = stagingIdentifiers();

  private static Map<String, Map<String, String>> stagingIdentifiers() {
    Map<String, Map<String, String>> m = new LinkedHashMap<>();
    m.put(
        Tables.EVENTS_WEB.name(),
        columns(
            "user_pseudo_id", IdentifierTypes.GA_PSEUDO_ID, "user_id", IdentifierTypes.USER_ID));
    m.put(
        Tables.EVENTS_PRODUCT.name(),
        columns("user_id", IdentifierTypes.USER_ID, "account_id", IdentifierTypes.ACCOUNT_ID));
    m.put(
        Tables.USERS.name(),
        columns(
            "user_id",
            IdentifierTypes.USER_ID,
            "email",
            IdentifierTypes.EMAIL,
            "account_id",
            IdentifierTypes.ACCOUNT_ID,
            "company_domain",
            IdentifierTypes.DOMAIN));
    m.put(
        Tables.LEADS.name(),
        columns(
            "lead_id",
            IdentifierTypes.LEAD_ID,
            "email",
            IdentifierTypes.EMAIL,
            "ga_client_id",
            IdentifierTypes.GA_PSEUDO_ID,
            "company_domain",
            IdentifierTypes.DOMAIN));
    m.put(Tables.LEAD_SCORING_RUNS.name(), columns("lead_id", IdentifierTypes.LEAD_ID));
    m.put(
        Tables.CUSTOMERS.name(),
        columns(
            "customer_id",
            IdentifierTypes.STRIPE_CUSTOMER,
            "email",
            IdentifierTypes.EMAIL,
            "account_id",
            IdentifierTypes.ACCOUNT_ID));
    m.put(
        Tables.COMPANIES.name(),
        columns(
            "account_id",
            IdentifierTypes.ACCOUNT_ID,
            "domain",
            IdentifierTypes.DOMAIN,
            "stripe_customer_id",
            IdentifierTypes.STRIPE_CUSTOMER));
    m.put(
        Tables.CHARTMOGUL_CUSTOMERS.name(),
        columns(
            "chartmogul_customer_id",
            IdentifierTypes.CHARTMOGUL_CUSTOMER,
            "external_id",
            IdentifierTypes.STRIPE_CUSTOMER,
            "email",
            IdentifierTypes.EMAIL));
    m.put(
        Tables.CRM_CONTACTS.name(),
        columns(
            "crm_contact_id",
            IdentifierTypes.CRM_CONTACT,
            "email",
            IdentifierTypes.EMAIL,
            "crm_company_id",
            IdentifierTypes.CRM_COMPANY));
    m.put(
        Tables.CRM_COMPANIES.name(),
        columns("crm_company_id", IdentifierTypes.CRM_COMPANY, "domain", IdentifierTypes.DOMAIN));
    m.put(
        Tables.VISITOR_ENRICHMENT.name(),
        columns(
            "user_pseudo_id",
            IdentifierTypes.GA_PSEUDO_ID,
            "company_domain",
            IdentifierTypes.DOMAIN));
    return java.util.Collections.unmodifiableMap(m);
  }

  private static Map<String, String> columns(String... columnAndType) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < columnAndType.length; i += 2) {
      m.put(columnAndType[i], columnAndType[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private IdentityQuality() {}

  /**
   * Precision and recall of one level's pairs, and recall over what staging holds: {@code
   * observedPairs} true pairs of two identifiers some staging row names ({@code correctObserved} of
   * them correct), {@code linkablePairs} true pairs a chain of staging rows joins ({@code
   * correctLinkable} of them correct).
   */
  /**
   * {@code part / whole}, and 1.0 when {@code whole} is 0: with nothing predicted no pair can be
   * wrong, with no true pair none can be missed. Precision and recall here and in {@link
   * SituationQuality} all use it.
   */
  static double ratio(long part, long whole) {
    return whole == 0 ? 1.0 : (double) part / whole;
  }

  public record Scores(
      long truePairs,
      long predictedPairs,
      long correctPairs,
      long observedPairs,
      long correctObserved,
      long linkablePairs,
      long correctLinkable) {
    /** 1.0 when nothing was predicted (no pair can be wrong). */
    public double precision() {
      return ratio(correctPairs, predictedPairs);
    }

    /** 1.0 when the truth has no pair. */
    public double recall() {
      return ratio(correctPairs, truePairs);
    }

    /** Recall over the true pairs of identifiers that staging rows name. */
    public double recallObserved() {
      return ratio(correctObserved, observedPairs);
    }

    /** Recall over the true pairs that staging rows link: what any resolver could find. */
    public double recallLinkable() {
      return ratio(correctLinkable, linkablePairs);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "precision %.4f recall %.4f, %.4f over observed identifiers, %.4f over "
              + "linkable pairs (%d of %d predicted pairs correct; %d true pairs, %d observed, %d linkable)",
          precision(),
          recall(),
          recallObserved(),
          recallLinkable(),
          correctPairs,
          predictedPairs,
          truePairs,
          observedPairs,
          linkablePairs);
    }
  }

  /**
   * A pair the map got wrong: {@code falseMerge} = same predicted cluster, different truth
   * clusters; otherwise {@code missed} = same truth cluster, not the same predicted cluster.
   */
  public record WrongPair(
      String level, boolean falseMerge, String left, String right, String detail) {
    @Override
    public String toString() {
      return level
          + (falseMerge ? " false merge " : " missed ")
          + left
          + " ~ "
          + right
          + " ("
          + detail
          + ")";
    }
  }

  /**
   * Identifiers scored, and of them how many identity_map lacks and how many no staging row names;
   * how many identity_map identifiers the truth does not list; how many truth identifiers were set
   * aside, and why.
   */
  public record Coverage(
      int scored,
      int missingFromMap,
      int unobserved,
      int mapOnly,
      int excludedTest,
      int ambiguous) {}

  /** The outcome: scores per level, coverage per level, and the first wrong pairs. */
  public record Report(
      Scores persons,
      Scores companies,
      Coverage personCoverage,
      Coverage companyCoverage,
      List<WrongPair> wrongPairs) {
    public boolean perfect() {
      return persons.precision() == 1.0
          && persons.recall() == 1.0
          && companies.precision() == 1.0
          && companies.recall() == 1.0;
    }

    /** One summary line. */
    @Override
    public String toString() {
      return "identity quality: persons "
          + line(persons, personCoverage)
          + "; companies "
          + line(companies, companyCoverage)
          + "; "
          + wrongPairs.size()
          + " wrong pairs shown";
    }

    private static String line(Scores s, Coverage c) {
      return String.format(
          Locale.ROOT,
          "precision %.4f recall %.4f (%.4f over observed identifiers, %.4f over "
              + "linkable pairs; %d identifiers, %d missing from identity_map, %d in no staging row)",
          s.precision(),
          s.recall(),
          s.recallObserved(),
          s.recallLinkable(),
          c.scored(),
          c.missingFromMap(),
          c.unobserved());
    }
  }

  /** One identity_map row, keyed elsewhere by {@code type:value}. */
  public record Mapped(@Nullable String personId, @Nullable String companyId) {}

  /**
   * The truth as two clusterings: identifier key -> the truth persons (companies) it belongs to
   * (two for the rare shared identifier), plus the keys of QA entities.
   */
  public record Truth(
      Map<String, Set<String>> persons, Map<String, Set<String>> companies, Set<String> testKeys) {}

  /**
   * What the staging tables hold: each distinct row's identifier keys (the identifiers one row
   * names together, a link the data states), and every key any row names.
   */
  public record Observed(List<List<String>> rows, Set<String> keys) {
    public static Observed of(List<List<String>> rows) {
      Set<String> keys = new HashSet<>();
      rows.forEach(keys::addAll);
      return new Observed(rows, keys);
    }
  }

  /**
   * Reads identity_map and the staging tables from {@code warehouse} (DuckDB) and scores the map
   * against {@code truthFile}.
   */
  public static Report measure(Warehouse warehouse, Path truthFile)
      throws IOException, SQLException {
    return compute(
        readMap(warehouse),
        readTruth(JSON.readTree(truthFile.toFile())),
        readStaging(new DuckDbQueries(warehouse)));
  }

  /** identity_map of {@code warehouse} (DuckDB), keyed {@code type:value}. */
  static Map<String, Mapped> readMap(Warehouse warehouse) throws SQLException {
    Map<String, Mapped> map = new HashMap<>();
    for (List<Object> r :
        new DuckDbQueries(warehouse)
            .rows(
                "SELECT identifier_type, identifier_value, person_id, company_id FROM identity_map")) {
      map.put(r.get(0) + ":" + r.get(1), new Mapped((String) r.get(2), (String) r.get(3)));
    }
    return map;
  }

  /**
   * The distinct identifier rows of every {@link #STAGING_IDENTIFIERS} table the warehouse has (a
   * source not loaded names nothing), each value normalised; a business e-mail adds its domain.
   */
  static Observed readStaging(DuckDbQueries q) throws SQLException {
    IdentifierNormalizer normalizer = IdentifierNormalizer.withDefaults();
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> t : STAGING_IDENTIFIERS.entrySet()) {
      if (!q.tableExists(t.getKey())) {
        continue;
      }
      List<String> types = new ArrayList<>(t.getValue().values());
      for (List<Object> r :
          q.rows(
              "SELECT DISTINCT "
                  + String.join(", ", t.getValue().keySet())
                  + " FROM "
                  + t.getKey())) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
          addObserved(keys, normalizer, types.get(i), r.get(i));
        }
        if (!keys.isEmpty()) {
          rows.add(keys);
        }
      }
    }
    return Observed.of(rows);
  }

  private static void addObserved(
      List<String> keys, IdentifierNormalizer normalizer, String type, @Nullable Object raw) {
    if (raw == null) {
      return;
    }
    IdentifierNormalizer.Result r = normalizer.normalise(type, raw.toString());
    if (r.isRejected()) {
      return;
    }
    keys.add(type + ":" + r.value());
    if (type.equals(IdentifierTypes.EMAIL)) {
      // The resolver puts a business e-mail in its domain's company; a free-mail domain is
      // rejected.
      addObserved(keys, normalizer, IdentifierTypes.DOMAIN, r.value());
    }
  }

  /** Parses identities.json (see the demo's TruthWriter), normalising every value. */
  public static Truth readTruth(JsonNode root) {
    IdentifierNormalizer normalizer = IdentifierNormalizer.withDefaults();
    Map<String, Set<String>> persons = new HashMap<>();
    Map<String, Set<String>> companies = new HashMap<>();
    Set<String> testKeys = new TreeSet<>();
    Map<String, List<String>> keysOfPerson = new HashMap<>();
    for (JsonNode p : root.path("people")) {
      String id = p.path("person_id").asText();
      List<String> keys = keys(p, PERSON_FIELDS, normalizer);
      keysOfPerson.put(id, keys);
      place(keys, id, p.path("is_test").asBoolean(), persons, testKeys);
    }
    for (JsonNode c : root.path("companies")) {
      String id = c.path("company_id").asText();
      List<String> keys = keys(c, COMPANY_FIELDS, normalizer);
      for (JsonNode p : c.path("person_ids")) {
        keys.addAll(keysOfPerson.getOrDefault(p.asText(), List.of()));
      }
      place(keys, id, c.path("is_test").asBoolean(), companies, testKeys);
    }
    return new Truth(persons, companies, testKeys);
  }

  /** Puts {@code keys} into truth cluster {@code id}; a QA entity's keys are also set aside. */
  private static void place(
      List<String> keys,
      String id,
      boolean test,
      Map<String, Set<String>> clusters,
      Set<String> testKeys) {
    for (String k : keys) {
      clusters.computeIfAbsent(k, x -> new TreeSet<>()).add(id);
      if (test) {
        testKeys.add(k);
      }
    }
  }

  /** identities.json field -> identifier type, for a person and for a company. */
  private static final Map<String, String> PERSON_FIELDS =
      Map.of(
          "emails",
          IdentifierTypes.EMAIL,
          "ga_user_pseudo_ids",
          IdentifierTypes.GA_PSEUDO_ID,
          "user_ids",
          IdentifierTypes.USER_ID,
          "lead_ids",
          IdentifierTypes.LEAD_ID,
          "crm_contact_ids",
          IdentifierTypes.CRM_CONTACT);

  private static final Map<String, String> COMPANY_FIELDS =
      Map.of(
          "domains",
          IdentifierTypes.DOMAIN,
          "account_id",
          IdentifierTypes.ACCOUNT_ID,
          "stripe_customer_id",
          IdentifierTypes.STRIPE_CUSTOMER,
          "chartmogul_uuid",
          IdentifierTypes.CHARTMOGUL_CUSTOMER,
          "emails",
          IdentifierTypes.EMAIL,
          "crm_company_ids",
          IdentifierTypes.CRM_COMPANY);

  private static List<String> keys(
      JsonNode entity, Map<String, String> fields, IdentifierNormalizer normalizer) {
    List<String> keys = new ArrayList<>();
    fields.forEach((field, type) -> addKeys(keys, normalizer, type, entity.path(field)));
    return keys;
  }

  /** A value or an array of values; nulls skipped. */
  private static void addKeys(
      List<String> keys, IdentifierNormalizer normalizer, String type, JsonNode values) {
    if (values.isArray()) {
      for (JsonNode v : values) {
        addKeys(keys, normalizer, type, v);
      }
    } else if (!values.isNull() && !values.isMissingNode()) {
      IdentifierNormalizer.Result r = normalizer.normalise(type, values.asText());
      // A value the resolver would reject stays raw: it cannot be in identity_map, so it costs
      // recall.
      keys.add(type + ":" + (r.isRejected() ? values.asText() : r.value()));
    }
  }

  /**
   * Scores {@code map} (identifier key -> its row) against {@code truth}, given what staging holds.
   */
  public static Report compute(Map<String, Mapped> map, Truth truth, Observed staging) {
    List<WrongPair> wrong = new ArrayList<>();
    Map<String, String> predictedPersons = new HashMap<>();
    Map<String, String> predictedCompanies = new HashMap<>();
    map.forEach(
        (k, m) -> {
          if (m.personId() != null) {
            predictedPersons.put(k, m.personId());
          }
          if (m.companyId() != null) {
            predictedCompanies.put(k, m.companyId());
          }
        });
    Level persons =
        score("person", truth.persons(), predictedPersons, map, truth.testKeys(), staging, wrong);
    Level companies =
        score(
            "company",
            truth.companies(),
            predictedCompanies,
            map,
            truth.testKeys(),
            staging,
            wrong);
    return new Report(
        persons.scores, companies.scores, persons.coverage, companies.coverage, wrong);
  }

  private record Level(Scores scores, Coverage coverage) {}

  /**
   * A scored identifier: its predicted cluster (a singleton of its own when unmapped), whether
   * staging names it, its linkable group.
   */
  private record Member(String key, String predicted, boolean observed, String linked) {}

  /**
   * Pairwise scores of one clustering. {@code predicted} lacks the keys with no cluster (no pair);
   * {@code map} is every row, to count the identifiers only identity_map knows.
   */
  static Level score(
      String level,
      Map<String, Set<String>> truth,
      Map<String, String> predicted,
      Map<String, Mapped> map,
      Set<String> testKeys,
      Observed staging,
      List<WrongPair> wrong) {
    int excludedTest = 0;
    int ambiguous = 0;
    int missing = 0;
    int unobserved = 0;
    Map<String, String> scored = new HashMap<>(); // key -> its one truth cluster
    for (Map.Entry<String, Set<String>> e : truth.entrySet()) {
      if (testKeys.contains(e.getKey())) {
        excludedTest++;
      } else if (e.getValue().size() > 1) {
        ambiguous++;
      } else {
        scored.put(e.getKey(), e.getValue().iterator().next());
      }
    }
    UnionFind linked = linkedByStaging(scored, staging);
    // A company pair is linkable only through the company: a group of identifiers that no staging
    // row joins to a company-level identifier (a lead with a personal e-mail and its device) is one
    // person with no company, which no resolver can place.
    Set<String> anchored = new HashSet<>();
    for (String key : scored.keySet()) {
      if (level.equals("person")
          || IdentifierTypes.COMPANY_LEVEL.contains(key.substring(0, key.indexOf(':')))) {
        anchored.add(linked.find(key));
      }
    }
    // truth cluster -> its members; predicted cluster -> truth cluster -> sorted members
    Map<String, List<Member>> byTruth = new TreeMap<>();
    Map<String, Map<String, TreeSet<String>>> byPredicted = new TreeMap<>();
    for (Map.Entry<String, String> e : scored.entrySet()) {
      String key = e.getKey();
      String t = e.getValue();
      String p = predicted.get(key);
      missing += map.containsKey(key) ? 0 : 1;
      boolean observed = staging.keys().contains(key);
      unobserved += observed ? 0 : 1;
      // An unmapped identifier is a cluster of its own (its key cannot collide with an id).
      byTruth
          .computeIfAbsent(t, x -> new ArrayList<>())
          .add(
              new Member(
                  key,
                  p == null ? "\u0000" + key : p,
                  observed,
                  anchored.contains(linked.find(key)) ? linked.find(key) : "\u0000" + key));
      if (p != null) {
        byPredicted
            .computeIfAbsent(p, x -> new TreeMap<>())
            .computeIfAbsent(t, x -> new TreeSet<>())
            .add(key);
      }
    }
    long truePairs = 0;
    long correct = 0;
    long observedPairs = 0;
    long correctObserved = 0;
    long linkablePairs = 0;
    long correctLinkable = 0;
    List<WrongPair> missed = new ArrayList<>();
    for (Map.Entry<String, List<Member>> t : byTruth.entrySet()) {
      List<Member> members = t.getValue();
      List<Member> observedMembers = members.stream().filter(Member::observed).toList();
      truePairs += pairs(members.size());
      observedPairs += pairs(observedMembers.size());
      linkablePairs += pairsWithin(members, Member::linked);
      correct += pairsWithin(members, Member::predicted);
      correctObserved += pairsWithin(observedMembers, Member::predicted);
      correctLinkable += pairsWithin(members, m -> m.linked() + '\u0000' + m.predicted());
      WrongPair split = split(level, t.getKey(), members, predicted);
      if (split != null) {
        missed.add(split);
      }
    }
    long predictedPairs = 0;
    List<WrongPair> merged = new ArrayList<>();
    for (Map.Entry<String, Map<String, TreeSet<String>>> p : byPredicted.entrySet()) {
      long size = 0;
      for (TreeSet<String> members : p.getValue().values()) {
        size += members.size();
      }
      predictedPairs += pairs(size);
      if (p.getValue().size() > 1) {
        List<Map.Entry<String, TreeSet<String>>> parts = new ArrayList<>(p.getValue().entrySet());
        merged.add(
            new WrongPair(
                level,
                true,
                parts.get(0).getValue().first(),
                parts.get(1).getValue().first(),
                "predicted "
                    + level
                    + " "
                    + p.getKey()
                    + " joins "
                    + p.getValue().size()
                    + " truth "
                    + plural(level)
                    + ": "
                    + parts.get(0).getKey()
                    + " and "
                    + parts.get(1).getKey()));
      }
    }
    Comparator<WrongPair> order =
        Comparator.comparing(WrongPair::left).thenComparing(WrongPair::right);
    merged.sort(order);
    // A miss staging could have avoided first, then a split between two predicted clusters, then a
    // missing identifier.
    missed.sort(
        Comparator.comparing((WrongPair w) -> !w.detail().endsWith(LINKABLE))
            .thenComparing(
                w -> !(predicted.containsKey(w.left()) && predicted.containsKey(w.right())))
            .thenComparing(order));
    wrong.addAll(merged.subList(0, Math.min(WRONG_PAIRS_SHOWN, merged.size())));
    wrong.addAll(missed.subList(0, Math.min(WRONG_PAIRS_SHOWN, missed.size())));
    int mapOnly = 0;
    for (String k : map.keySet()) {
      if (!truth.containsKey(k)) {
        mapOnly++;
      }
    }
    return new Level(
        new Scores(
            truePairs,
            predictedPairs,
            correct,
            observedPairs,
            correctObserved,
            linkablePairs,
            correctLinkable),
        new Coverage(scored.size(), missing, unobserved, mapOnly, excludedTest, ambiguous));
  }

  private static final String LINKABLE = "; staging rows link them";
  private static final String UNLINKABLE = "; no chain of staging rows links them";

  /**
   * Joins, within each truth cluster, the scored identifiers that one staging row names together:
   * its groups are what the data can link (a row never joins two truth clusters here, so a false
   * merge the data would invite is not counted as linkable).
   */
  private static UnionFind linkedByStaging(Map<String, String> scored, Observed staging) {
    UnionFind uf = new UnionFind();
    for (List<String> row : staging.rows()) {
      Map<String, String> firstOfCluster = new HashMap<>();
      for (String key : row) {
        String t = scored.get(key);
        if (t != null) {
          String first = firstOfCluster.putIfAbsent(t, key);
          if (first != null) {
            uf.union(first, key);
          }
        }
      }
    }
    return uf;
  }

  /**
   * The example pair for a truth cluster spread over several predicted clusters, or null: a pair
   * staging links if there is one (a resolver miss), else the first members of two parts.
   */
  private static @Nullable WrongPair split(
      String level, String truthCluster, List<Member> members, Map<String, String> predicted) {
    Map<String, TreeMap<String, TreeSet<String>>> byLinked = new TreeMap<>();
    Map<String, TreeSet<String>> byPredicted = new TreeMap<>();
    for (Member m : members) {
      byLinked
          .computeIfAbsent(m.linked(), x -> new TreeMap<>())
          .computeIfAbsent(m.predicted(), x -> new TreeSet<>())
          .add(m.key());
      byPredicted.computeIfAbsent(m.predicted(), x -> new TreeSet<>()).add(m.key());
    }
    if (byPredicted.size() < 2) {
      return null;
    }
    List<TreeSet<String>> parts = null;
    String why = UNLINKABLE;
    for (TreeMap<String, TreeSet<String>> group : byLinked.values()) {
      if (group.size() > 1) {
        parts = sortedParts(group);
        why = LINKABLE;
        break;
      }
    }
    if (parts == null) {
      // Show a split between two predicted clusters before one that only lacks a cluster.
      parts = sortedParts(byPredicted);
      parts.sort(
          Comparator.comparing((TreeSet<String> part) -> !predicted.containsKey(part.first())));
    }
    String a = parts.get(0).first();
    String b = parts.get(1).first();
    String left = a.compareTo(b) < 0 ? a : b;
    String right = a.compareTo(b) < 0 ? b : a;
    return new WrongPair(
        level,
        false,
        left,
        right,
        "truth "
            + level
            + " "
            + truthCluster
            + " is split over "
            + byPredicted.size()
            + " predicted "
            + plural(level)
            + ": "
            + describe(a, predicted)
            + " vs "
            + describe(b, predicted)
            + why);
  }

  /** Pairs of members that fall in the same group. */
  private static long pairsWithin(
      List<Member> members, java.util.function.Function<Member, String> group) {
    Map<String, Long> sizes = new HashMap<>();
    for (Member m : members) {
      sizes.merge(group.apply(m), 1L, Long::sum);
    }
    long n = 0;
    for (long size : sizes.values()) {
      n += pairs(size);
    }
    return n;
  }

  /** Union-find over identifier keys, path-halving; a key never joined is its own root. */
  private static final class UnionFind {
    private final Map<String, String> parent = new HashMap<>();

    String find(String key) {
      String k = key;
      String p = parent.get(k);
      while (p != null) {
        String gp = parent.get(p);
        if (gp != null) {
          parent.put(k, gp);
        }
        k = p;
        p = parent.get(k);
      }
      return k;
    }

    void union(String a, String b) {
      String ra = find(a);
      String rb = find(b);
      if (!ra.equals(rb)) {
        // The smaller key is the root, so groups do not depend on the order rows come in.
        if (ra.compareTo(rb) < 0) {
          parent.put(rb, ra);
        } else {
          parent.put(ra, rb);
        }
      }
    }
  }

  private static List<TreeSet<String>> sortedParts(Map<String, TreeSet<String>> parts) {
    List<TreeSet<String>> out = new ArrayList<>(parts.values());
    out.sort(Comparator.comparing(TreeSet::first));
    return out;
  }

  private static String describe(String key, Map<String, String> predicted) {
    String p = predicted.get(key);
    return key + " in " + (p == null ? "none" : p);
  }

  private static String plural(String level) {
    return level.equals("company") ? "companies" : level + "s";
  }

  private static long pairs(long n) {
    return n * (n - 1) / 2;
  }
}
