package io.intelligencesuite.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intelligencesuite.local.demo.DemoCompany;
import io.intelligencesuite.local.demo.GenerationSummary;
import io.intelligencesuite.sources.common.CsvRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The demo company every test of this module reads: seed 42, scale 1, generated once per build.
 * Surefire runs this module's tests in one JVM, so the first test that asks generates it (about 450
 * MB, mostly GA4 rows, under target/) and every later one reads the same files. Tests only read it:
 * a test that needs to change demo files copies what it needs first.
 */
public final class DemoFixture {
  /**
   * truth/monthly.json's billing and trial columns -> the dictionary's metric in metric_monthly.
   */
  public static final Map<String, String> TRUTH_BILLING_METRICS =
      Map.ofEntries(
          Map.entry("mrr", "mrr"),
          Map.entry("new_mrr", "new_mrr"),
          Map.entry("expansion_mrr", "expansion_mrr"),
          Map.entry("contraction_mrr", "contraction_mrr"),
          Map.entry("churned_mrr", "churned_mrr"),
          Map.entry("reactivation_mrr", "reactivation_mrr"),
          Map.entry("net_new_mrr", "net_new_mrr"),
          Map.entry("fx_mrr", "fx_mrr"),
          Map.entry("paying_customers", "customers"),
          Map.entry("new_customers", "new_customers"),
          Map.entry("churned_customers", "churned_customers"),
          Map.entry("reactivated_customers", "reactivated_customers"),
          Map.entry("trials_started", "trials_started"),
          Map.entry("activated_trials", "activated_trials"),
          Map.entry("trial_conversions", "converted_trials"));

  /**
   * truth/monthly.json columns that are the dictionary's retention ratios under the same name (null
   * in the truth where the dictionary has no row).
   */
  public static final List<String> TRUTH_RETENTION_METRICS =
      List.of("nrr", "grr", "nrr_t12m", "grr_t12m", "quick_ratio", "asp");

  public static final long SEED = 42;
  public static final int SCALE = 1;

  private static Path dir;
  private static GenerationSummary summary;

  private DemoFixture() {}

  /** The generated demo company's folder (ga4/, stripe/, backend/, leads/, truth/, ...). */
  public static synchronized Path dir() {
    if (dir == null) {
      Path d =
          Path.of(System.getProperty("java.io.tmpdir"), "demo-company-" + SEED + "-" + SCALE)
              .toAbsolutePath();
      try {
        deleteQuietly(d);
        long started = System.nanoTime();
        summary = DemoCompany.generate(d, SEED, SCALE);
        System.err.printf(
            "[DemoFixture] generated the demo company (seed %d, scale %d) in %.1f s at %s%n",
            SEED, SCALE, (System.nanoTime() - started) / 1e9, d);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(d)));
      dir = d;
    }
    return dir;
  }

  /**
   * The cents a truth/monthly.json column may differ from the marts by: 0 for counts; for amounts
   * the truth's published rounding bound (month-end {@code mrr}: mrr_tolerance; a month's movement
   * amounts: movement_tolerance), non-zero only where ChartMogul rebuilds a rate from prorated
   * lines Stripe rounded to a cent (truth/mrr_rounding.json).
   */
  public static long truthTolerance(JsonNode month, String column) {
    if (column.equals("mrr")) {
      return month.path("mrr_tolerance").asLong();
    }
    return column.endsWith("_mrr") ? month.path("movement_tolerance").asLong() : 0;
  }

  /** What the generation wrote: files, row counts and headline numbers. */
  public static synchronized GenerationSummary summary() {
    dir();
    return summary;
  }

  /** One file of the simulation's truth ({@code truth/NAME}), parsed. */
  public static JsonNode truth(String file) throws IOException {
    return new ObjectMapper().readTree(dir().resolve("truth").resolve(file).toFile());
  }

  /** A CSV file of the demo as header -> value maps, read with the sources' CSV reader. */
  public static List<Map<String, String>> csv(Path file) throws IOException {
    return CsvRecords.read(Files.readString(file, StandardCharsets.UTF_8)).stream()
        .map(CsvRecords.Row::cells)
        .toList();
  }

  /** Deletes a folder tree, best effort (it is under target/). */
  public static void deleteQuietly(Path d) {
    if (!Files.exists(d)) {
      return;
    }
    try (var walk = Files.walk(d)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort: it is under target/
    }
  }
}
