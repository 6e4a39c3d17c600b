package io.intelligencesuite.pipelines.marts;

import io.intelligencesuite.transforms.identity.IdentifierTypes;
import io.intelligencesuite.transforms.identity.IdentityAssignment;
import java.io.Serializable;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Each company's first web touch: the earliest GA4 event of any visitor identity resolution puts in
 * the company, with its channel ({@link Channels}) and campaign. Ties on the timestamp go to the
 * smaller event id, so reruns agree.
 */
final class FirstTouch {
  /** The first touch of one company. */
  record Touch(long atMillis, String eventId, String channel, @Nullable String campaign) implements Serializable {
    Touch earlier(Touch other) {
      int c = Long.compare(atMillis, other.atMillis);
      return c < 0 || (c == 0 && eventId.compareTo(other.eventId) <= 0) ? this : other;
    }
  }

  private FirstTouch() {}

  static Touch earliest(Iterable<Touch> touches) {
    Touch first = null;
    for (Touch t : touches) {
      first = first == null ? t : first.earlier(t);
    }
    return first;
  }

  static PCollectionView<Map<String, Touch>> byCompany(PCollection<Row> eventsWeb,
      PCollectionView<Map<String, IdentityAssignment>> lookup) {
    return eventsWeb
        .apply("Company of each visit", ParDo.of(new DoFn<Row, KV<String, Touch>>() {
          @ProcessElement
          public void process(@Element Row r, OutputReceiver<KV<String, Touch>> out, ProcessContext c) {
            String company = IdentityMapping.companyOf(c.sideInput(lookup), IdentifierTypes.GA_PSEUDO_ID,
                r.getString("user_pseudo_id"));
            if (company != null) {
              out.output(KV.of(company, new Touch(r.getDateTime("event_ts").getMillis(), r.getString("event_id"),
                  Channels.of(r.getString("utm_source"), r.getString("utm_medium"), r.getString("page_referrer")),
                  r.getString("utm_campaign"))));
            }
          }
        }).withSideInputs(lookup))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(Touch.class)))
        .apply("Earliest touch", Combine.<String, Touch>perKey(FirstTouch::earliest))
        .apply("First touch by company", View.asMap());
  }
}
