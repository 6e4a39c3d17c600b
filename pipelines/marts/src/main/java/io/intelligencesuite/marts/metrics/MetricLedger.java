package io.intelligencesuite.marts.metrics;

import static io.intelligencesuite.marts.metrics.MetricValue.ALL;

import io.intelligencesuite.marts.RecordCoder;
import io.intelligencesuite.marts.metrics.Aggregates.Adoption;
import io.intelligencesuite.marts.metrics.Aggregates.DayRevenue;
import io.intelligencesuite.marts.metrics.Aggregates.DealMonth;
import io.intelligencesuite.marts.metrics.Aggregates.DiscountMonth;
import io.intelligencesuite.marts.metrics.Aggregates.LeadCohort;
import io.intelligencesuite.marts.metrics.Aggregates.Mergeable;
import io.intelligencesuite.marts.metrics.Aggregates.MonthCustomers;
import io.intelligencesuite.marts.metrics.Aggregates.PaymentMonth;
import io.intelligencesuite.marts.metrics.Aggregates.TrialCohort;
import io.intelligencesuite.schemas.MetricDef;
import io.intelligencesuite.schemas.MetricParameters;
import io.intelligencesuite.schemas.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * All per-period aggregates of a run, keyed by day or month (bounded by the number of periods, not
 * by rows), and the one place that turns them into metric values. Ledgers merge by adding their
 * periods up, so partial ledgers from workers combine into the run's ledger.
 */
