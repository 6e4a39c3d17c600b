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
import org.apache.beam.sdk.util.VarInt;
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
      return encodeInto(row);
    }

    /** {@code row}'s bytes after the tag byte {@code tag}: a {@link Tagged} record. */
    public byte[] encode(Row row, byte tag) {
      buffer.reset();
      buffer.write(tag);
      return encodeInto(row);
    }

    private byte[] encodeInto(Row row) {
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
      return decode(bytes, 0);
    }

    /** The row encoded from {@code offset} on (after a {@link Tagged} record's tag: 1). */
    public Row decode(byte[] bytes, int offset) {
      try {
        return coder.decode(new ByteArrayInputStream(bytes, offset, bytes.length - offset));
      } catch (IOException e) {
        throw new UncheckedIOException("decoding a row of " + coder.getSchema(), e);
      }
    }
  }

  /**
   * Records of several kinds in one collection of byte arrays: a tag byte, then the record. A step
   * whose every product travels in one collection has one consumer, so on the Flink runner it is
   * chained to that consumer and nothing is serialized in between; with several outputs, each
   * consumer would be handed (and decode) every output. The parse step of a load sends its rows,
   * dead letters and input count this way through the deduplication's shuffle (see
   * ParseWithDeadLetters#tagged and Deduplicate#countingDuplicatesOfTagged).
   */
  public static final class Tagged {
    /** A row of the table being loaded: its {@link Encoder} bytes follow. */
    public static final byte ROW = 0;

    /** A {@code dead_letters} row: its {@link Encoder} bytes follow. */
    public static final byte DEAD_LETTER = 1;

    /** How many records a bundle of the parse step received: a VarLong follows. */
    public static final byte READ = 2;

    /** How many rows the deduplication dropped as older versions: a VarLong follows. */
    public static final byte DUPLICATES = 3;

    private Tagged() {}

    public static byte tag(byte[] record) {
      return record[0];
    }

    /** A count record: {@code tag}, then {@code count} as a VarLong. */
    public static byte[] count(byte tag, long count) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(10);
      bytes.write(tag);
      try {
        VarInt.encode(count, bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }

    /** The count of a {@link #count} record. */
    public static long countOf(byte[] record) {
      try {
        return VarInt.decodeLong(new ByteArrayInputStream(record, 1, record.length - 1));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The rows of {@code schema} that {@code bytes} encode (with {@link Encoder}). */
  public static PTransform<PCollection<byte[]>, PCollection<Row>> decode(Schema schema) {
    return decode(schema, 0);
  }

  /** The rows of {@code schema} that {@link Tagged#ROW} records encode. */
  public static PTransform<PCollection<byte[]>, PCollection<Row>> decodeTagged(Schema schema) {
    return decode(schema, 1);
  }

  private static PTransform<PCollection<byte[]>, PCollection<Row>> decode(
      Schema schema, int offset) {
    return new PTransform<>("Decode rows") {
      @Override
      public PCollection<Row> expand(PCollection<byte[]> bytes) {
        return bytes.apply(ParDo.of(new DecodeFn(schema, offset))).setRowSchema(schema);
      }
    };
  }

  private static final class DecodeFn extends DoFn<byte[], Row> {
    private final Schema schema;
    private final int offset;
    private transient Decoder decoder;

    DecodeFn(Schema schema, int offset) {
      this.schema = schema;
      this.offset = offset;
    }

    @Setup
    public void setup() {
      decoder = new Decoder(schema);
    }

    @ProcessElement
    public void process(@Element byte[] bytes, OutputReceiver<Row> out) {
      out.output(decoder.decode(bytes, offset));
    }
  }
}
