package io.intelligencesuite.transforms.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Resolves identifier links into one person and one company per identifier: the {@code
 * identity_map} rows, plus the rejected identifiers for {@code dead_letters}.
 *
 * <pre>{@code
 * PCollectionTuple out = links.apply(ResolveIdentities.create().withMaxComponentSize(1000));
 * PCollection<IdentityAssignment> identityMap = out.get(ResolveIdentities.ASSIGNMENTS);
 * PCollection<IdentityRejection> rejected = out.get(ResolveIdentities.REJECTIONS);
 * }</pre>
 *
 * <h3>Steps</h3>
 *
 * <ol>
 *   <li><b>Normalise</b> both ends of every link ({@link IdentifierNormalizer}): blocked
 *       placeholders, malformed emails and domains, unknown types and free-mail domains offered as
 *       a company are rejected (each value reported once) and only drop the link: the other end
 *       still resolves. A business email (not free-mail) also yields a derived link to its {@code
 *       domain}.
 *   <li><b>Persons</b>: connected components ({@link ConnectedComponents}: a union-find on one
 *       worker, large-star / small-star rounds for a graph too big for it) over the person-level
 *       identifiers (ga_pseudo_id, user_id, email, lead_id) and the person-person links only.
 *   <li><b>Merge rules</b> ({@link IdentityRules}; docs/identity.md): a person component that holds
 *       two user ids or two lead ids, or both ends of a must-not-link override, is resolved one
 *       link at a time on one worker ({@link ConstrainedUnion}): a device seen with two user ids
 *       links to none of them, the other links are tried in priority order and one that would break
 *       a limit is refused. Refused links go to {@link #LINK_REJECTIONS}. Companies get the same
 *       treatment (one account, one Stripe customer unless an account - customer link states it; a
 *       domain touching two keyed companies joins none).
 *   <li><b>Size cap</b>: a person component with more than {@code maxComponentSize} identifiers is
 *       not merged. Its links are grouped on one worker (only these components, which are rare by
 *       construction) and split: repeatedly the identifier with the most links in an oversized part
 *       (the hub: a shared office login, a test account; ties to the smallest identifier) is
 *       removed and rejected with the component size, until every part fits; the parts become
 *       persons of their own. After {@code maxHubRemovals} removals in one component, the members
 *       of parts still too big are rejected too.
 *   <li><b>Companies</b>: a second connected components run over company-level identifiers
 *       (account_id, domain, stripe_customer, chartmogul_customer) and the persons, with an edge
 *       person - company for every link between a person-level and a company-level identifier (user
 *       - account, billing e-mail - Stripe customer, lead - company domain, business email - its
 *       domain, visitor - enriched domain) and company - company for links between company
 *       identifiers (account - domain, Stripe customer - account, ChartMogul - Stripe customer).
 *       Free-mail domains never enter this graph, so they cannot join two schools. A person linked
 *       to two values of one company key ({@link IdentifierTypes#COMPANY_KEYS}: two accounts, two
 *       Stripe customers; one administrator of two schools, one finance office paying for two) does
 *       not merge them: it keeps only its link to the smallest value of the strongest key it has,
 *       and its other company identifiers resolve through their own links (metric {@code
 *       persons_linking_several_companies}). A person with no company link has no company.
 *   <li><b>Company size cap</b>: a company component with more than {@code maxCompanyComponentSize}
 *       members (company-level identifiers and persons; default 5000) is split at its hubs as
 *       persons are, each removed hub reported with the component size (a removed person keeps its
 *       identity_map rows without a company; a removed domain or account gets no row). Metrics
 *       {@code company_oversized_components}, {@code company_hubs_removed}.
 *   <li><b>Assign</b> ids: person_id = {@code per_} + 16 hex digits of SHA-256 of the strongest
 *       normalised identifier ({@code type:value}) of the person (its user_id, else its lead_id,
 *       else its smallest e-mail, else its smallest device); company_id = {@code com_} + the same
 *       of the smallest company-level identifier of the company. Company-level identifiers get a
 *       row with person_id null.
 * </ol>
 *
 * <h3>Stability of ids</h3>
 *
 * Ids depend only on a component's own strongest identifier, so the same input gives the same ids
 * on every run and runner, adding an unrelated person changes no one else's id, and a new device or
 * e-mail of a person with a user id changes nothing (a person holds one user id). When new links
 * merge two components, the merged component keeps the id of the stronger identifier and the other
 * id disappears (rows that carried it move to the surviving id). Companies are named by their
 * smallest company identifier, their one account id whenever they have one. A split (a link
 * disappearing, or a hub newly rejected by the cap) gives the part that keeps the old anchor the
 * old id and new ids to the other parts. Downstream facts should therefore join through
 * identity_map on every run rather than store person_id / company_id.
 *
 * <h3>One worker, rounds and runners</h3>
 *
 * Each connected-components run first groups all its edges on one worker, whose union-find finds
 * the components in one shuffle when the graph has at most {@link #withMaxOneWorkerNodes} nodes
 * (default 4 million, under 1 GB of that worker's heap); the rounds below then see no input. A
 * bigger graph overflows into the rounds as it runs: each connected-components run contracts each
 * bundle's links locally (a bounded union-find, see {@link #withMaxContractedNodes}), then unrolls
 * {@code maxRounds} (default 16) small-star / large-star rounds in blocks of 1, 1, 2, 4 and 8;
 * large-star checks convergence in the same pass. The last round of a block that found the graph
 * converged yields the labels; the gate of the next block then drops every edge (the later blocks
 * see no input), and the run fails with an IllegalStateException if the last round was still not
 * converged. A graph that needs k rounds runs 1, 2, 4, 8 or 16 of them (k = 1, 2, 3-4, 5-8, 9-16);
 * a graph the contraction left as stars needs one round of one shuffle. Metrics (namespace {@code
 * ResolveIdentities}): the distributions {@code person_rounds_with_changes} and {@code
 * company_rounds_with_changes} (see {@link ConnectedComponents#roundsExecuted}), {@code
 * links_read}, {@code values_rejected}, {@code oversized_components}, {@code hubs_removed}. On the
 * DirectRunner pass {@code withConvergenceGate(false)} and a small {@code withMaxRounds} (its side
 * inputs cost about a second each; see {@link #withConvergenceGate}).
 *
 * <h3>Input</h3>
 *
 * Bounded; windows are ignored (re-windowed into the global window). Output order is arbitrary.
 * Identifier types: {@link IdentifierTypes}. {@code account_id} (the backend account) is a
 * company-level identifier and is kept in identity_map (its rows carry only a company_id): it is
 * the key that users, Stripe metadata and the companies table share, the only company key a school
 * without a domain has, and what the facts look companies up by; the registry's accepted values for
 * {@code identity_map.identifier_type} list it.
 */
public class ResolveIdentities extends PTransform<PCollection<IdentifierLink>, PCollectionTuple> {

  /** One row per resolved identifier (identity_map). */
  public static final TupleTag<IdentityAssignment> ASSIGNMENTS =
      new TupleTag<IdentityAssignment>() {};

  /** Rejected identifiers (dead_letters), each value once. */
  public static final TupleTag<IdentityRejection> REJECTIONS = new TupleTag<IdentityRejection>() {};

  /** Links refused by a merge rule (identity_rejections), each refused link once per level. */
  public static final TupleTag<IdentityLinkRejection> LINK_REJECTIONS =
      new TupleTag<IdentityLinkRejection>() {};

  public static final int DEFAULT_MAX_COMPONENT_SIZE = 1000;

  /** Companies are persons plus their company identifiers: a school district is big, not 5000. */
  public static final int DEFAULT_MAX_COMPANY_COMPONENT_SIZE = 5000;

  /** Unrolled rounds per connected-components run; skipped blocks cost one pass-through. */
  public static final int DEFAULT_MAX_ROUNDS = 16;

  public static final int DEFAULT_MAX_HUB_REMOVALS = 100;

  /**
   * Nodes of one level's graph that one worker's union-find holds (see {@link
   * #withMaxOneWorkerNodes}). A node costs that worker some 200 bytes of heap (an estimate: its
   * union-find map entry, its string, its members-list slot), so 4 million is under 1 GB: within a
   * Dataflow n1-standard-4 worker (15 GB for 4 threads) and the suite's -Xmx4g.
   */
  public static final int DEFAULT_MAX_ONE_WORKER_NODES = 4_000_000;

  static final String PERSON_PREFIX = "~";

  // Not final: the with-methods change a copy (see with(Consumer)); an instance never changes once
  // it is returned.
  private int maxComponentSize = DEFAULT_MAX_COMPONENT_SIZE;
  private int maxCompanyComponentSize = DEFAULT_MAX_COMPANY_COMPONENT_SIZE;
  private int maxRounds = DEFAULT_MAX_ROUNDS;
  private int maxHubRemovals = DEFAULT_MAX_HUB_REMOVALS;
  private boolean convergenceGate = true;
  private List<String> blockedValues = new ArrayList<>(IdentifierNormalizer.DEFAULT_BLOCKED_VALUES);
  private @Nullable List<String> freeMailDomains = null;
  private int maxContractedNodes = ConnectedComponents.DEFAULT_MAX_CONTRACTED_NODES;
  private int maxOneWorkerNodes = DEFAULT_MAX_ONE_WORKER_NODES;
  private List<IdentityOverride> overrides = List.of();

  private ResolveIdentities() {}

  /**
   * Defaults: person cap 1000, company cap 5000, 16 rounds, the default blocklist and the shipped
   * free-mail list.
   */
  public static ResolveIdentities create() {
    return new ResolveIdentities();
  }

  /** A copy of this transform with {@code change} applied to it. */
  private ResolveIdentities with(Consumer<ResolveIdentities> change) {
    ResolveIdentities copy = new ResolveIdentities();
    copy.maxComponentSize = maxComponentSize;
    copy.maxCompanyComponentSize = maxCompanyComponentSize;
    copy.maxRounds = maxRounds;
    copy.maxHubRemovals = maxHubRemovals;
    copy.convergenceGate = convergenceGate;
    copy.blockedValues = blockedValues;
    copy.freeMailDomains = freeMailDomains;
    copy.maxContractedNodes = maxContractedNodes;
    copy.maxOneWorkerNodes = maxOneWorkerNodes;
    copy.overrides = overrides;
    change.accept(copy);
    return copy;
  }

  private static int atLeastOne(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1");
    }
    return value;
  }

  /** A person component with more identifiers than this is split at its hubs (default 1000). */
  public ResolveIdentities withMaxComponentSize(int maxComponentSize) {
    int size = atLeastOne("maxComponentSize", maxComponentSize);
    return with(copy -> copy.maxComponentSize = size);
  }

  /**
   * A company component with more members (company-level identifiers and persons) than this is
   * split at its hubs like an oversized person (default 5000).
   */
  public ResolveIdentities withMaxCompanyComponentSize(int maxCompanyComponentSize) {
    int size = atLeastOne("maxCompanyComponentSize", maxCompanyComponentSize);
    return with(copy -> copy.maxCompanyComponentSize = size);
  }

  /** Rounds unrolled per connected-components run (default 16); the run fails if not enough. */
  public ResolveIdentities withMaxRounds(int maxRounds) {
    return with(copy -> copy.maxRounds = maxRounds);
  }

  /** Hubs removed per oversized component before its remaining oversized parts are rejected. */
  public ResolveIdentities withMaxHubRemovals(int maxHubRemovals) {
    return with(copy -> copy.maxHubRemovals = maxHubRemovals);
  }

  /**
   * Whether blocks of rounds after convergence skip their shuffles (default true: what Flink and
   * Dataflow want). Pass false on the DirectRunner, which waits about a second per round for a side
   * input computed by the pipeline itself; every round then shuffles, which is cheap for test-sized
   * graphs. Results are identical either way.
   */
  public ResolveIdentities withConvergenceGate(boolean convergenceGate) {
    return with(copy -> copy.convergenceGate = convergenceGate);
  }

  /**
   * Nodes each bundle's local contraction holds before it flushes (default 500,000, some tens of MB
   * per worker thread); at most 2 turns it off. Results are identical whatever the value: it only
   * decides how much of the graph is already contracted when the rounds start.
   */
  public ResolveIdentities withMaxContractedNodes(int maxContractedNodes) {
    return with(copy -> copy.maxContractedNodes = maxContractedNodes);
  }

  /**
   * Each level's components are first found on one worker: every edge is grouped under one key and
   * a union-find holding up to this many nodes (default {@link #DEFAULT_MAX_ONE_WORKER_NODES})
   * resolves them in one shuffle, instead of rounds of two shuffles over every node. A graph that
   * reaches the limit falls back, as it runs, to the star-finding rounds (the union-find is handed
   * to them as stars, so nothing is lost). 0 turns it off: the rounds only. Results are identical
   * either way.
   */
  public ResolveIdentities withMaxOneWorkerNodes(int maxOneWorkerNodes) {
    if (maxOneWorkerNodes < 0) {
      throw new IllegalArgumentException("maxOneWorkerNodes must be >= 0 (0: rounds only)");
    }
    return with(copy -> copy.maxOneWorkerNodes = maxOneWorkerNodes);
  }

  /**
   * Replaces the blocklist (compared trimmed and lower-cased; zeros/dashes-only always blocked).
   */
  public ResolveIdentities withBlockedValues(Collection<String> values) {
    List<String> blocked = new ArrayList<>(values);
    return with(copy -> copy.blockedValues = blocked);
  }

  /** Replaces the shipped free-mail domain list. */
  public ResolveIdentities withFreeMailDomains(Collection<String> domains) {
    List<String> freeMail = new ArrayList<>(domains);
    return with(copy -> copy.freeMailDomains = freeMail);
  }

  /**
   * Manual overrides (see {@link IdentityOverride}): must-link pairs are added as links exempt from
   * the limits; must-not-link pairs are never joined (the link that would join them is refused and
   * reported in {@link #LINK_REJECTIONS}).
   */
  public ResolveIdentities withOverrides(Collection<IdentityOverride> pairs) {
    List<IdentityOverride> list = List.copyOf(pairs);
    return with(copy -> copy.overrides = list);
  }

  @Override
  public PCollectionTuple expand(PCollection<IdentifierLink> links) {
    IdentityRules personRules = IdentityRules.persons(overrides);
    IdentityRules companyRules = IdentityRules.companies(overrides);
    PCollectionTuple norm =
        links
            .apply("Global window", Window.<IdentifierLink>into(new GlobalWindows()))
            .apply(
                "Normalise",
                ParDo.of(new NormaliseFn(blockedValues, freeMailDomains))
                    .withOutputTags(
                        NormaliseFn.PERSON_EDGES,
                        TupleTagList.of(NormaliseFn.AFFILIATIONS)
                            .and(NormaliseFn.COMPANY_EDGES)
                            .and(NormaliseFn.REJECTED)));
    PCollection<KV<String, String>> personEdges =
        withMustLinks("person", edges(norm, NormaliseFn.PERSON_EDGES), personRules);

    // Persons, then the merge rules and the size cap.
    PCollectionTuple split =
        cappedComponents("person", "persons", personEdges, maxComponentSize, personRules);
    PCollection<KV<String, String>> personLabels = split.get(SplitOversized.LABELS);

    // Companies over (person, company identifier) and (company, company) links, then the cap.
    PCollection<KV<String, String>> personCompanyEdges =
        KeyedPCollectionTuple.of(CompanyEdgesFn.LABEL, personLabels)
            .and(CompanyEdgesFn.AFFILIATION, edges(norm, NormaliseFn.AFFILIATIONS))
            .apply("Join persons and companies", CoGroupByKey.create())
            .apply("Person-company edges", ParDo.of(new CompanyEdgesFn()))
            .setCoder(ConnectedComponents.edgeCoder())
            .apply("Group by person", GroupByKey.create())
            .apply("One company per person", ParDo.of(new OneCompanyPerPersonFn()));
    PCollection<KV<String, String>> companyGraph =
        PCollectionList.of(personCompanyEdges.setCoder(ConnectedComponents.edgeCoder()))
            .and(withMustLinks("company", edges(norm, NormaliseFn.COMPANY_EDGES), companyRules))
            .apply("Company graph", Flatten.pCollections());
    PCollectionTuple companySplit =
        cappedComponents(
            "company", "companies", companyGraph, maxCompanyComponentSize, companyRules);
    // Components are labelled by their smallest node; a company is named by its strongest
    // identifier instead, as a person is (AssignFn), so that a ChartMogul customer or a second
    // domain arriving at a company without an account does not rename it.
    PCollection<KV<String, String>> companyLabels =
        companySplit
            .get(SplitOversized.LABELS)
            .setCoder(ConnectedComponents.edgeCoder())
            .apply("Key by company anchor", ParDo.of(new SwapFn()))
            .apply("Company members", GroupByKey.create())
            .apply("Name companies", ParDo.of(new NameCompanyFn()))
            .setCoder(ConnectedComponents.edgeCoder());

    // identity_map rows, from one join: the person rows and the company-level rows come out of
    // the same step, so the company labels feed one branch only (two branches that meet again
    // double the job's source-to-sink paths, see MartsGraphShapeTest in the marts).
    org.apache.beam.sdk.coders.Coder<IdentityAssignment> rowCoder =
        schemaCoder(links, IdentityAssignment.class);
    org.apache.beam.sdk.coders.Coder<IdentityRejection> rejectionCoder =
        schemaCoder(links, IdentityRejection.class);
    PCollection<IdentityAssignment> assignments =
        KeyedPCollectionTuple.of(
                AssignFn.MEMBER, personLabels.apply("Key by person anchor", ParDo.of(new SwapFn())))
            .and(
                AssignFn.COMPANY,
                companyLabels
                    .apply(
                        "Key by person anchor or company identifier", ParDo.of(new CompanyKeyFn()))
                    .setCoder(ConnectedComponents.edgeCoder()))
            .apply("Join persons with companies", CoGroupByKey.create())
            .apply("Person and company rows", ParDo.of(new AssignFn()))
            .setCoder(rowCoder);

    PCollection<IdentityRejection> rejections =
        PCollectionList.of(
                norm.get(NormaliseFn.REJECTED)
                    .setCoder(KvCoder.of(StringUtf8Coder.of(), rejectionCoder))
                    .apply("Once per value", Combine.perKey(ResolveIdentities::firstByReason))
                    .apply("Rejected values", Values.create())
                    .setCoder(rejectionCoder))
            .and(split.get(SplitOversized.REJECTIONS).setCoder(rejectionCoder))
            .and(companySplit.get(SplitOversized.REJECTIONS).setCoder(rejectionCoder))
            .apply("All rejections", Flatten.pCollections());
    org.apache.beam.sdk.coders.Coder<IdentityLinkRejection> linkRejectionCoder =
        schemaCoder(links, IdentityLinkRejection.class);
    PCollection<IdentityLinkRejection> linkRejections =
        PCollectionList.of(split.get(SplitOversized.LINK_REJECTIONS).setCoder(linkRejectionCoder))
            .and(companySplit.get(SplitOversized.LINK_REJECTIONS).setCoder(linkRejectionCoder))
            .apply("All refused links", Flatten.pCollections());
    return PCollectionTuple.of(ASSIGNMENTS, assignments)
        .and(REJECTIONS, rejections)
        .and(LINK_REJECTIONS, linkRejections);
  }

  /** The level's edges plus its must-link overrides (unchanged when there are none). */
  private static PCollection<KV<String, String>> withMustLinks(
      String level, PCollection<KV<String, String>> edges, IdentityRules rules) {
    List<List<String>> pairs = rules.mustLinkEdges();
    if (pairs.isEmpty()) {
      return edges;
    }
    List<KV<String, String>> kvs = new ArrayList<>();
    pairs.forEach(p -> kvs.add(KV.of(p.get(0), p.get(1))));
    PCollection<KV<String, String>> extra =
        edges
            .getPipeline()
            .apply(
                "Must-link " + level + " overrides",
                org.apache.beam.sdk.transforms.Create.of(kvs)
                    .withCoder(ConnectedComponents.edgeCoder()));
    return PCollectionList.of(edges)
        .and(extra)
        .apply("With " + level + " overrides", Flatten.pCollections());
  }

  /**
   * Connected components of one level's graph with its size cap: {@link SplitOversized#LABELS}
   * (node, anchor) of every node, the oversized components' parts included, and {@link
   * SplitOversized#REJECTIONS} (the hubs removed).
   */
  private PCollectionTuple cappedComponents(
      String level,
      String plural,
      PCollection<KV<String, String>> edges,
      int cap,
      IdentityRules rules) {
    String name = Character.toUpperCase(level.charAt(0)) + level.substring(1);
    PCollectionTuple components =
        edges.apply(
            name + " components",
            new ConnectedComponents(
                level,
                maxRounds,
                cap,
                convergenceGate,
                maxContractedNodes,
                rules,
                maxOneWorkerNodes));
    PCollectionTuple split =
        edges.apply(
            "Split oversized " + plural,
            new SplitOversized(
                new SplitOversized.Cap(level, cap, maxHubRemovals, rules),
                components
                    .get(ConnectedComponents.OVERSIZED)
                    .setCoder(ConnectedComponents.edgeCoder())));
    PCollection<KV<String, String>> labels =
        PCollectionList.of(
                components
                    .get(ConnectedComponents.LABELS)
                    .setCoder(ConnectedComponents.edgeCoder()))
            .and(split.get(SplitOversized.LABELS).setCoder(ConnectedComponents.edgeCoder()))
            .apply("All " + level + " labels", Flatten.pCollections());
    return PCollectionTuple.of(SplitOversized.LABELS, labels)
        .and(SplitOversized.REJECTIONS, split.get(SplitOversized.REJECTIONS))
        .and(SplitOversized.LINK_REJECTIONS, split.get(SplitOversized.LINK_REJECTIONS));
  }

  private static <T> org.apache.beam.sdk.coders.Coder<T> schemaCoder(
      PCollection<?> any, Class<T> clazz) {
    try {
      return any.getPipeline().getSchemaRegistry().getSchemaCoder(clazz);
    } catch (NoSuchSchemaException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PCollection<KV<String, String>> edges(
      PCollectionTuple t, TupleTag<KV<String, String>> tag) {
    return t.get(tag).setCoder(ConnectedComponents.edgeCoder());
  }

  static IdentityRejection firstByReason(Iterable<IdentityRejection> rs) {
    IdentityRejection best = null;
    for (IdentityRejection r : rs) {
      if (best == null || r.getReason().compareTo(best.getReason()) < 0) {
        best = r;
      }
    }
    return best;
  }

  /**
   * Normalises a link and routes it: person-person edges (a self-loop for an identifier with no
   * person partner), person-company affiliations, company-company edges, and rejections keyed by
   * type and value.
   */
  static class NormaliseFn extends DoFn<IdentifierLink, KV<String, String>> {
    static final TupleTag<KV<String, String>> PERSON_EDGES = new TupleTag<KV<String, String>>() {};
    static final TupleTag<KV<String, String>> AFFILIATIONS = new TupleTag<KV<String, String>>() {};
    static final TupleTag<KV<String, String>> COMPANY_EDGES = new TupleTag<KV<String, String>>() {};
    static final TupleTag<KV<String, IdentityRejection>> REJECTED =
        new TupleTag<KV<String, IdentityRejection>>() {};

    private final List<String> blockedValues;
    private final @Nullable List<String> freeMailDomains;
    private transient IdentifierNormalizer normalizer;
    private final Counter linksRead =
        Metrics.counter(ConnectedComponents.METRICS_NAMESPACE, "links_read");
    private final Counter valuesRejected =
        Metrics.counter(ConnectedComponents.METRICS_NAMESPACE, "values_rejected");

    NormaliseFn(List<String> blockedValues, @Nullable List<String> freeMailDomains) {
      this.blockedValues = blockedValues;
      this.freeMailDomains = freeMailDomains;
    }

    @Setup
    public void setup() {
      normalizer =
          new IdentifierNormalizer(
              blockedValues,
              freeMailDomains != null
                  ? freeMailDomains
                  : IdentifierNormalizer.defaultFreeMailDomains());
    }

    @ProcessElement
    public void process(@Element IdentifierLink link, MultiOutputReceiver out) {
      linksRead.inc();
      String left = node(link.getLeftType(), link.getLeftValue(), link.getSource(), out);
      String right =
          link.isSingle()
              ? null
              : node(link.getRightType(), link.getRightValue(), link.getSource(), out);
      if (left != null && right != null) {
        boolean lp = IdentifierTypes.isPersonLevel(IdentifierTypes.typeOf(left));
        boolean rp = IdentifierTypes.isPersonLevel(IdentifierTypes.typeOf(right));
        if (lp && rp) {
          out.get(PERSON_EDGES).output(KV.of(left, right));
          derived(left, out);
          derived(right, out);
        } else if (lp || rp) {
          String person = lp ? left : right;
          single(person, out);
          out.get(AFFILIATIONS).output(KV.of(person, lp ? right : left));
        } else {
          out.get(COMPANY_EDGES).output(KV.of(left, right));
        }
      } else if (left != null || right != null) {
        single(left != null ? left : right, out);
      }
    }

    /** A node on its own: a self-loop in its graph, plus its derived company for an email. */
    private void single(String node, MultiOutputReceiver out) {
      if (IdentifierTypes.isPersonLevel(IdentifierTypes.typeOf(node))) {
        out.get(PERSON_EDGES).output(KV.of(node, node));
        derived(node, out);
      } else {
        out.get(COMPANY_EDGES).output(KV.of(node, node));
      }
    }

    /** A business email belongs to the company of its domain; a free-mail one to none. */
    private void derived(String node, MultiOutputReceiver out) {
      if (IdentifierTypes.EMAIL.equals(IdentifierTypes.typeOf(node))) {
        String domain = IdentifierNormalizer.emailDomain(IdentifierTypes.valueOf(node));
        if (!normalizer.isFreeMailDomain(domain)) {
          out.get(AFFILIATIONS)
              .output(KV.of(node, IdentifierTypes.node(IdentifierTypes.DOMAIN, domain)));
        }
      }
    }

    private @Nullable String node(
        @Nullable String rawType,
        @Nullable String rawValue,
        String source,
        MultiOutputReceiver out) {
      String type = IdentifierTypes.canonicalType(rawType);
      String shownType = rawType == null ? "null" : rawType;
      String shownValue = rawValue == null ? "" : rawValue;
      if (type == null) {
        reject(
            shownType,
            shownValue,
            "identifier type '"
                + shownType
                + "' is not a known identifier type (from "
                + source
                + ")",
            out);
        return null;
      }
      IdentifierNormalizer.Result r = normalizer.normalise(type, rawValue);
      if (r.isRejected()) {
        reject(type, r.value() != null ? r.value() : shownValue, r.rejection(), out);
        return null;
      }
      return IdentifierTypes.node(type, r.value());
    }

    private void reject(String type, String value, String reason, MultiOutputReceiver out) {
      valuesRejected.inc();
      out.get(REJECTED)
          .output(KV.of(type + '\u0000' + value, IdentityRejection.of(type, value, reason, null)));
    }
  }

  /** Per person-level identifier: its person anchor and its company identifiers. */
  static class CompanyEdgesFn extends DoFn<KV<String, CoGbkResult>, KV<String, String>> {
    static final TupleTag<String> LABEL = new TupleTag<String>() {};
    static final TupleTag<String> AFFILIATION = new TupleTag<String>() {};

    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> e, OutputReceiver<KV<String, String>> out) {
      String anchor = null;
      for (String a : e.getValue().getAll(LABEL)) {
        anchor = a;
      }
      Set<String> companies = new HashSet<>();
      for (String c : e.getValue().getAll(AFFILIATION)) {
        companies.add(c);
      }
      for (String c : companies) {
        // An identifier rejected by the size cap has no person; its company still gets a row.
        out.output(anchor == null ? KV.of(c, c) : KV.of(PERSON_PREFIX + anchor, c));
      }
    }
  }

  /**
   * A person linked to two values of one company key ({@link IdentifierTypes#COMPANY_KEYS}) is a
   * bridge between companies that the backend or the billing system keeps apart: it keeps only its
   * link to the smallest value of the strongest key it has, and its other company identifiers stay
   * in the graph on their own (self-loops), so they still resolve through their own links. Every
   * other person passes through unchanged.
   */
  static class OneCompanyPerPersonFn
      extends DoFn<KV<String, Iterable<String>>, KV<String, String>> {
    private final Counter bridges =
        Metrics.counter(ConnectedComponents.METRICS_NAMESPACE, "persons_linking_several_companies");

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<String>> e, OutputReceiver<KV<String, String>> out) {
      String person = e.getKey();
      Set<String> companies = new TreeSet<>();
      for (String c : e.getValue()) {
        companies.add(c);
      }
      if (!person.startsWith(PERSON_PREFIX)) {
        // Company identifiers of a capped person's identifier, grouped under themselves.
        companies.forEach(c -> out.output(KV.of(c, c)));
        return;
      }
      String keep = null;
      boolean bridge = false;
      for (String key : IdentifierTypes.COMPANY_KEYS) {
        List<String> values = new ArrayList<>();
        for (String c : companies) {
          if (key.equals(IdentifierTypes.typeOf(c))) {
            values.add(c);
          }
        }
        keep = keep == null && !values.isEmpty() ? values.get(0) : keep;
        bridge |= values.size() > 1;
      }
      if (!bridge) {
        companies.forEach(c -> out.output(KV.of(person, c)));
        return;
      }
      bridges.inc();
      for (String c : companies) {
        out.output(c.equals(keep) ? KV.of(person, c) : KV.of(c, c));
      }
    }
  }

  /**
   * Company labels keyed for the final join: a person node by its person anchor, a company-level
   * identifier by itself (it becomes a row of its own); the value is the node naming the company.
   */
  static class CompanyKeyFn extends DoFn<KV<String, String>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<String, String> label, OutputReceiver<KV<String, String>> out) {
      String node = label.getKey();
      out.output(
          KV.of(
              node.startsWith(PERSON_PREFIX) ? node.substring(PERSON_PREFIX.length()) : node,
              label.getValue()));
    }
  }

  /** Per company anchor: (member, the member that names the company) for every member. */
  static class NameCompanyFn extends DoFn<KV<String, Iterable<String>>, KV<String, String>> {
    private static final IdentityRules COMPANY_NAMES = IdentityRules.companies(List.of());

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<String>> e, OutputReceiver<KV<String, String>> out) {
      // Copied once: a runner may give a grouped value that can be iterated only once (Flink).
      List<String> members = new ArrayList<>();
      e.getValue().forEach(members::add);
      String name = COMPANY_NAMES.best(members);
      for (String m : members) {
        out.output(KV.of(m, name));
      }
    }
  }

  static class SwapFn extends DoFn<KV<String, String>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<String, String> e, OutputReceiver<KV<String, String>> out) {
      out.output(KV.of(e.getValue(), e.getKey()));
    }
  }

  /**
   * Per person anchor: one row per member, with the person's company if it has one. Per
   * company-level identifier (a key no person has, since persons are anchored on person-level
   * identifiers): its row, with its company and no person.
   */
  static class AssignFn extends DoFn<KV<String, CoGbkResult>, IdentityAssignment> {
    private static final IdentityRules PERSON_NAMES = IdentityRules.persons(List.of());
    static final TupleTag<String> MEMBER = new TupleTag<String>() {};
    static final TupleTag<String> COMPANY = new TupleTag<String>() {};

    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> e, OutputReceiver<IdentityAssignment> out) {
      String key = e.getKey();
      if (!IdentifierTypes.isPersonLevel(IdentifierTypes.typeOf(key))) {
        for (String c : e.getValue().getAll(COMPANY)) {
          out.output(
              IdentityAssignment.of(
                  IdentifierTypes.typeOf(key),
                  IdentifierTypes.valueOf(key),
                  null,
                  IdentifierTypes.companyId(c)));
        }
        return;
      }
      // The person is named by its strongest identifier (its one user_id, else its lead, ...), not
      // by its smallest: a device or an e-mail arriving later does not change its id.
      String personId = IdentifierTypes.personId(PERSON_NAMES.best(e.getValue().getAll(MEMBER)));
      String companyId = null;
      for (String c : e.getValue().getAll(COMPANY)) {
        companyId = IdentifierTypes.companyId(c);
      }
      for (String m : e.getValue().getAll(MEMBER)) {
        out.output(
            IdentityAssignment.of(
                IdentifierTypes.typeOf(m), IdentifierTypes.valueOf(m), personId, companyId));
      }
    }
  }
}
