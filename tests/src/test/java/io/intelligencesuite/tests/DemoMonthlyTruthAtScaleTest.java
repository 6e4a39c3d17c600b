package io.intelligencesuite.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;

import io.intelligencesuite.local.cli.SuiteForTests;
import io.intelligencesuite.local.demo.DemoCompany;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * Issue 19's acceptance at another scale: the demo's truth equals the marts on every month for
 * every metric, as DemoGa4EndToEndTest checks at scale 1 (MonthlyTruth). Skipped unless asked for,
 * so the default build stays as fast; a scale-10 run generates the company (half a minute) and runs
 * `suite demo` on it (16 min on a quiet machine):
 *
 * <pre>
 * mvn -o -pl tests test -Dtest=DemoMonthlyTruthAtScaleTest -Ddemo.monthly.scale=10
 * </pre>
 *
 * <p>{@code -Ddemo.monthly.warehouse=PATH} reuses the DuckDB warehouse of an earlier {@code ./suite
 * demo --scale=N --warehouse=duckdb:PATH} of the same seed and scale (the generator is
 * deterministic) instead of loading one; {@code -Ddemo.monthly.seed} picks another seed (default
 * 42). Every mismatch is listed (metric, month, truth, marts) before the test fails.
 */
public class DemoMonthlyTruthAtScaleTest {
  @Test
  public void everyMonthOfEveryMetricEqualsTheTruth() throws Exception {
    Integer scale = Integer.getInteger("demo.monthly.scale");
    assumeTrue("set -Ddemo.monthly.scale=N to run", scale != null);
    long seed = Long.getLong("demo.monthly.seed", DemoFixture.SEED);
    Path demo = Files.createTempDirectory("demo-monthly-" + seed + "-" + scale + "-");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> DemoFixture.deleteQuietly(demo)));
    DemoCompany.generate(demo, seed, scale);
    String db = System.getProperty("demo.monthly.warehouse");
    if (db == null) {
      db = demo.resolveSibling(demo.getFileName() + ".duckdb").toString();
      // The seed and scale too: without them ./suite demo regenerated the folder at its default
      // scale 1 over the scale-N truth, so every "scale-N" run compared scale 1 with itself.
      SuiteForTests.run(
          "demo",
          "--demoDir=" + demo,
          "--seed=" + seed,
          "--scale=" + scale,
          "--warehouse=duckdb:" + db);
    }
    try {
      DuckDbQueries q = new DuckDbQueries(Warehouse.parse("duckdb:" + db));
      List<String> mismatches = new ArrayList<>();
      mismatches.addAll(MonthlyTruth.billingAndLeadMismatches(q, demo));
      mismatches.addAll(MonthlyTruth.retentionMismatches(q, demo));
      mismatches.addAll(MonthlyTruth.discountRateMismatches(q, demo));
      mismatches.addAll(MonthlyTruth.dealMismatches(q, demo));
      mismatches.addAll(SpendTruth.spendMismatches(q, demo.resolve("truth/spend.json")));
      // Identity's limit (from the truth alone): listed, not pinned (the scale-1 test pins it).
      System.out.printf(
          "DemoMonthlyTruthAtScaleTest: %s%n", SpendTruth.attributionLimits(demo.resolve("truth")));
      mismatches.addAll(SpendTruth.observableChannelMismatches(q, demo.resolve("truth")));
      mismatches.addAll(SpendTruth.ratioMismatches(q, demo.resolve("truth")));
      System.out.printf(
          "DemoMonthlyTruthAtScaleTest: seed %d, scale %d, %d mismatches%n%s%n",
          seed, scale, mismatches.size(), String.join("\n", mismatches));
      assertEquals(String.join("\n", mismatches), List.of(), mismatches);
    } finally {
      DuckDbConnections.close(db);
    }
  }
}
