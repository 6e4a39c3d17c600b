package io.intelligencesuite.marts.metrics;

import io.intelligencesuite.marts.RecordCoder;
import io.intelligencesuite.marts.revenue.FxRates;
import io.intelligencesuite.schemas.MetricDef;
import io.intelligencesuite.schemas.Metrics;
import io.intelligencesuite.schemas.Tables;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.BiConsumer;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The marketing efficiency metrics (spend, cac, cac_payback_months, spend_per_trial,
 * spend_per_paying_customer) per complete month, for each acquisition channel with spend (dimension
 * = the channel segment of {@link Segments}, {@code channel:paid_search}, {@code channel:social},
 * the channel as marts Channels names it) and for 'all' (every channel's spend over every
 * customer). metric_monthly rows out, next to ComputeMetrics'.
 *
 * <p>Inputs: staging marketing_spend (cost in the account currency, converted here into the
 * reporting currency at the spend date's rate with the marts' --fxRates: one FX rule for revenue
 * and spend), fact_revenue ('new' movements: the customers a month acquired, and their new MRR),
 * dim_customer (first_touch_channel: the channel a customer was acquired through; none is
 * channel:unknown, as in every segment), fact_trial (channel, started_at). Each input row adds to
 * its (month, channel) total and to (month, all); the totals meet in one Combine per key, so the
 * job graph grows by one shuffle.
 */
public final class MarketingMetrics extends PTransform<PCollectionTuple, PCollection<Row>> {
  public static final TupleTag<Row> MARKETING_SPEND =
      new TupleTag<>(Tables.MARKETING_SPEND.name()) {};
  public static final TupleTag<Row> FACT_REVENUE = ComputeMetrics.FACT_REVENUE;
  public static final TupleTag<Row> DIM_CUSTOMER = ComputeMetrics.DIM_CUSTOMER;
  public static final TupleTag<Row> FACT_TRIAL = ComputeMetrics.FACT_TRIAL;

  static final String ALL = MetricValue.ALL;

  private final AsOf asOf;
  private final String reportingCurrency;
  private final FxRates fx;

  private MarketingMetrics(AsOf asOf, String reportingCurrency, FxRates fx) {
    this.asOf = asOf;
    this.reportingCurrency = reportingCurrency;
    this.fx = fx;
  }

  public static MarketingMetrics asOf(LocalDate asOf, String reportingCurrency, FxRates fx) {
    return new MarketingMetrics(new AsOf(asOf), reportingCurrency, fx);
  }

  /** One (month, channel)'s inputs; every field a sum, so parts merge by adding. */
  record Totals(
      double spendCents, long newCustomers, long newMrrCents, long trials, long payingAtEnd)
      implements Serializable {
    static final Totals ZERO = new Totals(0, 0, 0, 0, 0);

    Totals plus(Totals o) {
      return new Totals(
          spendCents + o.spendCents,
          newCustomers + o.newCustomers,
          newMrrCents + o.newMrrCents,
          trials + o.trials,
          payingAtEnd + o.payingAtEnd);
    }
  }

