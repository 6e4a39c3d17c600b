package io.intelligencesuite.transforms.deadletter;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.coders.EncodedRows;
import io.intelligencesuite.transforms.testing.TestTables;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
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
  public void taggedRecordsAreTheParsedRowsTheDeadLettersAndTheCountInOneOutput() {
    RunContext run = TestTables.run("test", Path.of("/tmp/unused.duckdb"));
    List<String> lines = List.of("a,2026-01-01,5", "b,2026-01-02,five", "c,2026-01-03,7");
    PCollectionTuple out =
        p.apply(Create.of(lines))
            .apply(ParseWithDeadLetters.ofLines(T, ParseWithDeadLettersTest::parse, run).tagged());
    assertEquals(1, out.getAll().size());
    PCollection<byte[]> records = out.get(ParseWithDeadLetters.RECORDS);

    // The rows decode to what the rows mode gives under PARSED: a and c; b is the dead letter,
    // with the reason that mode gives it; the counts add up to the 3 lines.
    PAssert.that(
            records
                .apply("Rows", Filter.by(r -> EncodedRows.Tagged.tag(r) == EncodedRows.Tagged.ROW))
                .apply(EncodedRows.decodeTagged(T.schema())))
        .containsInAnyOrder(
            TestTables.event(T, "a", "2026-01-01", 5), TestTables.event(T, "c", "2026-01-03", 7));
    PAssert.that(
            records
                .apply(
                    "Dead letters",
                    Filter.by(r -> EncodedRows.Tagged.tag(r) == EncodedRows.Tagged.DEAD_LETTER))
                .apply(
                    "Decode dead letters",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            r ->
                                new EncodedRows.Decoder(Tables.DEAD_LETTERS.schema())
                                        .decode(r, 1)
                                        .getString("raw_payload")
                                    + " | "
                                    + new EncodedRows.Decoder(Tables.DEAD_LETTERS.schema())
                                        .decode(r, 1)
                                        .getString("reason"))))
        .containsInAnyOrder("b,2026-01-02,five | field 'amount': expected an integer, got 'five'");
    PAssert.thatSingleton(
            records
                .apply(
                    "Counts", Filter.by(r -> EncodedRows.Tagged.tag(r) == EncodedRows.Tagged.READ))
                .apply(
                    "Count",
                    MapElements.into(TypeDescriptors.longs()).via(EncodedRows.Tagged::countOf))
                .apply(Sum.longsGlobally()))
        .isEqualTo(3L);
    p.run().waitUntilFinish();
  }

  @Test
  public void countRecordsRoundTrip() {
    for (long n : new long[] {0, 1, 127, 128, 300, Long.MAX_VALUE}) {
      byte[] record = EncodedRows.Tagged.count(EncodedRows.Tagged.READ, n);
      assertEquals(EncodedRows.Tagged.READ, EncodedRows.Tagged.tag(record));
      assertEquals(n, EncodedRows.Tagged.countOf(record));
    }
  }
}
