package io.intelligencesuite.local.bench;

import io.intelligencesuite.transforms.identity.IdentifierLink;
import io.intelligencesuite.transforms.identity.IdentifierNormalizer;
import io.intelligencesuite.transforms.identity.IdentifierTypes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The plain-Java peer of {@link IdentityBench}: what a data engineer would write instead of a
 * pipeline, one thread, everything in memory. It does the work identity resolution must do on the
 * same synthetic links: generate them, normalise both ends with the same {@link
 * IdentifierNormalizer} (blocked, malformed and unknown values rejected, each once), add a business
 * email's domain as its company, union the person-level identifiers (union-find with path halving
 * and union by size), then union the persons with their company identifiers and the company
 * identifiers with each other, and name every identifier's person and company by the SHA-256 of the
 * component's smallest node, as identity_map does.
 *
 * <p>What it leaves out, so it is a lower bound: the merge rules for components holding two user
 * ids, lead ids or company keys ({@code ConstrainedUnion}), the size cap and the overrides. On the
 * bench's graph they touch a few components in a thousand (the planted placeholder links are
 * rejected by the normaliser, which the peer does apply).
 */
final class UnionFindPeer {
  /** What one peer run produced, to set beside the pipeline's counters. */
  record Result(
      long rows,
      long rejections,
      long links,
      long persons,
      long companies,
      long personRows,
      long rowsWithoutCompany) {}

  private final IdentifierNormalizer normalizer = IdentifierNormalizer.withDefaults();
  private final Map<String, Integer> ids = new HashMap<>();
  private String[] nodes = new String[1 << 16];
  private int[] parent = new int[1 << 16];
  private int[] size = new int[1 << 16];
  private int n;
  private final Set<String> rejected = new HashSet<>();
  // Person-company affiliations and company-company edges, as int pairs, unioned after persons.
  private int[] later = new int[1 << 16];
  private int laterLength;
  private boolean[] personLevel = new boolean[1 << 16];

  static Result run(long units) {
    UnionFindPeer peer = new UnionFindPeer();
    long links = 0;
    for (long u = 0; u < units; u++) {
      for (IdentifierLink l : IdentityBench.unitLinks(u)) {
        peer.link(l);
        links++;
      }
    }
    return peer.resolve(links);
  }

  private void link(IdentifierLink link) {
    int left = node(link.getLeftType(), link.getLeftValue());
    int right = link.isSingle() ? -1 : node(link.getRightType(), link.getRightValue());
    if (left >= 0 && right >= 0) {
      if (personLevel[left] && personLevel[right]) {
        union(left, right);
        derived(left);
        derived(right);
      } else if (personLevel[left] || personLevel[right]) {
        int person = personLevel[left] ? left : right;
        derived(person);
        later(person, personLevel[left] ? right : left);
      } else {
        later(left, right);
      }
    } else if (left >= 0 || right >= 0) {
      derived(left >= 0 ? left : right);
    }
  }

  /** A business email belongs to the company of its domain; a free-mail one to none. */
  private void derived(int node) {
    String s = nodes[node];
    if (s.startsWith(IdentifierTypes.EMAIL + ":")) {
      String domain = s.substring(s.indexOf('@') + 1);
      if (!normalizer.isFreeMailDomain(domain)) {
        later(node, intern(IdentifierTypes.DOMAIN + ":" + domain, false));
      }
    }
  }

  private int node(String rawType, String rawValue) {
    String type = rawType == null ? null : rawType.trim().toLowerCase(Locale.ROOT);
    type = type == null ? null : IdentifierTypes.ALIASES.getOrDefault(type, type);
    boolean person = type != null && IdentifierTypes.PERSON_LEVEL.contains(type);
    if (type == null || !(person || IdentifierTypes.COMPANY_LEVEL.contains(type))) {
      rejected.add(rawType + '\u0000' + rawValue);
      return -1;
    }
    IdentifierNormalizer.Result r = normalizer.normalise(type, rawValue);
    if (r.isRejected()) {
      rejected.add(type + '\u0000' + rawValue);
      return -1;
    }
    return intern(type + ":" + r.value(), person);
  }

  private int intern(String node, boolean person) {
    Integer id = ids.get(node);
    if (id != null) {
      return id;
    }
    if (n == nodes.length) {
      nodes = Arrays.copyOf(nodes, n * 2);
      parent = Arrays.copyOf(parent, n * 2);
      size = Arrays.copyOf(size, n * 2);
      personLevel = Arrays.copyOf(personLevel, n * 2);
    }
    nodes[n] = node;
    parent[n] = n;
    size[n] = 1;
    personLevel[n] = person;
    ids.put(node, n);
    return n++;
  }

  private void later(int a, int b) {
    if (laterLength + 2 > later.length) {
      later = Arrays.copyOf(later, later.length * 2);
    }
    later[laterLength++] = a;
    later[laterLength++] = b;
  }

  private int find(int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  private void union(int a, int b) {
    int ra = find(a);
    int rb = find(b);
    if (ra == rb) {
      return;
    }
    if (size[ra] < size[rb]) {
      int t = ra;
      ra = rb;
      rb = t;
    }
    parent[rb] = ra;
    size[ra] += size[rb];
  }

  /** Persons are final now; then companies; then one (person, company) name pair per node. */
  private Result resolve(long links) {
    int[] personRoot = new int[n];
    for (int i = 0; i < n; i++) {
      personRoot[i] = find(i);
    }
    String[] personAnchor = smallestNode(personRoot);
    for (int i = 0; i < laterLength; i += 2) {
      union(later[i], later[i + 1]);
    }
    int[] companyRoot = new int[n];
    boolean[] hasCompany = new boolean[n];
    for (int i = 0; i < n; i++) {
      companyRoot[i] = find(i);
      if (!personLevel[i]) {
        hasCompany[companyRoot[i]] = true;
      }
    }
    String[] companyAnchor = smallestNode(companyRoot);
    Set<String> persons = new HashSet<>();
    Set<String> companies = new HashSet<>();
    long rows = 0;
    long personRows = 0;
    long rowsWithoutCompany = 0;
    for (int i = 0; i < n; i++) {
      String personId =
          personLevel[i] ? IdentifierTypes.personId(personAnchor[personRoot[i]]) : null;
      String companyId =
          hasCompany[companyRoot[i]]
              ? IdentifierTypes.companyId(companyAnchor[companyRoot[i]])
              : null;
      if (personId != null) {
        persons.add(personId);
        personRows++;
      }
      if (companyId != null) {
        companies.add(companyId);
      } else {
        rowsWithoutCompany++;
      }
      rows++;
    }
    return new Result(
        rows,
        rejected.size(),
        links,
        persons.size(),
        companies.size(),
        personRows,
        rowsWithoutCompany);
  }

  /** Per root: the smallest node string among its members. */
  private String[] smallestNode(int[] root) {
    String[] anchor = new String[n];
    for (int i = 0; i < n; i++) {
      int r = root[i];
      if (anchor[r] == null || nodes[i].compareTo(anchor[r]) < 0) {
        anchor[r] = nodes[i];
      }
    }
    return anchor;
  }
}
