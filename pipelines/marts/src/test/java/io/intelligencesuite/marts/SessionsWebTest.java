package io.intelligencesuite.marts;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.beam.sdk.schemas.transforms.Select;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * sessions_web through the marts' transform, on hand-built GA4 events of one visitor (v1, known to
 * identity as person p1): a Google Ads click (gclid only, no UTMs) and a later newsletter visit
 * that is engaged and converts. Expected rows worked out by hand below.
 */
public class SessionsWebTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-03-31");

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static Instant at(String localDateTime) {
    return new Instant(LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.UTC).toEpochMilli());
  }

  /**
   * An event of visitor v1 with what every event has; each event below sets the rest (page,
   * referrer, traffic source, gclid, engagement, user) by column, unset columns being null.
   */
  private static RowBuilder event(String id, String name, String ts, @Nullable String session) {
    return RowBuilder.of(Tables.EVENTS_WEB)
        .set("event_id", id)
        .set("event_ts", at(ts))
        .set("event_date", LocalDate.parse(ts.substring(0, 10)))
        .set("event_name", name)
        .set("user_pseudo_id", "v1")
        .set("session_id", session)
        .set("params", "{}");
  }

  @Test
  public void eachSessionFoldsItsEventsIntoOneRow() {
    String ad = "https://school.test/pricing?gclid=abc123&x=1";
    String google = "https://www.google.com/";
    String home = "https://school.test/";
    PCollection<Row> events =
        p.apply(
                Create.of(
                    // Session v1.100: an auto-tagged Google Ads click (the session_start's gclid
                    // only in its URL, the page_view's collected); not engaged, no conversion.
                    event("a1", "session_start", "2026-03-02T09:00:00", "v1.100")
                        .set("page_location", ad)
                        .set("page_referrer", google)
                        .set("session_engaged", false)
                        .build(),
                    event("a2", "page_view", "2026-03-02T09:00:00", "v1.100")
                        .set("page_location", ad)
                        .set("page_referrer", google)
                        .set("gclid", "abc123")
                        .set("session_engaged", false)
                        .build(),
                    // Session v1.200: session_start lands on the home page with no traffic fields;
                    // the page_view carries the newsletter's collected_traffic_source; the lead
                    // form converts, after login; engaged.
                    event("b1", "session_start", "2026-03-05T14:00:00", "v1.200")
                        .set("page_location", home)
                        .build(),
                    event("b2", "page_view", "2026-03-05T14:00:01", "v1.200")
                        .set("page_location", home)
                        .set("utm_source", "newsletter")
                        .set("utm_medium", "email")
                        .set("utm_campaign", "march")
                        .set("session_engaged", true)
                        .build(),
                    event("b3", "generate_lead", "2026-03-05T14:05:00", "v1.200")
                        .set("user_id", "u1")
                        .set("session_engaged", true)
                        .build(),
                    // No session id: in no session.
                    event("c1", "page_view", "2026-03-06T10:00:00", null)
                        .set("page_location", home)
                        .build(),
                    // After as-of: the session does not exist yet.
                    event("d1", "session_start", "2026-04-01T10:00:00", "v1.300")
                        .set("page_location", home)
                        .build()))
            .setRowSchema(Tables.EVENTS_WEB.schema());
    PCollection<Row> identityMap =
        p.apply(
                "identity_map",
                Create.of(
                    RowBuilder.of(Tables.IDENTITY_MAP)
                        .set("identifier_type", "ga_pseudo_id")
                        .set("identifier_value", "v1")
                        .set("person_id", "p1")
                        .set("company_id", "c1")
                        .build()))
            .setRowSchema(Tables.IDENTITY_MAP.schema());
    // Only the columns the marts read of events_web (Staging), as in production.
    PCollection<Row> read =
        events.apply(Select.fieldNames(Staging.COLUMNS_USED.get(Tables.EVENTS_WEB.name())));

    PAssert.that(read.apply(SessionsWeb.of(AS_OF, IdentityMapping.of(identityMap).lookup)))
        .containsInAnyOrder(
            // v1.100: start a1 (09:00, ties a2 and wins on the smaller id); gclid from a1's landing
            // URL, no UTMs, so google / cpc -> paid_search; 2 events; session_engaged "0".
            session("v1.100", null, "2026-03-02T09:00:00", ad)
                .set("source", "google")
                .set("medium", "cpc")
                .set("campaign", null)
                .set("gclid", "abc123")
                .set("channel", "paid_search")
                .set("engaged", false)
                .set("events", 2L)
                .set("converted", false)
                .build(),
            // v1.200: start b1 (14:00, home page); traffic from b2, the first event carrying any:
            // newsletter / email / march -> email; engaged (b2's flag); 3 events; generate_lead
            // converts; user u1 from b3.
            session("v1.200", "u1", "2026-03-05T14:00:00", "https://school.test/")
                .set("source", "newsletter")
                .set("medium", "email")
                .set("campaign", "march")
                .set("gclid", null)
                .set("channel", "email")
                .set("engaged", true)
                .set("events", 3L)
                .set("converted", true)
                .build());
    p.run().waitUntilFinish();
  }

  private static RowBuilder session(
      String id, @Nullable String userId, String start, String landing) {
    return RowBuilder.of(Tables.SESSIONS_WEB)
        .set("session_id", id)
        .set("user_pseudo_id", "v1")
        .set("user_id", userId)
        .set("person_id", "p1")
        .set("session_start", at(start))
        .set("session_date", LocalDate.parse(start.substring(0, 10)))
        .set("landing_page", landing);
  }

  /**
   * The fold's hand-written coder gives back the same session, with every optional part present and
   * with none (a referrer-less start, no landing page, no traffic, not engaged).
   */
  @Test
  public void sessionCoderRoundTrips() throws Exception {
    SessionsWeb.Session full =
        new SessionsWeb.Session(
            "v1",
            "u1",
            new SessionsWeb.First<>(5L, "e1", new SessionsWeb.Start(20_000L, "https://t.co/")),
            new SessionsWeb.First<>(5L, "e1", "https://x.example/?gclid=abc"),
            new SessionsWeb.First<>(
                7L, "e2", new SessionsWeb.Traffic("newsletter", "email", "oct", null)),
            true,
            3L,
            true);
    SessionsWeb.Session sparse =
        new SessionsWeb.Session(
            null,
            null,
            new SessionsWeb.First<>(-1L, "e9", new SessionsWeb.Start(0L, null)),
            null,
            null,
            false,
            1L,
            false);
    CoderProperties.coderDecodeEncodeEqual(SessionsWeb.SessionCoder.INSTANCE, full);
    CoderProperties.coderDecodeEncodeEqual(SessionsWeb.SessionCoder.INSTANCE, sparse);
  }
}
