package io.intelligencesuite.local.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Generates the demo company: a deterministic, month-by-month simulation of ClassHarbor, a
 * school-management SaaS, written as each source system holds it (GA4 export, backend MySQL,
 * Supabase leads, Stripe and ChartMogul API bodies, enrichment feeds) plus truth/, the answer key.
 *
 * <p>The calendar is fixed (24 months to 2026-10-31, as of 2026-11-01) and every random draw comes
 * from streams split off the seed, so the same seed and scale give byte-identical output. See
 * docs/demo-company.md.
 */
public final class DemoCompany {
  public static final String GENERATOR_VERSION = "1.7.0";

  /** The dated FX rates the operator gives the marts (--fxRatesCsv), relative to the demo dir. */
  public static final String FX_RATES_CSV = "fx/rates.csv";

  private DemoCompany() {}

  public static GenerationSummary generate(Path outDir, long seed, int scale) throws IOException {
    if (scale < 1) {
      throw new IllegalArgumentException("scale must be >= 1, got " + scale);
    }
    long started = System.nanoTime();
    Rng root = new Rng(seed);
    // Fork every stream up front, in a fixed order, before anything draws from them.
    Rng marketRng = root.fork("market");
    Rng scoringRng = root.fork("scoring");
    Rng plantRng = root.fork("planted");
    Rng ga4Rng = root.fork("ga4");
    Rng backendRng = root.fork("backend");
    Rng enrichRng = root.fork("enrichment");
    Rng chartMogulRng = root.fork("chartmogul");
    // New streams are forked after every older one (a fork advances the root): each leaves every
    // earlier stream, and so every earlier figure, unchanged. Billing shapes planted after the
    // simulation (issue 19), then the CRM's deals and the marketing spend (issue 22).
    Rng pausesRng = root.fork("collection-pauses");
    Rng unpaidRng = root.fork("unpaid-subscriptions");
    Rng crmRng = root.fork("crm");
    Rng spendRng = root.fork("spend");
    // Issue 19: dated FX rates, customers that move to another currency, unpaid subscriptions
    // paid again.
    Rng fxRng = root.fork("fx-rates");
    Rng currencyRng = root.fork("currency-changes");
    Rng repaidRng = root.fork("unpaid-repaid");

    Trace trace = new Trace();
    World world = new World(seed, scale);
    world.fx = DemoFx.generate(fxRng);
    // Trusts that share a domain are planted among schools that will pay: a dry run of the same
    // market stream (a fresh root's first fork is marketRng's twin) says which.
    java.util.Set<String> paying =
        MarketSimulation.payingCustomers(seed, scale, new Rng(seed).fork("market"));
    new MarketSimulation(world, marketRng, paying).run();
    CollectionPauses.plant(world, pausesRng);
    UnpaidSubscriptions.plant(world, unpaidRng);
    CurrencyChanges.plant(world, currencyRng);
    UnpaidPaidAgain.plant(world, repaidRng);
    IntentTruth.derive(world);
    trace.lap("market");
    new LeadScoring(world, scoringRng).run();
    trace.lap("scoring");
    PlantedDiscrepancies planted = PlantedDiscrepancies.choose(world, plantRng);
    List<MonthlyTruth.Month> months = MonthlyTruth.compute(world);
    trace.lap("truth");

    Files.createDirectories(outDir);
    OutputFiles out = new OutputFiles(outDir);
    List<String> fxLines = world.fx.csvLines();
    out.writeBytes(
        FX_RATES_CSV,
        (String.join("\n", fxLines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    out.count(FX_RATES_CSV, fxLines.size() - 1);
    // The GA4 export is half the work and shares no state or random stream with the other
    // writers, so it runs on its own thread; the output does not depend on the interleaving.
    Ga4Writer ga4 = new Ga4Writer(world, ga4Rng, out);
    ExecutorService ga4Thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "demo-ga4-writer");
              t.setDaemon(true);
              return t;
            });
    Future<?> ga4Done =
        ga4Thread.submit(
            () -> {
              ga4.write();
              return null;
            });
    long productEvents = BackendWriter.write(world, backendRng, out);
    trace.lap("backend");
    LeadsWriter.write(world, out);
    trace.lap("leads");
    new StripeWriter(world, out).write();
    trace.lap("stripe");
    new ChartMogulWriter(world, out, planted, chartMogulRng).write();
    trace.lap("chartmogul");
    EnrichmentWriter.write(world, enrichRng, out);
    trace.lap("enrichment");
    List<SalesPipeline.Deal> deals = SalesPipeline.derive(world, crmRng);
    CrmWriter.write(world, deals, out);
    TruthWriter.deals(deals, out);
    trace.lap("crm");
    new SpendWriter(world, spendRng, out).write();
    trace.lap("spend");
    try {
      ga4Done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing the GA4 export", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("GA4 export failed", e.getCause());
    } finally {
      ga4Thread.shutdown();
    }
    trace.lap("ga4 (join)");
    TruthWriter.write(world, months, ga4, out);
    trace.lap("truthfiles");
    manifest(out, seed, scale);

    MonthlyTruth.Month last = months.get(months.size() - 1);
    int schools = (int) world.companies.stream().filter(Company::hasAccount).count();
    long invoices = world.customers.stream().mapToLong(c -> c.invoices.size()).sum();
    return new GenerationSummary(
        outDir,
        seed,
        scale,
        out.rows(),
        schools,
        last.payingCustomers,
        last.mrr,
        ga4.rowsWritten,
        world.leads.size(),
        productEvents,
        invoices,
        (System.nanoTime() - started) / 1_000_000);
  }

