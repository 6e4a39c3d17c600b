package io.intelligencesuite.marts;

import io.intelligencesuite.marts.AccountSignalRules.Charge;
import io.intelligencesuite.marts.AccountSignalRules.FeatureDay;
import io.intelligencesuite.marts.AccountSignalRules.SeatLine;
import io.intelligencesuite.marts.AccountSignalRules.SubscriptionDay;
import io.intelligencesuite.marts.AccountSignalRules.UserDay;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * {@code account_signals}: per paying company and week, the usage trend per core feature, seats
 * used against seats paid, failed payments and the churn-risk and expansion flags, by the rules of
 * {@link AccountSignalRules}. Each input is keyed by company, the five meet in one shuffle, and
 * each company's weeks are computed where its rows meet.
 *
 * <pre>{@code
 * PCollection<Row> signals =
 *     PCollectionTuple.of(AccountSignals.SUBSCRIPTION_DAYS, factSubscription)
 *         .and(AccountSignals.USAGE, factUsage)
 *         .and(AccountSignals.INVOICE_LINES, invoiceLines)
 *         .and(AccountSignals.PAYMENTS, payments)
 *         .apply(AccountSignals.of(coreFeatures, asOf, activeUsers, companyByCustomer));
 * }</pre>
 */
public final class AccountSignals extends PTransform<PCollectionTuple, PCollection<Row>> {
  /** fact_subscription rows. */
  public static final TupleTag<Row> SUBSCRIPTION_DAYS = new TupleTag<>() {};

  /** fact_usage rows. */
  public static final TupleTag<Row> USAGE = new TupleTag<>() {};

  /** invoice_lines rows (staging): the seats billed. */
  public static final TupleTag<Row> INVOICE_LINES = new TupleTag<>() {};

  /** payments rows (staging): the charge attempts. */
  public static final TupleTag<Row> PAYMENTS = new TupleTag<>() {};

  private static final TupleTag<SubscriptionDay> DAY = new TupleTag<>() {};
  private static final TupleTag<FeatureDay> FEATURE = new TupleTag<>() {};
  private static final TupleTag<UserDay> USER = new TupleTag<>() {};
  private static final TupleTag<SeatLine> SEATS = new TupleTag<>() {};
  private static final TupleTag<Charge> CHARGE = new TupleTag<>() {};

  private final List<String> coreFeatures;
  private final LocalDate asOf;
  private final PCollection<KV<String, UserDay>> activeUsers;
  private final PCollectionView<Map<String, String>> companyByCustomer;

  private AccountSignals(
      List<String> coreFeatures,
      LocalDate asOf,
      PCollection<KV<String, UserDay>> activeUsers,
      PCollectionView<Map<String, String>> companyByCustomer) {
    this.coreFeatures = List.copyOf(coreFeatures);
    this.asOf = asOf;
    this.activeUsers = activeUsers;
    this.companyByCustomer = companyByCustomer;
  }

  /**
   * The signals up to {@code asOf}, with these core features (the dictionary's activation core
   * features), the companies' active users (company -> user and day; {@link #activeUsers}) and the
   * company of each Stripe customer (for invoice lines and payments).
   */
  public static AccountSignals of(
      List<String> coreFeatures,
      LocalDate asOf,
      PCollection<KV<String, UserDay>> activeUsers,
      PCollectionView<Map<String, String>> companyByCustomer) {
    return new AccountSignals(coreFeatures, asOf, activeUsers, companyByCustomer);
  }

  /** The coder of (company, active user) pairs. */
  public static KvCoder<String, UserDay> activeUserCoder() {
    return KvCoder.of(StringUtf8Coder.of(), AccountSignalCoders.UserDayCoder.INSTANCE);
  }

