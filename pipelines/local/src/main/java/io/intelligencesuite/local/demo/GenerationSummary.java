package io.intelligencesuite.local.demo;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link DemoCompany#generate} wrote: every file with its row count, plus headline numbers.
 */
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

  GenerationSummary(
      Path outDir,
      long seed,
      int scale,
      Map<String, Long> rowsByFile,
      int schools,
      long payingCustomersAtEnd,
      long mrrAtEndCents,
      long webEvents,
      long leads,
      long productEvents,
      long invoices,
      long elapsedMillis) {
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
    // Rows per source folder, in a fixed order, on one line.
    Map<String, long[]> byFolder = new TreeMap<>();
    for (Map.Entry<String, Long> e : rowsByFile.entrySet()) {
      int slash = e.getKey().indexOf('/');
      String folder = slash < 0 ? e.getKey() : e.getKey().substring(0, slash);
      long[] v = byFolder.computeIfAbsent(folder, k -> new long[2]);
      v[0] += e.getValue();
      v[1]++;
    }
    StringBuilder rows = new StringBuilder();
    for (Map.Entry<String, long[]> e : byFolder.entrySet()) {
      if (e.getKey().endsWith(".json")) {
        continue;
      }
      rows.append(rows.length() == 0 ? "" : ", ")
          .append(e.getKey())
          .append(' ')
          .append(String.format(Locale.ROOT, "%,d", e.getValue()[0]));
    }
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "Demo company ClassHarbor (seed %d, scale %d) as of %s -> %s%n",
            seed,
            scale,
            SimCalendar.AS_OF_DATE,
            outDir));
    b.append(
        String.format(
            Locale.ROOT,
            "  schools %d, paying customers at end %d, MRR at end $%,.2f (ARR $%,.0f)%n",
            schools,
            payingCustomersAtEnd,
            mrrAtEndCents / 100.0,
            mrrAtEndCents * 12 / 100.0));
    b.append(
        String.format(
            Locale.ROOT,
            "  web events %,d, leads %,d, product events %,d, Stripe invoices %,d%n",
            webEvents,
            leads,
            productEvents,
            invoices));
    b.append(
        String.format(
            Locale.ROOT,
            "  %d files, %,d rows (%s), %.1f s%n",
            rowsByFile.size(),
            totalRows(),
            rows,
            elapsedMillis / 1000.0));
    return b.toString();
  }
}