  @Override
  public PCollection<Row> expand(PCollectionTuple in) {
    AsOf asOf = this.asOf;
    LocalDate lastMonth = asOf.lastCompleteMonth();
    String reporting = reportingCurrency.toLowerCase(Locale.ROOT);
    FxRates fx = this.fx;
    KvCoder<String, Totals> coder = KvCoder.of(StringUtf8Coder.of(), RecordCoder.of(Totals.class));

    PCollection<KV<String, Totals>> spend =
        perChannelMonth(
                "Spend per channel-month",
                in.get(MARKETING_SPEND),
                lastMonth,
                r -> r.<LocalDate>getValue("date"),
                // micros -> cents of the account currency, then into the reporting one.
                (r, day) ->
                    new Totals(
                        r.getInt64("cost_micros")
                            / 10_000.0
                            * fx.factor(r.getString("currency"), reporting, day),
                        0,
                        0,
                        0,
                        0))
            .setCoder(coder);
    PCollection<KV<String, Totals>> trials =
        perChannelMonth(
                "Trials per channel-month",
                in.get(FACT_TRIAL),
                lastMonth,
                r -> Facts.day(r.<org.joda.time.Instant>getValue("started_at").getMillis()),
                (r, day) -> new Totals(0, 0, 0, 1, 0))
            .setCoder(coder);

    TupleTag<Facts.Movement> movementTag = new TupleTag<>("movements") {};
    TupleTag<String> channelTag = new TupleTag<>("channel") {};
    PCollection<KV<String, Facts.Movement>> movements =
        in.get(FACT_REVENUE)
            .apply(
                "Movements by customer",
                ParDo.of(
                    new DoFn<Row, KV<String, Facts.Movement>>() {
                      @ProcessElement
                      public void process(
                          @Element Row r, OutputReceiver<KV<String, Facts.Movement>> out) {
                        Facts.Movement m = Facts.Movement.fromRow(r);
                        out.output(KV.of(m.customerId(), m));
                      }
                    }))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), RecordCoder.of(Facts.Movement.class)));
    PCollection<KV<String, String>> channels =
        in.get(DIM_CUSTOMER)
            .apply(
                "Acquisition channel by customer",
                ParDo.of(
                    new DoFn<Row, KV<String, String>>() {
                      @ProcessElement
                      public void process(@Element Row r, OutputReceiver<KV<String, String>> out) {
                        out.output(
                            KV.of(
                                r.getString("customer_id"),
                                channel(r.getString("first_touch_channel"))));
                      }
                    }))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
    PCollection<KV<String, Totals>> customers =
        KeyedPCollectionTuple.of(movementTag, movements)
            .and(channelTag, channels)
            .apply("Customer with channel", CoGroupByKey.create())
            .apply(
                "Customers per channel-month",
                ParDo.of(
                    new DoFn<KV<String, CoGbkResult>, KV<String, Totals>>() {
                      @ProcessElement
                      public void process(
                          @Element KV<String, CoGbkResult> c,
                          OutputReceiver<KV<String, Totals>> out) {
                        String ch = c.getValue().getOnly(channelTag, channel(null));
                        Iterable<Facts.Movement> ms = c.getValue().getAll(movementTag);
                        for (Facts.Movement m : ms) {
                          if (m.type().equals("new") && !Facts.month(m.date()).isAfter(lastMonth)) {
                            emit(out, m.date(), ch, new Totals(0, 1, m.delta(), 0, 0));
                          }
                        }
                        for (CustomerHistory.CustomerMonth cm :
                            CustomerHistory.months(ms, asOf, lastMonth)) {
                          if (cm.payingAtEnd()) {
                            emit(out, cm.month(), ch, new Totals(0, 0, 0, 0, 1));
                          }
                        }
                      }
                    }))
            .setCoder(coder);

    return PCollectionList.of(spend)
        .and(trials)
        .and(customers)
        .apply("All marketing inputs", Flatten.pCollections())
        .apply("Sum per channel-month", Combine.perKey(Totals::plus))
        .apply(
            "Marketing metrics",
            ParDo.of(
                new DoFn<KV<String, Totals>, Row>() {
                  @ProcessElement
                  public void process(@Element KV<String, Totals> t, OutputReceiver<Row> out) {
                    int bar = t.getKey().indexOf('|');
                    LocalDate month = LocalDate.parse(t.getKey().substring(0, bar));
                    for (MetricValue v :
                        values(month, t.getKey().substring(bar + 1), t.getValue())) {
                      out.output(v.toMonthlyRow());
                    }
                  }
                }))
        .setRowSchema(Tables.METRIC_MONTHLY.schema());
  }

  /** The channel segment a row belongs to (Segments' one rule: channel:unknown when none). */
  static String channel(String c) {
    return Segments.dimension(Segments.CHANNEL, c);
  }

  /** What one row adds to the totals of its day's month. */
  private interface RowTotals extends Serializable {
    Totals of(Row r, LocalDate day);
  }

  /**
   * Each row's {@code totals} at its {@code day}'s (month, channel column) and (month, all); rows
   * of a month after {@code lastMonth} add nothing.
   */
  private static PCollection<KV<String, Totals>> perChannelMonth(
      String name,
      PCollection<Row> rows,
      LocalDate lastMonth,
      SerializableFunction<Row, LocalDate> day,
      RowTotals totals) {
    return rows.apply(
        name,
        FlatMapElements.into(
                TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(Totals.class)))
            .via(
                (Row r) -> {
                  LocalDate d = day.apply(r);
                  return Facts.month(d).isAfter(lastMonth)
                      ? List.of()
                      : keyed(d, channel(r.getString("channel")), totals.of(r, d));
                }));
  }

  private static void emit(
      DoFn.OutputReceiver<KV<String, Totals>> out, LocalDate day, String channel, Totals t) {
    keyed(day, channel, t).forEach(out::output);
  }

  /** {@code t} under its (month, channel) and (month, all) keys. */
  private static List<KV<String, Totals>> keyed(LocalDate day, String channel, Totals t) {
    String month = Facts.month(day).toString();
    return List.of(KV.of(month + "|" + channel, t), KV.of(month + "|" + ALL, t));
  }

  /**
   * The metrics of one (month, channel) from its totals: only where there was spend (a channel
   * nobody pays for has no cost per customer), and a ratio only where its denominator is above 0.
   */
  static List<MetricValue> values(LocalDate month, String channel, Totals t) {
    List<MetricValue> out = new ArrayList<>();
    long spend = Math.round(t.spendCents());
    if (spend <= 0) {
      return out;
    }
    out.add(new MetricValue(Metrics.SPEND.name(), month, channel, spend));
    BiConsumer<MetricDef, OptionalDouble> add =
        (metric, v) -> v.ifPresent(x -> out.add(new MetricValue(metric.name(), month, channel, x)));
    add.accept(Metrics.CAC, MetricFormulas.rate(spend, t.newCustomers()));
    add.accept(Metrics.CAC_PAYBACK_MONTHS, MetricFormulas.cacPaybackMonths(spend, t.newMrrCents()));
    add.accept(Metrics.SPEND_PER_TRIAL, MetricFormulas.rate(spend, t.trials()));
    add.accept(Metrics.SPEND_PER_PAYING_CUSTOMER, MetricFormulas.rate(spend, t.payingAtEnd()));
    return out;
  }
}
