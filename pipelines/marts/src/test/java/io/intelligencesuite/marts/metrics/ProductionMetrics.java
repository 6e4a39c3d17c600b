package io.intelligencesuite.marts.metrics;

import io.intelligencesuite.schemas.MetricParameters;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * The metrics as production computes them: {@link ComputeMetrics} on the DirectRunner over the
 * facts as registry rows, its metric_daily and metric_monthly rows read back as values. The golden,
 * the governance and the demo-truth tests all go through here, so they test what the marts write.
 */
public final class ProductionMetrics {
  /**
   * Rows collected per run (the DirectRunner runs in this JVM; the id keeps parallel runs apart).
   */
  private static final Map<String, Queue<MetricValue>> COLLECTED = new ConcurrentHashMap<>();

  private ProductionMetrics() {}

  public static MetricLedger.Values compute(
      MetricInputs in, LocalDate asOf, MetricParameters params) {
    String run = UUID.randomUUID().toString();
    Queue<MetricValue> daily =
        COLLECTED.computeIfAbsent(run + "/daily", k -> new ConcurrentLinkedQueue<>());
    Queue<MetricValue> monthly =
        COLLECTED.computeIfAbsent(run + "/monthly", k -> new ConcurrentLinkedQueue<>());
    try {
      Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
      PCollectionTuple out = factRows(p, in).apply(ComputeMetrics.asOf(asOf, params));
      out.get(ComputeMetrics.METRIC_DAILY).apply("CollectDaily", collect(run + "/daily", "date"));
      out.get(ComputeMetrics.METRIC_MONTHLY)
          .apply("CollectMonthly", collect(run + "/monthly", "month"));
      p.run().waitUntilFinish();
      return new MetricLedger.Values(sorted(daily), sorted(monthly));
    } finally {
      COLLECTED.remove(run + "/daily");
      COLLECTED.remove(run + "/monthly");
    }
  }

  private static List<MetricValue> sorted(Queue<MetricValue> values) {
    List<MetricValue> out = new ArrayList<>(values);
    out.sort(
        Comparator.comparing(MetricValue::metric)
            .thenComparing(MetricValue::period)
            .thenComparing(MetricValue::dimension));
    return out;
  }

  /**
   * Each metric row back as the value it carries, into the queue {@code key}; period is the table's
   * date column.
   */
  private static ParDo.SingleOutput<Row, Void> collect(String key, String periodColumn) {
    return ParDo.of(
        new DoFn<Row, Void>() {
          @ProcessElement
          public void process(@Element Row r) {
            COLLECTED
                .get(key)
                .add(
                    new MetricValue(
                        r.getString("metric"),
                        r.getLogicalTypeValue(periodColumn, LocalDate.class),
                        r.getString("dimension"),
                        r.getDouble("value")));
          }
        });
  }

  private static <T> PCollection<Row> rows(
      Pipeline p, TableDef table, List<T> facts, Function<T, Row> toRow) {
    return p.apply(
        table.name(),
        Create.of(facts.stream().map(toRow).collect(Collectors.toList()))
            .withRowSchema(table.schema()));
  }

  private static Instant at(Long millis) {
    return millis == null ? null : new Instant(millis);
  }

  private static String column(MetricInputs in, String customer, int i) {
    List<String> v = in.segments().customerPlanIntervalChannel().get(customer);
    return v == null ? null : v.get(i);
  }

  /** Every company named by a customer or given a country and size. */
  private static List<String> companies(MetricInputs in) {
    java.util.TreeSet<String> out =
        new java.util.TreeSet<>(in.segments().companyCountrySize().keySet());
    in.customers()
        .forEach(
            c -> {
              if (c.companyId() != null) {
                out.add(c.companyId());
              }
            });
    return new ArrayList<>(out);
  }

