package io.intelligencesuite.transforms.dedupe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Keeps one row per key: the latest by an ordering field, ties broken deterministically by the
 * row's encoded bytes (so every runner keeps the same row). Written as a latest-by-key
 * {@code Combine.perKey}, the shape Dataflow scales (combiner lifting before the shuffle).
 */
public final class Deduplicate extends PTransform<PCollection<Row>, PCollection<Row>> {
  private final SerializableFunction<Row, String> key;
  private final String orderingField;

  private Deduplicate(SerializableFunction<Row, String> key, String orderingField) {
    this.key = key;
    this.orderingField = orderingField;
  }

  /** Latest row per key, by {@code orderingField} (a comparable field: number, time, date, string). */
  public static Deduplicate latestByKey(SerializableFunction<Row, String> key, String orderingField) {
    return new Deduplicate(key, orderingField);
  }

  /** Latest row per value of the given key fields. */
  public static Deduplicate latestByFields(List<String> keyFields, String orderingField) {
    List<String> fields = List.copyOf(keyFields);
    return new Deduplicate(row -> {
      StringBuilder sb = new StringBuilder();
      for (String f : fields) {
        Object v = row.getValue(f);
        sb.append(v == null ? "\u0000" : v.toString()).append('\u001f');
      }
      return sb.toString();
    }, orderingField);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> rows) {
    Schema schema = rows.getSchema();
    if (!schema.hasField(orderingField)) {
      throw new IllegalArgumentException("Deduplicate: ordering field '" + orderingField
          + "' is not in the rows' schema " + schema.getFieldNames());
    }
    return rows
        .apply("Key", WithKeys.of(key).withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), RowCoder.of(schema)))
        .apply("Latest per key", Combine.perKey(new Latest(orderingField, schema)))
        .apply("Rows", Values.create())
        .setRowSchema(schema);
  }

  /** Picks the later of two rows; equal ordering values fall back to the encoded bytes. */
  static final class Latest extends Combine.BinaryCombineFn<Row> {
    private final String orderingField;
    private final Schema schema;

    Latest(String orderingField, Schema schema) {
      this.orderingField = orderingField;
      this.schema = schema;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Row apply(Row left, Row right) {
      Comparable a = (Comparable) left.getValue(orderingField);
      Comparable b = (Comparable) right.getValue(orderingField);
      int byOrder = a == null ? (b == null ? 0 : -1) : (b == null ? 1 : a.compareTo(b));
      if (byOrder != 0) {
        return byOrder > 0 ? left : right;
      }
      return Arrays.compareUnsigned(encode(left), encode(right)) >= 0 ? left : right;
    }

    private byte[] encode(Row row) {
      try {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RowCoder.of(schema).encode(row, bytes);
        return bytes.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
