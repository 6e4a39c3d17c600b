package io.intelligencesuite.marts.revenue;

import io.intelligencesuite.marts.RecordCoder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.audit.RunContext;
import io.intelligencesuite.transforms.deadletter.DeadLetters;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.SchemaCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The revenue marts in Beam: staging invoice_lines, invoices, subscriptions (source = stripe),
 * subscription_items and customers (already without internal test accounts) -> fact_revenue,
 * fact_subscription, fact_cohort_retention, one customer revenue summary row per paying customer
 * ({@link RevenueRows#CUSTOMER_REVENUE_SUMMARY}, for dim_customer), and dead letters.
 *
 * <p>Shape: subscription items are keyed to their customer through their subscription (one
 * CoGroupByKey by subscription id), then everything is grouped by customer (one CoGroupByKey) and
 * {@link RevenueEngine} computes each customer in plain Java; cohort cells are summed per cohort
 * and month with a combiner. A customer whose rows make the engine fail is dead-lettered whole,
 * with the reason; single unusable lines are dead-lettered and the rest is computed.
 */
public final class ComputeRevenue extends PTransform<PCollectionTuple, PCollectionTuple> {
  public static final TupleTag<Row> INVOICE_LINES = new TupleTag<>("invoice_lines") {};
  public static final TupleTag<Row> INVOICES = new TupleTag<>("invoices") {};
  public static final TupleTag<Row> SUBSCRIPTIONS = new TupleTag<>("subscriptions") {};
  public static final TupleTag<Row> SUBSCRIPTION_ITEMS = new TupleTag<>("subscription_items") {};
  public static final TupleTag<Row> CUSTOMERS = new TupleTag<>("customers") {};

  public static final TupleTag<Row> FACT_REVENUE = new TupleTag<>("fact_revenue") {};
  public static final TupleTag<Row> FACT_SUBSCRIPTION = new TupleTag<>("fact_subscription") {};
  public static final TupleTag<Row> FACT_COHORT_RETENTION =
      new TupleTag<>("fact_cohort_retention") {};
  public static final TupleTag<Row> CUSTOMER_SUMMARY =
      new TupleTag<>("customer_revenue_summary") {};
  public static final TupleTag<Row> DEAD_LETTERS = new TupleTag<>("dead_letters") {};

  private static final TupleTag<KV<String, CohortRetention.Cell>> COHORT_CELLS =
      new TupleTag<>("cohort_cells") {};

  /**
   * What one application computes with, handed whole to the per-customer DoFn: the revenue rules'
   * settings, the run (for dead letters), and the customer -> company map when there is one.
   */
  private record Job(
      RevenueSettings settings,
      RunContext run,
      @Nullable PCollectionView<Map<String, String>> companyIds)
      implements Serializable {}

  private final Job job;

  private ComputeRevenue(Job job) {
    this.job = job;
  }

  public static ComputeRevenue of(RevenueSettings settings, RunContext run) {
    return new ComputeRevenue(new Job(settings, run, null));
  }

  /** Fills company_id from a customer_id -> company_id map (null when a customer is not in it). */
  public ComputeRevenue withCompanyIds(PCollectionView<Map<String, String>> view) {
    return new ComputeRevenue(new Job(job.settings(), job.run(), view));
  }

  /** The input tuple from the five staging collections. */
  public static PCollectionTuple inputs(
      PCollection<Row> invoiceLines,
      PCollection<Row> invoices,
      PCollection<Row> subscriptions,
      PCollection<Row> subscriptionItems,
      PCollection<Row> customers) {
    return PCollectionTuple.of(INVOICE_LINES, invoiceLines)
        .and(INVOICES, invoices)
        .and(SUBSCRIPTIONS, subscriptions)
        .and(SUBSCRIPTION_ITEMS, subscriptionItems)
        .and(CUSTOMERS, customers);
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple in) {
    PCollection<Row> stripeSubs =
        in.get(SUBSCRIPTIONS)
            .apply("StripeSubscriptions", Filter.by(r -> "stripe".equals(r.getString("source"))))
            .setRowSchema(Tables.SUBSCRIPTIONS.schema());
    PCollection<KV<String, Row>> subsByCustomer =
        keyBy(stripeSubs, "SubscriptionsByCustomer", "customer_id", Tables.SUBSCRIPTIONS);
    PCollectionTuple items = itemsByCustomer(in.get(SUBSCRIPTION_ITEMS), subsByCustomer);

    // Each customer's rows, under the tags of the inputs they come from.
    PCollection<KV<String, CoGbkResult>> grouped =
        KeyedPCollectionTuple.of(
                INVOICE_LINES,
                keyBy(
                    in.get(INVOICE_LINES), "LinesByCustomer", "customer_id", Tables.INVOICE_LINES))
            .and(
                INVOICES,
                keyBy(in.get(INVOICES), "InvoicesByCustomer", "customer_id", Tables.INVOICES))
            .and(SUBSCRIPTIONS, subsByCustomer)
            .and(SUBSCRIPTION_ITEMS, items.get(ITEMS_BY_CUSTOMER))
            .and(
                CUSTOMERS,
                keyBy(in.get(CUSTOMERS), "CustomersByCustomer", "customer_id", Tables.CUSTOMERS))
            .apply("GroupByCustomer", CoGroupByKey.create());

    ComputeCustomerFn fn = new ComputeCustomerFn(job);
    ParDo.MultiOutput<KV<String, CoGbkResult>, Row> parDo =
        ParDo.of(fn)
            .withOutputTags(
                FACT_REVENUE,
                TupleTagList.of(
                    List.of(FACT_SUBSCRIPTION, CUSTOMER_SUMMARY, DEAD_LETTERS, COHORT_CELLS)));
    if (job.companyIds() != null) {
      parDo = parDo.withSideInputs(job.companyIds());
    }
    PCollectionTuple out = grouped.apply("ComputeCustomerRevenue", parDo);
    out.get(FACT_REVENUE).setRowSchema(Tables.FACT_REVENUE.schema());
    out.get(FACT_SUBSCRIPTION).setRowSchema(Tables.FACT_SUBSCRIPTION.schema());
    out.get(CUSTOMER_SUMMARY).setRowSchema(RevenueRows.CUSTOMER_REVENUE_SUMMARY.schema());
    out.get(DEAD_LETTERS).setRowSchema(Tables.DEAD_LETTERS.schema());
    out.get(COHORT_CELLS)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), RecordCoder.of(CohortRetention.Cell.class)));

    PCollection<Row> cohorts =
        out.get(COHORT_CELLS)
            .apply("SumCohortCells", Combine.perKey(new CohortSum()))
            .apply(
                "CohortRows",
                MapElements.into(TypeDescriptors.rows())
                    .via(kv -> RevenueRows.cohort(kv.getValue())))
            .setRowSchema(Tables.FACT_COHORT_RETENTION.schema());

    PCollection<Row> deadLetters =
        PCollectionList.of(out.get(DEAD_LETTERS))
            .and(items.get(DEAD_LETTERS))
            .apply("AllDeadLetters", Flatten.pCollections())
            .setRowSchema(Tables.DEAD_LETTERS.schema());
    return PCollectionTuple.of(FACT_REVENUE, out.get(FACT_REVENUE))
        .and(FACT_SUBSCRIPTION, out.get(FACT_SUBSCRIPTION))
        .and(FACT_COHORT_RETENTION, cohorts)
        .and(CUSTOMER_SUMMARY, out.get(CUSTOMER_SUMMARY))
        .and(DEAD_LETTERS, deadLetters);
  }

  private static final TupleTag<KV<String, Row>> ITEMS_BY_CUSTOMER =
      new TupleTag<>("items_by_customer") {};

  /** The customer of a subscription, keyed by subscription_id. */
  private static final TupleTag<String> SUBSCRIPTION_OWNER =
      new TupleTag<>("subscription_owner") {};

  /**
   * Subscription items carry only their subscription: key them by its customer; orphans are dead
   * letters.
   */
  private PCollectionTuple itemsByCustomer(
      PCollection<Row> items, PCollection<KV<String, Row>> subsByCustomer) {
    PCollection<KV<String, String>> owners =
        subsByCustomer.apply(
            "SubscriptionOwner",
            MapElements.into(
                    TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                .via(kv -> KV.of(kv.getValue().getString("subscription_id"), kv.getKey())));
    PCollectionTuple out =
        KeyedPCollectionTuple.of(
                SUBSCRIPTION_ITEMS,
                keyBy(items, "ItemsBySubscription", "subscription_id", Tables.SUBSCRIPTION_ITEMS))
            .and(SUBSCRIPTION_OWNER, owners)
            .apply("GroupItemsBySubscription", CoGroupByKey.create())
            .apply(
                "ItemsToCustomer",
                ParDo.of(new ItemsToCustomerFn(job.run()))
                    .withOutputTags(ITEMS_BY_CUSTOMER, TupleTagList.of(DEAD_LETTERS)));
    out.get(ITEMS_BY_CUSTOMER)
        .setCoder(
            KvCoder.of(StringUtf8Coder.of(), SchemaCoder.of(Tables.SUBSCRIPTION_ITEMS.schema())));
    out.get(DEAD_LETTERS).setRowSchema(Tables.DEAD_LETTERS.schema());
    return out;
  }

  /**
   * Emits each item keyed by its subscription's customer, or a dead letter when the subscription is
   * unknown.
   */
  private static final class ItemsToCustomerFn
      extends DoFn<KV<String, CoGbkResult>, KV<String, Row>> {
    private final RunContext run;

    ItemsToCustomerFn(RunContext run) {
      this.run = run;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> e, MultiOutputReceiver out) {
      String customer = e.getValue().getOnly(SUBSCRIPTION_OWNER, null);
      for (Row item : e.getValue().getAll(SUBSCRIPTION_ITEMS)) {
        if (customer != null) {
          out.get(ITEMS_BY_CUSTOMER).output(KV.of(customer, item));
        } else {
          out.get(DEAD_LETTERS)
              .output(
                  DeadLetters.row(
                      run,
                      Tables.FACT_SUBSCRIPTION.name(),
                      "subscription_items "
                          + item.getString("subscription_item_id")
                          + ": subscription_id "
                          + e.getKey()
                          + " names no Stripe subscription in staging",
                      "subscription_id",
                      item.toString(),
                      java.time.Instant.now()));
        }
      }
    }
  }

  private static PCollection<KV<String, Row>> keyBy(
      PCollection<Row> rows,
      String name,
      String field,
      io.intelligencesuite.schemas.TableDef table) {
    return rows.apply(
            name,
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.rows()))
                .via((Row r) -> KV.of(r.getString(field), r)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SchemaCoder.of(table.schema())));
  }

  /** Runs the plain-Java engine for one customer and emits its rows. */
  private static final class ComputeCustomerFn extends DoFn<KV<String, CoGbkResult>, Row> {
    private final Job job;
    private final Counter customers = Metrics.counter(ComputeRevenue.class, "customers");
    private final Counter failedCustomers =
        Metrics.counter(ComputeRevenue.class, "customers_dead_lettered");

    ComputeCustomerFn(Job job) {
      this.job = job;
    }

    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> e, MultiOutputReceiver out, ProcessContext c) {
      customers.inc();
      String customerId = e.getKey();
      CoGbkResult g = e.getValue();
      String companyId =
          job.companyIds() == null ? null : c.sideInput(job.companyIds()).get(customerId);
      CustomerRevenue r;
      try {
        Row customer = g.getOnly(CUSTOMERS, null);
        r =
            RevenueEngine.compute(
                new CustomerBilling(
                    customerId,
                    customer == null ? null : Billing.Customer.fromRow(customer),
                    convert(g.getAll(SUBSCRIPTIONS), Billing.Subscription::fromRow),
                    convert(g.getAll(SUBSCRIPTION_ITEMS), Billing.Item::fromRow),
                    convert(g.getAll(INVOICES), Billing.Invoice::fromRow),
                    convert(g.getAll(INVOICE_LINES), Billing.Line::fromRow)),
                job.settings());
      } catch (RuntimeException ex) {
        failedCustomers.inc();
        out.get(DEAD_LETTERS)
            .output(
                DeadLetters.row(
                    job.run(),
                    Tables.FACT_REVENUE.name(),
                    "customer "
                        + customerId
                        + ": revenue could not be computed: "
                        + DeadLetters.reasonFor(ex),
                    DeadLetters.fieldOf(ex),
                    "customer_id=" + customerId,
                    java.time.Instant.now()));
        return;
      }
      for (Movement m : r.movements()) {
        out.get(FACT_REVENUE).output(RevenueRows.movement(m, companyId));
      }
      for (CustomerRevenue.SubscriptionDay d : r.subscriptionDays()) {
        out.get(FACT_SUBSCRIPTION).output(RevenueRows.subscriptionDay(d, customerId, companyId));
      }
      if (r.summary() != null) {
        out.get(CUSTOMER_SUMMARY).output(RevenueRows.summary(r.summary()));
      }
      for (CohortRetention.Cell cell : r.cohortCells()) {
        out.get(COHORT_CELLS)
            .output(KV.of(cell.cohortMonth() + "|" + cell.monthsSinceFirstPayment(), cell));
      }
      for (RevenueProblem p : r.problems()) {
        out.get(DEAD_LETTERS)
            .output(
                DeadLetters.row(
                    job.run(),
                    Tables.FACT_REVENUE.name(),
                    p.reason(),
                    p.field(),
                    p.payload(),
                    java.time.Instant.now()));
      }
    }

    private static <T> List<T> convert(Iterable<Row> rows, java.util.function.Function<Row, T> f) {
      List<T> out = new ArrayList<>();
      rows.forEach(r -> out.add(f.apply(r)));
      return out;
    }
  }

  /** Sums one cohort month's cells. */
  private static final class CohortSum
      extends Combine.CombineFn<CohortRetention.Cell, CohortRetention.Row, CohortRetention.Row> {
    @Override
    public CohortRetention.Row createAccumulator() {
      return null;
    }

    @Override
    public CohortRetention.Row addInput(CohortRetention.Row acc, CohortRetention.Cell cell) {
      CohortRetention.Row base =
          acc != null
              ? acc
              : CohortRetention.Row.empty(cell.cohortMonth(), cell.monthsSinceFirstPayment());
      return base.plus(cell);
    }

    @Override
    public CohortRetention.Row mergeAccumulators(Iterable<CohortRetention.Row> accs) {
      CohortRetention.Row sum = null;
      for (CohortRetention.Row a : accs) {
        if (a != null) {
          sum = sum == null ? a : sum.plus(a);
        }
      }
      return sum;
    }

    @Override
    public CohortRetention.Row extractOutput(CohortRetention.Row acc) {
      return acc;
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<CohortRetention.Row> getAccumulatorCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry,
        org.apache.beam.sdk.coders.Coder<CohortRetention.Cell> inputCoder) {
      return org.apache.beam.sdk.coders.NullableCoder.of(RecordCoder.of(CohortRetention.Row.class));
    }
  }
}
