package io.intelligencesuite.marts;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Rows keyed by one of their string columns, for the per-company and per-customer lookups. */
final class KeyedRows {
  private KeyedRows() {}

  /**
   * The rows that pass {@code keep} and have a {@code keyColumn}, as (key column, {@code value} of
   * the row); the others are dropped.
   */
  static <V> PCollection<KV<String, V>> by(
      String name,
      PCollection<Row> rows,
      String keyColumn,
      SerializableFunction<Row, Boolean> keep,
      SerializableFunction<Row, V> value,
      Coder<V> valueCoder) {
    return rows.apply(
            name,
            ParDo.of(
                new DoFn<Row, KV<String, V>>() {
                  @ProcessElement
                  public void process(@Element Row r, OutputReceiver<KV<String, V>> out) {
                    if (keep.apply(r) && r.getString(keyColumn) != null) {
                      out.output(KV.of(r.getString(keyColumn), value.apply(r)));
                    }
                  }
                }))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), valueCoder));
  }

  /**
   * Two row collections grouped by a string column they share: per key, the rows of each side under
   * its tag.
   */
  static PCollection<KV<String, CoGbkResult>> join(
      String name,
      String keyColumn,
      TupleTag<Row> leftTag,
      PCollection<Row> left,
      TupleTag<Row> rightTag,
      PCollection<Row> right) {
    return KeyedPCollectionTuple.of(leftTag, left.apply(name + " (left key)", byColumn(keyColumn)))
        .and(rightTag, right.apply(name + " (right key)", byColumn(keyColumn)))
        .apply(name, CoGroupByKey.create());
  }

  private static WithKeys<String, Row> byColumn(String column) {
    return WithKeys.<String, Row>of(r -> r.getString(column))
        .withKeyType(TypeDescriptors.strings());
  }

  /** The last of a side's rows (the only one where the key is unique), or null if none. */
  static @Nullable Row last(Iterable<Row> rows) {
    Row last = null;
    for (Row r : rows) {
      last = r;
    }
    return last;
  }
}
