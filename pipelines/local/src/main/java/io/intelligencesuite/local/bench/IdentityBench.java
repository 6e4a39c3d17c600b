package io.intelligencesuite.local.bench;

import io.intelligencesuite.local.flink.LocalFlink;
import io.intelligencesuite.transforms.audit.Counters;
import io.intelligencesuite.transforms.identity.ConnectedComponents;
import io.intelligencesuite.transforms.identity.IdentifierLink;
import io.intelligencesuite.transforms.identity.IdentityAssignment;
import io.intelligencesuite.transforms.identity.IdentityRejection;
import io.intelligencesuite.transforms.identity.ResolveIdentities;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Benchmark of {@link ResolveIdentities} on a synthetic, realistic identity graph: schools (account
 * + domain, sometimes an alias domain) with an exponential number of staff (mean about 10; user_id,
 * business or gmail email, 1-3 GA devices, sometimes a lead), a billing contact with a Stripe and a
 * ChartMogul customer, anonymous visitors who never log in, free-mail leads that never convert, and
 * a few blocked placeholder values. Everything is generated inside the pipeline from the unit index
 * (deterministic), so the input costs no driver memory.
 *
 * <pre>
 * java -XX:+UseParallelGC -Dorg.slf4j.simpleLogger.log.org.apache.flink=warn \
 *      -Dorg.slf4j.simpleLogger.log.org.apache.beam.runners.flink=warn \
 *      -cp pipelines/target/suite.jar io.intelligencesuite.local.bench.IdentityBench \
 *      --sizes=100000,1000000 --reps=3 --warmups=1 --runners=FlinkRunner [--directMaxSize=100000]
 * </pre>
 *
 * <p>Each size first runs {@code --warmups} times untimed (printed, not in the median), as JMH
 * warms up before it measures: in a fresh JVM the first run of a size pays the JIT compilation of
 * the runner's and the coders' hot paths, which on this 2-core machine roughly doubles it (1M:
 * 55-62 s cold against about 29 s warm), and would otherwise dominate a median of three.
 *
 * <p>{@code --maxContractedNodes=2} turns the local contraction off: the generator emits each
 * school's links together, so the contraction alone finishes its components, which real sources
 * (read in separate partitions) do not; without it the rounds do all the work.
 *
 * <p>{@code --checksum} also prints an order-independent checksum of the identity_map rows and of
 * the rejections (see {@link ChecksumFn}), to check that a change to the pipeline leaves its output
 * unchanged. On Flink the bench runs with the suite's flags ({@link LocalFlink#args}). Other
 * arguments are passed to Beam (e.g. {@code --parallelism=2} is the Flink default here). Prints,
 * per runner and size, the median wall time of the pipeline run, the rounds each
 * connected-components run needed, and the 10x / 1x time ratio.
 *
 * <p>Each size is also run by {@link UnionFindPeer}, the plain-Java union-find a data engineer
 * would write instead (same links, same normaliser, no merge rules: a lower bound), in this JVM
 * before the pipelines, with its row count beside theirs and the pipeline / peer ratio ({@code
 * --peer=false} skips it).
 */
