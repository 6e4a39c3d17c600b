package io.intelligencesuite.marts;

import io.intelligencesuite.marts.FirstTouch.Visit;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import java.time.LocalDate;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * fact_web_visitors: distinct visitors per month and channel, each under the channel ({@link
 * Channels}) of its first session that month, the earliest session_start (ties to the smaller event
 * id, as {@link FirstTouch}). The channel is classified here, once, so the dashboard (on DuckDB or
 * BigQuery) only reads the counts.
 */
final class WebVisitors {
  static final String SESSION_START = "session_start";
  private static final String SEPARATOR = "|";

  private WebVisitors() {}

  static PCollection<Row> monthly(PCollection<Row> eventsWeb, LocalDate asOf) {
    return eventsWeb
        .apply("Sessions by visitor-month", ParDo.of(byVisitorMonth(asOf)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), FirstTouch.VisitCoder.INSTANCE))
        .apply("First session", Combine.<String, Visit>perKey(Visit::earlier))
        .apply(
            "Month and channel",
            MapElements.into(TypeDescriptors.strings())
                .via(
                    (KV<String, Visit> v) ->
                        month(v.getKey()) + SEPARATOR + v.getValue().touch().channel()))
        .apply("Visitors", Count.perElement())
        .apply("As rows", MapElements.into(TypeDescriptors.rows()).via(WebVisitors::row))
        .setRowSchema(Tables.FACT_WEB_VISITORS.schema());
  }

  private static String month(String visitorMonthKey) {
    return visitorMonthKey.substring(visitorMonthKey.lastIndexOf(SEPARATOR) + 1);
  }

  private static Row row(KV<String, Long> monthChannel) {
    String[] parts = monthChannel.getKey().split("\\" + SEPARATOR, 2);
    return RowBuilder.of(Tables.FACT_WEB_VISITORS)
        .set("month", LocalDate.parse(parts[0]))
        .set("channel", parts[1])
        .set("visitors", monthChannel.getValue())
        .build();
  }

  /**
   * Keys each session start up to the as-of day by visitor, then month (last, so a '|' in an id is
   * harmless).
   */
  private static DoFn<Row, KV<String, Visit>> byVisitorMonth(LocalDate asOf) {
    return new DoFn<Row, KV<String, Visit>>() {
      @ProcessElement
      public void process(@Element Row r, OutputReceiver<KV<String, Visit>> out) {
        LocalDate day = r.<LocalDate>getValue("event_date");
        if (SESSION_START.equals(r.getString("event_name")) && !day.isAfter(asOf)) {
          out.output(
              KV.of(
                  r.getString("user_pseudo_id") + SEPARATOR + day.withDayOfMonth(1), Visit.of(r)));
        }
      }
    };
  }
}
