package io.intelligencesuite.marts;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

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
}