  /** Per-step timings on stderr when -Dsuite.demo.trace=true (for tuning generation speed). */
  private static final class Trace {
    private final boolean on = Boolean.getBoolean("suite.demo.trace");
    private long last = System.nanoTime();

    void lap(String step) {
      long now = System.nanoTime();
      if (on) {
        System.err.printf("  %-12s %6d ms%n", step, (now - last) / 1_000_000);
      }
      last = now;
    }
  }

  private static void manifest(OutputFiles out, long seed, int scale) throws IOException {
    ObjectNode m = OutputFiles.obj();
    m.put("generator", "io.intelligencesuite.local.demo.DemoCompany");
    m.put("generator_version", GENERATOR_VERSION);
    m.put("company", "ClassHarbor (demo school-management SaaS)");
    m.put("seed", seed);
    m.put("scale", scale);
    m.put("as_of", SimCalendar.AS_OF_DATE.toString());
    m.put("first_month", SimCalendar.FIRST_MONTH.toString());
    m.put("last_month", SimCalendar.month(SimCalendar.MONTHS - 1).toString());
    m.put("stripe_api_version", StripeWriter.API_VERSION);
    // What the company's operator configures for the marts (--internalDomains, --fxRates,
    // --fxRatesCsv).
    ObjectNode settings = m.putObject("marts_settings");
    settings.put("internal_domains", MarketSimulation.INTERNAL_DOMAIN);
    // The reporting currency's own rate; the dated rates of the others come from the CSV.
    settings.put("fx_rates", "usd:1");
    settings.put("fx_rates_csv", FX_RATES_CSV);
    settings.put("last_day", SimCalendar.AS_OF_DATE.minusDays(1).toString());
    m.put(
        "row_count_note",
        "CSV: data rows (header excluded); NDJSON: lines; API list bodies: "
            + "objects in data/entries; schema.sql: tables; truth files: top-level records");
    ObjectNode files = m.putObject("files");
    for (Map.Entry<String, Long> e : out.rows().entrySet()) {
      files.put(e.getKey(), e.getValue());
    }
    out.writeJson("MANIFEST.json", m, 1);
  }

  public static void main(String[] args) throws IOException {
    Path out = Paths.get(".suite/demo");
    long seed = 42;
    int scale = 1;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      // Accept "--out DIR" as well as "--out=DIR" (same for --seed and --scale).
      if ((a.equals("--out") || a.equals("--seed") || a.equals("--scale")) && i + 1 < args.length) {
        a = a + "=" + args[++i];
      }
      if (a.startsWith("--out=")) {
        out = Paths.get(a.substring("--out=".length()));
      } else if (a.startsWith("--seed=")) {
        seed = Long.parseLong(a.substring("--seed=".length()));
      } else if (a.startsWith("--scale=")) {
        scale = Integer.parseInt(a.substring("--scale=".length()));
      } else {
        System.err.println("usage: DemoCompany [--out=DIR] [--seed=N] [--scale=S]");
        System.exit(2);
      }
    }
    System.out.print(generate(out, seed, scale));
  }
}
