package io.intelligencesuite.marts;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * Leads are attributed from sessions_web rows, on the DirectRunner: the side input LeadClicks
 * builds, read the way fact_lead reads it (Channels.lastNonDirectClick at the lead's creation).
 *
 * <pre>
 * p1: 10:00 paid_search, 11:00 direct, 12:00 email (after the 11:30 lead)
 *     lead at 11:30 -> paid_search (the direct 11:00 session does not count; 12:00 is later)
 * p2: 09:00 social on a device no person owns (person null) -> not p2's
 *     lead at 10:00, form tagged organic -> organic_search (its own tags)
 * p3: only direct sessions; lead at 10:00 untagged -> direct
 * </pre>
 */
public class LeadClicksTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void lastNonDirectSessionOfThePersonBeforeTheLead() {
    PCollection<Row> sessions =
        p.apply(
            "Sessions",
            Create.of(
                    session("s1", "p1", "10:00", "paid_search"),
                    session("s2", "p1", "11:00", Channels.DIRECT),
                    session("s3", "p1", "12:00", "email"),
                    session("s4", null, "09:00", "social"),
                    session("s5", "p3", "09:00", Channels.DIRECT))
                .withRowSchema(Tables.SESSIONS_WEB.schema()));
    PCollectionView<Map<String, Iterable<Channels.Click>>> clicks = LeadClicks.byPerson(sessions);
    PCollection<String> attributed =
        p.apply(
                "Leads",
                Create.of(
                    KV.of("p1", KV.of(at("11:30"), Channels.DIRECT)),
                    KV.of("p2", KV.of(at("10:00"), "organic_search")),
                    KV.of("p3", KV.of(at("10:00"), Channels.DIRECT))))
            .apply("Attribute", ParDo.of(new AttributeFn(clicks)).withSideInputs(clicks));
    PAssert.that(attributed).containsInAnyOrder("p1 paid_search", "p2 organic_search", "p3 direct");
    p.run().waitUntilFinish();
  }

  /** person, (created at, own channel) -> "person channel", as fact_lead attributes a lead. */
  private static final class AttributeFn extends DoFn<KV<String, KV<Long, String>>, String> {
    private final PCollectionView<Map<String, Iterable<Channels.Click>>> clicks;

    AttributeFn(PCollectionView<Map<String, Iterable<Channels.Click>>> clicks) {
      this.clicks = clicks;
    }

    @ProcessElement
    public void process(
        @Element KV<String, KV<Long, String>> lead, OutputReceiver<String> out, ProcessContext c) {
      out.output(
          lead.getKey()
              + " "
              + Channels.lastNonDirectClick(
                  c.sideInput(clicks).getOrDefault(lead.getKey(), List.of()),
                  lead.getValue().getKey(),
                  lead.getValue().getValue()));
    }
  }

  private static long at(String hhmm) {
    return Instant.parse("2026-03-02T" + hhmm + ":00Z").getMillis();
  }

  private static Row session(String id, String person, String hhmm, String channel) {
    return RowBuilder.of(Tables.SESSIONS_WEB)
        .set("session_id", id)
        .set("user_pseudo_id", "d-" + id)
        .set("person_id", person)
        .set("session_start", new Instant(at(hhmm)))
        .set("session_date", LocalDate.of(2026, 3, 2))
        .set("channel", channel)
        .set("engaged", false)
        .set("events", 1L)
        .set("converted", false)
        .build();
  }
}
