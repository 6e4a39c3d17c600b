package io.intelligencesuite.transforms.coders;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

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
