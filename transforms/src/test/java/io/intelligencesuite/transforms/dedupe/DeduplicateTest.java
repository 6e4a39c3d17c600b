package io.intelligencesuite.transforms.dedupe;

import static org.junit.Assert.assertEquals;

import io.intelligencesuite.schemas.Refresh;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.transforms.coders.EncodedRows;
import io.intelligencesuite.transforms.testing.TestTables;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;

public class DeduplicateTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final TableDef T = TestTables.events(Refresh.REPLACE_TABLE);

  private static Row version(String id, long ts, String payload) {
    return Row.fromRow(TestTables.event(T, id, "2026-01-01", 1))
        .withFieldValue("event_ts", new org.joda.time.Instant(ts))
        .withFieldValue("payload", payload)
        .build();
  }

  /** Two versions of a, two of b with the same timestamp and other content, one c. */
  private static final Row A_OLD = version("a", 1_000, "{\"v\":1}");

  private static final Row A_NEW = version("a", 2_000, "{\"v\":2}");
  private static final Row B_TIE_1 = version("b", 5_000, "{\"v\":\"x\"}");
  private static final Row B_TIE_2 = version("b", 5_000, "{\"v\":\"y\"}");
  private static final Row C = version("c", 1, "{}");

  @Test
  public void keepsTheLatestVersionPerKeyAndBreaksTiesByContent() {
    PCollectionTuple out =
        p.apply(Create.of(List.of(A_NEW, A_OLD, B_TIE_1, B_TIE_2, C, C)).withRowSchema(T.schema()))
            .apply(
                Deduplicate.latestByFields(List.of("event_id"), "event_ts").countingDuplicates());
    // For the tie, the row whose encoding sorts last wins, whatever the arrival order: '"y"' >
    // '"x"'.
    PAssert.that(out.get(Deduplicate.ROWS)).containsInAnyOrder(A_NEW, B_TIE_2, C);
    // Dropped: aOld, bTie1 and one c: 6 rows in, 3 kept.
    PAssert.thatSingleton(out.get(Deduplicate.DUPLICATES).apply(Sum.longsGlobally())).isEqualTo(3L);
    p.run().waitUntilFinish();
  }

  @Test
  public void keepsTheLatestVersionWhenTheBundleHoldsMoreKeysThanThePreCombineKeeps() {
    // "a" old first, then more distinct keys than the pre-combine holds (it sends them all on),
    // then "a" new and an exact copy of a filler: the grouping after the shuffle still sees every
    // version, so one row per key is left and "a" is the new one.
    List<Row> rows = new ArrayList<>();
    Row aOld = version("a", 1_000, "{\"v\":1}");
    Row aNew = version("a", 2_000, "{\"v\":2}");
    rows.add(aOld);
    int fillers = 12; // the pre-combine below holds 4 keys at a time
    for (int i = 0; i < fillers; i++) {
      rows.add(version("f" + i, i, "{}"));
    }
    rows.add(aNew);
    rows.add(version("f7", 7, "{}"));
    PCollectionTuple counted =
        p.apply(Create.of(rows).withRowSchema(T.schema()))
            .apply(
                Deduplicate.latestByFields(List.of("event_id"), "event_ts")
                    .holdingAtMost(4)
                    .countingDuplicates());
    PCollection<Row> out = counted.get(Deduplicate.ROWS);
    PAssert.thatSingleton(out.apply(Count.globally())).isEqualTo(fillers + 1L);
    // 15 rows in, 13 kept: aOld and the copy of f7 dropped, whether the pre-combine or the
    // grouping after the shuffle met them.
    PAssert.thatSingleton(counted.get(Deduplicate.DUPLICATES).apply(Sum.longsGlobally()))
        .isEqualTo(2L);
    PAssert.that(out.apply(Filter.by(r -> r.getString("event_id").equals("a"))))
        .containsInAnyOrder(aNew);
    p.run().waitUntilFinish();
  }

  @Test
  public void encodedRowsKeepTheSameRowsAsRows() {
    // The first test's rows, arriving as their bytes (as the parse step hands them on): the same
    // row is kept per key, the tie decided on the same bytes, and the same 3 dropped.
    EncodedRows.Encoder encoder = new EncodedRows.Encoder(T.schema());
    List<byte[]> encoded = new ArrayList<>();
    for (Row r : List.of(B_TIE_2, A_OLD, C, B_TIE_1, A_NEW, C)) {
      encoded.add(encoder.encode(r));
    }
    PCollectionTuple out =
        p.apply(Create.of(encoded).withCoder(ByteArrayCoder.of()))
            .apply(
                Deduplicate.latestByFields(List.of("event_id"), "event_ts")
                    .countingDuplicatesOfEncoded(T.schema()));
    PAssert.that(out.get(Deduplicate.ROWS)).containsInAnyOrder(A_NEW, B_TIE_2, C);
    PAssert.thatSingleton(out.get(Deduplicate.DUPLICATES).apply(Sum.longsGlobally())).isEqualTo(3L);
    p.run().waitUntilFinish();
  }

  @Test
  public void encodedRowsDecodeToTheRowsEncoded() {
    Row r = version("a", 1_000, "{\"v\":\"é\"}");
    Row nulls = Row.fromRow(r).withFieldValue("payload", null).build();
    EncodedRows.Encoder encoder = new EncodedRows.Encoder(T.schema());
    EncodedRows.Decoder decoder = new EncodedRows.Decoder(T.schema());
    // One encoder for both: its buffer is reused, so the first array must not change.
    byte[] first = encoder.encode(r);
    byte[] second = encoder.encode(nulls);
    org.junit.Assert.assertEquals(r, decoder.decode(first));
    org.junit.Assert.assertEquals(nulls, decoder.decode(second));
  }

  @Test
  public void shuffledBytesCountTheKeyTheOrderingRowAndTheRowsBytes() {
    Schema schema = Schema.builder().addStringField("id").addInt64Field("ts").build();
    ToIntFunction<Row> size = Deduplicate.latestByFields(List.of("id"), "ts").shuffledBytes(schema);
    // ("ab", 300), worked by hand (RowCoder: field count, empty null bitmap as a 0 length, then
    // the fields; INT64 as a varint, 300 taking 2 bytes):
    //   key "ab\u001f" with its length           4
    //   ordering row (300, 1 version): 1 + 1 + 2 + 1 5
    //   the row's bytes: 1 + 1 + (1 + 2) + 2      7 (last in the element: no length)
    assertEquals(16, size.applyAsInt(Row.withSchema(schema).addValues("ab", 300L).build()));
    // Two more characters of id travel twice: in the key and in the row.
    assertEquals(20, size.applyAsInt(Row.withSchema(schema).addValues("abcd", 300L).build()));
  }
}
