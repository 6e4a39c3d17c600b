package io.intelligencesuite.transforms.dedupe;

import io.intelligencesuite.transforms.coders.EncodedRows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.TimestampCombiner;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.WindowingStrategy;

/**
 * Keeps one row per key: the latest by an ordering field, ties broken deterministically by the
 * row's encoded bytes (so every runner keeps the same row). Combined before the shuffle (in the
 * keying step, per bundle, as Dataflow's combiner lifting would), then grouped by key and combined
 * again, over the rows' encoded bytes (see {@link #expand}). {@link #countingDuplicates} also
 * outputs how many rows it dropped as older versions, counted where they are dropped.
 */
public final class Deduplicate extends PTransform<PCollection<Row>, PCollection<Row>> {
  /** The rows kept: one per key. */
  public static final TupleTag<Row> ROWS = new TupleTag<>() {};

  /** How many rows were dropped as older versions of a kept one: one count per bundle. */
  public static final TupleTag<Long> DUPLICATES = new TupleTag<>() {};

  /** Keys the pre-combine holds per bundle before sending them on: bounds its memory. */
  static final int MAX_HELD = 10_000;

  private final SerializableFunction<Row, String> key;
  private final String orderingField;
  private final int maxHeld;

  private Deduplicate(SerializableFunction<Row, String> key, String orderingField, int maxHeld) {
    this.key = key;
    this.orderingField = orderingField;
    this.maxHeld = maxHeld;
  }

  /**
   * The same, holding at most {@code keys} keys per bundle (tests reach the limit with few rows).
   */
  Deduplicate holdingAtMost(int keys) {
    return new Deduplicate(key, orderingField, keys);
  }

  /**
   * Latest row per key, by {@code orderingField} (a comparable field: number, time, date, string).
   */
  public static Deduplicate latestByKey(
      SerializableFunction<Row, String> key, String orderingField) {
    return new Deduplicate(key, orderingField, MAX_HELD);
  }

  /** Latest row per value of the given key fields. */
  public static Deduplicate latestByFields(List<String> keyFields, String orderingField) {
    List<String> fields = List.copyOf(keyFields);
    return new Deduplicate(
        row -> {
          StringBuilder sb = new StringBuilder();
          for (String f : fields) {
            Object v = row.getValue(f);
            sb.append(v == null ? "\u0000" : v.toString()).append('\u001f');
          }
          return sb.toString();
        },
        orderingField,
        MAX_HELD);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> rows) {
    return rows.apply("Latest per key", countingDuplicates()).get(ROWS);
  }

  /**
   * The same, with the number of rows dropped as older versions under {@link #DUPLICATES}: counted
   * in the steps that drop them rather than by counting the rows before and after, which on the
   * Flink runner would serialize every row once more for each count.
   */
  public PTransform<PCollection<Row>, PCollectionTuple> countingDuplicates() {
    return new CountingDuplicates();
  }

  /**
   * {@link #countingDuplicates} for rows of {@code schema} that arrive as their {@link EncodedRows}
   * bytes (the parse step's output): each is decoded once, for its key and ordering value, and
   * crosses the shuffle as the bytes it came with.
   */
  public PTransform<PCollection<byte[]>, PCollectionTuple> countingDuplicatesOfEncoded(
      Schema schema) {
    return new PTransform<>() {
      @Override
      public PCollectionTuple expand(PCollection<byte[]> encoded) {
        return latest(encoded, schema, keying -> new KeyEncoded(keying, schema));
      }
    };
  }

  private final class CountingDuplicates extends PTransform<PCollection<Row>, PCollectionTuple> {
    @Override
    public PCollectionTuple expand(PCollection<Row> rows) {
      return latest(rows, rows.getSchema(), KeyRows::new);
    }
  }

  /** Makes the keying step of one input's type. */
  private interface KeyingStep<T> {
    KeyAndPreCombine<T> of(Keying keying);
  }

  /**
   * What the keying step keys, orders and holds by: the rule's key and ordering field, the ordering
   * row's schema, whether it pre-combines (global window only) and how many keys it holds.
   */
  private record Keying(
      SerializableFunction<Row, String> key,
      String orderingField,
      Schema orderSchema,
      boolean preCombine,
      int maxHeld)
      implements Serializable {}

