package io.intelligencesuite.transforms.coders;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.VarInt;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Rows carried between steps as their {@link RowCoder} bytes. A step with several outputs (parse:
 * rows, dead letters, counts) hands every consumer the whole union of its outputs on the Flink
 * runner, and each consumer decodes all of it: three full row decodes per parsed GA4 row for one
 * encode. As bytes, that union costs a copy per consumer, and the one consumer that needs the rows
 * decodes them once ({@link #decode}), chained to it.
 */
public final class EncodedRows {
  private EncodedRows() {}

  /**
   * Encodes rows of one schema, reusing its buffer: one per DoFn instance (not thread-safe), made
   * in the DoFn's setup or lazily.
   */
  public static final class Encoder {
    private final RowCoder coder;
    // Reset for each row rather than allocated for each.
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);

    public Encoder(Schema schema) {
      this.coder = RowCoder.of(schema);
    }

    public byte[] encode(Row row) {
      buffer.reset();
      try {
        coder.encode(row, buffer);
      } catch (IOException e) {
        throw new UncheckedIOException("encoding a row of " + row.getSchema(), e);
      }
      return buffer.toByteArray();
    }
  }

  /** Decodes rows of one schema: one per DoFn instance. */
  public static final class Decoder {
    private final RowCoder coder;

    public Decoder(Schema schema) {
      this.coder = RowCoder.of(schema);
    }

    public Row decode(byte[] bytes) {
      try {
        return coder.decode(new ByteArrayInputStream(bytes));
      } catch (IOException e) {
        throw new UncheckedIOException("decoding a row of " + coder.getSchema(), e);
      }
    }
  }

  /**
   * Decodes, of rows of one schema, only the leading fields up to the last of the fields asked for,
   * into rows of those leading fields: a step that needs a row's key and ordering value reads them
   * and leaves the rest of the bytes (a GA4 row's params and 18 other fields) unread. It follows
   * RowCoder's layout: the field count, the null bitmap (a length-prefixed BitSet), then each
   * non-null field with its type's coder, in schema order. Where that layout is not certain (the
   * schema overrides its encoding positions, or a leading field has a type not listed below) it
   * decodes the whole row instead. One per DoFn instance.
   */
  public static final class LeadingFields {
    private static final Map<Schema.TypeName, Coder<?>> CODERS =
        Map.of(
            Schema.TypeName.STRING, StringUtf8Coder.of(),
            Schema.TypeName.DATETIME, InstantCoder.of(),
            Schema.TypeName.INT64, VarLongCoder.of(),
            Schema.TypeName.INT32, VarIntCoder.of(),
            Schema.TypeName.BOOLEAN, BooleanCoder.of(),
            Schema.TypeName.DOUBLE, DoubleCoder.of());

    private final Schema leading;
    private final @Nullable List<Coder<?>> coders;
    private final Decoder whole;

    public LeadingFields(Schema schema, List<String> fields) {
      int last = 0;
      for (String f : fields) {
        last = Math.max(last, schema.indexOf(f));
      }
      Schema.Builder prefix = Schema.builder();
      List<Coder<?>> byField = new ArrayList<>();
      for (int i = 0; i <= last; i++) {
        prefix.addField(schema.getField(i));
        byField.add(coderOf(schema.getField(i).getType().getTypeName()));
      }
      boolean readable = !schema.isEncodingPositionsOverridden() && !byField.contains(null);
      this.leading = readable ? prefix.build() : schema;
      this.coders = readable ? byField : null;
      this.whole = new Decoder(schema);
    }

    /** RowCoder's coder of each field type read here; null for the others. */
    private static @Nullable Coder<?> coderOf(Schema.TypeName type) {
      return CODERS.get(type);
    }

    public Row decode(byte[] bytes) {
      if (coders == null) {
        return whole.decode(bytes);
      }
      try {
        InputStream in = new ByteArrayInputStream(bytes);
        VarInt.decodeInt(in); // the field count: the schema's
        BitSet nulls = BitSet.valueOf(ByteArrayCoder.of().decode(in));
        Object[] values = new Object[coders.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = nulls.get(i) ? null : coders.get(i).decode(in);
        }
        return Row.withSchema(leading).attachValues(values);
      } catch (IOException e) {
        throw new UncheckedIOException("decoding the leading fields of a row of " + leading, e);
      }
    }
  }

  /** The rows of {@code schema} that {@code bytes} encode (with {@link Encoder}). */
  public static PTransform<PCollection<byte[]>, PCollection<Row>> decode(Schema schema) {
    return new PTransform<>("Decode rows") {
      @Override
      public PCollection<Row> expand(PCollection<byte[]> bytes) {
        return bytes.apply(ParDo.of(new DecodeFn(schema))).setRowSchema(schema);
      }
    };
  }

  private static final class DecodeFn extends DoFn<byte[], Row> {
    private final Schema schema;
    private transient Decoder decoder;

    DecodeFn(Schema schema) {
      this.schema = schema;
    }

    @Setup
    public void setup() {
      decoder = new Decoder(schema);
    }

    @ProcessElement
    public void process(@Element byte[] bytes, OutputReceiver<Row> out) {
      out.output(decoder.decode(bytes));
    }
  }
}
