package io.intelligencesuite.marts.metrics;

import io.intelligencesuite.marts.metrics.Aggregates.Adoption;
import io.intelligencesuite.marts.metrics.Aggregates.DealMonth;
import io.intelligencesuite.marts.metrics.Aggregates.LeadCohort;
import io.intelligencesuite.marts.metrics.Aggregates.Mergeable;
import io.intelligencesuite.marts.metrics.Aggregates.MonthCustomers;
import io.intelligencesuite.marts.metrics.Aggregates.MonthRevenue;
import io.intelligencesuite.marts.metrics.Aggregates.PaymentMonth;
import io.intelligencesuite.marts.metrics.Aggregates.TrialCohort;
import io.intelligencesuite.schemas.MetricParameters;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.xmr.XmrCharts;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The dictionary's metrics from the marts: fact_revenue, dim_customer, fact_trial, fact_lead,
 * fact_usage, staging payments and crm_deals in (tagged rows of their registry schemas),
 * metric_daily and metric_monthly rows out, and metric_xmr for the metrics the dictionary charts
 * ({@link XmrCharts} over the monthly rows, with the dictionary's baseline and restart parameters).
 *
 * <pre>{@code
 * PCollectionTuple metrics = PCollectionTuple.of(ComputeMetrics.FACT_REVENUE, revenue)
 *     .and(ComputeMetrics.DIM_CUSTOMER, customers).and(ComputeMetrics.FACT_TRIAL, trials)
 *     .and(ComputeMetrics.FACT_LEAD, leads).and(ComputeMetrics.FACT_USAGE, usage)
 *     .and(ComputeMetrics.PAYMENTS, payments).and(ComputeMetrics.CRM_DEALS, deals)
 *     .apply(ComputeMetrics.asOf(asOfDate, MetricParameters.defaults()));
 * metrics.get(ComputeMetrics.METRIC_DAILY); metrics.get(ComputeMetrics.METRIC_MONTHLY);
 * metrics.get(ComputeMetrics.METRIC_XMR);
 * }</pre>
 *
 * <p>Shuffle shape: facts are summed per month ({@code Combine.perKey}, lifted before the shuffle;
 * revenue keeps its days inside the month's value), customers are grouped per customer (their
 * paying state per month), usage per company and month; only the per-month sums (a few dozen small
 * values) meet in one final combine, where {@link MetricLedger} applies the formulas. The golden
 * tests run this very transform, so there is no second, in-memory version of the row selection.
 */
public final class ComputeMetrics extends PTransform<PCollectionTuple, PCollectionTuple> {
  public static final TupleTag<Row> FACT_REVENUE = new TupleTag<>(Tables.FACT_REVENUE.name()) {};
  public static final TupleTag<Row> DIM_CUSTOMER = new TupleTag<>(Tables.DIM_CUSTOMER.name()) {};
  public static final TupleTag<Row> FACT_TRIAL = new TupleTag<>(Tables.FACT_TRIAL.name()) {};
  public static final TupleTag<Row> FACT_LEAD = new TupleTag<>(Tables.FACT_LEAD.name()) {};
  public static final TupleTag<Row> FACT_USAGE = new TupleTag<>(Tables.FACT_USAGE.name()) {};
  public static final TupleTag<Row> PAYMENTS = new TupleTag<>(Tables.PAYMENTS.name()) {};
  public static final TupleTag<Row> CRM_DEALS = new TupleTag<>(Tables.CRM_DEALS.name()) {};
  public static final TupleTag<Row> METRIC_DAILY = new TupleTag<>(Tables.METRIC_DAILY.name()) {};
  public static final TupleTag<Row> METRIC_MONTHLY =
      new TupleTag<>(Tables.METRIC_MONTHLY.name()) {};
  public static final TupleTag<Row> METRIC_XMR = new TupleTag<>(Tables.METRIC_XMR.name()) {};

  private static final List<TupleTag<Row>> INPUTS =
      List.of(FACT_REVENUE, DIM_CUSTOMER, FACT_TRIAL, FACT_LEAD, FACT_USAGE, PAYMENTS, CRM_DEALS);

  private final AsOf asOf;
  private final MetricParameters params;

  private ComputeMetrics(AsOf asOf, MetricParameters params) {
    this.asOf = asOf;
    this.params = params;
  }

  /** Metrics as of this date (inclusive): days through it, complete months only. */
  public static ComputeMetrics asOf(LocalDate asOfDate, MetricParameters params) {
    return new ComputeMetrics(new AsOf(asOfDate), params);
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple in) {
    for (TupleTag<Row> tag : INPUTS) {
      if (!in.has(tag)) {
        throw new IllegalArgumentException(
            "ComputeMetrics needs the "
                + tag.getId()
                + " rows: add them with .and(ComputeMetrics."
                + tag.getId().toUpperCase()
                + ", rows)"
                + " (an empty PCollection is fine)");
      }
    }
    AsOf asOf = this.asOf;
    MetricParameters p = this.params;

    PCollection<KV<String, Facts.Movement>> movements =
        in.get(FACT_REVENUE)
            .apply(
                "ReadMovements",
                ParDo.of(
                    new KeyRows<String, Facts.Movement>(
                        r -> {
                          Facts.Movement m = Facts.Movement.fromRow(r);
                          return KV.of(m.customerId(), m);
                        })))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(Facts.Movement.class)));
    PCollection<KV<String, String>> dimCompanies =
        in.get(DIM_CUSTOMER)
            .apply(
                "ReadCustomerCompanies",
                ParDo.of(
                    new KeyRows<String, String>(
                        r -> {
                          Facts.CustomerCompany c = Facts.CustomerCompany.fromRow(r);
                          return c.companyId() == null
                              ? null
                              : KV.of(c.customerId(), c.companyId());
                        })))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));

    List<PCollection<MetricLedger>> parts = new ArrayList<>();
    parts.add(
        perPeriod(
            "Revenue",
            movements
                .apply("RevenuePerMonth", ParDo.of(new RevenuePerMonth(asOf)))
                .setCoder(periodCoder(MonthRevenue.class)),
            MonthRevenue.class,
            (m, r) -> new MetricLedger().addMonth(r)));

    TupleTag<Facts.Movement> movementTag = new TupleTag<>("movements");
    TupleTag<String> companyTag = new TupleTag<>("company");
    PCollectionTuple customerMonths =
        KeyedPCollectionTuple.of(movementTag, movements)
            .and(companyTag, dimCompanies)
            .apply("GroupPerCustomer", CoGroupByKey.create())
            .apply(
                "PayingStatePerMonth",
                ParDo.of(new PayingStatePerMonth(asOf, movementTag, companyTag))
                    .withOutputTags(
                        PayingStatePerMonth.CHURN,
                        TupleTagList.of(PayingStatePerMonth.PAYING_COMPANY)));
    parts.add(
        perPeriod(
            "CustomerChurn",
            customerMonths
                .get(PayingStatePerMonth.CHURN)
                .setCoder(periodCoder(MonthCustomers.class)),
            MonthCustomers.class,
            (m, c) -> new MetricLedger().addCustomerMonth(m, c)));

    TupleTag<Boolean> payingTag = new TupleTag<>("paying");
    TupleTag<String> featureTag = new TupleTag<>("feature");
    PCollection<KV<String, Boolean>> payingCompanies =
        customerMonths
            .get(PayingStatePerMonth.PAYING_COMPANY)
            .setCoder(KvCoder.of(StringUtf8Coder.of(), BooleanCoder.of()));
    PCollection<KV<String, String>> featuresUsed =
        in.get(FACT_USAGE)
            .apply(
                "FeaturesPerCompanyMonth",
                ParDo.of(
                    new KeyRows<String, String>(
                        r -> {
                          Facts.Usage u = Facts.Usage.fromRow(r);
                          return asOf.includes(u.date()) && u.events() > 0
                              ? KV.of(
                                  companyMonthKey(Facts.month(u.date()), u.companyId()),
                                  u.feature())
                              : null;
                        })))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
    PCollection<KV<Long, Adoption>> adoption =
        KeyedPCollectionTuple.of(payingTag, payingCompanies)
            .and(featureTag, featuresUsed)
            .apply("GroupPerCompanyMonth", CoGroupByKey.create())
            .apply(
                "AdoptionPerCompanyMonth",
                ParDo.of(new AdoptionPerCompanyMonth(payingTag, featureTag)))
            .setCoder(periodCoder(Adoption.class));
    parts.add(
        perPeriod(
            "Adoption", adoption, Adoption.class, (m, a) -> new MetricLedger().addAdoption(m, a)));

    parts.add(
        perMonth(
            "Trials",
            "TrialPerCohort",
            in.get(FACT_TRIAL),
            asOf,
            TrialCohort.class,
            r -> {
              Facts.Trial t = Facts.Trial.fromRow(r);
              return KV.of(Facts.day(t.startedAt()), TrialCohort.of(t, asOf, p));
            },
            (m, t) -> new MetricLedger().addTrials(m, t)));
    parts.add(
        perMonth(
            "Leads",
            "LeadPerCohort",
            in.get(FACT_LEAD),
            asOf,
            LeadCohort.class,
            r -> {
              Facts.Lead l = Facts.Lead.fromRow(r);
              return KV.of(Facts.day(l.createdAt()), LeadCohort.of(l, asOf, p));
            },
            (m, l) -> new MetricLedger().addLeads(m, l)));
    parts.add(
        perMonth(
            "Payments",
            "PaymentPerMonth",
            in.get(PAYMENTS),
            asOf,
            PaymentMonth.class,
            r -> {
              Facts.Payment x = Facts.Payment.fromRow(r);
              return KV.of(x.attemptedDate(), PaymentMonth.of(x));
            },
            (m, x) -> new MetricLedger().addPayments(m, x)));
    parts.add(
        perMonth(
            "Deals",
            "DealPerCloseMonth",
            in.get(CRM_DEALS).apply("ClosedDeals", Filter.by(Facts.Deal::closed)),
            asOf,
            DealMonth.class,
            r -> {
              Facts.Deal d = Facts.Deal.fromRow(r);
              return KV.of(Facts.day(d.closedAt()), DealMonth.of(d));
            },
            (m, d) -> new MetricLedger().addDeals(m, d)));

    PCollectionTuple out =
        PCollectionList.of(parts)
            .apply("AllPeriods", Flatten.pCollections())
            .apply("OneLedger", Combine.globally(new LedgerFn()).withoutDefaults())
            .apply(
                "ApplyFormulas",
                ParDo.of(new EmitValues(asOf, p))
                    .withOutputTags(METRIC_DAILY, TupleTagList.of(METRIC_MONTHLY)));
    out.get(METRIC_DAILY).setRowSchema(Tables.METRIC_DAILY.schema());
    out.get(METRIC_MONTHLY).setRowSchema(Tables.METRIC_MONTHLY.schema());
    return out.and(
        METRIC_XMR, out.get(METRIC_MONTHLY).apply("XmrCharts", XmrCharts.forDictionary(p)));
  }

  private static <T extends Serializable> Coder<KV<Long, T>> periodCoder(Class<T> type) {
    return KvCoder.of(VarLongCoder.of(), SerializableCoder.of(type));
  }

  /** Turns one period's total into a one-entry ledger. */
  private interface ToLedger<T> extends Serializable {
    MetricLedger apply(LocalDate period, T total);
  }

  /** Sums values per period (epoch day of the day or month) and makes each total a ledger part. */
  private static <T extends Mergeable<T>> PCollection<MetricLedger> perPeriod(
      String name, PCollection<KV<Long, T>> values, Class<T> type, ToLedger<T> toLedger) {
    return values
        .apply(name + "SumPerPeriod", Combine.perKey(new MergeFn<T>()))
        .setCoder(periodCoder(type))
        .apply(
            name + "ToLedger",
            ParDo.of(
                new DoFn<KV<Long, T>, MetricLedger>() {
                  @ProcessElement
                  public void process(
                      @Element KV<Long, T> total, OutputReceiver<MetricLedger> out) {
                    out.output(
                        toLedger.apply(LocalDate.ofEpochDay(total.getKey()), total.getValue()));
                  }
                }))
        .setCoder(SerializableCoder.of(MetricLedger.class));
  }

  /**
   * Dates each fact row (its day and its value), keeps the rows of days through the as-of date and
   * keys them by their month, then {@link #perPeriod}.
   */
  private static <T extends Mergeable<T>> PCollection<MetricLedger> perMonth(
      String name,
      String keyStep,
      PCollection<Row> rows,
      AsOf asOf,
      Class<T> type,
      KeyFact<LocalDate, T> dated,
      ToLedger<T> toLedger) {
    PCollection<KV<Long, T>> values =
        rows.apply(
                keyStep,
                ParDo.of(
                    new KeyRows<Long, T>(
                        r -> {
                          KV<LocalDate, T> d = dated.apply(r);
                          return asOf.includes(d.getKey())
                              ? KV.of(Facts.month(d.getKey()).toEpochDay(), d.getValue())
                              : null;
                        })))
            .setCoder(periodCoder(type));
    return perPeriod(name, values, type, toLedger);
  }

  private static final class MergeFn<T extends Mergeable<T>> extends Combine.BinaryCombineFn<T> {
    @Override
    public T apply(T left, T right) {
      return left.merge(right);
    }
  }

  private static final class LedgerFn
      extends Combine.CombineFn<MetricLedger, MetricLedger, MetricLedger> {
    @Override
    public MetricLedger createAccumulator() {
      return new MetricLedger();
    }

    @Override
    public MetricLedger addInput(MetricLedger acc, MetricLedger part) {
      return acc.addAll(part);
    }

    @Override
    public MetricLedger mergeAccumulators(Iterable<MetricLedger> accs) {
      MetricLedger merged = new MetricLedger();
      accs.forEach(merged::addAll);
      return merged;
    }

    @Override
    public MetricLedger extractOutput(MetricLedger acc) {
      return acc;
    }

    @Override
    public Coder<MetricLedger> getAccumulatorCoder(
        CoderRegistry registry, Coder<MetricLedger> input) {
      return SerializableCoder.of(MetricLedger.class);
    }
  }

  private static final class RevenuePerMonth
      extends DoFn<KV<String, Facts.Movement>, KV<Long, MonthRevenue>> {
    private final AsOf asOf;

    RevenuePerMonth(AsOf asOf) {
      this.asOf = asOf;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Facts.Movement> m, OutputReceiver<KV<Long, MonthRevenue>> out) {
      if (asOf.includes(m.getValue().date())) {
        out.output(
            KV.of(Facts.month(m.getValue().date()).toEpochDay(), MonthRevenue.of(m.getValue())));
      }
    }
  }

  /** Per customer: churn inputs per month, and "company X pays at the end of month M". */
  private static final class PayingStatePerMonth
      extends DoFn<KV<String, CoGbkResult>, KV<Long, MonthCustomers>> {
    static final TupleTag<KV<Long, MonthCustomers>> CHURN = new TupleTag<>("churn") {};
    static final TupleTag<KV<String, Boolean>> PAYING_COMPANY = new TupleTag<>("payingCompany") {};
    private final AsOf asOf;
    private final TupleTag<Facts.Movement> movementTag;
    private final TupleTag<String> companyTag;

    PayingStatePerMonth(
        AsOf asOf, TupleTag<Facts.Movement> movementTag, TupleTag<String> companyTag) {
      this.asOf = asOf;
      this.movementTag = movementTag;
      this.companyTag = companyTag;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> customer, MultiOutputReceiver out) {
      Iterable<Facts.Movement> movements = customer.getValue().getAll(movementTag);
      String company = CustomerHistory.companyOf(customer.getValue().getAll(companyTag), movements);
      for (CustomerHistory.CustomerMonth cm :
          CustomerHistory.months(movements, asOf, asOf.lastCompleteMonth())) {
        out.get(CHURN).output(KV.of(cm.month().toEpochDay(), MonthCustomers.of(cm)));
        if (cm.payingAtEnd() && company != null) {
          out.get(PAYING_COMPANY).output(KV.of(companyMonthKey(cm.month(), company), true));
        }
      }
    }
  }

  private static String companyMonthKey(LocalDate month, String company) {
    return month.toEpochDay() + "|" + company;
  }

  private static final class AdoptionPerCompanyMonth
      extends DoFn<KV<String, CoGbkResult>, KV<Long, Adoption>> {
    private final TupleTag<Boolean> payingTag;
    private final TupleTag<String> featureTag;

    AdoptionPerCompanyMonth(TupleTag<Boolean> payingTag, TupleTag<String> featureTag) {
      this.payingTag = payingTag;
      this.featureTag = featureTag;
    }

    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> companyMonth, OutputReceiver<KV<Long, Adoption>> out) {
      long month =
          Long.parseLong(companyMonth.getKey().substring(0, companyMonth.getKey().indexOf('|')));
      boolean paying = companyMonth.getValue().getAll(payingTag).iterator().hasNext();
      Set<String> features = new TreeSet<>();
      companyMonth.getValue().getAll(featureTag).forEach(features::add);
      out.output(KV.of(month, Adoption.ofCompanyMonth(paying, features)));
    }
  }

  /**
   * One fact row's key and value, or null when the row does not count (after the as-of date, ...).
   */
  private interface KeyFact<K, V> extends Serializable {
    @Nullable KV<K, V> apply(Row row);
  }

  /** Keys each fact row by its period (or company-month); rows the function rejects are dropped. */
  private static final class KeyRows<K, V> extends DoFn<Row, KV<K, V>> {
    private final KeyFact<K, V> keyFact;

    KeyRows(KeyFact<K, V> keyFact) {
      this.keyFact = keyFact;
    }

    @ProcessElement
    public void process(@Element Row r, OutputReceiver<KV<K, V>> out) {
      KV<K, V> kv = keyFact.apply(r);
      if (kv != null) {
        out.output(kv);
      }
    }
  }

  private static final class EmitValues extends DoFn<MetricLedger, Row> {
    private final AsOf asOf;
    private final MetricParameters p;

    EmitValues(AsOf asOf, MetricParameters p) {
      this.asOf = asOf;
      this.p = p;
    }

    @ProcessElement
    public void process(@Element MetricLedger ledger, MultiOutputReceiver out) {
      MetricLedger.Values values = ledger.values(asOf, p);
      values.daily().forEach(v -> out.get(METRIC_DAILY).output(v.toDailyRow()));
      values.monthly().forEach(v -> out.get(METRIC_MONTHLY).output(v.toMonthlyRow()));
    }
  }
}