  private <T> PCollectionTuple latest(PCollection<T> input, Schema schema, KeyingStep<T> keying) {
    if (!schema.hasField(orderingField)) {
      throw new IllegalArgumentException(
          "Deduplicate: ordering field '"
              + orderingField
              + "' is not in the rows' schema "
              + schema.getFieldNames());
    }
    // Each row crosses the shuffle as its ordering value plus its RowCoder bytes: the runner then
    // copies bytes instead of encoding and decoding whole rows at every sort and exchange
    // (profiled as about a quarter of the GA4 pipeline's CPU), and the tie-break compares those
    // same bytes instead of encoding both rows again. The ordering value travels with the number
    // of versions it stands for, so the rows dropped are counted where they are dropped.
    //
    // A GroupByKey after a pre-combine in the keying DoFn rather than Combine.perKey: on the
    // Flink runner Combine.perKey adds a sort-based combine of every element before the shuffle
    // (a second full sort and serialization next to the grouping's own), while a GroupByKey in
    // the global window is one sort; the pre-combine keeps what combiner lifting gave Dataflow
    // (fewer elements shuffled where keys repeat within a bundle).
    //
    // The kept rows leave the grouping as bytes too, decoded in a step of their own: the
    // grouping's step has two outputs (rows, counts), and on Flink each consumer of such a step
    // decodes the whole of both; as bytes that is a copy, and only the rows' consumer decodes.
    Schema orderSchema = orderSchema(schema);
    WindowingStrategy<?, ?> windowing = input.getWindowingStrategy();
    boolean preCombine =
        windowing.getWindowFn() instanceof GlobalWindows
            && windowing.getTimestampCombiner() == TimestampCombiner.END_OF_WINDOW;
    PCollectionTuple latest =
        input
            .apply(
                "Key, encode and pre-combine",
                ParDo.of(
                    keying.of(new Keying(key, orderingField, orderSchema, preCombine, maxHeld))))
            .setCoder(shuffleCoder(orderSchema))
            .apply("Group by key", GroupByKey.create())
            .apply(
                "Latest",
                ParDo.of(new Latest()).withOutputTags(LATEST, TupleTagList.of(DUPLICATES)));
    latest.get(LATEST).setCoder(ByteArrayCoder.of());
    latest.get(DUPLICATES).setCoder(VarLongCoder.of());
    return PCollectionTuple.of(ROWS, latest.get(LATEST).apply(EncodedRows.decode(schema)))
        .and(DUPLICATES, latest.get(DUPLICATES));
  }

  /** The one-field row of {@code schema}'s ordering value, with the versions it stands for. */
  private Schema orderSchema(Schema schema) {
    return Schema.builder()
        .addField(schema.getField(orderingField))
        .addInt64Field(VERSIONS)
        .build();
  }

  /** What crosses the shuffle: key -> (ordering row, the row's RowCoder bytes). */
  private static KvCoder<String, KV<Row, byte[]>> shuffleCoder(Schema orderSchema) {
    return KvCoder.of(
        StringUtf8Coder.of(), KvCoder.of(RowCoder.of(orderSchema), ByteArrayCoder.of()));
  }

  /**
   * The bytes each row of {@code schema} crosses the shuffle as: its key, ordering value and
   * RowCoder bytes, encoded by the shuffle's own coder (the runner's window and timestamp not
   * counted). For the Dataflow cost estimate, which bills shuffled bytes (docs/dataflow-cost.md).
   */
  public ToIntFunction<Row> shuffledBytes(Schema schema) {
    Schema orderSchema = orderSchema(schema);
    KvCoder<String, KV<Row, byte[]>> coder = shuffleCoder(orderSchema);
    EncodedRows.Encoder rows = new EncodedRows.Encoder(schema);
    return row -> {
      try {
        Row order = Row.withSchema(orderSchema).attachValues(row.getValue(orderingField), 1L);
        KV<Row, byte[]> version = KV.of(order, rows.encode(row));
        return CoderUtils.encodeToByteArray(coder, KV.of(key.apply(row), version)).length;
      } catch (CoderException e) {
        throw new UncheckedIOException("encoding a row of " + row.getSchema(), e);
      }
    };
  }

  /** The kept rows, as their bytes, before they are decoded. */
  private static final TupleTag<byte[]> LATEST = new TupleTag<>() {};

  /** The field of the shuffled ordering row that counts the versions it stands for. */
  private static final String VERSIONS = "versions";

