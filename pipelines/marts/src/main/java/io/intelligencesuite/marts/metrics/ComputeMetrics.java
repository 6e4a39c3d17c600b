package io.intelligencesuite.marts.metrics;

import io.intelligencesuite.marts.RecordCoder;
import io.intelligencesuite.marts.metrics.Aggregates.Adoption;
import io.intelligencesuite.marts.metrics.Aggregates.DealMonth;
import io.intelligencesuite.marts.metrics.Aggregates.DiscountMonth;
import io.intelligencesuite.marts.metrics.Aggregates.LeadCohort;
import io.intelligencesuite.marts.metrics.Aggregates.Mergeable;
import io.intelligencesuite.marts.metrics.Aggregates.MonthCustomers;
import io.intelligencesuite.marts.metrics.Aggregates.MonthRevenue;
import io.intelligencesuite.marts.metrics.Aggregates.PaymentMonth;
import io.intelligencesuite.marts.metrics.Aggregates.TrialCohort;
import io.intelligencesuite.marts.revenue.Billing;
import io.intelligencesuite.marts.revenue.FxRates;
import io.intelligencesuite.marts.revenue.RevenueSettings;
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
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.SchemaCoder;
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
 * The dictionary's metrics from the marts: fact_revenue, dim_customer, dim_company, fact_trial,
 * fact_lead, fact_usage, staging payments, invoice_lines and crm_deals in (tagged rows of their
 * registry schemas), metric_daily and metric_monthly rows out, and metric_xmr for the metrics the
 * dictionary charts ({@link XmrCharts} over the monthly rows, with the dictionary's baseline and
 * restart parameters). Every monthly metric is also reported per segment value ({@link Segments}:
 * plan, interval, country, size, channel), feature adoption excepted (its dimension is the
 * feature).
 *
 * <pre>{@code
 * PCollectionTuple metrics = PCollectionTuple.of(ComputeMetrics.FACT_REVENUE, revenue)
 *     .and(ComputeMetrics.DIM_CUSTOMER, customers).and(ComputeMetrics.DIM_COMPANY, companies)
 *     .and(ComputeMetrics.FACT_TRIAL, trials)
 *     .and(ComputeMetrics.FACT_LEAD, leads).and(ComputeMetrics.FACT_USAGE, usage)
 *     .and(ComputeMetrics.PAYMENTS, payments).and(ComputeMetrics.CRM_DEALS, deals)
 *     .and(ComputeMetrics.INVOICE_LINES, lines).and(ComputeMetrics.INVOICES, invoices)
 *     .apply(ComputeMetrics.asOf(asOfDate, MetricParameters.defaults()));
 * metrics.get(ComputeMetrics.METRIC_DAILY); metrics.get(ComputeMetrics.METRIC_MONTHLY);
 * metrics.get(ComputeMetrics.METRIC_XMR);
 * }</pre>
 *
 * <p>Shuffle shape: segments are grouped per company (dim_company with its dim_customer rows);
 * movements, payments, invoice lines and segments per customer (paying state per month), trials and
 * leads per company with the company's segments, usage per company and month; facts are summed per
 * dimension value and month ({@code Combine.perKey}, lifted before the shuffle; revenue keeps its
 * days inside the month's value), and the per-month sums of each dimension value (a few dozen small
 * values) meet in one combine per dimension value, where {@link MetricLedger} applies the formulas.
 * The golden tests run this very transform, so there is no second, in-memory version of the row
 * selection.
 */
