package io.intelligencesuite.local.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intelligencesuite.local.quality.IdentityQuality.Mapped;
import io.intelligencesuite.local.quality.IdentityQuality.Truth;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Identity quality per planted situation (the {@code planted_overlaps} of the demo's
 * truth/identities.json: shared office computers, trusts sharing a domain, moving teachers,
 * plus-addressed e-mails, two devices, ...): pairwise precision and recall of identity_map over the
 * truth persons and companies each situation involves. Recall counts the true pairs within those
 * entities; precision counts the predicted pairs with at least one identifier of those entities, so
 * a wrong merge of a planted teacher with anyone else costs precision here. Keys of QA accounts and
 * keys the truth gives to two entities (a trust's shared domain, a moving teacher's address) are
 * set aside, as {@link IdentityQuality} sets them aside.
 */
public final class SituationQuality {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SituationQuality() {}

  /** Pair counts of one level: true pairs found / true pairs, correct / predicted pairs. */
  public record Pairs(long truePairs, long found, long predictedPairs, long correctPredicted) {
    public double precision() {
      return IdentityQuality.ratio(correctPredicted, predictedPairs);
    }

    public double recall() {
      return IdentityQuality.ratio(found, truePairs);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "precision %.4f (%d/%d) recall %.4f (%d/%d)",
          precision(),
          correctPredicted,
          predictedPairs,
          recall(),
          found,
          truePairs);
    }
  }

  /** One kind of situation: how many were planted, and its persons' and companies' pairs. */
  public record Situation(String kind, int planted, Pairs persons, Pairs companies) {}

  /** Reads identity_map from {@code warehouse} and scores it per situation of {@code truthFile}. */
  public static List<Situation> measure(Warehouse warehouse, Path truthFile)
      throws IOException, SQLException {
    JsonNode root = JSON.readTree(truthFile.toFile());
    return compute(
        IdentityQuality.readMap(warehouse),
        IdentityQuality.readTruth(root),
        root.path("planted_overlaps"));
  }

  /** Scores {@code map} per kind of {@code overlaps} (the truth's planted_overlaps array). */
  public static List<Situation> compute(Map<String, Mapped> map, Truth truth, JsonNode overlaps) {
    Map<String, Set<String>> persons = new TreeMap<>();
    Map<String, Set<String>> companies = new TreeMap<>();
    Map<String, Integer> planted = new TreeMap<>();
    for (JsonNode o : overlaps) {
      String kind = o.path("kind").asText();
      planted.merge(kind, 1, Integer::sum);
      ids(o, "person_id", "person_ids", persons.computeIfAbsent(kind, k -> new TreeSet<>()));
      ids(o, "company_id", "company_ids", companies.computeIfAbsent(kind, k -> new TreeSet<>()));
    }
    List<Situation> out = new ArrayList<>();
    for (String kind : planted.keySet()) {
      out.add(
          new Situation(
              kind,
              planted.get(kind),
              pairs(truth.persons(), truth.testKeys(), map, Mapped::personId, persons.get(kind)),
              pairs(
                  truth.companies(),
                  truth.testKeys(),
                  map,
                  Mapped::companyId,
                  companies.get(kind))));
    }
    return out;
  }

  private static void ids(JsonNode o, String one, String many, Set<String> into) {
    if (o.hasNonNull(one)) {
      into.add(o.get(one).asText());
    }
    o.path(many).forEach(n -> into.add(n.asText()));
  }

  /** Pairs of one level over the truth clusters {@code involved}. */
  static Pairs pairs(
      Map<String, Set<String>> truth,
      Set<String> testKeys,
      Map<String, Mapped> map,
      Function<Mapped, String> level,
      Set<String> involved) {
    // truth cluster -> predicted cluster -> members, for every scored key; predicted -> truth too.
    Map<String, Map<String, Long>> byTruth = new HashMap<>();
    Map<String, Map<String, Long>> byPredicted = new HashMap<>();
    truth.forEach(
        (key, clusters) -> {
          if (testKeys.contains(key) || clusters.size() != 1) {
            return;
          }
          String t = clusters.iterator().next();
          Mapped m = map.get(key);
          String p = m == null ? null : level.apply(m);
          byTruth
              .computeIfAbsent(t, x -> new HashMap<>())
              .merge(p == null ? "\u0000" + key : p, 1L, Long::sum);
          if (p != null) {
            byPredicted.computeIfAbsent(p, x -> new HashMap<>()).merge(t, 1L, Long::sum);
          }
        });
    long truePairs = 0;
    long found = 0;
    Set<String> touched = new TreeSet<>();
    for (String t : involved) {
      Map<String, Long> parts = byTruth.getOrDefault(t, Map.of());
      truePairs += pairs(parts.values().stream().mapToLong(Long::longValue).sum());
      for (Map.Entry<String, Long> part : parts.entrySet()) {
        found += pairs(part.getValue());
        if (byPredicted.containsKey(part.getKey())) {
          touched.add(part.getKey());
        }
      }
    }
    long predicted = 0;
    long correct = 0;
    for (String p : touched) {
      long all = 0;
      long outside = 0;
      for (Map.Entry<String, Long> t : byPredicted.get(p).entrySet()) {
        all += t.getValue();
        if (involved.contains(t.getKey())) {
          correct += pairs(t.getValue());
        } else {
          outside += t.getValue();
        }
      }
      predicted += pairs(all) - pairs(outside);
    }
    return new Pairs(truePairs, found, predicted, correct);
  }

  private static long pairs(long n) {
    return n * (n - 1) / 2;
  }

  /** The report {@code ./suite demo} prints: one line per kind. */
  public static String text(List<Situation> situations) {
    StringBuilder b =
        new StringBuilder(
            "Identity quality per planted situation (pairs of identifiers of the persons and"
                + " companies involved):\n");
    for (Situation s : situations) {
      b.append(
          String.format(
              Locale.ROOT,
              "  %-26s %4d planted  persons %s; companies %s%n",
              s.kind(),
              s.planted(),
              s.persons(),
              s.companies()));
    }
    return b.toString();
  }
}
