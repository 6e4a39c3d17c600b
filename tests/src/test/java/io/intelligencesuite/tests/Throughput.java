package io.intelligencesuite.tests;

import java.util.function.Supplier;

/** A pipeline run timed in a test, its rows per second printed to the build log. */
public final class Throughput {
  private Throughput() {}

  /**
   * Runs {@code run}, prints "{@code what} ({@code rows} rows): seconds, rows/s" (a rough figure
   * per source in every build's log; {@code ./suite bench} measures properly), and returns what the
   * run returned.
   */
  public static <T> T timed(String what, long rows, Supplier<T> run) {
    long started = System.nanoTime();
    T result = run.get();
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("%s (%d rows): %.1f s, %.0f rows/s%n", what, rows, seconds, rows / seconds);
    return result;
  }
}