public final class ComputeMetrics extends PTransform<PCollectionTuple, PCollectionTuple> {
  public static final TupleTag<Row> FACT_REVENUE = new TupleTag<>(Tables.FACT_REVENUE.name()) {};
  public static final TupleTag<Row> DIM_CUSTOMER = new TupleTag<>(Tables.DIM_CUSTOMER.name()) {};
  public static final TupleTag<Row> DIM_COMPANY = new TupleTag<>(Tables.DIM_COMPANY.name()) {};
  public static final TupleTag<Row> FACT_TRIAL = new TupleTag<>(Tables.FACT_TRIAL.name()) {};
  public static final TupleTag<Row> FACT_LEAD = new TupleTag<>(Tables.FACT_LEAD.name()) {};
  public static final TupleTag<Row> FACT_USAGE = new TupleTag<>(Tables.FACT_USAGE.name()) {};
  public static final TupleTag<Row> PAYMENTS = new TupleTag<>(Tables.PAYMENTS.name()) {};
  public static final TupleTag<Row> CRM_DEALS = new TupleTag<>(Tables.CRM_DEALS.name()) {};
  public static final TupleTag<Row> INVOICE_LINES = new TupleTag<>(Tables.INVOICE_LINES.name()) {};
  public static final TupleTag<Row> INVOICES = new TupleTag<>(Tables.INVOICES.name()) {};
  public static final TupleTag<Row> METRIC_DAILY = new TupleTag<>(Tables.METRIC_DAILY.name()) {};
  public static final TupleTag<Row> METRIC_MONTHLY =
      new TupleTag<>(Tables.METRIC_MONTHLY.name()) {};
  public static final TupleTag<Row> METRIC_XMR = new TupleTag<>(Tables.METRIC_XMR.name()) {};

  private static final List<TupleTag<Row>> INPUTS =
      List.of(
          FACT_REVENUE,
          DIM_CUSTOMER,
          DIM_COMPANY,
          FACT_TRIAL,
          FACT_LEAD,
          FACT_USAGE,
          PAYMENTS,
          CRM_DEALS,
          INVOICE_LINES,
          INVOICES);

  private final AsOf asOf;
  private final MetricParameters params;
  private final String reportingCurrency;
  private final FxRates fx;

  private ComputeMetrics(AsOf asOf, MetricParameters params, String reportingCurrency, FxRates fx) {
    this.asOf = asOf;
    this.params = params;
    this.reportingCurrency = reportingCurrency;
    this.fx = fx;
  }

  /**
   * Metrics as of this date (inclusive): days through it, complete months only; invoice-line
   * amounts (discount_rate) in USD at the demo company's fixed rates ({@link RevenueSettings#usd}).
   */
  public static ComputeMetrics asOf(LocalDate asOfDate, MetricParameters params) {
    RevenueSettings usd = RevenueSettings.usd(asOfDate);
    return asOf(asOfDate, params, usd.reportingCurrency(), usd.fx());
  }

