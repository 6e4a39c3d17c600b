package io.intelligencesuite.marts;

import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;

/**
 * Each known person's non-direct sessions, from sessions_web (the grain every attribution uses: one
 * row per GA4 session with its channel, start and person, built by {@link SessionsWeb}), for
 * attributing leads by {@link Channels#lastNonDirectClick}. Direct sessions and sessions of devices
 * identity resolution put in no person stop here, before the side input is built.
 */
final class LeadClicks {
  private LeadClicks() {}

  static PCollectionView<Map<String, Iterable<Channels.Click>>> byPerson(
      PCollection<Row> sessionsWeb) {
    return sessionsWeb
        .apply("Non-direct sessions of known people", ParDo.of(new PersonClickFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), RecordCoder.of(Channels.Click.class)))
        .apply("Sessions by person", View.asMultimap());
  }

  private static final class PersonClickFn extends DoFn<Row, KV<String, Channels.Click>> {
    @ProcessElement
    public void process(@Element Row s, OutputReceiver<KV<String, Channels.Click>> out) {
      String person = s.getString("person_id");
      String channel = s.getString("channel");
      if (person != null && channel != null && !Channels.DIRECT.equals(channel)) {
        out.output(
            KV.of(person, new Channels.Click(s.getDateTime("session_start").getMillis(), channel)));
      }
    }
  }
}
