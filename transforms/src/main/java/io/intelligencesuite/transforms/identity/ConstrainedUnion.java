package io.intelligencesuite.transforms.identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Resolves one component that breaks an {@link IdentityRules} rule, on one worker, as Segment Unify
 * and RudderStack resolve an identity graph with limits: links are tried one at a time in a fixed
 * order and a link that would break a rule is not made (and reported), so every identifier stays
 * with the profile it joined first. Deterministic: the order depends only on the links.
 *
 * <ol>
 *   <li><b>Shared hubs</b>: a node of a shared-hub type (a device) linked to more values of a
 *       limited type than the limit (two user ids) links to none of its limited partners.
 *   <li><b>Links</b>, must-link overrides first, then by the priority of their two types (the
 *       weaker end's rank, then the stronger end's, then the node names): each joins two sets
 *       unless the joined set would hold more values of a limited type than its limit (an exempt
 *       link, see {@link IdentityRules#exempt}, may) or both ends of a must-not-link pair.
 *   <li><b>Evidence</b> (domains, then CRM companies), in that order and then node order, after
 *       every key link: a domain whose partners lie in at most one keyed set joins it and its
 *       keyless partners; a domain touching two or more keyed sets (two schools of a trust) joins
 *       none of them, only its keyless partners (leads that named it), and is {@link
 *       Result#unassigned}: its set gets no company.
 * </ol>
 *
 * The sets are the connected components of the links not rejected.
 */
final class ConstrainedUnion {

  /** The links refused (canonical pairs), the nodes whose set gets no profile, and why. */
  record Result(
      Set<List<String>> rejected, Set<String> unassigned, List<IdentityLinkRejection> reasons) {}

  private final IdentityRules rules;
  private final Map<String, String> parent = new HashMap<>();
  private final Map<String, Map<String, Integer>> counts = new HashMap<>();
  private final Map<String, Set<String>> members = new HashMap<>();
  private final Set<List<String>> rejected = new HashSet<>();
  private final Set<String> unassigned = new TreeSet<>();
  private final List<IdentityLinkRejection> reasons = new ArrayList<>();

  private ConstrainedUnion(IdentityRules rules) {
    this.rules = rules;
  }

  /** Resolves {@code edges} (pairs of nodes; self-loops declare a node) under {@code rules}. */
  static Result resolve(Iterable<List<String>> edges, IdentityRules rules) {
    ConstrainedUnion u = new ConstrainedUnion(rules);
    Map<String, TreeSet<String>> adj = new TreeMap<>();
    Set<List<String>> links =
        new TreeSet<>(
            Comparator.comparing((List<String> l) -> l.get(0)).thenComparing(l -> l.get(1)));
    for (List<String> e : edges) {
      adj.computeIfAbsent(e.get(0), k -> new TreeSet<>());
      adj.computeIfAbsent(e.get(1), k -> new TreeSet<>());
      if (!e.get(0).equals(e.get(1))) {
        links.add(IdentityRules.pair(e.get(0), e.get(1)));
        adj.get(e.get(0)).add(e.get(1));
        adj.get(e.get(1)).add(e.get(0));
      }
    }
    adj.keySet().forEach(u::add);
    u.sharedHubs(adj);
    List<List<String>> ordered = new ArrayList<>();
    // Evidence in priority order (domains, then CRM companies), then node order.
    Map<String, List<String>> evidence =
        new TreeMap<>(Comparator.comparingInt((String n) -> rules.rank(n)).thenComparing(n -> n));
    for (List<String> l : links) {
      if (u.rejected.contains(l)) {
        continue;
      }
      String ev = u.evidenceEnd(l);
      if (ev == null) {
        ordered.add(l);
      } else {
        evidence
            .computeIfAbsent(ev, k -> new ArrayList<>())
            .add(l.get(0).equals(ev) ? l.get(1) : l.get(0));
      }
    }
    ordered.sort(
        Comparator.comparing((List<String> l) -> !rules.mustLink.contains(l))
            .thenComparing(l -> Math.max(rules.rank(l.get(0)), rules.rank(l.get(1))))
            .thenComparing(l -> Math.min(rules.rank(l.get(0)), rules.rank(l.get(1))))
            .thenComparing(l -> l.get(0))
            .thenComparing(l -> l.get(1)));
    for (List<String> l : ordered) {
      u.tryUnion(l.get(0), l.get(1));
    }
    evidence.forEach(u::placeEvidence);
    return new Result(u.rejected, u.unassigned, u.reasons);
  }

  private void add(String node) {
    parent.put(node, node);
    Map<String, Integer> c = new HashMap<>();
    String type = IdentityRules.typeOf(node);
    if (rules.limits.containsKey(type)) {
      c.put(type, 1);
    }
    counts.put(node, c);
    Set<String> m = new HashSet<>();
    m.add(node);
    members.put(node, m);
  }

  private String find(String n) {
    String r = n;
    while (!parent.get(r).equals(r)) {
      r = parent.get(r);
    }
    String x = n;
    while (!parent.get(x).equals(r)) {
      String next = parent.get(x);
      parent.put(x, r);
      x = next;
    }
    return r;
  }

  /**
   * The evidence end of a link, or null when neither end is evidence. When both are (a CRM company
   * and its domain), the one placed later: the CRM company, which then sees where its domain went.
   */
  private String evidenceEnd(List<String> l) {
    String end = null;
    for (String n : l) {
      if (rules.evidenceTypes.contains(IdentityRules.typeOf(n))
          && (end == null || rules.rank(n) > rules.rank(end))) {
        end = n;
      }
    }
    return end;
  }

  /** Step 1: a hub linked to more limited values than allowed links to none of them. */
  private void sharedHubs(Map<String, TreeSet<String>> adj) {
    for (Map.Entry<String, TreeSet<String>> e : adj.entrySet()) {
      String hub = e.getKey();
      if (!rules.sharedHubTypes.contains(IdentityRules.typeOf(hub))) {
        continue;
      }
      Map<String, List<String>> byType = new TreeMap<>();
      for (String m : e.getValue()) {
        String t = IdentityRules.typeOf(m);
        if (rules.limits.containsKey(t)) {
          byType.computeIfAbsent(t, k -> new ArrayList<>()).add(m);
        }
      }
      String over = null;
      for (Map.Entry<String, List<String>> t : byType.entrySet()) {
        if (over == null && t.getValue().size() > rules.limits.get(t.getKey())) {
          over = t.getKey();
        }
      }
      if (over == null) {
        continue;
      }
      String seen =
          byType.get(over).stream()
              .map(ConstrainedUnion::describe)
              .collect(Collectors.joining(", "));
      rejectEach(
          IdentityRules.RULE_SHARED_DEVICE,
          hub,
          byType.values(),
          describe(hub)
              + " was used by "
              + byType.get(over).size()
              + " "
              + over
              + " ("
              + seen
              + "): a shared device (a school-office computer) links to none of them, so it"
              + " never merges their "
              + rules.level
              + "s");
    }
  }

  /** Step 2: joins the sets of a and b unless that breaks a limit or a must-not-link pair. */
  private boolean tryUnion(String a, String b) {
    String ra = find(a);
    String rb = find(b);
    if (ra.equals(rb)) {
      return true;
    }
    // The side that stays apart is the set whose name comes second in the priority order.
    boolean aLater = compareSets(ra, rb) > 0;
    String loner = aLater ? a : b;
    String other = aLater ? b : a;
    String lonerSet = aLater ? ra : rb;
    String otherSet = aLater ? rb : ra;
    String notMade = "link " + describe(loner) + " - " + describe(other) + " not made: ";
    String pair = mustNotBetween(ra, rb);
    if (pair != null) {
      reject(
          IdentityRules.RULE_MUST_NOT_LINK,
          loner,
          other,
          notMade + "a must_not_link override keeps " + pair + " apart");
      return false;
    }
    for (String type : rules.priority) {
      Integer limit = rules.limits.get(type);
      int na = counts.get(ra).getOrDefault(type, 0);
      int nb = counts.get(rb).getOrDefault(type, 0);
      // Only a join that brings values of the type from both sides can break its limit (a set
      // over it through exempt links may still take in identifiers of other types).
      if (limit != null && na > 0 && nb > 0 && na + nb > limit && !rules.exempt(a, b, type)) {
        reject(
            IdentityRules.RULE_LIMIT,
            loner,
            other,
            notMade
                + rules.limitText(type)
                + " and the "
                + rules.level
                + " of "
                + describe(rules.best(members.get(otherSet)))
                + " already holds "
                + counts.get(otherSet).getOrDefault(type, 0)
                + "; "
                + describe(loner)
                + " stays with the "
                + rules.level
                + " of "
                + describe(rules.best(members.get(lonerSet))));
        return false;
      }
    }
    union(ra, rb);
    return true;
  }

  /** Orders two sets by their best member: the earlier one is the profile joined first. */
  private int compareSets(String ra, String rb) {
    String a = rules.best(members.get(ra));
    String b = rules.best(members.get(rb));
    int c = Integer.compare(rules.rank(a), rules.rank(b));
    return c != 0 ? c : a.compareTo(b);
  }

  /** Union by size: the larger set absorbs the smaller (which root names a set is irrelevant). */
  private void union(String ra, String rb) {
    boolean aLarger = members.get(ra).size() >= members.get(rb).size();
    String root = aLarger ? ra : rb;
    String child = aLarger ? rb : ra;
    parent.put(child, root);
    counts.get(child).forEach((t, n) -> counts.get(root).merge(t, n, Integer::sum));
    members.get(root).addAll(members.remove(child));
    counts.remove(child);
  }

  /** A must-not-link pair with one end in each set, as text, or null. */
  private String mustNotBetween(String ra, String rb) {
    if (rules.mustNotLink.isEmpty()) {
      return null;
    }
    for (String x : members.get(ra)) {
      for (String y : members.get(rb)) {
        if (rules.mustNotLink.contains(IdentityRules.pair(x, y))) {
          return describe(x) + " and " + describe(y);
        }
      }
    }
    return null;
  }

  private boolean keyed(String root) {
    for (String m : members.get(root)) {
      if (rules.keyTypes.contains(IdentityRules.typeOf(m))) {
        return true;
      }
    }
    return false;
  }

  private boolean holdsUnassigned(String root) {
    for (String m : members.get(root)) {
      if (unassigned.contains(m)) {
        return true;
      }
    }
    return false;
  }

  /** Step 3: an evidence node joins the one keyed set it touches, or none when it touches two. */
  private void placeEvidence(String evidence, List<String> partners) {
    Map<String, List<String>> keyedRoots = new TreeMap<>();
    List<String> keyless = new ArrayList<>();
    for (String p : partners) {
      String r = find(p);
      if (holdsUnassigned(r)) {
        reject(
            IdentityRules.RULE_SHARED_DOMAIN,
            evidence,
            p,
            describe(evidence)
                + " not joined to "
                + describe(p)
                + ": that side already holds a shared domain, which no company may absorb");
      } else if (keyed(r)) {
        keyedRoots.computeIfAbsent(r, k -> new ArrayList<>()).add(p);
      } else {
        keyless.add(p);
      }
    }
    if (keyedRoots.size() > 1) {
      unassigned.add(evidence);
      String companies =
          keyedRoots.keySet().stream()
              .map(r -> describe(rules.best(members.get(r))))
              .sorted()
              .collect(Collectors.joining(", "));
      rejectEach(
          IdentityRules.RULE_SHARED_DOMAIN,
          evidence,
          keyedRoots.values(),
          describe(evidence)
              + " is shared by "
              + keyedRoots.size()
              + " companies ("
              + companies
              + "): "
              + evidenceRule(evidence));
    } else {
      keyedRoots.values().forEach(keyless::addAll);
    }
    for (String p : keyless) {
      tryUnion(evidence, p);
    }
  }

  /** Why an evidence node touching several keyed companies joins none, by its type. */
  private static String evidenceRule(String evidence) {
    return IdentifierTypes.CRM_COMPANY.equals(IdentityRules.typeOf(evidence))
        ? "a CRM company is evidence, not a key (HubSpot keeps one company per domain, so the"
            + " schools of a trust share one), so it joins none of them and the contacts that name"
            + " only this company stay without a company"
        : "a domain is evidence, not a key, so it joins none of them and the leads and visits that"
            + " name only this domain stay without a company";
  }

  /** Refuses the links of {@code node} to every partner in {@code groups}, for one reason. */
  private void rejectEach(
      String rule, String node, java.util.Collection<List<String>> groups, String reason) {
    for (List<String> partners : groups) {
      for (String p : partners) {
        reject(rule, node, p, reason);
      }
    }
  }

  private void reject(String rule, String identifier, String linked, String reason) {
    rejected.add(IdentityRules.pair(identifier, linked));
    String id = identifier(identifier);
    String other = identifier(linked);
    reasons.add(
        IdentityLinkRejection.of(
            rules.level,
            rule,
            IdentifierTypes.typeOf(id),
            IdentifierTypes.valueOf(id),
            IdentifierTypes.typeOf(other),
            IdentifierTypes.valueOf(other),
            reason));
  }

  /** A company graph's person node ({@code ~anchor}) stands for its anchor identifier. */
  static String identifier(String node) {
    return node.startsWith(ResolveIdentities.PERSON_PREFIX)
        ? node.substring(ResolveIdentities.PERSON_PREFIX.length())
        : node;
  }

  /** {@code user_id 'u1'}, or {@code the person of email 'a@b'} for a person node. */
  static String describe(String node) {
    String id = identifier(node);
    String named = IdentifierTypes.typeOf(id) + " '" + IdentifierTypes.valueOf(id) + "'";
    return id.equals(node) ? named : "the person of " + named;
  }
}
