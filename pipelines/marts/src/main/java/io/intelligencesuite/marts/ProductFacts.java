package io.intelligencesuite.marts;

import io.intelligencesuite.marts.metrics.MetricRules;
import io.intelligencesuite.schemas.MetricParameters;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.deadletter.DeadLetters;
import io.intelligencesuite.transforms.identity.IdentifierTypes;
import io.intelligencesuite.transforms.identity.IdentityAssignment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Instant;

/**
 * Product facts: {@code fact_usage} (company x feature x day) and {@code fact_trial} (one trial per
 * account).
 */
final class ProductFacts {
  static final TupleTag<Row> ROWS = new TupleTag<>() {};
  static final TupleTag<Row> DEAD_LETTERS = new TupleTag<>() {};
  private static final TupleTag<Row> ACCOUNT = new TupleTag<>() {};
  private static final TupleTag<Row> EVENT = new TupleTag<>() {};

  private ProductFacts() {}

  /**
   * fact_usage: events and distinct users per company, feature and day. An event whose account
   * identity resolution does not know is dead-lettered with the account id (never dropped).
   */
  static PCollectionTuple usage(
      PCollection<Row> events,
      PCollectionView<Map<String, IdentityAssignment>> lookup,
      RunContext run) {
    PCollectionTuple keyed =
        events.apply(
            "Usage key",
            ParDo.of(
                    new DoFn<Row, KV<String, String>>() {
                      @ProcessElement
                      public void process(
                          @Element Row r, MultiOutputReceiver out, ProcessContext c) {
                        String company =
                            IdentityMapping.companyOf(
                                c.sideInput(lookup),
                                IdentifierTypes.ACCOUNT_ID,
                                r.getString("account_id"));
                        if (company == null) {
                          out.get(DEAD_LETTERS)
                              .output(
                                  DeadLetters.row(
                                      run,
                                      Tables.FACT_USAGE.name(),
                                      "account_id '"
                                          + r.getString("account_id")
                                          + "' of product event "
                                          + r.getString("event_id")
                                          + " is not a known account (not in companies or users); load the backend pipeline first",
                                      "account_id",
                                      r.toString(),
                                      java.time.Instant.now()));
                          return;
                        }
                        String feature =
                            r.getString("feature") == null ? "(none)" : r.getString("feature");
                        out.get(KEYS)
                            .output(
                                KV.of(
                                    company + "\t" + feature + "\t" + r.getValue("event_date"),
                                    r.getString("user_id")));
                      }
                    })
                .withSideInputs(lookup)
                .withOutputTags(KEYS, TupleTagList.of(DEAD_LETTERS)));
    keyed.get(DEAD_LETTERS).setRowSchema(Tables.DEAD_LETTERS.schema());
    PCollection<Row> rows =
        keyed
            .get(KEYS)
            .setCoder(KvCoder.of(StringUtf8Coder.of(), NullableCoder.of(StringUtf8Coder.of())))
            .apply("Per company, feature and day", GroupByKey.create())
            .apply(
                "fact_usage rows",
                ParDo.of(
                    new DoFn<KV<String, Iterable<String>>, Row>() {
                      @ProcessElement
                      public void process(
                          @Element KV<String, Iterable<String>> g, OutputReceiver<Row> out) {
                        String[] k = g.getKey().split("\t", 3);
                        long events = 0;
                        Set<String> users = new HashSet<>();
                        for (String u : g.getValue()) {
                          events++;
                          if (u != null) {
                            users.add(u);
                          }
                        }
                        out.output(
                            RowBuilder.of(Tables.FACT_USAGE)
                                .set("company_id", k[0])
                                .set("feature", k[1])
                                .set("date", LocalDate.parse(k[2]))
                                .set("events", events)
                                .set("active_users", (long) users.size())
                                .build());
                      }
                    }))
            .setRowSchema(Tables.FACT_USAGE.schema());
    return PCollectionTuple.of(ROWS, rows).and(DEAD_LETTERS, keyed.get(DEAD_LETTERS));
  }

