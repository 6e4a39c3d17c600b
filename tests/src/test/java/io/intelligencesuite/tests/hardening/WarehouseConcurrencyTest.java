package io.intelligencesuite.tests.hardening;

import static io.intelligencesuite.tests.hardening.CorpusRuns.corpus;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.sources.enrichment.EnrichmentOptions;
import io.intelligencesuite.sources.enrichment.EnrichmentPipeline;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Two processes on one embedded warehouse. Another JVM ({@link HoldWarehouse}) is halfway through
 * replacing a table when this one starts the enrichment pipeline (a different table) and a reader
 * (what {@code ./suite sql} runs). Both wait for the file, with one message naming the other
 * process and the file, and go on once it is released: the pipeline succeeds and the reader sees
 * the new table, never the half-replaced one.
 */
public class WarehouseConcurrencyTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  private Path warehouse;
  private Process other;

  @After
  public void cleanUp() {
    if (other != null) {
      other.destroyForcibly();
    }
    if (warehouse != null) {
      DuckDbConnections.close(warehouse.toString());
    }
  }

  @Test
  public void aSecondPipelineAndAReaderWaitForTheOtherProcessAndNeverSeeHalfATable()
      throws Exception {
    warehouse = tmp.getRoot().toPath().resolve("warehouse.duckdb");
    other =
        new ProcessBuilder(javaCommand(HoldWarehouse.class, warehouse.toString()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader otherOut =
        new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
    String holding = otherOut.readLine();
    assertTrue(
        "the other process holds the warehouse: " + holding,
        holding != null && holding.startsWith("HOLDING "));
    long otherPid = other.pid();

    StringBuilder log = new StringBuilder();
    ByteArrayOutputStream readerOut = new ByteArrayOutputStream();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      CorpusRuns.capturingOutput(
          log,
          () -> {
            Future<?> reader =
                threads.submit(
                    () -> {
                      new DuckDbQueries(
                              io.intelligencesuite.transforms.warehouse.Warehouse.parse(
                                  "duckdb:" + warehouse))
                          .printCsv(
                              "select count(*) as all_rows, count(*) filter (where version = 'new') as new_rows from probe",
                              new PrintStream(readerOut, true, StandardCharsets.UTF_8));
                      return null;
                    });
            Future<?> pipeline =
                threads.submit(
                    () -> {
                      runEnrichment();
                      return null;
                    });
            // Both are waiting for the file (in DuckDbConnections) before the other process goes
            // on, and
            // one of them is backing off, so it has met the lock and named its holder: a thread
            // merely
            // inside connect may meet the lock only as the other process exits, when /proc no
            // longer
            // shows its command line (this test once failed so, with "PID n: java").
            awaitThreadsIn("DuckDbConnections", "connect", 2, 60);
            awaitBackingOffIn("DuckDbConnections", "connect", 60);
            other.getOutputStream().write('\n');
            other.getOutputStream().flush();
            reader.get(120, TimeUnit.SECONDS);
            pipeline.get(120, TimeUnit.SECONDS);
            return null;
          });
    } finally {
      threads.shutdownNow();
    }
    assertEquals("DONE", otherOut.readLine());
    assertEquals(0, other.waitFor());

    assertEquals(
        "the reader saw the other process's new table, not its half-done one",
        "all_rows,new_rows\n5,5\n",
        readerOut.toString(StandardCharsets.UTF_8));
    DuckDbQueries q = CorpusRuns.queries(warehouse);
    assertEquals(
        "succeeded",
        q.value("select status from pipeline_runs where run_id = 'enrichment-concurrent'"));
    assertTrue(((Number) q.value("select count(*) from visitor_enrichment")).longValue() > 0);

    Matcher waits =
        Pattern.compile(
                "Waiting for the DuckDB warehouse "
                    + Pattern.quote(warehouse.toString())
                    + ": another process holds it \\(PID "
                    + otherPid
                    + ": java [^)]*HoldWarehouse warehouse.duckdb\\)")
            .matcher(log);
    assertTrue("a message names the file and the other process:\n" + log, waits.find());
    assertTrue("said once, not per retry:\n" + log, !waits.find());
  }

  /**
   * Waits until {@code count} threads are inside {@code className.method} (blocked or backing off
   * there).
   */
  private static void awaitThreadsIn(String className, String method, int count, int seconds)
      throws InterruptedException {
    awaitThreads(
        frames -> isIn(frames, className, method),
        count,
        50,
        seconds,
        count + " threads did not reach " + className + "." + method + " within " + seconds + " s");
  }

  /**
   * Waits until a thread sleeps inside {@code className.method}: it is backing off after a retry.
   */
  private static void awaitBackingOffIn(String className, String method, int seconds)
      throws InterruptedException {
    awaitThreads(
        frames ->
            frames.length > 0
                && frames[0].getClassName().equals("java.lang.Thread")
                && frames[0].getMethodName().startsWith("sleep")
                && isIn(frames, className, method),
        1,
        20,
        seconds,
        "no thread backed off in " + className + "." + method + " within " + seconds + " s");
  }

  /** Whether a thread's stack has a frame in {@code className.method}. */
  private static boolean isIn(StackTraceElement[] frames, String className, String method) {
    return Arrays.stream(frames)
        .anyMatch(
            f -> f.getClassName().endsWith("." + className) && f.getMethodName().equals(method));
  }

  /**
   * Polls the threads' stacks every {@code pollMillis} until at least {@code count} match, for at
   * most {@code seconds}; then fails with {@code failure}.
   */
  private static void awaitThreads(
      Predicate<StackTraceElement[]> matching,
      long count,
      int pollMillis,
      int seconds,
      String failure)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (Thread.getAllStackTraces().values().stream().filter(matching).count() >= count) {
        return;
      }
      Thread.sleep(pollMillis);
    }
    throw new AssertionError(failure);
  }

  private static List<String> javaCommand(Class<?> main, String... args) {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private void runEnrichment() throws Exception {
    Path files = tmp.newFolder("enrichment").toPath();
    Files.copy(corpus("enrichment/swanai_good.ndjson"), files.resolve("swanai_good.ndjson"));
    Files.copy(corpus("enrichment/g2_good.csv"), files.resolve("g2_good.csv"));
    EnrichmentOptions options =
        PipelineOptionsFactory.fromArgs(
                "--runner=DirectRunner",
                "--runId=enrichment-concurrent",
                "--warehouse=duckdb:" + warehouse,
                "--enrichmentFiles=swanai=" + files + "/swanai_*.ndjson,g2=" + files + "/g2_*.csv")
            .withValidation()
            .as(EnrichmentOptions.class);
    CorpusRuns.assertDone(EnrichmentPipeline.run(options));
  }
}
