package io.intelligencesuite.tests.hardening;

import static io.intelligencesuite.tests.hardening.CorpusRuns.assertBalanced;
import static io.intelligencesuite.tests.hardening.CorpusRuns.assertEveryDeadLetterNamesItsField;
import static org.junit.Assert.assertEquals;

import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * One pipeline over its part of the bad-input corpus: run once over the good records alone (its own
 * warehouse), then twice over good + bad into another warehouse, and check the four promises
 * (balanced accounting with every bad record dead-lettered, fields named, good rows untouched,
 * reruns identical). A subclass says how to run its pipeline; the runs happen once per class.
 */
public abstract class CorpusPipelineTest {
  static final String GOOD = "good";
  static final String MIXED_1 = "mixed-1";
  static final String MIXED_2 = "mixed-2";

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  private static final Map<Class<?>, Runs> RUNS = new HashMap<>();

  /** A failed run fails every test of the class once, instead of being retried by each. */
  private static final Map<Class<?>, Exception> FAILED = new HashMap<>();

  /** Checksums per table of the three runs, and the warehouses. */
  record Runs(
      Map<String, String> good,
      Map<String, String> mixed1,
      Map<String, String> mixed2,
      Path goodWarehouse,
      Path mixedWarehouse,
      String output) {}

  /** The pipeline's name in run ids. */
  private final String pipeline;

  /** How many records of the mixed input are bad: each must become exactly one dead letter. */
  private final long badRecords;

  /** The tables the pipeline writes (compared by checksum). */
  private final List<TableDef> tables;

  CorpusPipelineTest(String pipeline, long badRecords, TableDef... tables) {
    this.pipeline = pipeline;
    this.badRecords = badRecords;
    this.tables = List.of(tables);
  }

  /**
   * Runs the pipeline over the good records ({@code withBad} false) or good + bad into {@code
   * warehouse}.
   */
  abstract void run(boolean withBad, Path warehouse, String runId) throws Exception;

  final String runId(String which) {
    return pipeline + "-" + which;
  }

  final Runs runs() throws Exception {
    synchronized (RUNS) {
      Runs r = RUNS.get(getClass());
      if (FAILED.containsKey(getClass())) {
        throw new IllegalStateException(
            "the corpus runs failed (see the first test's error)", FAILED.get(getClass()));
      }
      if (r == null) {
        Path good = TMP.getRoot().toPath().resolve(pipeline + "-good.duckdb");
        Path mixed = TMP.getRoot().toPath().resolve(pipeline + "-mixed.duckdb");
        long started = System.nanoTime();
        StringBuilder output = new StringBuilder();
        List<Map<String, String>> checksums;
        try {
          checksums =
              CorpusRuns.capturingOutput(
                  output,
                  () -> {
                    run(false, good, runId(GOOD));
                    Map<String, String> g = CorpusRuns.checksums(CorpusRuns.queries(good), tables);
                    run(true, mixed, runId(MIXED_1));
                    Map<String, String> m1 =
                        CorpusRuns.checksums(CorpusRuns.queries(mixed), tables);
                    run(true, mixed, runId(MIXED_2));
                    return List.of(g, m1, CorpusRuns.checksums(CorpusRuns.queries(mixed), tables));
                  });
        } catch (Exception | AssertionError e) {
          FAILED.put(getClass(), e instanceof Exception ex ? ex : new IllegalStateException(e));
          throw e;
        }
        System.out.printf(
            "%s corpus: three runs in %.1f s%n", pipeline, (System.nanoTime() - started) / 1e9);
        r =
            new Runs(
                checksums.get(0),
                checksums.get(1),
                checksums.get(2),
                good,
                mixed,
                output.toString());
        RUNS.put(getClass(), r);
      }
      return r;
    }
  }

  final DuckDbQueries mixed() throws Exception {
    return CorpusRuns.queries(runs().mixedWarehouse());
  }

  /** Exactly one row of the mixed run's {@code table} holds {@code value}, as it was sent. */
  final void assertStoredOnce(String table, String column, String value) throws Exception {
    String literal = "'" + value.replace("'", "''") + "'";
    assertEquals(
        table + "." + column + " = " + literal,
        1L,
        mixed().value("select count(*) from " + table + " where " + column + " = " + literal));
  }

  @AfterClass
  public static void closeWarehouses() {
    synchronized (RUNS) {
      for (Runs r : RUNS.values()) {
        DuckDbConnections.close(r.goodWarehouse().toString());
        DuckDbConnections.close(r.mixedWarehouse().toString());
      }
      RUNS.clear();
      FAILED.clear();
    }
  }

  @Test
  public void everyBadRecordIsDeadLetteredAndTheRunBalances() throws Exception {
    assertBalanced(CorpusRuns.queries(runs().goodWarehouse()), runId(GOOD), 0);
    assertBalanced(mixed(), runId(MIXED_1), badRecords);
    assertBalanced(mixed(), runId(MIXED_2), badRecords);
  }

  @Test
  public void everyDeadLetterNamesItsField() throws Exception {
    assertEveryDeadLetterNamesItsField(mixed(), runId(MIXED_1));
  }

  @Test
  public void theGoodRowsAreExactlyWhatTheyAreWithoutTheBadOnes() throws Exception {
    assertEquals(runs().good(), runs().mixed1());
  }

  @Test
  public void aRerunOverTheSameInputGivesIdenticalTables() throws Exception {
    assertEquals(runs().mixed1(), runs().mixed2());
  }
}
