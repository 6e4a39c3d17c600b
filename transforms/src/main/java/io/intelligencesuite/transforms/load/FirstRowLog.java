package io.intelligencesuite.transforms.load;

import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.deadletter.ParseWithDeadLetters;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "first row read" line: how long a run took from the start of its JVM (and from its launch,
 * when known) to the first row any of its reads produced, logged once per run (issue 23: a run
 * should spend at most 3 s before its first row; everything before is fixed cost: JVM, options,
 * translation, the runner's start). Sources report it from the parse step of their load ({@link
 * CleanTable}), the marts and identity from their warehouse reads.
 *
 * <p>Cheap on the per-element path: each reader instance checks a plain field of its own per
 * element ({@link #reporting}); only its first element reaches the shared set of runs already
 * logged.
 */
public final class FirstRowLog {
  private static final Logger LOG = LoggerFactory.getLogger(FirstRowLog.class);

  /** Run ids logged by this JVM (a worker or the local CLI runs many runs, each logged once). */
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

  /** Where the line goes: the log; a test collects the lines instead (the tests log at WARN). */
  static volatile Consumer<String> sink = LOG::info;

  private FirstRowLog() {}

  /**
   * Logs the run's first row unless this JVM already did: {@code runStarted} (null when unknown)
   * adds the time since the run's launch.
   */
  public static void firstRow(String runId, String table, @Nullable Instant runStarted) {
    if (!LOGGED.add(runId)) {
      return;
    }
    long now = System.currentTimeMillis();
    double sinceJvm = (now - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
    String sinceRun =
        runStarted == null
            ? ""
            : String.format(
                Locale.ROOT,
                ", %.1f s after the run started",
                (now - runStarted.toEpochMilli()) / 1e3);
    sink.accept(
        String.format(
            Locale.ROOT,
            "%s: first row read after %.1f s since JVM start%s (table %s)",
            runId,
            sinceJvm,
            sinceRun,
            table));
  }

  /** {@code parser}, reporting the first row it is given to {@link #firstRow}. */
  static <T> ParseWithDeadLetters.Parser<T> reporting(
      ParseWithDeadLetters.Parser<T> parser, RunContext run, String table) {
    return new Reporting<>(parser, run.runId(), run.startedAt(), table);
  }

  private static final class Reporting<T> implements ParseWithDeadLetters.Parser<T> {
    private final ParseWithDeadLetters.Parser<T> parser;
    private final String runId;
    private final Instant runStarted;
    private final String table;

    /** Per deserialized copy, so per reader instance: the only check on the per-element path. */
    private transient boolean reported;

    Reporting(
        ParseWithDeadLetters.Parser<T> parser, String runId, Instant runStarted, String table) {
      this.parser = parser;
      this.runId = runId;
      this.runStarted = runStarted;
      this.table = table;
    }

    @Override
    public org.apache.beam.sdk.values.Row parse(T input) throws Exception {
      if (!reported) {
        reported = true;
        firstRow(runId, table, runStarted);
      }
      return parser.parse(input);
    }
  }
}
