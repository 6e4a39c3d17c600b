package io.intelligencesuite.pipelines.demo;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What {@link DemoCompany#generate} wrote: every file with its row count, plus headline numbers. */
public final class GenerationSummary {
  private final Path outDir;
  private final long seed;
  private final int scale;
  private final Map<String, Long> rowsByFile;
  private final int schools;
  private final long payingCustomersAtEnd;
  private final long mrrAtEndCents;
  private final long webEvents;
  private final long leads;
  private final long productEvents;
  private final long invoices;
  private final long elapsedMillis;

  GenerationSummary(Path outDir, long seed, int scale, Map<String, Long> rowsByFile, int schools,
      long payingCustomersAtEnd, long mrrAtEndCents, long webEvents, long leads, long productEvents,
      long invoices, long elapsedMillis) {
    this.outDir = outDir;
    this.seed = seed;
    this.scale = scale;
    this.rowsByFile = Collections.unmodifiableMap(new TreeMap<>(rowsByFile));
    this.schools = schools;
    this.payingCustomersAtEnd = payingCustomersAtEnd;
    this.mrrAtEndCents = mrrAtEndCents;
    this.webEvents = webEvents;
    this.leads = leads;
    this.productEvents = productEvents;
    this.invoices = invoices;
    this.elapsedMillis = elapsedMillis;
  }

  /** Relative path (with '/') to row count, sorted by path. */
  public Map<String, Long> rowsByFile() {
    return rowsByFile;
  }

  public Path outDir() {
    return outDir;
  }

  public long seed() {
    return seed;
  }

  public int scale() {
    return scale;
  }

  /** Schools with a backend account (signed up for a trial), test accounts included. */
  public int schools() {
    return schools;
  }

  public long payingCustomersAtEnd() {
    return payingCustomersAtEnd;
  }

  /** MRR at the end of the last simulated month, USD cents, from truth. */
  public long mrrAtEndCents() {
    return mrrAtEndCents;
  }

  /** GA4 export rows written (duplicates included). */
  public long webEvents() {
    return webEvents;
  }

  public long leads() {
    return leads;
  }

  public long productEvents() {
    return productEvents;
  }

  public long invoices() {
    return invoices;
  }

  public long elapsedMillis() {
    return elapsedMillis;
  }

  public long totalRows() {
    return rowsByFile.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public String toString() {
    long ga4Files = rowsByFile.keySet().stream().filter(k -> k.startsWith("ga4/")).count();
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT,
        "Demo company ClassHarbor (seed %d, scale %d) as of %s -> %s%n", seed, scale,
        SimCalendar.AS_OF_DATE, outDir));
    b.append(String.format(Locale.ROOT,
        "  schools %d, paying customers at end %d, MRR at end $%,.2f (ARR $%,.0f)%n", schools,
        payingCustomersAtEnd, mrrAtEndCents / 100.0, mrrAtEndCents * 12 / 100.0));
    b.append(String.format(Locale.ROOT,
        "  web events %,d in %d daily GA4 files, leads %,d, product events %,d, Stripe invoices %,d%n",
        webEvents, ga4Files, leads, productEvents, invoices));
    b.append(String.format(Locale.ROOT, "  %d files, %,d rows, %.1f s%n", rowsByFile.size(),
        totalRows(), elapsedMillis / 1000.0));
    for (Map.Entry<String, Long> e : rowsByFile.entrySet()) {
      if (!e.getKey().startsWith("ga4/")) {
        b.append(String.format(Locale.ROOT, "    %-40s %,10d%n", e.getKey(), e.getValue()));
      }
    }
    return b.toString();
  }
}
