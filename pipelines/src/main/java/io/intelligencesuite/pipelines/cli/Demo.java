package io.intelligencesuite.pipelines.cli;

import io.intelligencesuite.pipelines.demo.DemoCompany;
import io.intelligencesuite.pipelines.ga4.Ga4Pipeline;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code suite demo}: generates the demo company under {@code .suite/demo/} (unless it is already
 * there for this seed and scale), runs every pipeline that exists over its files into the
 * warehouse, runs the checks and prints a short summary.
 */
final class Demo {
  private final Suite suite;

  Demo(Suite suite) {
    this.suite = suite;
  }

  int run(String[] args) throws Exception {
    PrintStream out = suite.out();
    long started = System.nanoTime();
    long seed = Long.parseLong(valueOr(args, "seed", "42"));
    int scale = Integer.parseInt(valueOr(args, "scale", "1"));
    Path dir = Path.of(valueOr(args, "demoDir", ".suite/demo")).toAbsolutePath().normalize();
    Warehouse warehouse = Suite.warehouseOf(args);

    if (alreadyGenerated(dir, seed, scale)) {
      out.println("[demo] using the demo company already generated in " + dir);
    } else {
      out.printf("[demo] generating the demo company (seed %d, scale %d) into %s...%n", seed, scale, dir);
      out.println(DemoCompany.generate(dir, seed, scale));
    }

    List<String> beamArgs = new ArrayList<>(Arrays.stream(args)
        .filter(a -> !a.startsWith("--seed=") && !a.startsWith("--scale=") && !a.startsWith("--demoDir="))
        .toList());
    String[] common = Suite.withDefaultRunner(beamArgs.toArray(String[]::new));
    List<String> runIds = new ArrayList<>();
    runIds.add(suite.runPipeline(Ga4Pipeline.NAME,
        concat(common, "--ga4ExportFiles=" + dir.resolve("ga4") + "/events_*.ndjson")));
    runIds.addAll(DemoJdbcSources.run(suite, dir, common));

    if (warehouse.kind() == Warehouse.Kind.DUCKDB) {
      summarise(new DuckDbQueries(warehouse), runIds, out);
      out.println();
      if (suite.check(new String[] {"--warehouse=" + warehouse}) != 0) {
        out.println("[demo] data checks failed (see above)");
        return 1;
      }
    }
    out.printf("%n[demo] done in %.1f s. Try: ./suite sql \"select event_name, count(*) from events_web group by 1 order by 2 desc\"%n",
        (System.nanoTime() - started) / 1e9);
    return 0;
  }

  /** True when {@code dir} holds this generator version's output for this seed and scale. */
  static boolean alreadyGenerated(Path dir, long seed, int scale) throws java.io.IOException {
    Path manifest = dir.resolve("MANIFEST.json");
    if (!Files.exists(manifest)) {
      return false;
    }
    com.fasterxml.jackson.databind.JsonNode m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest.toFile());
    return m.path("seed").asLong() == seed && m.path("scale").asInt() == scale
        && DemoCompany.GENERATOR_VERSION.equals(m.path("generator_version").asText());
  }

  private static void summarise(DuckDbQueries q, List<String> runIds, PrintStream out) throws Exception {
    out.println();
    out.println("Rows per table:");
    for (TableDef t : Tables.all()) {
      if (q.tableExists(t.name())) {
        out.printf("  %-22s %,12d%n", t.name(), ((Number) q.value("SELECT count(*) FROM " + t.name())).longValue());
      }
    }
    String ids = "'" + String.join("','", runIds) + "'";
    out.println("Runs:");
    for (List<Object> r : q.rows("SELECT run_id, status, rows_read, rows_written, duplicates_removed, "
        + "rows_dead_lettered FROM pipeline_runs WHERE run_id IN (" + ids + ") ORDER BY started_at")) {
      out.printf("  %s  %s: read %,d, written %,d, duplicates removed %,d, dead-lettered %,d%n",
          r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5));
    }
    List<List<Object>> dead = q.rows("SELECT target_table, reason, count(*) FROM dead_letters WHERE run_id IN ("
        + ids + ") GROUP BY ALL ORDER BY 3 DESC LIMIT 5");
    out.println("Dead letters in these runs:" + (dead.isEmpty() ? " none" : ""));
    for (List<Object> d : dead) {
      out.printf("  %,6d  %s: %s%n", ((Number) d.get(2)).longValue(), d.get(0), d.get(1));
    }
  }

  private static String[] concat(String[] args, String... more) {
    String[] all = Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }

  private static String valueOr(String[] args, String name, String fallback) {
    String v = Suite.optionValue(args, name);
    return v == null ? fallback : v;
  }
}