  @Override
  public PCollection<Row> expand(PCollectionTuple in) {
    List<String> core = coreFeatures; // the lambdas below must not capture this transform
    PCollection<KV<String, SubscriptionDay>> days =
        KeyedRows.by(
            "Paying days by company",
            in.get(SUBSCRIPTION_DAYS),
            "company_id",
            r -> r.getInt64("mrr_cents") > 0,
            r ->
                new SubscriptionDay(
                    r.getValue("date"), r.getString("subscription_id"), r.getInt64("mrr_cents")),
            AccountSignalCoders.SubscriptionDayCoder.INSTANCE);
    PCollection<KV<String, FeatureDay>> usage =
        KeyedRows.by(
            "Core usage by company",
            in.get(USAGE),
            "company_id",
            r -> core.contains(r.getString("feature")),
            r -> new FeatureDay(r.getValue("date"), r.getString("feature"), r.getInt64("events")),
            AccountSignalCoders.FeatureDayCoder.INSTANCE);
    PCollection<KV<String, SeatLine>> seats =
        byCustomerCompany(
            companyByCustomer,
            "Seat lines by company",
            in.get(INVOICE_LINES),
            r ->
                "subscription".equals(r.getString("line_type"))
                        && r.getString("subscription_id") != null
                        && r.getInt64("quantity") != null
                        && r.getInt64("amount_cents") >= 0
                        && r.getDateTime("period_start") != null
                        && r.getDateTime("period_end") != null
                    ? new SeatLine(
                        r.getString("subscription_id"),
                        r.getString("subscription_item_id") == null
                            ? r.getString("price_id")
                            : r.getString("subscription_item_id"),
                        r.getDateTime("period_start").getMillis(),
                        r.getDateTime("period_end").getMillis(),
                        r.getInt64("quantity"))
                    : null,
            RecordCoder.of(SeatLine.class));
    PCollection<KV<String, Charge>> charges =
        byCustomerCompany(
            companyByCustomer,
            "Charges by company",
            in.get(PAYMENTS),
            r ->
                new Charge(
                    r.<LocalDate>getValue("attempted_date"),
                    "failed".equals(r.getString("status"))),
            RecordCoder.of(Charge.class));
    return KeyedPCollectionTuple.of(DAY, days)
        .and(FEATURE, usage)
        .and(USER, activeUsers)
        .and(SEATS, seats)
        .and(CHARGE, charges)
        .apply("Signal inputs per company", CoGroupByKey.create())
        .apply("account_signals rows", ParDo.of(new CompanyWeeks(coreFeatures, asOf)))
        .setRowSchema(Tables.ACCOUNT_SIGNALS.schema());
  }

  /**
   * Rows of a Stripe table keyed by their customer's company; rows of unknown customers dropped.
   */
  private static <V extends Serializable> PCollection<KV<String, V>> byCustomerCompany(
      PCollectionView<Map<String, String>> companies,
      String name,
      PCollection<Row> rows,
      SerializableFunction<Row, V> value,
      Coder<V> coder) {
    return rows.apply(
            name,
            ParDo.of(
                    new DoFn<Row, KV<String, V>>() {
                      @ProcessElement
                      public void process(
                          @Element Row r, OutputReceiver<KV<String, V>> out, ProcessContext c) {
                        String customer = r.getString("customer_id");
                        String company =
                            customer == null ? null : c.sideInput(companies).get(customer);
                        V v = company == null ? null : value.apply(r);
                        if (v != null) {
                          out.output(KV.of(company, v));
                        }
                      }
                    })
                .withSideInputs(companies))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), coder));
  }

  /** One company's grouped inputs -> its account_signals rows. */
  private static final class CompanyWeeks extends DoFn<KV<String, CoGbkResult>, Row> {
    private final List<String> coreFeatures;
    private final LocalDate asOf;

    CompanyWeeks(List<String> coreFeatures, LocalDate asOf) {
      this.coreFeatures = coreFeatures;
      this.asOf = asOf;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> g, OutputReceiver<Row> out) {
      CoGbkResult r = g.getValue();
      AccountSignalRules.Inputs inputs =
          new AccountSignalRules.Inputs(
              list(r.getAll(DAY)),
              list(r.getAll(FEATURE)),
              list(r.getAll(USER)),
              list(r.getAll(SEATS)),
              list(r.getAll(CHARGE)));
      for (AccountSignalRules.Week w : AccountSignalRules.weeks(coreFeatures, asOf, inputs)) {
        out.output(row(g.getKey(), w));
      }
    }

    private static <T> List<T> list(Iterable<T> items) {
      List<T> out = new ArrayList<>();
      items.forEach(out::add);
      return out;
    }
  }

  static Row row(String company, AccountSignalRules.Week w) {
    StringBuilder trends = new StringBuilder("{");
    w.featureTrends()
        .forEach(
            (f, t) ->
                trends
                    .append(trends.length() > 1 ? "," : "")
                    .append('"')
                    .append(f)
                    .append("\":[")
                    .append(t[0])
                    .append(',')
                    .append(t[1])
                    .append(']'));
    trends.append('}');
    return RowBuilder.of(Tables.ACCOUNT_SIGNALS)
        .set("company_id", company)
        .set("week", w.week())
        .set("week_end", w.weekEnd())
        .set("mrr_cents", w.mrrCents())
        .set("core_events_4w", w.coreEvents4w())
        .set("core_events_prev_4w", w.coreEventsPrev4w())
        .set("usage_trend", w.usageTrend())
        .set("feature_trends", trends.toString())
        .set("declining_features", joined(w.decliningFeatures()))
        .set("seats_used", w.seatsUsed())
        .set("seats_paid", w.seatsPaid())
        .set("seat_utilisation", w.seatUtilisation())
        .set("failed_payments_4w", w.failedPayments4w())
        .set("churn_risk", !w.churnRiskRules().isEmpty())
        .set("churn_risk_rules", joined(w.churnRiskRules()))
        .set("expansion", !w.expansionRules().isEmpty())
        .set("expansion_rules", joined(w.expansionRules()))
        .build();
  }

  private static String joined(List<String> items) {
    return items.isEmpty() ? null : String.join(",", items);
  }
}
