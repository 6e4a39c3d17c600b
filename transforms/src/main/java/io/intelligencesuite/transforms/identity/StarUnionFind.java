package io.intelligencesuite.transforms.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.beam.sdk.values.KV;

/**
 * A union-find over string nodes in which the smaller root always wins, so every set's root is its
 * smallest node (natural String order), the anchor {@link ConnectedComponents} labels with. Path
 * compression, no ranks: each node is a map entry of two strings the caller already holds. Used by
 * the bundle contraction ({@link ConnectedComponents.ContractFn}) and the one-worker components
 * ({@link ConnectedComponents.OneWorkerFn}): one home for the union rule.
 */
final class StarUnionFind {
  private Map<String, String> parent = new HashMap<>();

  /** Nodes held. */
  int size() {
    return parent.size();
  }

  /** Joins the sets of {@code a} and {@code b} (a self-loop only declares {@code a}). */
  void union(String a, String b) {
    String ra = root(a);
    String rb = a.equals(b) ? ra : root(b);
    int c = ra.compareTo(rb);
    if (c < 0) {
      parent.put(rb, ra);
    } else if (c > 0) {
      parent.put(ra, rb);
    }
  }

  /** The root of n's tree (n itself if new), compressing the path to it. */
  private String root(String n) {
    return parent.putIfAbsent(n, n) == null ? n : rootIn(parent, n);
  }

  /**
   * Empties the structure into stars: {@code KV(node, root)} for every node that is not a root, and
   * a self-loop {@code KV(root, root)} for a root that has no other member. The stars connect
   * exactly what the unions connected; every edge is (larger, smaller).
   */
  void flushStars(Consumer<KV<String, String>> out) {
    Map<String, String> held = parent;
    parent = new HashMap<>();
    Map<String, Boolean> hasMembers = new HashMap<>();
    for (Map.Entry<String, String> e : held.entrySet()) {
      String n = e.getKey();
      String r = rootIn(held, e.getValue());
      if (!r.equals(n)) {
        out.accept(KV.of(n, r));
        hasMembers.put(r, Boolean.TRUE);
      }
    }
    for (Map.Entry<String, String> e : held.entrySet()) {
      String n = e.getKey();
      if (e.getValue().equals(n) && !hasMembers.containsKey(n)) {
        out.accept(KV.of(n, n));
      }
    }
  }

  /**
   * Empties the structure into its sets: {@code (root, the other members)} per set, the root being
   * the set's smallest node.
   */
  void flushSets(BiConsumer<String, List<String>> out) {
    Map<String, String> held = parent;
    parent = new HashMap<>();
    Map<String, List<String>> members = new HashMap<>();
    for (Map.Entry<String, String> e : held.entrySet()) {
      String n = e.getKey();
      String r = rootIn(held, e.getValue());
      if (r.equals(n)) {
        members.putIfAbsent(n, new ArrayList<>());
      } else {
        members.computeIfAbsent(r, k -> new ArrayList<>()).add(n);
      }
    }
    members.forEach(out);
  }

  /**
   * The root above {@code p} in {@code held}, compressing the path to it (a put on a key already
   * held, which an iteration over {@code held} allows).
   */
  private static String rootIn(Map<String, String> held, String p) {
    String r = p;
    while (true) {
      String up = held.get(r);
      if (up.equals(r)) {
        break;
      }
      r = up;
    }
    String x = p;
    while (!x.equals(r)) {
      x = held.put(x, r);
    }
    return r;
  }
}
