package io.intelligencesuite.marts;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.identity.IdentityAssignment;
import java.time.LocalDate;
import java.util.Map;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

public class FirstTouchTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static Row event(
      String id,
      String visitor,
      long millis,
      String source,
      String medium,
      String referrer,
      String campaign) {
    return RowBuilder.of(Tables.EVENTS_WEB)
        .set("event_id", id)
        .set("event_ts", new Instant(millis))
        .set("event_date", LocalDate.of(2026, 1, 1))
        .set("event_name", "page_view")
        .set("user_pseudo_id", visitor)
        .set("utm_source", source)
        .set("utm_medium", medium)
        .set("page_referrer", referrer)
        .set("utm_campaign", campaign)
        .set("params", "{}")
        .build();
  }

  @Test
  public void earliestEventOfAnyVisitorOfTheCompanyWithItsChannelTiesToTheSmallerEventId() {
    PCollection<Row> events =
        p.apply(
                "Events",
                Create.of(
                    // school A: visitor v1's first event is at 2000; v2's at 1000 (two events at
                    // 1000: e2 < e3 wins)
                    event("e1", "v1", 2000, null, null, "https://www.google.com/search?q=x", null),
                    event("e9", "v1", 5000, "newsletter", "email", null, "spring"),
                    event("e3", "v2", 1000, "linkedin", "paid_social", null, "launch"),
                    event("e2", "v2", 1000, null, null, null, null),
                    // school B: one visitor, one event
                    event("e5", " v3", 3000, "newsletter", "email", null, "autumn"),
                    // a visitor identity resolution does not know: no company, no touch
                    event("e0", "v4", 10, null, null, null, null)))
            .setRowSchema(Tables.EVENTS_WEB.schema());
    PCollectionView<Map<String, IdentityAssignment>> lookup =
        p.apply(
                "Lookup",
                Create.of(
                    KV.of(
                        "ga_pseudo_id:v1",
                        IdentityAssignment.of("ga_pseudo_id", "v1", "per_1", "com_a")),
                    KV.of(
                        "ga_pseudo_id:v2",
                        IdentityAssignment.of("ga_pseudo_id", "v2", "per_2", "com_a")),
                    // stored normalised (trimmed): the raw value " v3" must still find it
                    KV.of(
                        "ga_pseudo_id:v3",
                        IdentityAssignment.of("ga_pseudo_id", "v3", "per_3", "com_b"))))
            .apply(View.asMap());

    PCollectionView<Map<String, FirstTouch.Touch>> firstTouch =
        FirstTouch.byCompany(events, lookup);
    PCollection<String> touches =
        p.apply("Companies", Create.of("com_a", "com_b", "com_c"))
            .apply("Read touches", ParDo.of(new ReadTouch(firstTouch)).withSideInputs(firstTouch));

    PAssert.that(touches)
        .containsInAnyOrder(
            "com_a Touch[atMillis=1000, eventId=e2, channel=direct, campaign=null]",
            "com_b Touch[atMillis=3000, eventId=e5, channel=email, campaign=autumn]",
            "com_c null");
    p.run();
  }

  /**
   * Prints each company's touch from the view (a static class: a DoFn must not capture the test).
   */
  private static final class ReadTouch extends DoFn<String, String> {
    private final PCollectionView<Map<String, FirstTouch.Touch>> view;

    ReadTouch(PCollectionView<Map<String, FirstTouch.Touch>> view) {
      this.view = view;
    }

    @ProcessElement
    public void process(@Element String company, OutputReceiver<String> out, ProcessContext c) {
      out.output(company + " " + c.sideInput(view).get(company));
    }
  }

  @Test
  public void compactCodersRoundTripIncludingNulls() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(
        FirstTouch.VisitCoder.INSTANCE, new FirstTouch.Visit(1L, "e1", null, null, null, null));
    CoderProperties.coderDecodeEncodeEqual(
        FirstTouch.VisitCoder.INSTANCE,
        new FirstTouch.Visit(
            1_767_225_600_000L, "e1", "google", "cpc", "https://x.example/ü", "c"));
    CoderProperties.coderDecodeEncodeEqual(
        FirstTouch.TouchCoder.INSTANCE, new FirstTouch.Touch(0L, "e1", "direct", null));
    CoderProperties.coderDecodeEncodeEqual(
        FirstTouch.TouchCoder.INSTANCE,
        new FirstTouch.Touch(-5L, "e2", "organic_search", "spring"));
  }
}
