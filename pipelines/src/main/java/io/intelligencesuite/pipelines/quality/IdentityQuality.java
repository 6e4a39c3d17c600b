package io.intelligencesuite.pipelines.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * <p>A pair is two identifiers ({@code type:normalised value}). A true pair is two identifiers
 * that the truth puts in the same person (company); a predicted pair, two that identity_map gives
 * the same person_id (company_id). Precision = correct / predicted, recall = correct / true; both
 * are computed from the contingency counts (truth cluster x predicted cluster), so no pair list is
 * ever built. Only identifiers the truth knows are scored:
 *
 * <ul>
 *   <li>persons: their emails, GA4 pseudo ids, user ids and lead ids; companies: their domains,
 *       account id, Stripe and ChartMogul customers, e-mails (the billing e-mail included) and every
 *       identifier of their persons;
 *   <li>an identifier of the truth that identity_map lacks (or leaves without a person / company)
 *       is in no predicted pair, so it costs recall; identity_map identifiers the truth does not
 *       list (anonymous visitors, Stripe customers at person level) are counted, not scored;
 *   <li>internal QA entities ({@code is_test}) are left out (the truth says to exclude them from
 *       every metric; the three QA schools share one domain), and so is an identifier the truth
 *       puts in two clusters (the administrator of two schools: identity_map has one company per
 *       identifier, so no answer could be right for it). Both are counted.
 * </ul>
 *
 * Values from the truth are normalised as {@link IdentifierNormalizer} normalises staging values.
 */
public final class IdentityQuality {
  /** Wrong pairs listed per level and kind (false merge, missed). */
  public static final int WRONG_PAIRS_SHOWN = 5;

  private static final ObjectMapper JSON = new ObjectMapper();

  private IdentityQuality() {}

  /**
   * Precision and recall of one level's pairs. {@code truePairsAmongMapped} counts the true pairs
   * whose two identifiers are both in identity_map: recall among them isolates wrong splits from
   * identifiers no staging table links (or even shows: the truth lists GA4 devices that never
   * sent an event).
   */
  public record Scores(long truePairs, long predictedPairs, long correctPairs, long truePairsAmongMapped) {
    /** 1.0 when nothing was predicted (no pair can be wrong). */
    public double precision() {
      return predictedPairs == 0 ? 1.0 : (double) correctPairs / predictedPairs;
    }

    /** 1.0 when the truth has no pair. */
    public double recall() {
      return truePairs == 0 ? 1.0 : (double) correctPairs / truePairs;
    }