  /** The facts as registry rows (columns the metrics do not read get placeholder values). */
  static PCollectionTuple factRows(Pipeline p, MetricInputs in) {
    int[] id = {0};
    return PCollectionTuple.of(
            ComputeMetrics.FACT_REVENUE,
            rows(
                p,
                Tables.FACT_REVENUE,
                in.movements(),
                m ->
                    RowBuilder.of(Tables.FACT_REVENUE)
                        .set("movement_id", "mv" + id[0]++)
                        .set("customer_id", m.customerId())
                        .set("company_id", m.companyId())
                        .set("movement_date", m.date())
                        .set("movement_type", m.type())
                        .set("mrr_before_cents", m.mrrBefore())
                        .set("mrr_after_cents", m.mrrAfter())
                        .set("mrr_delta_cents", m.delta())
                        .build()))
        .and(
            ComputeMetrics.DIM_CUSTOMER,
            rows(
                p,
                Tables.DIM_CUSTOMER,
                in.customers(),
                c ->
                    RowBuilder.of(Tables.DIM_CUSTOMER)
                        .set("customer_id", c.customerId())
                        .set("company_id", c.companyId())
                        .set("current_product", column(in, c.customerId(), 0))
                        .set("billing_interval", column(in, c.customerId(), 1))
                        .set("first_touch_channel", column(in, c.customerId(), 2))
                        .set("mrr_cents", 0L)
                        .set("status", "active")
                        .build()))
        .and(
            ComputeMetrics.DIM_COMPANY,
            rows(
                p,
                Tables.DIM_COMPANY,
                companies(in),
                c -> {
                  List<String> cs = in.segments().companyCountrySize().get(c);
                  return RowBuilder.of(Tables.DIM_COMPANY)
                      .set("company_id", c)
                      .set("country", cs == null ? null : cs.get(0))
                      .set("segment", cs == null ? null : cs.get(1))
                      .set("is_customer", true)
                      .build();
                }))
        .and(
            ComputeMetrics.FACT_TRIAL,
            rows(
                p,
                Tables.FACT_TRIAL,
                in.trials(),
                t ->
                    RowBuilder.of(Tables.FACT_TRIAL)
                        .set("trial_id", "tr" + id[0]++)
                        .set("company_id", "co")
                        .set("started_at", at(t.startedAt()))
                        .set("trial_ends_at", at(t.endsAt()))
                        .set("activated_at", at(t.activatedAt()))
                        .set("converted_at", at(t.convertedAt()))
                        .build()))
        .and(
            ComputeMetrics.FACT_LEAD,
            rows(
                p,
                Tables.FACT_LEAD,
                in.leads(),
                l ->
                    RowBuilder.of(Tables.FACT_LEAD)
                        .set("lead_id", "ld" + id[0]++)
                        .set("created_at", at(l.createdAt()))
                        .set("first_score", l.firstScore())
                        .set("first_scored_at", at(l.firstScoredAt()))
                        .set("is_qualified", false)
                        .set("converted_at", at(l.convertedAt()))
                        .build()))
        .and(
            ComputeMetrics.FACT_USAGE,
            rows(
                p,
                Tables.FACT_USAGE,
                in.usage(),
                u ->
                    RowBuilder.of(Tables.FACT_USAGE)
                        .set("company_id", u.companyId())
                        .set("feature", u.feature())
                        .set("date", u.date())
                        .set("events", u.events())
                        .set("active_users", 1L)
                        .build()))
        .and(
            ComputeMetrics.PAYMENTS,
            rows(
                p,
                Tables.PAYMENTS,
                in.payments(),
                x ->
                    RowBuilder.of(Tables.PAYMENTS)
                        .set("payment_id", "ch" + id[0]++)
                        .set("amount_cents", 100L)
                        .set("amount_refunded_cents", 0L)
                        .set("currency", "usd")
                        .set("status", x.status())
                        .set(
                            "attempted_at",
                            new Instant(GoldenScenario.ms(x.attemptedDate() + "T12:00:00Z")))
                        .set("attempted_date", x.attemptedDate())
                        .build()))
        .and(
            ComputeMetrics.CRM_DEALS,
            rows(
                p,
                Tables.CRM_DEALS,
                in.deals(),
                d ->
                    RowBuilder.of(Tables.CRM_DEALS)
                        .set("crm_deal_id", "deal" + id[0]++)
                        .set("pipeline_id", "default")
                        .set("stage_id", d.outcome())
                        .set("stage_label", d.outcome())
                        .set("is_closed", !d.outcome().equals("open"))
                        .set("is_won", d.outcome().equals("won"))
                        .set("created_at", at(d.createdAt()))
                        .set("closed_at", at(d.closedAt()))
                        .set("updated_at", at(d.createdAt()))
                        .build()))
        .and(
            ComputeMetrics.INVOICE_LINES,
            rows(
                p,
                Tables.INVOICE_LINES,
                in.invoiceLines(),
                l ->
                    RowBuilder.of(Tables.INVOICE_LINES)
                        .set("line_id", "il" + in.invoiceLines().indexOf(l))
                        .set("invoice_id", "in" + in.invoiceLines().indexOf(l))
                        .set("customer_id", l.customerId())
                        .set("line_type", l.lineType())
                        .set("amount_cents", l.amountCents())
                        .set("discount_cents", l.discountCents())
                        .set(
                            "tax_cents", l.taxInclusiveCents() == null ? 0L : l.taxInclusiveCents())
                        .set("tax_inclusive_cents", l.taxInclusiveCents())
                        .set("currency", l.currency())
                        .set("is_proration", false)
                        .set("invoice_created_date", LocalDate.parse(l.invoiceDate()))
                        .build()))
        .and(
            ComputeMetrics.INVOICES,
            rows(
                p,
                Tables.INVOICES,
                in.invoiceLines(),
                l ->
                    RowBuilder.of(Tables.INVOICES)
                        .set("invoice_id", "in" + in.invoiceLines().indexOf(l))
                        .set("customer_id", l.customerId())
                        .set("status", l.invoiceStatus())
                        .set("currency", l.currency())
                        .set("subtotal_cents", l.amountCents())
                        .set("discount_cents", l.discountCents())
                        .set("tax_cents", 0L)
                        .set("total_cents", l.amountCents() - l.discountCents())
                        .set("amount_paid_cents", 0L)
                        .set("amount_due_cents", l.amountCents() - l.discountCents())
                        .set(
                            "created_at",
                            new Instant(GoldenScenario.ms(l.invoiceDate() + "T12:00:00Z")))
                        .set("created_date", LocalDate.parse(l.invoiceDate()))
                        .build()));
  }
}
