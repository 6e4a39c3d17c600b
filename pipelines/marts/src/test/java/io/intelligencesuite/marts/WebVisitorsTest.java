package io.intelligencesuite.marts;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.beam.sdk.schemas.transforms.Select;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * fact_web_visitors through the marts' transform: the channel rule the dashboard's funnel shows.
 */
public class WebVisitorsTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-03-31");

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static Row session(
      String id, String visitor, String day, int hour, String medium, String referrer) {
    LocalDate date = LocalDate.parse(day);
    return RowBuilder.of(Tables.EVENTS_WEB)
        .set("event_id", id)
        .set("event_ts", new Instant(date.atTime(hour, 0).toInstant(ZoneOffset.UTC).toEpochMilli()))
        .set("event_date", date)
        .set("event_name", WebVisitors.SESSION_START)
        .set("user_pseudo_id", visitor)
        .set("utm_medium", medium)
        .set("page_referrer", referrer)
        .set("params", "{}")
        .build();
  }

  private static Row visitors(String month, String channel, long n) {
    return RowBuilder.of(Tables.FACT_WEB_VISITORS)
        .set("month", LocalDate.parse(month))
        .set("channel", channel)
        .set("visitors", n)
        .build();
  }

  @Test
  public void eachVisitorCountsOnceAMonthUnderItsFirstSessionsChannel() {
    Row pageView =
        RowBuilder.of(Tables.EVENTS_WEB)
            .set("event_id", "pv")
            .set("event_ts", new Instant(0))
            .set("event_date", LocalDate.parse("2026-03-01"))
            .set("event_name", "page_view")
            .set("user_pseudo_id", "v9")
            .set("params", "{}")
            .build();
    PCollection<Row> events =
        p.apply(
                Create.of(
                    // v1: Google search first, then an ad: organic_search in March; the ad alone in
                    // April is after as-of.
                    session("e1", "v1", "2026-03-01", 8, null, "https://www.google.com/"),
                    session("e2", "v1", "2026-03-03", 8, "cpc", "https://www.google.com/"),
                    session("e3", "v1", "2026-04-01", 8, "cpc", null),
                    // v2: an untagged Facebook visit is social (GA4's default channel grouping),
                    // not referral.
                    session("e4", "v2", "2026-03-02", 9, null, "https://www.facebook.com/"),
                    // v3: a blog link is a referral; in February it came straight in.
                    session("e5", "v3", "2026-03-02", 9, null, "https://schoolleaders.org/post"),
                    session("e6", "v3", "2026-02-10", 9, null, null),
                    pageView))
            .setRowSchema(Tables.EVENTS_WEB.schema());
    // Only the columns the marts read of events_web (Staging), as in production.
    PCollection<Row> read =
        events.apply(Select.fieldNames(Staging.COLUMNS_USED.get(Tables.EVENTS_WEB.name())));
    PAssert.that(WebVisitors.monthly(read, AS_OF))
        .containsInAnyOrder(
            visitors("2026-03-01", "organic_search", 1), visitors("2026-03-01", "social", 1),
            visitors("2026-03-01", "referral", 1), visitors("2026-02-01", "direct", 1));
    p.run().waitUntilFinish();
  }
}