public class IdentityBench {
  static final String NS = "IdentityBench";

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = new ArrayList<>(List.of(100_000, 1_000_000));
    List<String> runners = new ArrayList<>(List.of("FlinkRunner"));
    int reps = 3;
    int warmups = 1;
    int directMaxSize = 100_000;
    Integer maxRounds = null;
    Integer maxContractedNodes = null;
    Boolean gate = null;
    boolean checksum = false;
    boolean peer = true;
    List<String> beamArgs = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("--sizes=")) {
        sizes.clear();
        for (String s : a.substring(8).split(",")) {
          sizes.add(Integer.parseInt(s.trim()));
        }
      } else if (a.startsWith("--reps=")) {
        reps = Integer.parseInt(a.substring(7));
      } else if (a.startsWith("--warmups=")) {
        warmups = Integer.parseInt(a.substring(10));
      } else if (a.startsWith("--runners=")) {
        runners = Arrays.asList(a.substring(10).split(","));
      } else if (a.startsWith("--maxContractedNodes=")) {
        maxContractedNodes = Integer.parseInt(a.substring(21));
      } else if (a.startsWith("--maxRounds=")) {
        maxRounds = Integer.parseInt(a.substring(12));
      } else if (a.startsWith("--gate=")) {
        gate = Boolean.parseBoolean(a.substring(7));
      } else if (a.startsWith("--peer=")) {
        peer = Boolean.parseBoolean(a.substring(7));
      } else if (a.equals("--checksum")) {
        checksum = true;
      } else if (a.startsWith("--directMaxSize=")) {
        directMaxSize = Integer.parseInt(a.substring(16));
      } else {
        beamArgs.add(a);
      }
    }
    double perUnit = identifiersPerUnit();
    System.out.printf(Locale.ROOT, "synthetic graph: %.1f identifiers per school unit%n", perUnit);
    // Per size: the peer's median wall and CPU seconds.
    Map<Integer, double[]> peerMedians = new HashMap<>();
    if (peer) {
      for (int size : sizes) {
        peerMedians.put(size, peerMedian(size, Math.max(1, Math.round(size / perUnit)), reps));
      }
    }
    for (String runner : runners) {
      Double previous = null;
      Integer previousSize = null;
      for (int size : sizes) {
        if (runner.equals("DirectRunner") && size > directMaxSize) {
          continue;
        }
        long units = Math.max(1, Math.round(size / perUnit));
        double[] seconds = new double[reps];
        double[] cpu = new double[reps];
        String stats = "";
        for (int w = 0; w < warmups; w++) {
          Result r =
              runOnce(runner, units, beamArgs, maxRounds, maxContractedNodes, gate, checksum);
          System.out.printf(
              Locale.ROOT,
              "  %s n=%d warm-up %d (not in the median): %.2f s%n",
              runner,
              size,
              w + 1,
              r.seconds);
        }
        for (int rep = 0; rep < reps; rep++) {
          Result r =
              runOnce(runner, units, beamArgs, maxRounds, maxContractedNodes, gate, checksum);
          seconds[rep] = r.seconds;
          cpu[rep] = r.cpuSeconds;
          stats = r.stats;
          System.out.printf(
              Locale.ROOT,
              "  %s n=%d rep %d: %.2f s, %.2f CPU s (%s)%n",
              runner,
              size,
              rep + 1,
              r.seconds,
              r.cpuSeconds,
              r.stats);
        }
        double median = median(seconds);
        System.out.printf(
            Locale.ROOT,
            "RESULT runner=%s identifiers=%d median=%.2f s runs=%s median_cpu=%.2f s %s%n",
            runner,
            size,
            median,
            Arrays.toString(seconds),
            median(cpu),
            stats);
        if (peerMedians.containsKey(size)) {
          System.out.printf(
              Locale.ROOT,
              "VS_PEER runner=%s identifiers=%d pipeline/union-find: wall %.1fx, CPU %.1fx%n",
              runner,
              size,
              median / peerMedians.get(size)[0],
              median(cpu) / peerMedians.get(size)[1]);
        }
        if (previous != null) {
          System.out.printf(
              Locale.ROOT,
              "RATIO runner=%s %dx input -> %.2fx time%n",
              runner,
              size / previousSize,
              median / previous);
        }
        previous = median;
        previousSize = size;
      }
    }
  }

  /**
   * The plain-Java union-find peer ({@link UnionFindPeer}) on the same links: one untimed warm-up,
   * then the median wall and CPU seconds of {@code reps} runs, each generating its links as the
   * pipeline does.
   */
  static double[] peerMedian(int size, long units, int reps) {
    UnionFindPeer.run(units); // warm-up, as the pipeline's
    double[] seconds = new double[reps];
    double[] cpu = new double[reps];
    UnionFindPeer.Result r = null;
    for (int rep = 0; rep < reps; rep++) {
      long t0 = System.nanoTime();
      long cpu0 = processCpuNanos();
      r = UnionFindPeer.run(units);
      seconds[rep] = (System.nanoTime() - t0) / 1e9;
      cpu[rep] = (processCpuNanos() - cpu0) / 1e9;
    }
    double median = median(seconds);
    System.out.printf(
        Locale.ROOT,
        "RESULT runner=union-find-peer identifiers=%d median=%.2f s runs=%s median_cpu=%.2f s"
            + " rows=%d rejections=%d links=%d persons=%d companies=%d%n",
        size,
        median,
        Arrays.toString(seconds),
        median(cpu),
        r.rows(),
        r.rejections(),
        r.links(),
        r.persons(),
        r.companies());
    return new double[] {median, median(cpu)};
  }

  /**
   * CPU time of the whole JVM (every thread, the garbage collector's included): on a loaded machine
   * the wall time measures the neighbours, the CPU time the work.
   */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static class Result {
    double seconds;
    double cpuSeconds;
    String stats;
  }

  static Result runOnce(
      String runner,
      long units,
      List<String> beamArgs,
      Integer maxRounds,
      Integer maxContractedNodes,
      Boolean gate,
      boolean checksum) {
    List<String> args = new ArrayList<>();
    if (runner.equals("FlinkRunner")) {
      // The embedded runner as the suite runs it (its managed memory and --fasterCopy): with
      // Flink's defaults the shuffles' sorters spill to disk and every operator copies its input.
      args.addAll(Arrays.asList(LocalFlink.args()));
      if (beamArgs.stream().noneMatch(a -> a.startsWith("--parallelism"))) {
        args.add("--parallelism=2");
      }
    } else {
      args.add("--runner=" + runner);
    }
    args.addAll(beamArgs);
    PipelineOptions options = PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).create();
    Pipeline p = Pipeline.create(options);
    // Gate on for both runners: at bench sizes an ungated round costs the DirectRunner far more
    // (two shuffles over every node, slow per key) than waiting for the gate's side input.
    ResolveIdentities resolve = ResolveIdentities.create();
    if (maxRounds != null) {
      resolve = resolve.withMaxRounds(maxRounds);
    }
    if (maxContractedNodes != null) {
      resolve = resolve.withMaxContractedNodes(maxContractedNodes);
    }
    if (gate != null) {
      resolve = resolve.withConvergenceGate(gate);
    }
    PCollectionTuple out =
        p.apply("Units", GenerateSequence.from(0).to(units))
            .apply("Synthetic links", ParDo.of(new GenerateFn()))
            .apply("Resolve", resolve);
    out.get(ResolveIdentities.ASSIGNMENTS)
        .apply("Count rows", ParDo.of(new CountFn<IdentityAssignment>("rows")));
    out.get(ResolveIdentities.REJECTIONS)
        .apply("Count rejections", ParDo.of(new CountFn<IdentityRejection>("rejections")));
    if (checksum) {
      out.get(ResolveIdentities.ASSIGNMENTS)
          .apply(
              "Row checksum",
              ParDo.of(new ChecksumFn<IdentityAssignment>("rows_checksum", ChecksumFn::row)));
      out.get(ResolveIdentities.REJECTIONS)
          .apply(
              "Rejection checksum",
              ParDo.of(
                  new ChecksumFn<IdentityRejection>("rejections_checksum", ChecksumFn::rejection)));
    }
    long t0 = System.nanoTime();
    long cpu0 = processCpuNanos();
    PipelineResult result = LocalFlink.run(p);
    result.waitUntilFinish();
    Result r = new Result();
    r.seconds = (System.nanoTime() - t0) / 1e9;
    r.cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
    r.stats =
        String.format(
            Locale.ROOT,
            "rows=%d rejections=%d links=%d person_rounds=%d company_rounds=%d",
            Counters.total(result, NS, "rows"),
            Counters.total(result, NS, "rejections"),
            Counters.total(result, "ResolveIdentities", "links_read"),
            ConnectedComponents.roundsExecuted(result, "person"),
            ConnectedComponents.roundsExecuted(result, "company"));
    if (checksum) {
      r.stats +=
          String.format(
              Locale.ROOT,
              " rows_checksum=%016x rejections_checksum=%016x",
              Counters.total(result, NS, "rows_checksum"),
              Counters.total(result, NS, "rejections_checksum"));
    }
    return r;
  }

  static class CountFn<T> extends DoFn<T, Void> {
    private final Counter counter;

    CountFn(String name) {
      counter = Metrics.counter(NS, name);
    }

    @ProcessElement
    public void process() {
      counter.inc();
    }
  }

  /**
   * Order-independent checksum of the output (--checksum): the sum, modulo 2^64, of a 64-bit
   * SHA-256 prefix of every row's columns, so two runs wrote the same multiset of rows exactly when
   * their checksums agree (up to a 2^-64 collision). Lets a change to the pipeline's shape be
   * checked for identical identity_map rows at bench scale.
   */
  static class ChecksumFn<T> extends DoFn<T, Void> {
    private final Counter counter;
    private final org.apache.beam.sdk.transforms.SerializableFunction<T, String> columns;

    ChecksumFn(
        String name, org.apache.beam.sdk.transforms.SerializableFunction<T, String> columns) {
      this.counter = Metrics.counter(NS, name);
      this.columns = columns;
    }

    @ProcessElement
    public void process(@Element T row) throws Exception {
      byte[] h =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(columns.apply(row).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      counter.inc(java.nio.ByteBuffer.wrap(h).getLong());
    }

    static String row(IdentityAssignment a) {
      return a.getIdentifierType()
          + '\u0001'
          + a.getIdentifierValue()
          + '\u0001'
          + a.getPersonId()
          + '\u0001'
          + a.getCompanyId();
    }

    static String rejection(IdentityRejection r) {
      return r.toString();
    }
  }

  static class GenerateFn extends DoFn<Long, IdentifierLink> {
    @ProcessElement
    public void process(@Element Long unit, OutputReceiver<IdentifierLink> out) {
      for (IdentifierLink l : unitLinks(unit)) {
        out.output(l);
      }
    }
  }

  /** Average distinct identifiers per unit, from the first 2000 units. */
  static double identifiersPerUnit() {
    Set<String> ids = new HashSet<>();
    int n = 2000;
    for (long u = 0; u < n; u++) {
      for (IdentifierLink l : unitLinks(u)) {
        ids.add(l.getLeftType() + ":" + l.getLeftValue().toLowerCase(Locale.ROOT));
        if (l.getRightType() != null) {
          ids.add(l.getRightType() + ":" + l.getRightValue().toLowerCase(Locale.ROOT));
        }
      }
    }
    return ids.size() / (double) n;
  }

  /** One school with its staff, visitors and free-mail leads; deterministic in the unit index. */
  static List<IdentifierLink> unitLinks(long unit) {
    Random r = new Random(0x5eed_1dL * 1_000_003L + unit);
    List<IdentifierLink> links = new ArrayList<>();
    String account = "acc-" + unit;
    String domain = "school" + unit + ".edu";
    links.add(IdentifierLink.of("account_id", account, "domain", "www." + domain, "companies"));
    if (r.nextInt(5) == 0) {
      links.add(
          IdentifierLink.of(
              "account_id", account, "domain", "school" + unit + "-alt.org", "visitor_enrichment"));
    }
    int staff = 1 + (int) Math.min(400, -9 * Math.log(1 - r.nextDouble()));
    String billingEmail = null;
    for (int j = 0; j < staff; j++) {
      String user = "u-" + unit + "-" + j;
      String email =
          r.nextInt(5) == 0
              ? "teacher" + unit + "x" + j + "@gmail.com"
              : "Staff." + j + "@" + domain;
      if (j == 0) {
        billingEmail = email;
      }
      links.add(IdentifierLink.of("user_id", user, "email", email, "users"));
      links.add(IdentifierLink.of("user_id", user, "account_id", account, "users"));
      int devices = 1 + r.nextInt(3);
      String firstDevice = null;
      for (int k = 0; k < devices; k++) {
        String ga = "ga-" + unit + "-" + j + "-" + k;
        firstDevice = firstDevice == null ? ga : firstDevice;
        links.add(IdentifierLink.of("ga_pseudo_id", ga, "user_id", user, "events_web"));
      }
      if (r.nextInt(10) < 4) {
        String lead = "lead-" + unit + "-" + j;
        links.add(
            IdentifierLink.of("lead_id", lead, "email", email.toLowerCase(Locale.ROOT), "leads"));
        links.add(IdentifierLink.of("lead_id", lead, "ga_client_id", firstDevice, "leads"));
      }
    }
    String stripe = "cus_" + Long.toString(unit * 7919 + 13, 36);
    links.add(IdentifierLink.of("stripe_customer", stripe, "email", billingEmail, "subscriptions"));
    links.add(IdentifierLink.of("stripe_customer", stripe, "account_id", account, "subscriptions"));
    links.add(
        IdentifierLink.of(
            "chartmogul_customer", "cus_cm_" + unit, "stripe_customer", stripe, "chartmogul"));
    int visitors = 3 + r.nextInt(10);
    for (int k = 0; k < visitors; k++) {
      links.add(IdentifierLink.single("ga_pseudo_id", "anon-" + unit + "-" + k, "events_web"));
    }
    int freeLeads = r.nextInt(3);
    for (int k = 0; k < freeLeads; k++) {
      String lead = "fl-" + unit + "-" + k;
      links.add(
          IdentifierLink.of(
              "lead_id", lead, "email", "fl" + unit + "k" + k + "@yahoo.com", "leads"));
      links.add(
          IdentifierLink.of("lead_id", lead, "ga_client_id", "flga-" + unit + "-" + k, "leads"));
    }
    if (r.nextInt(100) == 0) {
      links.add(
          IdentifierLink.of(
              "user_id", "null", "ga_pseudo_id", "ga-" + unit + "-0-0", "events_web"));
      links.add(
          IdentifierLink.of("email", "test@test.com", "lead_id", "lead-test-" + unit, "leads"));
    }
    return links;
  }
}
