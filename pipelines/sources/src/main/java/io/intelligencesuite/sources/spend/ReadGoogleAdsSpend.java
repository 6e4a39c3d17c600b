package io.intelligencesuite.sources.spend;

import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.transforms.warehouse.ReadTable;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.time.LocalDate;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One Google Ads account's transfer tables -> one spend record per campaign and day: the stats rows
 * of a campaign-day (one per network type, device and slot) summed, named from the latest {@code
 * ads_Campaign_} snapshot of the campaign. A stats row that cannot be summed (no day, no campaign,
 * a missing or negative metric) goes on alone, so the parser dead-letters it with its reason
 * instead of it vanishing into a sum.
 */
final class ReadGoogleAdsSpend extends PTransform<PBegin, PCollection<String>> {
  private final String customerId;
  private final String prefix;
  private final String currency;
  private final Warehouse dataset;
  private final @Nullable BigQueryServices testServices;

  ReadGoogleAdsSpend(
      String customerId,
      String prefix,
      String currency,
      Warehouse dataset,
      @Nullable BigQueryServices testServices) {
    super("Google Ads " + customerId);
    this.customerId = customerId;
    this.prefix = prefix;
    this.currency = currency;
    this.dataset = dataset;
    this.testServices = testServices;
  }

  private ReadTable read(TableDef table, String... columns) {
    ReadTable read = ReadTable.from(table, dataset).columns(columns);
    return testServices == null ? read : read.withBigQueryServices(testServices);
  }

  @Override
  public PCollection<String> expand(PBegin begin) {
    PCollectionView<Map<Long, String>> names =
        begin
            .apply(
                "Read campaigns",
                read(
                    GoogleAdsTransfer.campaign(prefix, customerId),
                    "_DATA_DATE",
                    "campaign_id",
                    "campaign_name"))
            .apply("Campaign snapshots", ParDo.of(new Snapshots()))
            .setCoder(KvCoder.of(VarLongCoder.of(), SerializableCoder.of(Snapshot.class)))
            .apply("Latest snapshot", Combine.perKey(Snapshot::latest))
            .apply("Names", ParDo.of(new SnapshotName()))
            .setCoder(KvCoder.of(VarLongCoder.of(), StringUtf8Coder.of()))
            .apply("Names view", View.asMap());

    TupleTag<KV<String, Totals>> summable = new TupleTag<>() {};
    TupleTag<String> alone = new TupleTag<>() {};
    PCollectionTuple split =
        begin
            .apply(
                "Read stats",
                read(
                    GoogleAdsTransfer.campaignBasicStats(prefix, customerId),
                    "_DATA_DATE",
                    "campaign_id",
                    "segments_date",
                    "metrics_clicks",
                    "metrics_impressions",
                    "metrics_cost_micros"))
            .apply(
                "Key campaign-days",
                ParDo.of(new KeyCampaignDay(customerId, currency, summable, alone))
                    .withOutputTags(summable, TupleTagList.of(alone)));
    PCollection<String> summed =
        split
            .get(summable)
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(Totals.class)))
            .apply("Sum segments", Combine.perKey(Totals::plus))
            .apply(
                "As records",
                ParDo.of(new ToRecord(customerId, currency, names)).withSideInputs(names))
            .setCoder(StringUtf8Coder.of());
    return PCollectionList.of(summed)
        .and(split.get(alone).setCoder(StringUtf8Coder.of()))
        .apply("Campaign-days and rows", Flatten.pCollections());
  }

  /** A campaign's name in the snapshot of one day. */
  record Snapshot(LocalDate day, @Nullable String name) implements java.io.Serializable {
    static Snapshot latest(Iterable<Snapshot> all) {
      Snapshot best = null;
      for (Snapshot s : all) {
        if (best == null || s.day().isAfter(best.day())) {
          best = s;
        }
      }
      return best;
    }
  }

  /** A campaign-day's summed metrics. */
  record Totals(long costMicros, long clicks, long impressions) implements java.io.Serializable {
    static Totals plus(Iterable<Totals> all) {
      long c = 0;
      long k = 0;
      long i = 0;
      for (Totals t : all) {
        c += t.costMicros();
        k += t.clicks();
        i += t.impressions();
      }
      return new Totals(c, k, i);
    }
  }

  private static final class Snapshots extends DoFn<Row, KV<Long, Snapshot>> {
    @ProcessElement
    public void process(@Element Row r, OutputReceiver<KV<Long, Snapshot>> out) {
      Long id = r.getInt64("campaign_id");
      if (id != null) {
        out.output(KV.of(id, new Snapshot(r.getValue("_DATA_DATE"), r.getString("campaign_name"))));
      }
    }
  }

  private static final class SnapshotName extends DoFn<KV<Long, Snapshot>, KV<Long, String>> {
    @ProcessElement
    public void process(@Element KV<Long, Snapshot> s, OutputReceiver<KV<Long, String>> out) {
      if (s.getValue().name() != null) {
        out.output(KV.of(s.getKey(), s.getValue().name()));
      }
    }
  }

  private static final class KeyCampaignDay extends DoFn<Row, KV<String, Totals>> {
    private final String customerId;
    private final String currency;
    private final TupleTag<KV<String, Totals>> summable;
    private final TupleTag<String> alone;

    KeyCampaignDay(
        String customerId,
        String currency,
        TupleTag<KV<String, Totals>> summable,
        TupleTag<String> alone) {
      this.customerId = customerId;
      this.currency = currency;
      this.summable = summable;
      this.alone = alone;
    }

    @ProcessElement
    public void process(@Element Row r, MultiOutputReceiver out) {
      Long campaign = r.getInt64("campaign_id");
      LocalDate day = r.getValue("segments_date");
      Long cost = r.getInt64("metrics_cost_micros");
      Long clicks = r.getInt64("metrics_clicks");
      Long impressions = r.getInt64("metrics_impressions");
      if (campaign == null
          || day == null
          || cost == null
          || cost < 0
          || (clicks != null && clicks < 0)
          || (impressions != null && impressions < 0)) {
        out.get(alone).output(SpendRecords.googleAdsRow(customerId, r, currency));
        return;
      }
      out.get(summable)
          .output(
              KV.of(
                  campaign + "|" + day,
                  new Totals(
                      cost, clicks == null ? 0 : clicks, impressions == null ? 0 : impressions)));
    }
  }

  private static final class ToRecord extends DoFn<KV<String, Totals>, String> {
    private final String customerId;
    private final String currency;
    private final PCollectionView<Map<Long, String>> names;

    ToRecord(String customerId, String currency, PCollectionView<Map<Long, String>> names) {
      this.customerId = customerId;
      this.currency = currency;
      this.names = names;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Totals> day, OutputReceiver<String> out, ProcessContext c) {
      int bar = day.getKey().indexOf('|');
      long campaign = Long.parseLong(day.getKey().substring(0, bar));
      Totals t = day.getValue();
      out.output(
          SpendRecords.googleAds(
              customerId,
              campaign,
              LocalDate.parse(day.getKey().substring(bar + 1)),
              c.sideInput(names).get(campaign),
              currency,
              t.costMicros(),
              t.clicks(),
              t.impressions()));
    }
  }
}