  /** As above, invoice-line amounts converted to this reporting currency with these rates. */
  public static ComputeMetrics asOf(
      LocalDate asOfDate, MetricParameters params, String reportingCurrency, FxRates fx) {
    return new ComputeMetrics(new AsOf(asOfDate), params, reportingCurrency, fx);
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
    String reporting = this.reportingCurrency;
    FxRates fx = this.fx;

    // Segments: each customer's and company's segment values (Segments), as of the as-of date.
    TupleTag<Row> companyRowTag = new TupleTag<>("dimCompany");
    TupleTag<Row> customerRowTag = new TupleTag<>("dimCustomer");
    PCollectionTuple segments =
        KeyedPCollectionTuple.of(
                companyRowTag,
                in.get(DIM_COMPANY)
                    .apply(
                        "CompanyRowsByCompany",
                        ParDo.of(
                            new KeyRows<String, Row>(r -> KV.of(r.getString("company_id"), r))))
                    .setCoder(
                        KvCoder.of(
                            StringUtf8Coder.of(), SchemaCoder.of(Tables.DIM_COMPANY.schema()))))
            .and(
                customerRowTag,
                in.get(DIM_CUSTOMER)
                    .apply(
                        "CustomerRowsByCompany",
                        ParDo.of(
                            new KeyRows<String, Row>(
                                r ->
                                    KV.of(
                                        companyKey(
                                            r.getString("company_id"), r.getString("customer_id")),
                                        r))))
                    .setCoder(
                        KvCoder.of(
                            StringUtf8Coder.of(), SchemaCoder.of(Tables.DIM_CUSTOMER.schema()))))
            .apply("GroupSegmentsPerCompany", CoGroupByKey.create())
            .apply(
                "SegmentsOfCustomersAndCompanies",
                ParDo.of(new SegmentsOf(companyRowTag, customerRowTag))
                    .withOutputTags(SegmentsOf.CUSTOMER, TupleTagList.of(SegmentsOf.COMPANY)));
    Coder<KV<String, Segments.Of>> segmentsCoder =
        KvCoder.of(StringUtf8Coder.of(), RecordCoder.of(Segments.Of.class));
    PCollection<KV<String, Segments.Of>> customerSegments =
        segments.get(SegmentsOf.CUSTOMER).setCoder(segmentsCoder);
    PCollection<KV<String, Segments.Of>> companySegments =
        segments.get(SegmentsOf.COMPANY).setCoder(segmentsCoder);

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
            .setCoder(KvCoder.of(StringUtf8Coder.of(), RecordCoder.of(Facts.Movement.class)));
    PCollection<KV<String, Facts.Payment>> payments =
        in.get(PAYMENTS)
            .apply(
                "PaymentsPerCustomer",
                ParDo.of(
                    new KeyRows<String, Facts.Payment>(
                        r -> {
                          Facts.Payment x = Facts.Payment.fromRow(r);
                          return asOf.includes(x.attemptedDate())
                              ? KV.of(
                                  r.getString("customer_id") == null
                                      ? "payment without a customer"
                                      : r.getString("customer_id"),
                                  x)
                              : null;
                        })))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), RecordCoder.of(Facts.Payment.class)));

    // Subscription lines of invoices that bill (Billing.Invoice#bills: not draft, void or
    // uncollectible), joined per invoice, then per customer; a line without its invoice is left
    // out.
    PCollection<KV<String, Facts.InvoiceLine>> invoiceLines =
        KeyedPCollectionTuple.of(
                BilledLines.LINES,
                in.get(INVOICE_LINES)
                    .apply(
                        "InvoiceLinesPerInvoice",
                        ParDo.of(
                            new KeyRows<String, Facts.InvoiceLine>(
                                r -> {
                                  Facts.InvoiceLine l = Facts.InvoiceLine.fromRow(r, reporting, fx);
                                  return l != null && asOf.includes(l.invoiceDate())
                                      ? KV.of(r.getString("invoice_id"), l)
                                      : null;
                                })))
                    .setCoder(
                        KvCoder.of(StringUtf8Coder.of(), RecordCoder.of(Facts.InvoiceLine.class))))
            .and(
                BilledLines.BILLS,
                in.get(INVOICES)
                    .apply(
                        "InvoiceBills",
                        ParDo.of(
                            new KeyRows<String, Boolean>(
                                r ->
                                    KV.of(
                                        r.getString("invoice_id"),
                                        Billing.Invoice.fromRow(r).bills()))))
                    .setCoder(KvCoder.of(StringUtf8Coder.of(), BooleanCoder.of())))
            .apply("GroupLinesWithInvoice", CoGroupByKey.create())
            .apply("BilledLinesPerCustomer", ParDo.of(new BilledLines()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), RecordCoder.of(Facts.InvoiceLine.class)));

    List<PCollection<KV<String, MetricLedger>>> parts = new ArrayList<>();
    PCollectionTuple customerMonths =
        KeyedPCollectionTuple.of(PayingStatePerMonth.MOVEMENTS, movements)
            .and(PayingStatePerMonth.SEGMENTS, customerSegments)
            .and(PayingStatePerMonth.PAYMENTS, payments)
            .and(PayingStatePerMonth.LINES, invoiceLines)
            .apply("GroupPerCustomer", CoGroupByKey.create())
            .apply(
                "PayingStatePerMonth",
                ParDo.of(new PayingStatePerMonth(asOf))
                    .withOutputTags(
                        PayingStatePerMonth.CHURN,
                        TupleTagList.of(PayingStatePerMonth.PAYING_COMPANY)
                            .and(PayingStatePerMonth.REVENUE)
                            .and(PayingStatePerMonth.PAYMENT)
                            .and(PayingStatePerMonth.DISCOUNT)));
    parts.add(
        perPeriod(
            "Revenue",
            customerMonths.get(PayingStatePerMonth.REVENUE).setCoder(slotCoder(MonthRevenue.class)),
            MonthRevenue.class,
            (m, r) -> new MetricLedger().addMonth(r)));
    parts.add(
        perPeriod(
            "CustomerChurn",
            customerMonths.get(PayingStatePerMonth.CHURN).setCoder(slotCoder(MonthCustomers.class)),
            MonthCustomers.class,
            (m, c) -> new MetricLedger().addCustomerMonth(m, c)));
    parts.add(
        perPeriod(
            "Payments",
            customerMonths.get(PayingStatePerMonth.PAYMENT).setCoder(slotCoder(PaymentMonth.class)),
            PaymentMonth.class,
            (m, x) -> new MetricLedger().addPayments(m, x)));
    parts.add(
        perPeriod(
            "Discounts",
            customerMonths
                .get(PayingStatePerMonth.DISCOUNT)
                .setCoder(slotCoder(DiscountMonth.class)),
            DiscountMonth.class,
            (m, d) -> new MetricLedger().addDiscounts(m, d)));

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
    PCollection<KV<String, Adoption>> adoption =
        KeyedPCollectionTuple.of(payingTag, payingCompanies)
            .and(featureTag, featuresUsed)
            .apply("GroupPerCompanyMonth", CoGroupByKey.create())
            .apply(
                "AdoptionPerCompanyMonth",
                ParDo.of(new AdoptionPerCompanyMonth(payingTag, featureTag)))
            .setCoder(slotCoder(Adoption.class));
    parts.add(
        perPeriod(
            "Adoption", adoption, Adoption.class, (m, a) -> new MetricLedger().addAdoption(m, a)));

    parts.add(
        perCompany(
            "Trials",
            in.get(FACT_TRIAL),
            companySegments,
            TrialCohort.class,
            r -> {
              Facts.Trial t = Facts.Trial.fromRow(r);
              LocalDate day = Facts.day(t.startedAt());
              return asOf.includes(day)
                  ? new Dated<>(day, r.getString("channel"), TrialCohort.of(t, asOf, p))
                  : null;
            },
            (m, t) -> new MetricLedger().addTrials(m, t)));
    parts.add(
        perCompany(
            "Leads",
            in.get(FACT_LEAD),
            companySegments,
            LeadCohort.class,
            r -> {
              Facts.Lead l = Facts.Lead.fromRow(r);
              LocalDate day = Facts.day(l.createdAt());
              return asOf.includes(day)
                  ? new Dated<>(day, r.getString("channel"), LeadCohort.of(l, asOf, p))
                  : null;
            },
            (m, l) -> new MetricLedger().addLeads(m, l)));
    // Deals: company-wide only (CRM companies are not in the identity graph, so no segment).
    parts.add(
        perPeriod(
            "Deals",
            in.get(CRM_DEALS)
                .apply("ClosedDeals", Filter.by(Facts.Deal::closed))
                .apply(
                    "DealPerCloseMonth",
                    ParDo.of(
                        new KeyRows<String, DealMonth>(
                            r -> {
                              Facts.Deal d = Facts.Deal.fromRow(r);
                              LocalDate day = Facts.day(d.closedAt());
                              return asOf.includes(day)
                                  ? KV.of(slot(MetricValue.ALL, Facts.month(day)), DealMonth.of(d))
                                  : null;
                            })))
                .setCoder(slotCoder(DealMonth.class)),
            DealMonth.class,
            (m, d) -> new MetricLedger().addDeals(m, d)));

    PCollectionTuple out =
        PCollectionList.of(parts)
            .apply("AllPeriods", Flatten.pCollections())
            .apply("OneLedgerPerDimension", Combine.perKey(new LedgerFn()))
            .apply(
                "ApplyFormulas",
                ParDo.of(emitValues(asOf, p))
                    .withOutputTags(METRIC_DAILY, TupleTagList.of(METRIC_MONTHLY)));
    out.get(METRIC_DAILY).setRowSchema(Tables.METRIC_DAILY.schema());
    out.get(METRIC_MONTHLY).setRowSchema(Tables.METRIC_MONTHLY.schema());
    return out.and(
        METRIC_XMR, out.get(METRIC_MONTHLY).apply("XmrCharts", XmrCharts.forDictionary(p)));
  }

  /**
   * The key a customer's rows meet under: its company, or the customer itself when it has none (a
   * key no company has).
   */
  private static String companyKey(@Nullable String companyId, @Nullable String customerId) {
    return companyId != null ? companyId : "customer:" + customerId;
  }

  /** A shuffle key: the dimension value and the period (epoch day of its day or month). */
  private static String slot(String dimension, LocalDate period) {
    return dimension + "|" + period.toEpochDay();
  }

  private static <T> Coder<KV<String, T>> slotCoder(Class<T> type) {
    return KvCoder.of(StringUtf8Coder.of(), RecordCoder.of(type));
  }

  /** A trial's or lead's day, own channel and value. */
  private record Dated<T>(LocalDate day, @Nullable String channel, T value)
      implements Serializable {}

  /** Dates one fact row, or null when it does not count (after the as-of date). */
  private interface DateFact<T> extends Serializable {
    @Nullable Dated<T> apply(Row row);
  }

  /**
   * Facts of a company (trials, leads): joined with the company's segments, placed in their month
   * under "all" and each segment value (the fact's own channel), then {@link #perPeriod}.
   */
  private static <T extends Mergeable<T>> PCollection<KV<String, MetricLedger>> perCompany(
      String name,
      PCollection<Row> rows,
      PCollection<KV<String, Segments.Of>> companySegments,
      Class<T> type,
      DateFact<T> dated,
      ToLedger<T> toLedger) {
    TupleTag<Row> factTag = new TupleTag<>(name + "Facts");
    TupleTag<Segments.Of> segmentsTag = new TupleTag<>(name + "Segments");
    PCollection<KV<String, Row>> keyed =
        rows.apply(
                name + "PerCompany",
                ParDo.of(
                    new KeyRows<String, Row>(
                        r -> KV.of(companyKey(r.getString("company_id"), "none"), r))))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SchemaCoder.of(rows.getSchema())));
    PCollection<KV<String, T>> values =
        KeyedPCollectionTuple.of(factTag, keyed)
            .and(segmentsTag, companySegments)
            .apply(name + "GroupWithSegments", CoGroupByKey.create())
            .apply(
                name + "PerSegmentMonth",
                ParDo.of(
                    new DoFn<KV<String, CoGbkResult>, KV<String, T>>() {
                      @ProcessElement
                      public void process(
                          @Element KV<String, CoGbkResult> company,
                          OutputReceiver<KV<String, T>> out) {
                        Segments.Of seg =
                            company.getValue().getOnly(segmentsTag, Segments.Of.UNKNOWN_ALL);
                        for (Row r : company.getValue().getAll(factTag)) {
                          Dated<T> d = dated.apply(r);
                          if (d != null) {
                            for (String dim : seg.withChannel(d.channel()).allAndSegments()) {
                              out.output(KV.of(slot(dim, Facts.month(d.day())), d.value()));
                            }
                          }
                        }
                      }
                    }))
            .setCoder(slotCoder(type));
    return perPeriod(name, values, type, toLedger);
  }

  /** Turns one period's total into a one-entry ledger. */
  private interface ToLedger<T> extends Serializable {
    MetricLedger apply(LocalDate period, T total);
  }

  /**
   * Sums values per slot (dimension and period) and makes each total a one-period ledger of its
   * dimension.
   */
  private static <T extends Mergeable<T>> PCollection<KV<String, MetricLedger>> perPeriod(
      String name, PCollection<KV<String, T>> values, Class<T> type, ToLedger<T> toLedger) {
    return values
        .apply(name + "SumPerSlot", Combine.perKey(new MergeFn<T>()))
        .setCoder(slotCoder(type))
        .apply(
            name + "ToLedger",
            ParDo.of(
                new DoFn<KV<String, T>, KV<String, MetricLedger>>() {
                  @ProcessElement
                  public void process(
                      @Element KV<String, T> total, OutputReceiver<KV<String, MetricLedger>> out) {
                    String slot = total.getKey();
                    int bar = slot.lastIndexOf('|');
                    LocalDate period =
                        LocalDate.ofEpochDay(Long.parseLong(slot.substring(bar + 1)));
                    out.output(
                        KV.of(slot.substring(0, bar), toLedger.apply(period, total.getValue())));
                  }
                }))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), MetricLedger.coder()));
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
      return MetricLedger.coder();
    }
  }

  /**
   * Per customer, under "all" and each of its segment values: its movements per month, its churn
   * and retention inputs per month, its payments and its subscription lines' discounts per month;
   * and "company X pays at the end of month M" for feature adoption.
   */
  private static final class PayingStatePerMonth
      extends DoFn<KV<String, CoGbkResult>, KV<String, MonthCustomers>> {
    // A customer's inputs, grouped by customer id.
    static final TupleTag<Facts.Movement> MOVEMENTS = new TupleTag<>("movements");
    static final TupleTag<Segments.Of> SEGMENTS = new TupleTag<>("segments");
    static final TupleTag<Facts.Payment> PAYMENTS = new TupleTag<>("payments");
    static final TupleTag<Facts.InvoiceLine> LINES = new TupleTag<>("invoiceLines");

    static final TupleTag<KV<String, MonthCustomers>> CHURN = new TupleTag<>("churn") {};
    static final TupleTag<KV<String, Boolean>> PAYING_COMPANY = new TupleTag<>("payingCompany") {};
    static final TupleTag<KV<String, MonthRevenue>> REVENUE = new TupleTag<>("revenue") {};
    static final TupleTag<KV<String, PaymentMonth>> PAYMENT = new TupleTag<>("payment") {};
    static final TupleTag<KV<String, DiscountMonth>> DISCOUNT = new TupleTag<>("discount") {};
    private final AsOf asOf;

    PayingStatePerMonth(AsOf asOf) {
      this.asOf = asOf;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> customer, MultiOutputReceiver out) {
      Iterable<Facts.Movement> movements = customer.getValue().getAll(MOVEMENTS);
      Segments.Of seg = customer.getValue().getOnly(SEGMENTS, Segments.Of.UNKNOWN_ALL);
      List<String> dimensions = seg.allAndSegments();
      for (Facts.Movement m : movements) {
        if (asOf.includes(m.date())) {
          MonthRevenue r = MonthRevenue.of(m);
          for (String dim : dimensions) {
            out.get(REVENUE).output(KV.of(slot(dim, Facts.month(m.date())), r));
          }
        }
      }
      for (Facts.Payment x : customer.getValue().getAll(PAYMENTS)) {
        PaymentMonth pm = PaymentMonth.of(x);
        for (String dim : dimensions) {
          out.get(PAYMENT).output(KV.of(slot(dim, Facts.month(x.attemptedDate())), pm));
        }
      }
      for (Facts.InvoiceLine l : customer.getValue().getAll(LINES)) {
        DiscountMonth d = DiscountMonth.of(l);
        for (String dim : dimensions) {
          out.get(DISCOUNT).output(KV.of(slot(dim, Facts.month(l.invoiceDate())), d));
        }
      }
      String company =
          CustomerHistory.companyOf(
              seg.companyId() == null ? List.of() : List.of(seg.companyId()), movements);
      for (CustomerHistory.CustomerMonth cm :
          CustomerHistory.months(movements, asOf, asOf.lastCompleteMonth())) {
        MonthCustomers c = MonthCustomers.of(cm);
        for (String dim : dimensions) {
          out.get(CHURN).output(KV.of(slot(dim, cm.month()), c));
        }
        if (cm.payingAtEnd() && company != null) {
          out.get(PAYING_COMPANY).output(KV.of(companyMonthKey(cm.month(), company), true));
        }
      }
    }
  }

  /**
   * Per company (dim_company rows and the dim_customer rows of each company, or of no company): the
   * segments of each customer, and of each company (plan and interval of its customer paying most).
   */
  private static final class SegmentsOf
      extends DoFn<KV<String, CoGbkResult>, KV<String, Segments.Of>> {
    static final TupleTag<KV<String, Segments.Of>> CUSTOMER = new TupleTag<>("customerSegments") {};
    static final TupleTag<KV<String, Segments.Of>> COMPANY = new TupleTag<>("companySegments") {};
    private final TupleTag<Row> companyTag;
    private final TupleTag<Row> customerTag;

    SegmentsOf(TupleTag<Row> companyTag, TupleTag<Row> customerTag) {
      this.companyTag = companyTag;
      this.customerTag = customerTag;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> group, MultiOutputReceiver out) {
      Row company = null;
      for (Row r : group.getValue().getAll(companyTag)) {
        company = r;
      }
      String country = company == null ? null : company.getString("country");
      String size = company == null ? null : company.getString("segment");
      Row top = null;
      for (Row c : group.getValue().getAll(customerTag)) {
        out.get(CUSTOMER)
            .output(
                KV.of(
                    c.getString("customer_id"),
                    Segments.Of.of(
                        c.getString("company_id"),
                        c.getString("current_product"),
                        c.getString("billing_interval"),
                        country,
                        size,
                        c.getString("first_touch_channel"))));
        if (top == null || paysMore(c, top)) {
          top = c;
        }
      }
      if (company != null) {
        out.get(COMPANY)
            .output(
                KV.of(
                    group.getKey(),
                    Segments.Of.of(
                        group.getKey(),
                        top == null ? null : top.getString("current_product"),
                        top == null ? null : top.getString("billing_interval"),
                        country,
                        size,
                        null)));
      }
    }

    /** More MRR now, then the smaller customer id: one customer per company, stably. */
    private static boolean paysMore(Row a, Row b) {
      int byMrr = Long.compare(a.getInt64("mrr_cents"), b.getInt64("mrr_cents"));
      return byMrr != 0
          ? byMrr > 0
          : a.getString("customer_id").compareTo(b.getString("customer_id")) < 0;
    }
  }

  /**
   * An invoice's lines by customer when the invoice bills; none when it does not, or is missing.
   */
  private static final class BilledLines
      extends DoFn<KV<String, CoGbkResult>, KV<String, Facts.InvoiceLine>> {
    // An invoice's lines and whether it bills, grouped by invoice id.
    static final TupleTag<Facts.InvoiceLine> LINES = new TupleTag<>("invoiceLine");
    static final TupleTag<Boolean> BILLS = new TupleTag<>("invoiceBills");

    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> invoice,
        OutputReceiver<KV<String, Facts.InvoiceLine>> out) {
      if (Boolean.TRUE.equals(invoice.getValue().getOnly(BILLS, false))) {
        for (Facts.InvoiceLine l : invoice.getValue().getAll(LINES)) {
          out.output(KV.of(l.customerId(), l));
        }
      }
    }
  }

  private static String companyMonthKey(LocalDate month, String company) {
    return month.toEpochDay() + "|" + company;
  }

  /** Feature adoption is per feature (its dimension), company-wide only: slots of "all". */
  private static final class AdoptionPerCompanyMonth
      extends DoFn<KV<String, CoGbkResult>, KV<String, Adoption>> {
    private final TupleTag<Boolean> payingTag;
    private final TupleTag<String> featureTag;

    AdoptionPerCompanyMonth(TupleTag<Boolean> payingTag, TupleTag<String> featureTag) {
      this.payingTag = payingTag;
      this.featureTag = featureTag;
    }

    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> companyMonth, OutputReceiver<KV<String, Adoption>> out) {
      long month =
          Long.parseLong(companyMonth.getKey().substring(0, companyMonth.getKey().indexOf('|')));
      boolean paying = companyMonth.getValue().getAll(payingTag).iterator().hasNext();
      Set<String> features = new TreeSet<>();
      companyMonth.getValue().getAll(featureTag).forEach(features::add);
      out.output(
          KV.of(
              slot(MetricValue.ALL, LocalDate.ofEpochDay(month)),
              Adoption.ofCompanyMonth(paying, features)));
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

  /**
   * One dimension's ledger -> its values: daily and monthly for "all", monthly for a segment value
   * (metric_daily stays company-wide).
   */
  private static DoFn<KV<String, MetricLedger>, Row> emitValues(AsOf asOf, MetricParameters p) {
    return new DoFn<KV<String, MetricLedger>, Row>() {
      @ProcessElement
      public void process(@Element KV<String, MetricLedger> ledger, MultiOutputReceiver out) {
        MetricLedger.Values values = ledger.getValue().values(asOf, p);
        if (MetricValue.ALL.equals(ledger.getKey())) {
          values.daily().forEach(v -> out.get(METRIC_DAILY).output(v.toDailyRow()));
          values.monthly().forEach(v -> out.get(METRIC_MONTHLY).output(v.toMonthlyRow()));
        } else {
          values
              .monthly()
              .forEach(
                  v ->
                      out.get(METRIC_MONTHLY)
                          .output(v.inDimension(ledger.getKey()).toMonthlyRow()));
        }
      }
    };
  }
}
