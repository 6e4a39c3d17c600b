package io.intelligencesuite.marts;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.identity.IdentifierTypes;
import io.intelligencesuite.transforms.identity.IdentityAssignment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * sessions_web: the events of each GA4 session (events_web.session_id) folded into one row, with
 * its landing page, traffic source, channel ({@link Channels}, the one home of that rule),
 * engagement and conversion.
 *
 * <p>The session's traffic is that of its first event carrying any (events_web's utm columns are
 * already collected_traffic_source, else the event's own source params, which is where
 * session_start carries them in older exports); a gclid alone means a Google Ads auto-tagged click,
 * google / cpc, as GA4 reads it. "First" is the smallest event_ts, ties to the smaller event id, so
 * reruns agree. Events with no session id (GA4 logs some outside any session) belong to no session
 * and stop here; they are valid events, not bad rows.
 */
final class SessionsWeb extends PTransform<PCollection<Row>, PCollection<Row>> {
  /** The GA4 events that count as a conversion of the session (the demo's and GA4's key events). */
  static final Set<String> CONVERSION_EVENTS = Set.of("generate_lead", "sign_up", "purchase");

  /** The landing URL's auto-tagging parameter, for events whose export did not collect it. */
  private static final Pattern GCLID_IN_URL = Pattern.compile("[?&]gclid=([^&#]+)");

  private final LocalDate asOf;
  private final PCollectionView<Map<String, IdentityAssignment>> lookup;

  private SessionsWeb(LocalDate asOf, PCollectionView<Map<String, IdentityAssignment>> lookup) {
    this.asOf = asOf;
    this.lookup = lookup;
  }

  /** The sessions of the events up to the as-of day, each with its device's resolved person. */
  static SessionsWeb of(LocalDate asOf, PCollectionView<Map<String, IdentityAssignment>> lookup) {
    return new SessionsWeb(asOf, lookup);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> eventsWeb) {
    return eventsWeb
        .apply("Event as a session part", ParDo.of(new PartFn(asOf)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SessionCoder.INSTANCE))
        .apply("Fold each session", Combine.<String, Session>perKey(Session::merge))
        .apply("Session rows", ParDo.of(new RowFn(lookup)).withSideInputs(lookup))
        .setRowSchema(Tables.SESSIONS_WEB.schema());
  }

  /** The first event carrying some field: when, and its event id for ties. */
  record First<T extends Serializable>(long atMillis, String eventId, T value)
      implements Serializable {
    /** The earlier of two (null when neither has the field). */
    static <T extends Serializable> @Nullable First<T> earlier(
        @Nullable First<T> a, @Nullable First<T> b) {
      if (a == null || b == null) {
        return a == null ? b : a;
      }
      int c = Long.compare(a.atMillis, b.atMillis);
      return c < 0 || (c == 0 && a.eventId.compareTo(b.eventId) <= 0) ? a : b;
    }
  }

  /** Where the session started: the day and the referrer of its first event. */
  record Start(long epochDay, @Nullable String referrer) implements Serializable {}

  /** The traffic fields of one event. */
  record Traffic(
      @Nullable String source,
      @Nullable String medium,
      @Nullable String campaign,
      @Nullable String gclid)
      implements Serializable {}

  /** A session, or the part of it seen so far. */
  record Session(
      String pseudoId,
      @Nullable String userId,
      First<Start> start,
      @Nullable First<String> landing,
      @Nullable First<Traffic> traffic,
      boolean engaged,
      long events,
      boolean converted)
      implements Serializable {
    Session merge(Session o) {
      return new Session(
          pseudoId,
          userId == null || (o.userId != null && o.userId.compareTo(userId) < 0)
              ? o.userId
              : userId,
          First.earlier(start, o.start),
          First.earlier(landing, o.landing),
          First.earlier(traffic, o.traffic),
          engaged || o.engaged,
          events + o.events,
          converted || o.converted);
    }
  }

  /**
   * Field by field, for the one element per web event that the fold shuffles (2M at demo scale 10):
   * Java serialization (SerializableCoder) wrote every record's class description with each of them
   * and was about a third of the marts job's CPU time at scale 1.
   */
  static final class SessionCoder extends CustomCoder<Session> {
    static final SessionCoder INSTANCE = new SessionCoder();
    private static final Coder<String> STRING = StringUtf8Coder.of();
    private static final Coder<String> NULLABLE = NullableCoder.of(STRING);
    private static final Coder<Long> LONG = VarLongCoder.of();

    @Override
    public void encode(Session s, OutputStream out) throws IOException {
      NULLABLE.encode(s.pseudoId(), out);
      NULLABLE.encode(s.userId(), out);
      first(s.start(), out);
      LONG.encode(s.start().value().epochDay(), out);
      NULLABLE.encode(s.start().value().referrer(), out);
      int present =
          (s.landing() != null ? 1 : 0)
              | (s.traffic() != null ? 2 : 0)
              | (s.engaged() ? 4 : 0)
              | (s.converted() ? 8 : 0);
      out.write(present);
      if (s.landing() != null) {
        first(s.landing(), out);
        STRING.encode(s.landing().value(), out);
      }
      if (s.traffic() != null) {
        first(s.traffic(), out);
        Traffic t = s.traffic().value();
        NULLABLE.encode(t.source(), out);
        NULLABLE.encode(t.medium(), out);
        NULLABLE.encode(t.campaign(), out);
        NULLABLE.encode(t.gclid(), out);
      }
      LONG.encode(s.events(), out);
    }