    /** Recall over the true pairs of identifiers that identity_map holds. */
    public double recallAmongMapped() {
      return truePairsAmongMapped == 0 ? 1.0 : (double) correctPairs / truePairsAmongMapped;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "precision %.4f recall %.4f, %.4f among mapped identifiers "
              + "(%d of %d predicted pairs correct, %d true pairs, %d of them mapped)",
          precision(), recall(), recallAmongMapped(), correctPairs, predictedPairs, truePairs, truePairsAmongMapped);
    }
  }

  /**
   * A pair the map got wrong: {@code falseMerge} = same predicted cluster, different truth
   * clusters; otherwise {@code missed} = same truth cluster, not the same predicted cluster.
   */
  public record WrongPair(String level, boolean falseMerge, String left, String right, String detail) {
    @Override
    public String toString() {
      return level + (falseMerge ? " false merge " : " missed ") + left + " ~ " + right + " (" + detail + ")";
    }
  }

  /** Identifiers scored, and how many of the others were set aside and why. */
  public record Coverage(int scored, int missingFromMap, int mapOnly, int excludedTest, int ambiguous) {}

  /** The outcome: scores per level, coverage per level, and the first wrong pairs. */
  public record Report(Scores persons, Scores companies, Coverage personCoverage, Coverage companyCoverage,
      List<WrongPair> wrongPairs) {
    public boolean perfect() {
      return persons.precision() == 1.0 && persons.recall() == 1.0 && companies.precision() == 1.0
          && companies.recall() == 1.0;
    }

    /** One summary line. */
    @Override
    public String toString() {
      return String.format(Locale.ROOT,
          "identity quality: persons precision %.4f recall %.4f (%.4f among mapped; %d identifiers, %d missing "
              + "from identity_map); companies precision %.4f recall %.4f (%.4f among mapped; %d identifiers, %d "
              + "missing); %d wrong pairs shown",
          persons.precision(), persons.recall(), persons.recallAmongMapped(), personCoverage.scored(),
          personCoverage.missingFromMap(), companies.precision(), companies.recall(), companies.recallAmongMapped(),
          companyCoverage.scored(), companyCoverage.missingFromMap(),
          wrongPairs.size());
    }
  }

  /** One identity_map row, keyed elsewhere by {@code type:value}. */
  public record Mapped(@Nullable String personId, @Nullable String companyId) {}

  /**
   * The truth as two clusterings: identifier key -> the truth persons (companies) it belongs to
   * (two for the rare shared identifier), plus the keys of QA entities.
   */
  public record Truth(Map<String, Set<String>> persons, Map<String, Set<String>> companies, Set<String> testKeys) {}

  /** Reads identity_map from {@code warehouse} (DuckDB) and scores it against {@code truthFile}. */
  public static Report measure(Warehouse warehouse, Path truthFile) throws IOException, SQLException {
    Map<String, Mapped> map = new HashMap<>();
    for (List<Object> r : new DuckDbQueries(warehouse).rows(
        "SELECT identifier_type, identifier_value, person_id, company_id FROM identity_map")) {
      map.put(r.get(0) + ":" + r.get(1), new Mapped((String) r.get(2), (String) r.get(3)));
    }
    return compute(map, readTruth(JSON.readTree(truthFile.toFile())));
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
  private static void place(List<String> keys, String id, boolean test, Map<String, Set<String>> clusters,
      Set<String> testKeys) {
    for (String k : keys) {
      clusters.computeIfAbsent(k, x -> new TreeSet<>()).add(id);
      if (test) {
        testKeys.add(k);
      }
    }
  }

  /** identities.json field -> identifier type, for a person and for a company. */
  private static final Map<String, String> PERSON_FIELDS = Map.of("emails", IdentifierTypes.EMAIL,
      "ga_user_pseudo_ids", IdentifierTypes.GA_PSEUDO_ID, "user_ids", IdentifierTypes.USER_ID,
      "lead_ids", IdentifierTypes.LEAD_ID);
  private static final Map<String, String> COMPANY_FIELDS = Map.of("domains", IdentifierTypes.DOMAIN,
      "account_id", IdentifierTypes.ACCOUNT_ID, "stripe_customer_id", IdentifierTypes.STRIPE_CUSTOMER,
      "chartmogul_uuid", IdentifierTypes.CHARTMOGUL_CUSTOMER, "emails", IdentifierTypes.EMAIL);

  private static List<String> keys(JsonNode entity, Map<String, String> fields, IdentifierNormalizer normalizer) {
    List<String> keys = new ArrayList<>();
    fields.forEach((field, type) -> addKeys(keys, normalizer, type, entity.path(field)));
    return keys;
  }

  /** A value or an array of values; nulls skipped. */
  private static void addKeys(List<String> keys, IdentifierNormalizer normalizer, String type, JsonNode values) {
    if (values.isArray()) {
      for (JsonNode v : values) {
        addKeys(keys, normalizer, type, v);
      }
    } else if (!values.isNull() && !values.isMissingNode()) {
      IdentifierNormalizer.Result r = normalizer.normalise(type, values.asText());
      // A value the resolver would reject stays raw: it cannot be in identity_map, so it costs recall.
      keys.add(type + ":" + (r.isRejected() ? values.asText() : r.value()));
    }
  }

  /** Scores {@code map} (identifier key -> its row) against {@code truth}. */
  public static Report compute(Map<String, Mapped> map, Truth truth) {
    List<WrongPair> wrong = new ArrayList<>();
    Map<String, String> predictedPersons = new HashMap<>();
    Map<String, String> predictedCompanies = new HashMap<>();
    map.forEach((k, m) -> {
      if (m.personId() != null) {
        predictedPersons.put(k, m.personId());
      }
      if (m.companyId() != null) {
        predictedCompanies.put(k, m.companyId());
      }
    });
    Level persons = score("person", truth.persons(), predictedPersons, map, truth.testKeys(), wrong);
    Level companies = score("company", truth.companies(), predictedCompanies, map, truth.testKeys(), wrong);
    return new Report(persons.scores, companies.scores, persons.coverage, companies.coverage, wrong);
  }

  private record Level(Scores scores, Coverage coverage) {}

  /**
   * Pairwise scores of one clustering. {@code predicted} lacks the keys with no cluster (no pair);
   * {@code map} is every row, to count the identifiers only identity_map knows.
   */
  static Level score(String level, Map<String, Set<String>> truth, Map<String, String> predicted,
      Map<String, Mapped> map, Set<String> testKeys, List<WrongPair> wrong) {
    int excludedTest = 0;
    int ambiguous = 0;
    int missing = 0;
    // truth cluster -> predicted cluster (null: unmapped, a singleton) -> sorted members
    Map<String, Map<String, TreeSet<String>>> byTruth = new TreeMap<>();
    // predicted cluster -> truth cluster -> sorted members
    Map<String, Map<String, TreeSet<String>>> byPredicted = new TreeMap<>();
    for (Map.Entry<String, Set<String>> e : truth.entrySet()) {
      String key = e.getKey();
      if (testKeys.contains(key)) {
        excludedTest++;
        continue;
      }
      if (e.getValue().size() > 1) {
        ambiguous++;
        continue;
      }
      String t = e.getValue().iterator().next();
      String p = predicted.get(key);
      if (!map.containsKey(key)) {
        missing++;
      }
      // An unmapped identifier is a cluster of its own (its key cannot collide with an id).
      String cluster = p == null ? "\u0000" + key : p;
      byTruth.computeIfAbsent(t, x -> new TreeMap<>()).computeIfAbsent(cluster, x -> new TreeSet<>()).add(key);
      if (p != null) {
        byPredicted.computeIfAbsent(p, x -> new TreeMap<>()).computeIfAbsent(t, x -> new TreeSet<>()).add(key);
      }
    }
    long truePairs = 0;
    long truePairsAmongMapped = 0;
    long correct = 0;
    List<WrongPair> missed = new ArrayList<>();
    for (Map.Entry<String, Map<String, TreeSet<String>>> t : byTruth.entrySet()) {
      long size = 0;
      long mapped = 0;
      for (TreeSet<String> members : t.getValue().values()) {
        size += members.size();
        correct += pairs(members.size());
        mapped += members.stream().filter(map::containsKey).count();
      }
      truePairs += pairs(size);
      truePairsAmongMapped += pairs(mapped);
      if (t.getValue().size() > 1) {
        // Show a split between two predicted clusters before one that only lacks a cluster.
        List<TreeSet<String>> parts = sortedParts(t.getValue());
        parts.sort(Comparator.comparing((TreeSet<String> part) -> !predicted.containsKey(part.first())));
        String left = parts.get(0).first();
        String right = parts.get(1).first();
        missed.add(new WrongPair(level, false, left.compareTo(right) < 0 ? left : right,
            left.compareTo(right) < 0 ? right : left,
            "truth " + level + " " + t.getKey() + " is split over " + t.getValue().size() + " predicted "
                + plural(level) + ": " + describe(left, predicted) + " vs " + describe(right, predicted)));
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
        merged.add(new WrongPair(level, true, parts.get(0).getValue().first(), parts.get(1).getValue().first(),
            "predicted " + level + " " + p.getKey() + " joins " + p.getValue().size() + " truth " + plural(level) + ": "
                + parts.get(0).getKey() + " and " + parts.get(1).getKey()));
      }
    }
    Comparator<WrongPair> order = Comparator.comparing(WrongPair::left).thenComparing(WrongPair::right);
    merged.sort(order);
    missed.sort(Comparator.comparing((WrongPair w) -> !(predicted.containsKey(w.left()) && predicted.containsKey(w.right())))
        .thenComparing(order));
    wrong.addAll(merged.subList(0, Math.min(WRONG_PAIRS_SHOWN, merged.size())));
    wrong.addAll(missed.subList(0, Math.min(WRONG_PAIRS_SHOWN, missed.size())));
    int mapOnly = 0;
    for (String k : map.keySet()) {
      if (!truth.containsKey(k)) {
        mapOnly++;
      }
    }
    int scored = truth.size() - excludedTest - ambiguous;
    return new Level(new Scores(truePairs, predictedPairs, correct, truePairsAmongMapped),
        new Coverage(scored, missing, mapOnly, excludedTest, ambiguous));
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
