package io.intelligencesuite.transforms.deadletter;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.coders.EncodedRows;
import io.intelligencesuite.transforms.testing.TestTables;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;

public class ParseWithDeadLettersTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final TableDef T = TestTables.events(Refresh.REPLACE_TABLE);

  /** "id,day,amount" lines; the amount must be a number. */
  static Row parse(String line) {
    String[] parts = line.split(",", -1);
    if (parts.length != 3) {
      throw new BadRecordException(null, "expected 3 comma-separated fields, got " + parts.length);
    }
    long amount;
    try {
      amount = Long.parseLong(parts[2]);
    } catch (NumberFormatException e) {
      throw new BadRecordException("amount", "expected an integer, got '" + parts[2] + "'");
    }
    return TestTables.event(T, parts[0], parts[1], amount);
  }

  @Test
  public void everyInputLandsOnExactlyOneSideWithTheReason() {
    RunContext run = TestTables.run("test", Path.of("/tmp/unused.duckdb"));
    String huge = "x".repeat(DeadLetters.MAX_PAYLOAD_CHARS + 10);
    List<String> lines =
        List.of("a,2026-01-01,5", "b,2026-01-02,five", "truncated,2026", "c,2026-13-01,1", huge);
    PCollectionTuple out =
        p.apply(Create.of(lines))
            .apply(ParseWithDeadLetters.ofLines(T, ParseWithDeadLettersTest::parse, run));

    PAssert.that(out.get(ParseWithDeadLetters.PARSED))
        .containsInAnyOrder(TestTables.event(T, "a", "2026-01-01", 5));
    PAssert.thatSingleton(out.get(ParseWithDeadLetters.DEAD_LETTERS).apply(Count.globally()))
        .isEqualTo(4L);
    // Every input counted as read, whichever side it landed on: 1 parsed + 4 dead letters.
    PAssert.thatSingleton(out.get(ParseWithDeadLetters.READ).apply(Sum.longsGlobally()))
        .isEqualTo(5L);
    PAssert.that(out.get(ParseWithDeadLetters.DEAD_LETTERS))
        .satisfies(
            rows -> {
              for (Row r : rows) {
                String payload = r.getString("raw_payload");
                String reason = r.getString("reason");
                assertEquals("test-test-run", r.getString("run_id"));
                assertEquals(T.name(), r.getString("target_table"));
                if (payload.startsWith("b,")) {
                  assertEquals("amount", r.getString("field"));
                  assertEquals("field 'amount': expected an integer, got 'five'", reason);
                } else if (payload.startsWith("truncated")) {
                  assertNull(r.getString("field"));
                  assertTrue(reason, reason.contains("expected 3 comma-separated fields"));
                } else if (payload.startsWith("c,")) {
                  assertTrue(reason, reason.startsWith("DateTimeParseException"));
                } else {
                  assertEquals(DeadLetters.MAX_PAYLOAD_CHARS, payload.length());
                  assertEquals(huge.length(), (long) r.getInt64("payload_bytes"));
                  assertTrue(reason, reason.contains("payload cut to"));
                }
              }
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void encodedRowsAreTheParsedRowsAsBytesWithTheSameDeadLettersAndCount() {
    RunContext run = TestTables.run("test", Path.of("/tmp/unused.duckdb"));
    List<String> lines = List.of("a,2026-01-01,5", "b,2026-01-02,five", "c,2026-01-03,7");
    PCollectionTuple out =
        p.apply(Create.of(lines))
            .apply(ParseWithDeadLetters.ofLines(T, ParseWithDeadLettersTest::parse, run).encoded());

    // The bytes decode to what the rows mode gives under PARSED: a and c; b is the dead letter.
    PAssert.that(out.get(ParseWithDeadLetters.PARSED_ENCODED).apply(EncodedRows.decode(T.schema())))
        .containsInAnyOrder(
            TestTables.event(T, "a", "2026-01-01", 5), TestTables.event(T, "c", "2026-01-03", 7));
    assertTrue(!out.has(ParseWithDeadLetters.PARSED));
    PAssert.thatSingleton(out.get(ParseWithDeadLetters.DEAD_LETTERS).apply(Count.globally()))
        .isEqualTo(1L);
    PAssert.thatSingleton(out.get(ParseWithDeadLetters.READ).apply(Sum.longsGlobally()))
        .isEqualTo(3L);
    p.run().waitUntilFinish();
  }
}