    @Override
    public Session decode(InputStream in) throws IOException {
      String pseudoId = NULLABLE.decode(in);
      String userId = NULLABLE.decode(in);
      long startAt = LONG.decode(in);
      String startId = STRING.decode(in);
      First<Start> start =
          new First<>(startAt, startId, new Start(LONG.decode(in), NULLABLE.decode(in)));
      int present = in.read();
      if (present < 0) {
        throw new CoderException("sessions_web: a session part ends before its flags");
      }
      First<String> landing = null;
      if ((present & 1) != 0) {
        long at = LONG.decode(in);
        String id = STRING.decode(in);
        landing = new First<>(at, id, STRING.decode(in));
      }
      First<Traffic> traffic = null;
      if ((present & 2) != 0) {
        long at = LONG.decode(in);
        String id = STRING.decode(in);
        traffic =
            new First<>(
                at,
                id,
                new Traffic(
                    NULLABLE.decode(in),
                    NULLABLE.decode(in),
                    NULLABLE.decode(in),
                    NULLABLE.decode(in)));
      }
      return new Session(
          pseudoId,
          userId,
          start,
          landing,
          traffic,
          (present & 4) != 0,
          LONG.decode(in),
          (present & 8) != 0);
    }

    private static void first(First<?> f, OutputStream out) throws IOException {
      LONG.encode(f.atMillis(), out);
      STRING.encode(f.eventId(), out);
    }
  }

  /** One event as a one-event session, keyed by its session id. */
  private static final class PartFn extends DoFn<Row, KV<String, Session>> {
    private final LocalDate asOf;

    PartFn(LocalDate asOf) {
      this.asOf = asOf;
    }

    @ProcessElement
    public void process(@Element Row r, OutputReceiver<KV<String, Session>> out) {
      String sessionId = r.getString("session_id");
      LocalDate day = r.<LocalDate>getValue("event_date");
      if (sessionId == null || day.isAfter(asOf)) {
        return;
      }
      long at = r.getDateTime("event_ts").getMillis();
      String id = r.getString("event_id");
      String page = r.getString("page_location");
      String gclid = r.getString("gclid");
      if (gclid == null) {
        gclid = firstGroup(GCLID_IN_URL, page);
      }
      Traffic traffic =
          new Traffic(
              r.getString("utm_source"),
              r.getString("utm_medium"),
              r.getString("utm_campaign"),
              gclid);
      boolean hasTraffic =
          traffic.source() != null
              || traffic.medium() != null
              || traffic.campaign() != null
              || gclid != null;
      out.output(
          KV.of(
              sessionId,
              new Session(
                  r.getString("user_pseudo_id"),
                  r.getString("user_id"),
                  new First<>(at, id, new Start(day.toEpochDay(), r.getString("page_referrer"))),
                  page == null ? null : new First<>(at, id, page),
                  hasTraffic ? new First<>(at, id, traffic) : null,
                  Boolean.TRUE.equals(r.getBoolean("session_engaged")),
                  1,
                  CONVERSION_EVENTS.contains(r.getString("event_name")))));
    }
  }

  private static @Nullable String firstGroup(Pattern p, @Nullable String text) {
    if (text == null) {
      return null;
    }
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  /** The session's row, with the person identity resolution puts its device in. */
  private static final class RowFn extends IdentityLookupFn<KV<String, Session>, Row> {
    RowFn(PCollectionView<Map<String, IdentityAssignment>> lookup) {
      super(lookup);
    }

    @ProcessElement
    public void process(
        @Element KV<String, Session> kv,
        OutputReceiver<Row> out,
        ProcessContext c,
        BoundedWindow w) {
      Session s = kv.getValue();
      Traffic t = s.traffic() == null ? new Traffic(null, null, null, null) : s.traffic().value();
      boolean autoTagged = t.source() == null && t.medium() == null && t.gclid() != null;
      String source = autoTagged ? "google" : t.source();
      String medium = autoTagged ? "cpc" : t.medium();
      out.output(
          RowBuilder.of(Tables.SESSIONS_WEB)
              .set("session_id", kv.getKey())
              .set("user_pseudo_id", s.pseudoId())
              .set("user_id", s.userId())
              .set(
                  "person_id",
                  IdentityMapping.personOf(
                      identities(c, w), IdentifierTypes.GA_PSEUDO_ID, s.pseudoId()))
              .set("session_start", new Instant(s.start().atMillis()))
              .set("session_date", LocalDate.ofEpochDay(s.start().value().epochDay()))
              .set("landing_page", s.landing() == null ? null : s.landing().value())
              .set("source", source)
              .set("medium", medium)
              .set("campaign", t.campaign())
              .set("gclid", t.gclid())
              .set("channel", Channels.of(source, medium, s.start().value().referrer()))
              .set("engaged", s.engaged())
              .set("events", s.events())
              .set("converted", s.converted())
              .build());
    }
  }
}
