package io.intelligencesuite.marts;

import io.intelligencesuite.transforms.identity.IdentifierTypes;
import io.intelligencesuite.transforms.identity.IdentityAssignment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Each company's first web touch: the earliest GA4 event of any visitor identity resolution puts in
 * the company, with its channel ({@link Channels}) and campaign. Ties on the timestamp go to the
 * smaller event id, so reruns agree.
 *
 * <p>Shape: the company lookup per event drops the events of unknown visitors (80% at demo scale
 * 10) before anything is shuffled; the rest shuffle as compact {@link Visit} values (their channel
 * is derived only for each company's winner), never Java-serialized.
 */
final class FirstTouch {
  /** The first touch of one company. */
  record Touch(long atMillis, String eventId, String channel, @Nullable String campaign)
      implements Serializable {}

  /** One web event's touch fields, before the channel is derived (only the winner's is). */
  record Visit(
      long atMillis,
      String eventId,
      @Nullable String source,
      @Nullable String medium,
      @Nullable String referrer,
      @Nullable String campaign)
      implements Serializable {
    /** Timestamp first, then the smaller event id, so reruns agree. */
    Visit earlier(Visit other) {
      int c = Long.compare(atMillis, other.atMillis);
      return c < 0 || (c == 0 && eventId.compareTo(other.eventId) <= 0) ? this : other;
    }

    /** The visit fields of an events_web row. */
    static Visit of(Row r) {
      return new Visit(
          r.getDateTime("event_ts").getMillis(),
          r.getString("event_id"),
          r.getString("utm_source"),
          r.getString("utm_medium"),
          r.getString("page_referrer"),
          r.getString("utm_campaign"));
    }

    Touch touch() {
      return new Touch(atMillis, eventId, Channels.of(source, medium, referrer), campaign);
    }
  }

  private FirstTouch() {}

  static PCollectionView<Map<String, Touch>> byCompany(
      PCollection<Row> eventsWeb, PCollectionView<Map<String, IdentityAssignment>> lookup) {
    return eventsWeb
        .apply(
            "Company of each visit", ParDo.of(new CompanyOfVisitFn(lookup)).withSideInputs(lookup))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VisitCoder.INSTANCE))
        .apply("Earliest visit", Combine.<String, Visit>perKey(Visit::earlier))
        .apply(
            "Its channel",
            MapElements.into(
                    TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(Touch.class)))
                .via((KV<String, Visit> v) -> KV.of(v.getKey(), v.getValue().touch())))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), TouchCoder.INSTANCE))
        .apply("First touch by company", View.asMap());
  }

  /**
   * Keys each web event of a known visitor by its company; events of unknown visitors (most) stop
   * here.
   */
  private static final class CompanyOfVisitFn extends IdentityLookupFn<Row, KV<String, Visit>> {
    CompanyOfVisitFn(PCollectionView<Map<String, IdentityAssignment>> lookup) {
      super(lookup);
    }

    @ProcessElement
    public void process(
        @Element Row r, OutputReceiver<KV<String, Visit>> out, ProcessContext c, BoundedWindow w) {
      String company =
          IdentityMapping.companyOf(
              identities(c, w), IdentifierTypes.GA_PSEUDO_ID, r.getString("user_pseudo_id"));
      if (company != null) {
        out.output(KV.of(company, Visit.of(r)));
      }
    }
  }

  private static final StringUtf8Coder TEXT = StringUtf8Coder.of();
  private static final NullableCoder<String> OPTIONAL_TEXT = NullableCoder.of(TEXT);

  /** Field by field; Java serialization of these records cost a sixth of the marts' CPU. */
  static final class VisitCoder extends AtomicCoder<Visit> {
    static final VisitCoder INSTANCE = new VisitCoder();

    @Override
    public void encode(Visit v, OutputStream out) throws IOException {
      VarLongCoder.of().encode(v.atMillis(), out);
      TEXT.encode(v.eventId(), out);
      OPTIONAL_TEXT.encode(v.source(), out);
      OPTIONAL_TEXT.encode(v.medium(), out);
      OPTIONAL_TEXT.encode(v.referrer(), out);
      OPTIONAL_TEXT.encode(v.campaign(), out);
    }

    @Override
    public Visit decode(InputStream in) throws IOException {
      return new Visit(
          VarLongCoder.of().decode(in),
          TEXT.decode(in),
          OPTIONAL_TEXT.decode(in),
          OPTIONAL_TEXT.decode(in),
          OPTIONAL_TEXT.decode(in),
          OPTIONAL_TEXT.decode(in));
    }
  }

  static final class TouchCoder extends AtomicCoder<Touch> {
    static final TouchCoder INSTANCE = new TouchCoder();

    @Override
    public void encode(Touch t, OutputStream out) throws IOException {
      VarLongCoder.of().encode(t.atMillis(), out);
      TEXT.encode(t.eventId(), out);
      TEXT.encode(t.channel(), out);
      OPTIONAL_TEXT.encode(t.campaign(), out);
    }

    @Override
    public Touch decode(InputStream in) throws IOException {
      return new Touch(
          VarLongCoder.of().decode(in), TEXT.decode(in), TEXT.decode(in), OPTIONAL_TEXT.decode(in));
    }
  }
}