  private static final TupleTag<KV<String, String>> KEYS = new TupleTag<>() {};

  /**
   * fact_trial: one trial per account with a trial end, started at sign-up. Activated per the
   * dictionary's rule ({@link MetricRules#activatedAt}, the one the metrics use) on the account's
   * product events inside the trial; converted on the first payment of the trial's own subscription
   * within the dictionary's conversion window ({@link MetricRules#convertedAt}, never an earlier
   * one-off charge); the lead is the company's earliest lead; the channel is the lead's, else the
   * company's first web touch.
   */
  static PCollection<Row> trials(
      PCollection<Row> companies,
      PCollection<Row> events,
      MetricParameters params,
      PCollectionView<Map<String, IdentityAssignment>> lookup,
      PCollectionView<Map<String, Iterable<Long>>> subscriptionStartsByCompany,
      PCollectionView<Map<String, Row>> firstLeadByCompany,
      PCollectionView<Map<String, FirstTouch.Touch>> firstTouchByCompany) {
    return KeyedRows.join("Accounts with events", "account_id", ACCOUNT, companies, EVENT, events)
        .apply(
            "fact_trial rows",
            TableRows.of(
                Tables.FACT_TRIAL,
                (g, c) -> {
                  Row account = KeyedRows.last(g.getValue().getAll(ACCOUNT));
                  if (account == null || account.getDateTime("trial_ends_at") == null) {
                    return null; // events of unknown accounts are dead-lettered by fact_usage; no
                    // trial end = no trial
                  }
                  long start = account.getDateTime("created_at").getMillis();
                  long end = account.getDateTime("trial_ends_at").getMillis();
                  List<MetricRules.FeatureUse> uses = new ArrayList<>();
                  for (Row e : g.getValue().getAll(EVENT)) {
                    if (e.getString("feature") != null) {
                      uses.add(
                          new MetricRules.FeatureUse(
                              e.getDateTime("event_ts").getMillis(), e.getString("feature")));
                    }
                  }
                  Long activated = MetricRules.activatedAt(uses, start, end, params);
                  String company =
                      IdentityMapping.companyOf(
                          c.sideInput(lookup), IdentifierTypes.ACCOUNT_ID, g.getKey());
                  Iterable<Long> starts =
                      company == null
                          ? null
                          : c.sideInput(subscriptionStartsByCompany).get(company);
                  Long converted =
                      starts == null ? null : MetricRules.convertedAt(starts, start, end, params);
                  Row lead = company == null ? null : c.sideInput(firstLeadByCompany).get(company);
                  FirstTouch.Touch touch =
                      company == null ? null : c.sideInput(firstTouchByCompany).get(company);
                  String channel =
                      lead != null
                              && lead.getString("channel") != null
                              && !Channels.DIRECT.equals(lead.getString("channel"))
                          ? lead.getString("channel")
                          : touch != null
                              ? touch.channel()
                              : lead != null ? lead.getString("channel") : null;
                  return RowBuilder.of(Tables.FACT_TRIAL)
                      .set("trial_id", "tri_" + sha(g.getKey() + "|" + start))
                      .set("company_id", company == null ? "unresolved:" + g.getKey() : company)
                      .set("account_id", g.getKey())
                      .set("started_at", new Instant(start))
                      .set("trial_ends_at", new Instant(end))
                      .set("activated_at", activated == null ? null : new Instant(activated))
                      .set("converted_at", converted == null ? null : new Instant(converted))
                      .set("lead_id", lead == null ? null : lead.getString("lead_id"))
                      .set("lead_score", lead == null ? null : lead.getDouble("first_score"))
                      .set("channel", channel)
                      .build();
                },
                lookup,
                subscriptionStartsByCompany,
                firstLeadByCompany,
                firstTouchByCompany));
  }

  static String sha(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
