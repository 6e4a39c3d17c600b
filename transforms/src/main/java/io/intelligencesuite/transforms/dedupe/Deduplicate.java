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
        .apply("Latest per key", Combine.perKey(new Latest(orderingField)))
        .apply("Rows", Values.create())
        .setRowSchema(schema);
  }

  /**
   * The rule itself, for code outside a pipeline that must keep the same row (the plain-Java GA4
   * baseline): the later of two rows by {@code orderingField} (null sorts first); equal ordering
   * values fall back to the rows' {@link RowCoder} bytes compared unsigned, the larger winning, so
   * the choice does not depend on arrival order.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Row later(Row left, Row right, String orderingField) {
    Comparable a = (Comparable) left.getValue(orderingField);
    Comparable b = (Comparable) right.getValue(orderingField);
    int byOrder = a == null ? (b == null ? 0 : -1) : (b == null ? 1 : a.compareTo(b));
    if (byOrder != 0) {
      return byOrder > 0 ? left : right;
    }
    RowCoder coder = RowCoder.of(left.getSchema());
    return Arrays.compareUnsigned(encode(coder, left), encode(coder, right)) >= 0 ? left : right;
  }

  private static byte[] encode(RowCoder coder, Row row) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      coder.encode(row, bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #later} as a combiner. */
  static final class Latest extends Combine.BinaryCombineFn<Row> {
    private final String orderingField;

    Latest(String orderingField) {
      this.orderingField = orderingField;
    }

    @Override
    public Row apply(Row left, Row right) {
      return later(left, right, orderingField);
    }
  }
}