  /**
   * The rule itself, also for code outside a pipeline that must keep the same row (the plain-Java
   * GA4 baseline): the later of two rows by {@code orderingField} (null sorts first); equal
   * ordering values fall back to the rows' {@link RowCoder} bytes compared unsigned, the larger
   * winning, so the choice does not depend on arrival order.
   */
  public static Row later(Row left, Row right, String orderingField) {
    int byOrder = compareOrdering(left.getValue(orderingField), right.getValue(orderingField));
    if (byOrder != 0) {
      return byOrder > 0 ? left : right;
    }
    RowCoder coder = RowCoder.of(left.getSchema());
    return Arrays.compareUnsigned(encode(coder, left), encode(coder, right)) >= 0 ? left : right;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareOrdering(Object a, Object b) {
    return a == null ? (b == null ? 0 : -1) : (b == null ? 1 : ((Comparable) a).compareTo(b));
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

  /**
   * row -> (key, (ordering value as a one-field row, the row's RowCoder bytes)), the later of the
   * versions of a key seen in the bundle kept ({@link #latestEncoded}), up to {@code maxHeld} keys
   * at a time. Only in the global window with the default timestamp combiner, where a grouping's
   * output window and timestamp do not depend on which versions it was given; elsewhere every row
   * passes straight through. The input is a row ({@link #row}) or its bytes ({@link #bytes}).
   */
  private abstract static class KeyAndPreCombine<T> extends DoFn<T, KV<String, KV<Row, byte[]>>> {
    private final Keying keying;
    private transient Map<String, KV<Row, byte[]>> held;

    KeyAndPreCombine(Keying keying) {
      this.keying = keying;
    }

    /** The row an input element is or encodes. */
    abstract Row row(T element);

    /** The RowCoder bytes of {@code row}, which {@code element} is or encodes. */
    abstract byte[] bytes(T element, Row row);

    @StartBundle
    public void startBundle() {
      held = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<KV<String, KV<Row, byte[]>>> out) {
      Row row = row(element);
      // attachValues: the value comes from a row that was validated when it was built.
      Object value = row.getValue(keying.orderingField());
      Row ordering = Row.withSchema(keying.orderSchema()).attachValues(value, 1L);
      String k = keying.key().apply(row);
      KV<Row, byte[]> version = KV.of(ordering, bytes(element, row));
      if (!keying.preCombine()) {
        out.output(KV.of(k, version));
        return;
      }
      held.merge(k, version, Deduplicate::mergeVersions);
      if (held.size() >= keying.maxHeld()) {
        // Global window, so the current element's window and timestamp serve for every key held.
        held.forEach((heldKey, latest) -> out.output(KV.of(heldKey, latest)));
        held.clear();
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      for (Map.Entry<String, KV<Row, byte[]>> e : held.entrySet()) {
        context.output(
            KV.of(e.getKey(), e.getValue()),
            GlobalWindow.INSTANCE.maxTimestamp(),
            GlobalWindow.INSTANCE);
      }
      held.clear();
    }
  }

  /** Keys rows, encoding each. */
  private static final class KeyRows extends KeyAndPreCombine<Row> {
    private transient EncodedRows.Encoder encoder;

    KeyRows(Keying keying) {
      super(keying);
    }

    @Override
    Row row(Row element) {
      return element;
    }

    @Override
    byte[] bytes(Row element, Row row) {
      if (encoder == null) {
        encoder = new EncodedRows.Encoder(row.getSchema());
      }
      return encoder.encode(row);
    }
  }

  /** Keys rows that arrive encoded, decoding each for its key and ordering value. */
  private static final class KeyEncoded extends KeyAndPreCombine<byte[]> {
    private final Schema schema;
    private transient EncodedRows.Decoder decoder;

    KeyEncoded(Keying keying, Schema schema) {
      super(keying);
      this.schema = schema;
    }

    @Override
    Row row(byte[] element) {
      if (decoder == null) {
        decoder = new EncodedRows.Decoder(schema);
      }
      return decoder.decode(element);
    }

    @Override
    byte[] bytes(byte[] element, Row row) {
      return element;
    }
  }

  /**
   * The later of two versions ({@link #latestEncoded}), standing for the versions both stood for.
   */
  static KV<Row, byte[]> mergeVersions(KV<Row, byte[]> left, KV<Row, byte[]> right) {
    KV<Row, byte[]> later = latestEncoded(left, right);
    long versions = left.getKey().getInt64(1) + right.getKey().getInt64(1);
    return KV.of(
        Row.withSchema(later.getKey().getSchema())
            .attachValues(later.getKey().getValue(0), versions),
        later.getValue());
  }

  /** {@link #later} on the encoded form: the same comparisons, on the bytes already at hand. */
  static KV<Row, byte[]> latestEncoded(KV<Row, byte[]> left, KV<Row, byte[]> right) {
    int byOrder = compareOrdering(left.getKey().getValue(0), right.getKey().getValue(0));
    if (byOrder != 0) {
      return byOrder > 0 ? left : right;
    }
    return Arrays.compareUnsigned(left.getValue(), right.getValue()) >= 0 ? left : right;
  }

  /**
   * The latest version of each key's group, as its bytes: the one row kept for the key; counts the
   * other versions (the pre-combine's included) under {@link #DUPLICATES}, once per bundle.
   */
  private static final class Latest extends DoFn<KV<String, Iterable<KV<Row, byte[]>>>, byte[]> {
    private transient long dropped;

    @StartBundle
    public void startBundle() {
      dropped = 0;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<KV<Row, byte[]>>> versions, MultiOutputReceiver out) {
      KV<Row, byte[]> latest = null;
      long count = 0;
      for (KV<Row, byte[]> version : versions.getValue()) {
        latest = latest == null ? version : latestEncoded(latest, version);
        count += version.getKey().getInt64(1);
      }
      dropped += count - 1;
      out.get(LATEST).output(latest.getValue());
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      // A grouping's output is in the global window here: the window and timestamp of the rows.
      context.output(
          DUPLICATES, dropped, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
    }
  }
}
