package io.intelligencesuite.tests.hardening;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.sources.common.Json;
import io.intelligencesuite.sources.common.Secrets;
import io.intelligencesuite.tests.PipelineArgs;
import io.intelligencesuite.tests.RunCounts;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * What every corpus test checks, in one place: a run's accounting balances and counts exactly the
 * corpus's bad records as dead letters, every dead letter names its field, and tables compare by
 * content checksum (the good rows with and without the bad ones; a run and its rerun).
 */
final class CorpusRuns {
  /**
   * A reason that starts with a Java exception's name is an unplanned failure path, not a parser
   * rule.
   */
  private static final Pattern RAW_EXCEPTION =
      Pattern.compile("^[A-Za-z.]*(Exception|Error): .*", Pattern.DOTALL);

  private CorpusRuns() {}

  /**
   * The corpus runs pass their secrets as options or environment: Secret Manager is never asked.
   */
  static final Secrets.Resolver NO_SECRETS =
      name -> {
        throw new AssertionError("no secret expected");
      };

  /** The good rows of a corpus table: each row's corpus_case says what it exercises. */
  static final String GOOD_CASES = "corpus_case = 'good'";

  /** A corpus query's filter: nothing with the bad cases, the good cases only without them. */
  static String where(boolean withBad) {
    return withBad ? "" : " WHERE " + GOOD_CASES;
  }

  /**
   * A corpus run's validated options: the runner, the run id, the DuckDB warehouse, then the
   * source's own arguments.
   */
  static <O extends PipelineOptions> O options(
      Class<O> type, String runner, String runId, Path warehouse, String... sourceArgs) {
    return PipelineArgs.options(
        type,
        List.of("--runner=" + runner, "--runId=" + runId, "--warehouse=duckdb:" + warehouse),
        sourceArgs);
  }

  /** Waits for a pipeline run and checks that it finished. */
  static void assertDone(PipelineResult result) {
    assertEquals(PipelineResult.State.DONE, result.waitUntilFinish());
  }

  /** A folder or file of the committed corpus (tests/src/test/resources/corpus/...). */
  static Path corpus(String relative) {
    try {
      return Path.of(CorpusRuns.class.getResource("/corpus/" + relative).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("corpus file missing: " + relative, e);
    }
  }

  /** The elements of the array {@code field} of a corpus JSON file (a list body). */
  static List<JsonNode> jsonList(String relative, String field) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    Json.MAPPER.readTree(corpus(relative).toFile()).path(field).forEach(out::add);
    return out;
  }

  static DuckDbQueries queries(Path warehouse) {
    return TempWarehouses.queries(warehouse.toString());
  }

  /**
   * The run succeeded, rows read = written + duplicates removed + dead-lettered, and exactly {@code
   * expectedDeadLetters} records were dead-lettered (so no bad record was silently dropped or
   * silently loaded).
   */
  static void assertBalanced(DuckDbQueries q, String runId, long expectedDeadLetters)
      throws SQLException {
    RunCounts r = RunCounts.of(q, runId);
    assertEquals(runId + ": " + r, "succeeded", r.status());
    assertTrue(runId + " read = written + duplicates + dead letters: " + r, r.balances());
    assertEquals(
        runId + " dead letters in pipeline_runs vs dead_letters",
        r.deadLettered(),
        q.value("select count(*) from dead_letters where run_id = '" + runId + "'"));
    assertEquals(
        runId + " dead letters: " + deadLetters(q, runId), expectedDeadLetters, r.deadLettered());
  }

  /**
   * Every dead letter names the field it failed on, except a record that is not a JSON object at
   * all (there is no field to name; the reason says so), and none is a bare Java exception.
   */
  static void assertEveryDeadLetterNamesItsField(DuckDbQueries q, String runId)
      throws SQLException {
    List<List<Object>> dead =
        q.rows(
            "select target_table, field, reason from dead_letters where run_id = '" + runId + "'");
    assertFalse(runId + " has dead letters", dead.isEmpty());
    for (List<Object> d : dead) {
      String field = (String) d.get(1);
      String reason = (String) d.get(2);
      assertNotNull(d.toString(), reason);
      assertFalse(
          "an unplanned failure, not a parser rule: " + d, RAW_EXCEPTION.matcher(reason).matches());
      if (field == null) {
        assertTrue(
            "no field named: " + d,
            reason.startsWith("not valid JSON") || reason.startsWith("expected a JSON object"));
      } else {
        assertFalse("empty field name: " + d, field.isBlank());
      }
    }
  }

  static String deadLetters(DuckDbQueries q, String runId) throws SQLException {
    StringBuilder sb = new StringBuilder();
    for (List<Object> d :
        q.rows(
            "select target_table, field, left(reason, 160) from dead_letters where run_id = '"
                + runId
                + "' order by 1, 2, 3")) {
      sb.append("\n  ").append(d);
    }
    return sb.toString();
  }

  /** Table name -> order-independent checksum of its whole content (DuckDbQueries.checksum). */
  static Map<String, String> checksums(DuckDbQueries q, List<TableDef> tables) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    for (TableDef t : tables) {
      out.put(t.name(), q.checksum(t));
    }
    return out;
  }

  /**
   * None of {@code secrets} appears in the captured log output, in any column of dead_letters or
   * pipeline_runs. The output must hold {@code expectedLogLine}, so a capture that saw nothing (a
   * logger configured above INFO) cannot pass for a clean one.
   */
  static void assertNoSecretAnywhere(
      String output, DuckDbQueries q, String expectedLogLine, String... secrets)
      throws SQLException {
    assertTrue(
        "the captured output holds the INFO line '" + expectedLogLine + "'",
        output.contains(expectedLogLine));
    for (String secret : secrets) {
      assertFalse("secret in the log output", output.contains(secret));
      for (String table : List.of("dead_letters", "pipeline_runs")) {
        assertEquals(
            "secret in " + table,
            0L,
            q.value(
                "select count(*) from "
                    + table
                    + " t where cast(t as varchar) like '%"
                    + secret.replace("'", "''")
                    + "%'"));
      }
    }
  }

  /**
   * The two bad records no corpus file holds: {@code bigLine} (made 10 MB by the caller; not
   * committed), and {@code line} with the byte 0xFF (never valid UTF-8) where the quote opening
   * {@code "key"} was, so the decoded record is not JSON. Newline-terminated.
   */
  static byte[] bigAndBrokenUtf8Lines(String bigLine, String line, String key) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes((bigLine + "\n").getBytes(StandardCharsets.UTF_8));
    byte[] broken = (line + "\n").getBytes(StandardCharsets.UTF_8);
    broken[line.indexOf("\"" + key + "\"")] = (byte) 0xFF;
    out.writeBytes(broken);
    return out.toByteArray();
  }

  /**
   * Runs {@code body} with stdout and stderr (where slf4j-simple logs) copied into {@code sink}.
   */
  static <T> T capturingOutput(StringBuilder sink, Callable<T> body) throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream both = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(both);
      System.setErr(both);
      return body.call();
    } finally {
      System.setOut(out);
      System.setErr(err);
      sink.append(bytes.toString(StandardCharsets.UTF_8));
    }
  }
}
