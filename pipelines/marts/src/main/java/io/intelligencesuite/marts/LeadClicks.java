package io.intelligencesuite.marts;

import io.intelligencesuite.transforms.identity.IdentifierTypes;
import io.intelligencesuite.transforms.identity.IdentityAssignment;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;

/**
 * Each known person's non-direct sessions (GA4 session_start events of any device identity
 * resolution put in the person, with the session's channel from {@link Channels}), for attributing
 * leads by {@link Channels#lastNonDirectClick}. Direct sessions and visitors nobody knows stop
 * here, before the side input is built.
 */
final class LeadClicks {
  private LeadClicks() {}

  static PCollectionView<Map<String, Iterable<Channels.Click>>> byPerson(
      PCollection<Row> eventsWeb, PCollectionView<Map<String, IdentityAssignment>> lookup) {
    return eventsWeb
        .apply(
            "Non-direct sessions of known people",
            ParDo.of(new PersonClickFn(lookup)).withSideInputs(lookup))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(Channels.Click.class)))
        .apply("Sessions by person", View.asMultimap());
  }

  private static final class PersonClickFn
      extends IdentityLookupFn<Row, KV<String, Channels.Click>> {
    PersonClickFn(PCollectionView<Map<String, IdentityAssignment>> lookup) {
      super(lookup);
    }

    @ProcessElement
    public void process(
        @Element Row r,
        OutputReceiver<KV<String, Channels.Click>> out,
        ProcessContext c,
        BoundedWindow w) {
      if (!"session_start".equals(r.getString("event_name"))) {
        return;
      }
      String channel =
          Channels.of(
              r.getString("utm_source"), r.getString("utm_medium"), r.getString("page_referrer"));
      if (Channels.DIRECT.equals(channel)) {
        return;
      }
      String person =
          IdentityMapping.personOf(
              identities(c, w), IdentifierTypes.GA_PSEUDO_ID, r.getString("user_pseudo_id"));
      if (person != null) {
        out.output(
            KV.of(person, new Channels.Click(r.getDateTime("event_ts").getMillis(), channel)));
      }
    }
  }
}
