package io.intelligencesuite.local.demo;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link DemoCompany#generate} wrote: every file with its row count, plus headline numbers.
 *
 * @param rowsByFile relative path (with '/') to row count, sorted by path
 * @param schools schools with a backend account (signed up for a trial), test accounts included
 * @param mrrAtEndCents MRR at the end of the last simulated month, USD cents, from truth
 * @param webEvents GA4 export rows written (duplicates included)
 */
public record GenerationSummary(
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

  public GenerationSummary {
    rowsByFile = Collections.unmodifiableMap(new TreeMap<>(rowsByFile));
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
