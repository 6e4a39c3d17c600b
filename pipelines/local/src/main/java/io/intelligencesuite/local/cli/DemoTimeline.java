package io.intelligencesuite.local.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The demo's phases, timed: each prints {@code [demo] PHASE took N s (CPU M s)}, its wall time and
 * the CPU time of this whole process meanwhile (every thread, DuckDB's native ones included; the
 * embedded databases' server processes not). CPU over wall is how many cores the phase kept busy;
 * on a loaded machine the CPU seconds are the figure to trust.
 */
final class DemoTimeline {
  private final PrintStream out;

  DemoTimeline(PrintStream out) {
    this.out = out;
  }

  /** Work that returns nothing. */
  interface Work {
    void run() throws Exception;
  }

  <T> T phase(String name, Callable<T> work) throws Exception {
    long started = System.nanoTime();
    double cpuBefore = cpuSeconds();
    try {
      return work.call();
    } finally {
      out.printf(
          Locale.ROOT,
          "[demo] %s took %.1f s (CPU %.1f s)%n",
          name,
          (System.nanoTime() - started) / 1e9,
          cpuSeconds() - cpuBefore);
    }
  }

  void phase(String name, Work work) throws Exception {
    phase(
        name,
        () -> {
          work.run();
          return null;
        });
  }

  /** CPU seconds of this process so far, every thread (user + system). */
  static double cpuSeconds() {
    return Ga4PeerBench.cpuSeconds(Ga4PeerBench.SELF);
  }
}