public final class MetricLedger implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

  final TreeMap<LocalDate, DayRevenue> days = new TreeMap<>();
  final TreeMap<LocalDate, MonthCustomers> customerMonths = new TreeMap<>();
  final TreeMap<LocalDate, TrialCohort> trials = new TreeMap<>();
  final TreeMap<LocalDate, LeadCohort> leads = new TreeMap<>();
  final TreeMap<LocalDate, PaymentMonth> payments = new TreeMap<>();
  final TreeMap<LocalDate, Adoption> adoption = new TreeMap<>();
  final TreeMap<LocalDate, DealMonth> deals = new TreeMap<>();
  final TreeMap<LocalDate, DiscountMonth> discounts = new TreeMap<>();

  /**
   * The ledger's coder: its eight period maps, each entry its period's epoch day and its value's
   * components ({@link RecordCoder}), not Java serialization (a ledger is one per dimension and
   * period before they combine: some 3.5% of the marts' CPU at demo scale 10 went to serializing
   * them).
   */
  public static Coder<MetricLedger> coder() {
    return LedgerCoder.INSTANCE;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetricLedger l
        && days.equals(l.days)
        && customerMonths.equals(l.customerMonths)
        && trials.equals(l.trials)
        && leads.equals(l.leads)
        && payments.equals(l.payments)
        && adoption.equals(l.adoption)
        && deals.equals(l.deals)
        && discounts.equals(l.discounts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(days, customerMonths, trials, leads, payments, adoption, deals, discounts);
  }

  /** The daily and monthly values of one run. */
  public record Values(List<MetricValue> daily, List<MetricValue> monthly)
      implements Serializable {}

  public MetricLedger addDay(LocalDate day, DayRevenue r) {
    return add(days, day, r);
  }

  public MetricLedger addMonth(Aggregates.MonthRevenue r) {
    r.days().forEach(this::addDay);
    return this;
  }

  public MetricLedger addCustomerMonth(LocalDate month, MonthCustomers c) {
    return add(customerMonths, month, c);
  }

  public MetricLedger addTrials(LocalDate month, TrialCohort t) {
    return add(trials, month, t);
  }

  public MetricLedger addLeads(LocalDate month, LeadCohort l) {
    return add(leads, month, l);
  }

  public MetricLedger addPayments(LocalDate month, PaymentMonth p) {
    return add(payments, month, p);
  }

  public MetricLedger addAdoption(LocalDate month, Adoption a) {
    return add(adoption, month, a);
  }

  public MetricLedger addDeals(LocalDate month, DealMonth d) {
    return add(deals, month, d);
  }

  public MetricLedger addDiscounts(LocalDate month, DiscountMonth d) {
    return add(discounts, month, d);
  }

  /** Adds another ledger's periods into this one (the other is not changed). */
  public MetricLedger addAll(MetricLedger o) {
    o.days.forEach(this::addDay);
    o.customerMonths.forEach(this::addCustomerMonth);
    o.trials.forEach(this::addTrials);
    o.leads.forEach(this::addLeads);
    o.payments.forEach(this::addPayments);
    o.adoption.forEach(this::addAdoption);
    o.deals.forEach(this::addDeals);
    o.discounts.forEach(this::addDiscounts);
    return this;
  }

  private <T extends Mergeable<T>> MetricLedger add(
      TreeMap<LocalDate, T> map, LocalDate key, T value) {
    map.merge(key, value, Mergeable::merge);
    return this;
  }

  /**
   * The metric values: every day from the first month with data through the as-of date, and every
   * complete month. Counts and sums are zero-filled; a rate without a denominator (or an immature
   * cohort) has no value.
   */
  public Values values(AsOf asOf, MetricParameters p) {
    List<MetricValue> daily = new ArrayList<>();
    List<MetricValue> monthly = new ArrayList<>();
    LocalDate first =
        Stream.of(days, customerMonths, trials, leads, payments, adoption, deals, discounts)
            .filter(m -> !m.isEmpty())
            .map(m -> Facts.month(m.firstKey()))
            .min(LocalDate::compareTo)
            .orElse(null);
    if (first == null) {
      return new Values(daily, monthly);
    }
    TreeMap<LocalDate, long[]> monthEnd = new TreeMap<>(); // month -> {mrr, customers} at its end
    TreeMap<LocalDate, DayRevenue> monthFlows = new TreeMap<>();
    long mrr = 0;
    long customers = 0;
    for (LocalDate day = first; asOf.includes(day); day = day.plusDays(1)) {
      DayRevenue r = days.getOrDefault(day, DayRevenue.ZERO);
      mrr += r.delta();
      customers += r.customerChange();
      revenue(daily, day, r, mrr, customers);
      monthFlows.merge(Facts.month(day), r, DayRevenue::merge);
      monthEnd.put(Facts.month(day), new long[] {mrr, customers});
    }
    for (LocalDate month = first;
        !month.isAfter(asOf.lastCompleteMonth());
        month = month.plusMonths(1)) {
      long[] end = monthEnd.get(month);
      long mrrAtStart = month.equals(first) ? 0 : monthEnd.get(month.minusMonths(1))[0];
      DayRevenue flows = monthFlows.get(month);
      revenue(monthly, month, flows, end[0], end[1]);
      OptionalDouble arpa = MetricFormulas.arpa(end[0], end[1]);
      put(monthly, Metrics.ARPA, month, arpa);
      MonthCustomers c = customerMonths.getOrDefault(month, MonthCustomers.ZERO);
      put(
          monthly,
          Metrics.CUSTOMER_CHURN_RATE,
          month,
          MetricFormulas.customerChurnRate(c.churnedFromStart(), c.atStart()));
      put(
          monthly,
          Metrics.NET_MRR_CHURN_RATE,
          month,
          MetricFormulas.netMrrChurnRate(
              flows.churnedMrr(),
              flows.contractionMrr(),
              flows.expansionMrr(),
              flows.reactivationMrr(),
              mrrAtStart));
      MonthCustomers window = MonthCustomers.ZERO;
      for (int back = 0; back < p.ltvTrailingMonths(); back++) {
        window =
            window.merge(customerMonths.getOrDefault(month.minusMonths(back), MonthCustomers.ZERO));
      }
      put(
          monthly,
          Metrics.LTV,
          month,
          MetricFormulas.ltv(arpa, window.churnedFromStart(), window.atStart()));
      retention(monthly, month, c, flows);
      PaymentMonth pay = payments.getOrDefault(month, PaymentMonth.ZERO);
      put(
          monthly,
          Metrics.PAYMENT_SUCCESS_RATE,
          month,
          MetricFormulas.paymentSuccessRate(pay.succeeded(), pay.failed()));
      DiscountMonth discount = discounts.getOrDefault(month, DiscountMonth.ZERO);
      put(
          monthly,
          Metrics.DISCOUNT_RATE,
          month,
          MetricFormulas.discountRate(discount.discountCents(), discount.listCents()));
      DealMonth deal = deals.getOrDefault(month, DealMonth.ZERO);
      put(monthly, Metrics.WIN_RATE, month, MetricFormulas.winRate(deal.won(), deal.lost()));
      put(monthly, Metrics.SALES_CYCLE_DAYS, month, MetricFormulas.median(deal.wonCycleDays()));
      trialMetrics(monthly, month, trials.getOrDefault(month, TrialCohort.ZERO), asOf, p);
      leadMetrics(monthly, month, leads.getOrDefault(month, LeadCohort.ZERO), asOf, p);
      Adoption a = adoption.getOrDefault(month, Adoption.ZERO);
      for (String feature : allFeatures()) {
        OptionalDouble rate =
            MetricFormulas.rate(a.adopters().getOrDefault(feature, 0L), a.payingCompanies());
        if (rate.isPresent()) {
          monthly.add(
              new MetricValue(
                  Metrics.FEATURE_ADOPTION_RATE.name(),
                  month,
                  Segments.dimension(Segments.FEATURE, feature),
                  rate.getAsDouble()));
        }
      }
    }
    return new Values(daily, monthly);
  }

  private static final class LedgerCoder extends CustomCoder<MetricLedger> {
    private static final long serialVersionUID = 1L;
    static final LedgerCoder INSTANCE = new LedgerCoder();

    private final Coder<TreeMap<LocalDate, DayRevenue>> days = periods(DayRevenue.class);
    private final Coder<TreeMap<LocalDate, MonthCustomers>> customerMonths =
        periods(MonthCustomers.class);
    private final Coder<TreeMap<LocalDate, TrialCohort>> trials = periods(TrialCohort.class);
    private final Coder<TreeMap<LocalDate, LeadCohort>> leads = periods(LeadCohort.class);
    private final Coder<TreeMap<LocalDate, PaymentMonth>> payments = periods(PaymentMonth.class);
    private final Coder<TreeMap<LocalDate, Adoption>> adoption = periods(Adoption.class);
    private final Coder<TreeMap<LocalDate, DealMonth>> deals = periods(DealMonth.class);
    private final Coder<TreeMap<LocalDate, DiscountMonth>> discounts = periods(DiscountMonth.class);

    private static <T> Coder<TreeMap<LocalDate, T>> periods(Class<T> type) {
      return RecordCoder.treeMap(RecordCoder.LOCAL_DATE, RecordCoder.of(type));
    }

    @Override
    public void encode(MetricLedger l, OutputStream out) throws IOException {
      days.encode(l.days, out);
      customerMonths.encode(l.customerMonths, out);
      trials.encode(l.trials, out);
      leads.encode(l.leads, out);
      payments.encode(l.payments, out);
      adoption.encode(l.adoption, out);
      deals.encode(l.deals, out);
      discounts.encode(l.discounts, out);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof LedgerCoder;
    }

    @Override
    public int hashCode() {
      return LedgerCoder.class.hashCode();
    }

    @Override
    public MetricLedger decode(InputStream in) throws IOException {
      MetricLedger l = new MetricLedger();
      l.days.putAll(days.decode(in));
      l.customerMonths.putAll(customerMonths.decode(in));
      l.trials.putAll(trials.decode(in));
      l.leads.putAll(leads.decode(in));
      l.payments.putAll(payments.decode(in));
      l.adoption.putAll(adoption.decode(in));
      l.deals.putAll(deals.decode(in));
      l.discounts.putAll(discounts.decode(in));
      return l;
    }
  }

  private static void revenue(
      List<MetricValue> out, LocalDate period, DayRevenue r, long mrr, long customers) {
    put(out, Metrics.MRR, period, mrr);
    put(out, Metrics.ARR, period, MetricFormulas.arr(mrr));
    put(out, Metrics.CUSTOMERS, period, customers);
    put(out, Metrics.NEW_MRR, period, r.newMrr());
    put(out, Metrics.EXPANSION_MRR, period, r.expansionMrr());
    put(out, Metrics.CONTRACTION_MRR, period, r.contractionMrr());
    put(out, Metrics.CHURNED_MRR, period, r.churnedMrr());
    put(out, Metrics.REACTIVATION_MRR, period, r.reactivationMrr());
    put(out, Metrics.FX_MRR, period, r.fxMrr());
    put(
        out,
        Metrics.NET_NEW_MRR,
        period,
        MetricFormulas.netNewMrr(
            r.newMrr(),
            r.expansionMrr(),
            r.reactivationMrr(),
            r.contractionMrr(),
            r.churnedMrr(),
            r.fxMrr()));
    put(out, Metrics.NEW_CUSTOMERS, period, r.newCount());
    put(out, Metrics.CHURNED_CUSTOMERS, period, r.churnCount());
    put(out, Metrics.REACTIVATED_CUSTOMERS, period, r.reactivationCount());
  }

  /** nrr, grr (month and trailing twelve months), quick_ratio and asp of one month. */
  private static void retention(
      List<MetricValue> out, LocalDate month, MonthCustomers c, DayRevenue flows) {
    put(out, Metrics.NRR, month, MetricFormulas.retention(c.retainedMrr(), c.baseMrr()));
    put(out, Metrics.GRR, month, MetricFormulas.retention(c.grossRetainedMrr(), c.baseMrr()));
    put(out, Metrics.NRR_T12M, month, MetricFormulas.retention(c.retainedMrr12(), c.baseMrr12()));
    put(
        out,
        Metrics.GRR_T12M,
        month,
        MetricFormulas.retention(c.grossRetainedMrr12(), c.baseMrr12()));
    put(
        out,
        Metrics.QUICK_RATIO,
        month,
        MetricFormulas.quickRatio(
            flows.newMrr(),
            flows.expansionMrr(),
            flows.reactivationMrr(),
            flows.churnedMrr(),
            flows.contractionMrr()));
    put(out, Metrics.ASP, month, MetricFormulas.asp(flows.newMrr(), flows.newCount()));
  }

  private static void trialMetrics(
      List<MetricValue> out, LocalDate month, TrialCohort t, AsOf asOf, MetricParameters p) {
    put(out, Metrics.TRIALS_STARTED, month, t.started());
    put(out, Metrics.ACTIVATED_TRIALS, month, t.activated());
    put(out, Metrics.CONVERTED_TRIALS, month, t.converted());
    if (t.allEnded(asOf)) {
      put(out, Metrics.ACTIVATION_RATE, month, MetricFormulas.rate(t.activated(), t.started()));
    }
    if (t.matured(asOf, p)) {
      put(out, Metrics.TRIAL_CONVERSION_RATE, month, MetricFormulas.rate(t.converted(), t.ended()));
    }
  }

  private static void leadMetrics(
      List<MetricValue> out, LocalDate month, LeadCohort l, AsOf asOf, MetricParameters p) {
    put(out, Metrics.LEADS_CREATED, month, l.leads());
    put(out, Metrics.LQI, month, MetricFormulas.lqi(l.qualified(), l.leads()));
    long windowClosesAt =
        Facts.startOfDay(month.plusMonths(1)) + p.leadConversionWindowDays() * DAY_MILLIS;
    if (windowClosesAt <= asOf.endMillis()) {
      put(
          out,
          Metrics.LEAD_SCORE_LIFT,
          month,
          MetricFormulas.leadScoreLift(
              l.qualifiedConverted(), l.qualified(), l.otherConverted(), l.other()));
    }
  }

  private List<String> allFeatures() {
    TreeMap<String, Boolean> features = new TreeMap<>();
    adoption.values().forEach(a -> a.featuresSeen().forEach(f -> features.put(f, true)));
    return new ArrayList<>(features.keySet());
  }

  /** The company-wide value of a dictionary metric (only dictionary metrics reach the tables). */
  private static void put(List<MetricValue> out, MetricDef metric, LocalDate period, double value) {
    out.add(new MetricValue(metric.name(), period, ALL, value));
  }

  /** As above; an absent value (a rate without a denominator) has no row. */
  private static void put(
      List<MetricValue> out, MetricDef metric, LocalDate period, OptionalDouble value) {
    if (value.isPresent()) {
      put(out, metric, period, value.getAsDouble());
    }
  }
}
