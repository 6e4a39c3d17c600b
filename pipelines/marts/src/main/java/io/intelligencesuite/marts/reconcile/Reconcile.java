package io.intelligencesuite.marts.reconcile;

import io.intelligencesuite.marts.reconcile.ReconciliationRules.BackendAccount;
import io.intelligencesuite.marts.reconcile.ReconciliationRules.CustomerInputs;
import io.intelligencesuite.marts.reconcile.ReconciliationRules.Finding;
import io.intelligencesuite.marts.reconcile.ReconciliationRules.Movement;
import io.intelligencesuite.marts.reconcile.ReconciliationRules.StripeSubscription;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.ReadableInstant;

/**
 * The discrepancy report as one Beam transform, the same on every runner and warehouse: the
 * Stripe-derived MRR movements ({@code fact_revenue}), ChartMogul's activities, Stripe's
 * subscriptions and the backend's accounts, grouped by Stripe customer id, compared by {@link
 * ReconciliationRules}; out come {@code reconciliation} rows. Any input may be left out of the
 * tuple (its checks then compare against nothing and are skipped where that is meaningless: the
 * backend checks need an account).
 */
public final class Reconcile extends PTransform<PCollectionTuple, PCollection<Row>> {
  /** fact_revenue rows: the Stripe side of the MRR comparison. */
  public static final TupleTag<Row> FACT_REVENUE = new TupleTag<>("fact_revenue") {};

  /** chartmogul_activities rows (staging), keyed by customer_external_id = Stripe customer id. */
  public static final TupleTag<Row> CHARTMOGUL_ACTIVITIES =
      new TupleTag<>("chartmogul_activities") {};

  /** subscriptions rows (staging); only source = stripe is used. */
  public static final TupleTag<Row> SUBSCRIPTIONS = new TupleTag<>("subscriptions") {};

  /** companies rows (staging): the backend's plan, status and stripe_customer_id. */
  public static final TupleTag<Row> COMPANIES = new TupleTag<>("companies") {};

  private final LocalDate asOf;

  private Reconcile(LocalDate asOf) {
    super("Reconcile sources");
    this.asOf = asOf;
  }

  /** Compares every month up to and including the month of {@code asOf}. */
  public static Reconcile asOf(LocalDate asOf) {
    return new Reconcile(asOf);
  }

  @Override
  public PCollection<Row> expand(PCollectionTuple input) {
    KeyedPCollectionTuple<String> keyed = KeyedPCollectionTuple.empty(input.getPipeline());
    keyed = keyBy(keyed, input, FACT_REVENUE, Tables.FACT_REVENUE, "customer_id");
    keyed =
        keyBy(
            keyed,
            input,
            CHARTMOGUL_ACTIVITIES,
            Tables.CHARTMOGUL_ACTIVITIES,
            "customer_external_id");
    keyed = keyBy(keyed, input, SUBSCRIPTIONS, Tables.SUBSCRIPTIONS, "customer_id");
    keyed = keyBy(keyed, input, COMPANIES, Tables.COMPANIES, "stripe_customer_id");
    return keyed
        .apply("Group by Stripe customer", CoGroupByKey.create())
        .apply("Compare sources", ParDo.of(new CompareCustomer(asOf)))
        .setRowSchema(Tables.RECONCILIATION.schema());
  }

  private static KeyedPCollectionTuple<String> keyBy(
      KeyedPCollectionTuple<String> keyed,
      PCollectionTuple input,
      TupleTag<Row> tag,
      TableDef table,
      String keyColumn) {
    if (!input.has(tag)) {
      return keyed;
    }
    PCollection<Row> rows = input.get(tag);
    table.requireSchema(rows.getSchema(), "Reconcile input " + tag.getId());
    PCollection<KV<String, Row>> byCustomer =
        rows.apply("Key " + tag.getId(), ParDo.of(new KeyByColumn(keyColumn)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), rows.getCoder()));
    return keyed.and(tag, byCustomer);
  }

  /**
   * Rows with a null key (an account with no Stripe customer) cannot disagree with billing:
   * skipped.
   */
  static final class KeyByColumn extends DoFn<Row, KV<String, Row>> {
    private final String column;

    KeyByColumn(String column) {
      this.column = column;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<KV<String, Row>> out) {
      String key = row.getString(column);
      if (key != null && !key.isBlank()) {
        out.output(KV.of(key, row));
      }
    }
  }

  static final class CompareCustomer extends DoFn<KV<String, CoGbkResult>, Row> {
    private final LocalDate asOf;

    CompareCustomer(LocalDate asOf) {
      this.asOf = asOf;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> element, OutputReceiver<Row> out) {
      for (Finding f :
          ReconciliationRules.reconcile(
              inputs(element.getKey(), element.getValue()), YearMonth.from(asOf))) {
        out.output(f.toRow());
      }
    }
  }

  static CustomerInputs inputs(String customerId, CoGbkResult grouped) {
    return inputs(
        customerId,
        all(grouped, FACT_REVENUE),
        all(grouped, CHARTMOGUL_ACTIVITIES),
        all(grouped, SUBSCRIPTIONS),
        all(grouped, COMPANIES));
  }

  /** One customer's rows of each input (registry schemas) as the plain inputs the rules take. */
  public static CustomerInputs inputs(
      String customerId,
      Iterable<Row> factRevenue,
      Iterable<Row> chartMogulActivities,
      Iterable<Row> subscriptions,
      Iterable<Row> companies) {
    String companyId = null;
    for (Row r : factRevenue) {
      companyId = companyId == null ? r.getString("company_id") : companyId;
    }
    List<Movement> stripe = movements(factRevenue, "movement_date", "mrr_delta_cents");
    List<Movement> chartMogul =
        movements(chartMogulActivities, "activity_date", "mrr_movement_cents");
    List<StripeSubscription> subs = new ArrayList<>();
    for (Row r : subscriptions) {
      if ("stripe".equals(r.getString("source"))) {
        ReadableInstant created = r.getDateTime("created_at");
        subs.add(
            new StripeSubscription(
                r.getString("subscription_id"),
                r.getString("status"),
                r.getString("price_id"),
                r.getString("product_id"),
                created == null ? 0 : created.getMillis()));
      }
    }
    BackendAccount backend = null;
    for (Row r : companies) {
      // Two accounts on one Stripe customer: the lower account id wins, so the result is stable.
      if (backend == null || r.getString("account_id").compareTo(backend.accountId()) < 0) {
        backend =
            new BackendAccount(
                r.getString("account_id"), r.getString("plan"), r.getString("status"));
      }
      companyId = companyId == null ? r.getString("company_id") : companyId;
    }
    return new CustomerInputs(customerId, companyId, stripe, chartMogul, subs, backend);
  }

  /** Each row's (day, MRR change in cents), read from the table's own column names. */
  private static List<Movement> movements(
      Iterable<Row> rows, String dateColumn, String deltaCentsColumn) {
    List<Movement> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(
          new Movement(
              r.getLogicalTypeValue(dateColumn, LocalDate.class), r.getInt64(deltaCentsColumn)));
    }
    return out;
  }

  private static Iterable<Row> all(CoGbkResult grouped, TupleTag<Row> tag) {
    // A tag absent from the tuple has no rows for any key.
    try {
      return grouped.getAll(tag);
    } catch (IllegalArgumentException notInTuple) {
      return List.of();
    }
  }
}
