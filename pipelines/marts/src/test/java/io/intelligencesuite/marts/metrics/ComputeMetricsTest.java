package io.intelligencesuite.marts.metrics;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertThrows;

import io.intelligencesuite.schemas.MetricParameters;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * The Beam composite on the golden scenario's rows (tens of rows) gives exactly the values the
 * plain-Java calculator gives (which MetricsGoldenTest checks by hand).
 */
public class ComputeMetricsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static <T> PCollection<Row> rows(org.apache.beam.sdk.Pipeline p, TableDef table, List<T> facts, Function<T, Row> toRow) {
    return p.apply(table.name(), Create.of(facts.stream().map(toRow).collect(Collectors.toList()))
        .withRowSchema(table.schema()));
  }

  private static Instant at(Long millis) {
    return millis == null ? null : new Instant(millis);
  }

  /** The facts as registry rows (columns the metrics do not read get placeholder values). */
  static PCollectionTuple factRows(org.apache.beam.sdk.Pipeline p, MetricInputs in) {
    int[] id = {0};
    return PCollectionTuple
        .of(ComputeMetrics.FACT_REVENUE, rows(p, Tables.FACT_REVENUE, in.movements(), m -> RowBuilder.of(Tables.FACT_REVENUE)
            .set("movement_id", "mv" + id[0]++).set("customer_id", m.customerId()).set("company_id", m.companyId())
            .set("movement_date", m.date()).set("movement_type", m.type()).set("mrr_before_cents", m.mrrBefore())
            .set("mrr_after_cents", m.mrrAfter()).set("mrr_delta_cents", m.delta()).build()))
        .and(ComputeMetrics.DIM_CUSTOMER, rows(p, Tables.DIM_CUSTOMER, in.customers(), c -> RowBuilder.of(Tables.DIM_CUSTOMER)
            .set("customer_id", c.customerId()).set("company_id", c.companyId()).set("mrr_cents", 0L)
            .set("status", "active").build()))
        .and(ComputeMetrics.FACT_TRIAL, rows(p, Tables.FACT_TRIAL, in.trials(), t -> RowBuilder.of(Tables.FACT_TRIAL)
            .set("trial_id", "tr" + id[0]++).set("company_id", "co").set("started_at", at(t.startedAt()))
            .set("trial_ends_at", at(t.endsAt())).set("activated_at", at(t.activatedAt()))
            .set("converted_at", at(t.convertedAt())).build()))
        .and(ComputeMetrics.FACT_LEAD, rows(p, Tables.FACT_LEAD, in.leads(), l -> RowBuilder.of(Tables.FACT_LEAD)
            .set("lead_id", "ld" + id[0]++).set("created_at", at(l.createdAt())).set("first_score", l.firstScore())
            .set("first_scored_at", at(l.firstScoredAt())).set("is_qualified", false)
            .set("converted_at", at(l.convertedAt())).build()))
        .and(ComputeMetrics.FACT_USAGE, rows(p, Tables.FACT_USAGE, in.usage(), u -> RowBuilder.of(Tables.FACT_USAGE)
            .set("company_id", u.companyId()).set("feature", u.feature()).set("date", u.date())
            .set("events", u.events()).set("active_users", 1L).build()))
        .and(ComputeMetrics.PAYMENTS, rows(p, Tables.PAYMENTS, in.payments(), x -> RowBuilder.of(Tables.PAYMENTS)
            .set("payment_id", "ch" + id[0]++).set("amount_cents", 100L).set("amount_refunded_cents", 0L)
            .set("currency", "usd").set("status", x.status())
            .set("attempted_at", new Instant(GoldenScenario.ms(x.attemptedDate() + "T12:00:00Z")))
            .set("attempted_date", x.attemptedDate()).build()));
  }

  @Test
  public void beamGivesTheCalculatorsValues() {
    MetricLedger.Values expected = MetricsCalculator.compute(GoldenScenario.inputs(), GoldenScenario.AS_OF,
        MetricParameters.defaults());
    PCollectionTuple out = factRows(p, GoldenScenario.inputs()).apply(ComputeMetrics.asOf(GoldenScenario.AS_OF, MetricParameters.defaults()));
    PAssert.that(out.get(ComputeMetrics.METRIC_DAILY))
        .containsInAnyOrder(expected.daily().stream().map(MetricValue::toDailyRow).collect(Collectors.toList()));
    PAssert.that(out.get(ComputeMetrics.METRIC_MONTHLY))
        .containsInAnyOrder(expected.monthly().stream().map(MetricValue::toMonthlyRow).collect(Collectors.toList()));
    // metric_xmr: one row per monthly 'all' value of a charted metric (mrr 5, lqi 2, activation_rate 1,
    // trial_conversion_rate 1 in the scenario).
    PAssert.that(out.get(ComputeMetrics.METRIC_XMR).apply(Count.globally())).containsInAnyOrder(9L);
    p.run().waitUntilFinish();
  }

  @Test
  public void aMissingInputIsNamed() {
    p.enableAbandonedNodeEnforcement(false);
    PCollectionTuple partial = PCollectionTuple.of(ComputeMetrics.FACT_REVENUE,
        rows(p, Tables.FACT_REVENUE, List.<Facts.Movement>of(), m -> null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> partial.apply(ComputeMetrics.asOf(GoldenScenario.AS_OF, MetricParameters.defaults())));
    assertThat(e.getMessage(), containsString("dim_customer"));
  }
}
