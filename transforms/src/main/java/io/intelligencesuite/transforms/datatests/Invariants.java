package io.intelligencesuite.transforms.datatests;

import io.intelligencesuite.schemas.PipelineNames;
import io.intelligencesuite.schemas.Severity;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import java.util.List;

/**
 * The rules across columns and tables: the MRR identities, movement arithmetic, metric ranges, and
 * the run accounting of pipeline_runs against dead_letters.
 */
public final class Invariants {
  private Invariants() {}

  /**
   * The latest run of each pipeline per window: older runs of the same window were replaced by it
   * (every write replaces what its run covers), so only the latest one still describes the data.
   */
  static final String LATEST_RUNS =
      "SELECT run_id, pipeline, rows_read, rows_written, duplicates_removed,"
          + " rows_dead_lettered FROM (SELECT run_id, pipeline, rows_read, rows_written, duplicates_removed,"
          + " rows_dead_lettered, ROW_NUMBER() OVER (PARTITION BY pipeline, window_start, window_end"
          + " ORDER BY started_at DESC, run_id DESC) AS recency FROM pipeline_runs) AS runs WHERE recency = 1";

  public static List<DataTest> all() {
    return List.of(
        customerMovementsSumToMrr(),
        monthlyMovementsMatchMrrChange(),
        mrrHasPayingSubscription(),
        mrrWithinBilledPeriod(),
        mrrNotOnRemovedItem(),
        movementArithmetic(),
        metricRange(Tables.METRIC_DAILY, "date"),
        metricRange(Tables.METRIC_MONTHLY, "month"),
        knownMetrics(Tables.METRIC_DAILY),
        knownMetrics(Tables.METRIC_MONTHLY),
        knownMetrics(Tables.METRIC_XMR),
        xmrRowsJudgedByTheirOwnLimits(),
        runsBalance(),
        deadLettersMatchRuns(),
        deadLettersInLatestRuns());
  }

  static DataTest customerMovementsSumToMrr() {
    return new DataTest(
        "invariant_customer_movements_sum_to_mrr",
        TestKind.INVARIANT,
        "fact_revenue",
        List.of("mrr_delta_cents"),
        Severity.ERROR,
        "SELECT coalesce(customer.customer_id, movements.customer_id) AS customer_id,"
            + " customer.mrr_cents AS dim_customer_mrr_cents, movements.movements_cents"
            + " FROM dim_customer AS customer FULL OUTER JOIN"
            + " (SELECT customer_id, sum(mrr_delta_cents) AS movements_cents FROM fact_revenue GROUP BY customer_id)"
            + " AS movements ON customer.customer_id = movements.customer_id"
            + " WHERE coalesce(customer.mrr_cents, 0) <> coalesce(movements.movements_cents, 0)",
        List.of("fact_revenue", "dim_customer"),
        "a customer's MRR movements do not add up to dim_customer.mrr_cents: a movement is missing or the current MRR is computed differently");
  }

  /**
   * Months are matched on EXTRACT(YEAR/MONTH), which both warehouses read alike (DATE_TRUNC's
   * argument order differs). The first month's change is its MRR (MRR before it was zero), so the
   * series must start at the first movement.
   */
  static DataTest monthlyMovementsMatchMrrChange() {
    return new DataTest(
        "invariant_monthly_movements_match_mrr_change",
        TestKind.INVARIANT,
        "metric_monthly",
        List.of("value"),
        Severity.ERROR,
        "SELECT coalesce(mrr.year_number, movements.year_number) AS year_number,"
            + " coalesce(mrr.month_number, movements.month_number) AS month_number,"
            + " mrr.mrr_change_cents, movements.movements_cents"
            + " FROM (SELECT EXTRACT(YEAR FROM month) AS year_number, EXTRACT(MONTH FROM month) AS month_number,"
            + " value - coalesce(LAG(value) OVER (ORDER BY month), 0) AS mrr_change_cents"
            + " FROM metric_monthly WHERE metric = 'mrr' AND dimension = 'all') AS mrr"
            + " FULL OUTER JOIN (SELECT EXTRACT(YEAR FROM movement_date) AS year_number,"
            + " EXTRACT(MONTH FROM movement_date) AS month_number, sum(mrr_delta_cents) AS movements_cents"
            + " FROM fact_revenue GROUP BY 1, 2) AS movements"
            + " ON mrr.year_number = movements.year_number AND mrr.month_number = movements.month_number"
            + " WHERE abs(coalesce(mrr.mrr_change_cents, 0) - coalesce(movements.movements_cents, 0)) > 0.5",
        List.of("metric_monthly", "fact_revenue"),
        "a month's MRR movements do not add up to that month's MRR change in metric_monthly (metric mrr, dimension all)");
  }

  /**
   * MRR rule 11a: a customer with MRR has a subscription that pays (active or past_due in the
   * current snapshot; trialing, paused, unpaid, incomplete and canceled ones count 0).
   */
  static DataTest mrrHasPayingSubscription() {
    return new DataTest(
        "invariant_mrr_has_paying_subscription",
        TestKind.INVARIANT,
        "dim_customer",
        List.of("mrr_cents"),
        Severity.ERROR,
        "SELECT customer.customer_id, customer.mrr_cents FROM dim_customer AS customer"
            + " WHERE customer.mrr_cents > 0 AND NOT EXISTS (SELECT 1 FROM subscriptions AS sub"
            + " WHERE sub.customer_id = customer.customer_id AND sub.source = 'stripe'"
            + " AND (sub.status IN ('active', 'past_due')"
            // MRR is as of the marts' last day, the status is the source's snapshot: a
            // subscription canceled at period end that ended after that day was still paying.
            + " OR CAST(sub.ended_at AS DATE) > (SELECT max(fact.date) FROM fact_subscription AS"
            + " fact)))",
        List.of("dim_customer", "subscriptions", "fact_subscription"),
        "a customer has MRR but no active or past_due subscription: a canceled, trialing, paused or"
            + " unpaid subscription is still counted");
  }

  /**
   * Tolerance of the billed-period checks: 1% + 100 cents. They normalise invoice lines on their
   * own (the item's price interval, else calendar months between the line's dates) as an
   * independent bound, and a prorated change on a period's first day moves MRR by a few cents of
   * rounding (LineMrr).
   */
  static final String BILLED_TOLERANCE = "covered.billed_monthly_cents * 1.01 + 100";

  /**
   * Whole-period lines of invoices that billed (open, paid, or uncollectible after collection was
   * attempted), in the reporting currency (usd; the warehouse keeps no FX rates, so other
   * currencies are not compared), each with its monthly amount without tax; and for every day a
   * whole period starts, the monthly sum of the whole periods of the subscription that cover that
   * day.
   *
   * <p>An invoice written off after failed attempts still billed its period at the item's price:
   * Stripe marks one uncollectible "for keeping track of bad debts that can be written off"
   * (docs.stripe.com/api/invoices/mark_uncollectible), and the subscription may carry on (its next
   * invoices paid). MRR then keeps the last collected terms of that item (MRR rule 6), which the
   * written-off period's price bounds; leaving that period out made the check fire on the item's
   * MRR (scale-10 demo, sub_15XRf72QZOQOmy9p4dKIVhyI, 13 May 2026). An uncollectible invoice never
   * attempted is a pause's ("invoices are still generated but ... marked uncollectible",
   * docs.stripe.com/billing/subscriptions/pause-payment): nothing was billed for that period. A
   * void invoice is "similar to deletion" (docs.stripe.com/api/invoices/void) and a draft was never
   * sent: neither billed anything.
   */
  static final String BILLED_PERIODS =
      "WITH billed AS (SELECT line.subscription_id, CAST(line.period_start AS DATE) AS start_day,"
          + " CAST(line.period_end AS DATE) AS end_day,"
          + " (line.amount_cents - line.discount_cents - coalesce(line.tax_inclusive_cents, 0)) AS net_cents,"
          + " CASE WHEN item.billing_interval = 'month' THEN 1.0 * item.interval_count"
          + " WHEN item.billing_interval = 'year' THEN 12.0 * item.interval_count"
          + " WHEN item.billing_interval = 'week' THEN item.interval_count * 12.0 / 52"
          + " WHEN item.billing_interval = 'day' THEN item.interval_count * 12.0 / 365"
          + " ELSE 1.0 * ((EXTRACT(YEAR FROM line.period_end) * 12 + EXTRACT(MONTH FROM line.period_end))"
          + " - (EXTRACT(YEAR FROM line.period_start) * 12 + EXTRACT(MONTH FROM line.period_start))) END AS months"
          + " FROM invoice_lines AS line JOIN invoices AS invoice ON invoice.invoice_id = line.invoice_id"
          + " LEFT JOIN subscription_items AS item ON item.subscription_item_id = line.subscription_item_id"
          + " AND item.price_id = line.price_id"
          + " WHERE line.line_type = 'subscription' AND NOT line.is_proration AND line.subscription_id IS NOT NULL"
          + " AND line.period_start IS NOT NULL AND line.period_end IS NOT NULL"
          + " AND (invoice.status IN ('open', 'paid') OR (invoice.status = 'uncollectible'"
          + " AND invoice.attempt_count > 0)) AND line.currency = 'usd'),"
          + " starts AS (SELECT DISTINCT subscription_id, start_day FROM billed),"
          + " covered AS (SELECT starts.subscription_id, starts.start_day,"
          + " sum(billed.net_cents / billed.months) AS billed_monthly_cents FROM starts JOIN billed"
          + " ON billed.subscription_id = starts.subscription_id AND billed.start_day <= starts.start_day"
          + " AND billed.end_day > starts.start_day AND billed.months > 0"
          + " GROUP BY starts.subscription_id, starts.start_day)";

  /**
   * MRR rule 11c: on each day a billing period starts, a subscription's MRR is not above what its
   * invoices bill, without tax, for the periods covering that day (beyond {@link
   * #BILLED_TOLERANCE}).
   */
  static DataTest mrrWithinBilledPeriod() {
    return new DataTest(
        "invariant_mrr_within_billed_period",
        TestKind.INVARIANT,
        "fact_subscription",
        List.of("mrr_cents"),
        Severity.ERROR,
        BILLED_PERIODS
            + " SELECT fact.subscription_id, fact.date, fact.mrr_cents, covered.billed_monthly_cents"
            + " FROM fact_subscription AS fact JOIN covered ON covered.subscription_id = fact.subscription_id"
            + " AND covered.start_day = fact.date WHERE fact.mrr_cents > "
            + BILLED_TOLERANCE,
        List.of("fact_subscription", "invoice_lines", "invoices", "subscription_items"),
        "a subscription's MRR is above what its invoices bill per month, without tax, for the service"
            + " periods covering that day (tolerance 1% + 100 cents): tax, a void line or a stale rate is"
            + " counted");
  }

  /**
   * MRR rule 11b: an item no longer on the subscription (in invoice_lines, not in
   * subscription_items) whose last billed period has ended carries no MRR: the subscription's MRR
   * on a later period start is not above what its invoices bill for that period.
   */
  static DataTest mrrNotOnRemovedItem() {
    return new DataTest(
        "invariant_mrr_not_on_removed_item",
        TestKind.INVARIANT,
        "fact_subscription",
        List.of("mrr_cents"),
        Severity.ERROR,
        BILLED_PERIODS
            + ", removed AS (SELECT line.subscription_id, line.subscription_item_id,"
            + " max(CAST(line.period_end AS DATE)) AS last_day FROM invoice_lines AS line"
            + " WHERE line.subscription_item_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM subscription_items AS item"
            + " WHERE item.subscription_item_id = line.subscription_item_id)"
            + " GROUP BY line.subscription_id, line.subscription_item_id)"
            + " SELECT fact.subscription_id, fact.date, fact.mrr_cents, covered.billed_monthly_cents,"
            + " removed.subscription_item_id AS removed_item FROM fact_subscription AS fact"
            + " JOIN covered ON covered.subscription_id = fact.subscription_id AND covered.start_day = fact.date"
            + " JOIN removed ON removed.subscription_id = fact.subscription_id AND removed.last_day <= fact.date"
            + " WHERE fact.mrr_cents > "
            + BILLED_TOLERANCE,
        List.of("fact_subscription", "invoice_lines", "invoices", "subscription_items"),
        "MRR is carried by an item that was removed from the subscription: its last period ended but"
            + " the subscription's MRR is still above what the remaining items bill");
  }

  static DataTest movementArithmetic() {
    return new DataTest(
        "invariant_movement_types_match_mrr_change",
        TestKind.INVARIANT,
        "fact_revenue",
        List.of("movement_type", "mrr_before_cents", "mrr_after_cents", "mrr_delta_cents"),
        Severity.ERROR,
        "SELECT movement_id, customer_id, movement_date, movement_type, mrr_before_cents, mrr_after_cents,"
            + " mrr_delta_cents FROM fact_revenue"
            + " WHERE mrr_delta_cents <> mrr_after_cents - mrr_before_cents"
            + " OR (movement_type IN ('new', 'reactivation') AND NOT (mrr_before_cents = 0 AND mrr_after_cents > 0))"
            + " OR (movement_type = 'expansion' AND NOT (mrr_before_cents > 0 AND mrr_delta_cents > 0))"
            + " OR (movement_type = 'contraction' AND NOT (mrr_after_cents > 0 AND mrr_delta_cents < 0))"
            + " OR (movement_type = 'churn' AND NOT (mrr_before_cents > 0 AND mrr_after_cents = 0))"
            + " OR (movement_type = 'fx' AND NOT (mrr_before_cents > 0 AND mrr_after_cents > 0"
            + " AND mrr_delta_cents <> 0))",
        List.of("fact_revenue"),
        "a movement's delta is not after - before, or its type contradicts it (new/reactivation from 0, "
            + "expansion up, contraction down but above 0, churn to 0, fx between two paying"
            + " amounts)");
  }

  static DataTest metricRange(TableDef table, String periodColumn) {
    return new DataTest(
        "invariant_metric_values_in_range_" + table.name(),
        TestKind.INVARIANT,
        table.name(),
        List.of("value"),
        Severity.ERROR,
        "SELECT metric, "
            + periodColumn
            + ", dimension, value FROM "
            + table.name()
            + " WHERE "
            + MetricBounds.outOfRange(),
        List.of(table.name()),
        "a metric outside the range its unit in the metrics dictionary allows: rates in [0, 1], lqi in [0, 100], money and counts >= 0 (MetricBounds)");
  }

  static DataTest knownMetrics(TableDef table) {
    return new DataTest(
        "accepted_values_" + table.name() + "_metric",
        TestKind.ACCEPTED_VALUES,
        table.name(),
        List.of("metric"),
        Severity.WARN,
        "SELECT DISTINCT metric FROM "
            + table.name()
            + " WHERE metric NOT IN ("
            + Sql.literals(MetricBounds.KNOWN_METRICS)
            + ")",
        List.of(table.name()),
        "a metric name the metrics dictionary (schemas Metrics) does not define: a typo, or a metric to add to the dictionary");
  }

  /**
   * Each metric_xmr row's signal agrees with the centre and limits written on that row (XmrChart):
   * a value beyond its limits is beyond_limits and only such a value is; a moving range above its
   * limit carries a signal; three_of_four lies beyond its halfway line; run_of_8 belongs to 8
   * successive rows of its own segment (the same centre and limits) strictly on one side of its
   * centre, and a row in such a run is run_of_8 unless beyond its limits. A row without value (a
   * gap) or whose limits collapse onto the centre (no moving range, constant series) flags nothing.
   */
  static DataTest xmrRowsJudgedByTheirOwnLimits() {
    return new DataTest(
        "invariant_xmr_rows_judged_by_their_own_limits",
        TestKind.INVARIANT,
        "metric_xmr",
        List.of("signal"),
        Severity.ERROR,
        "WITH points AS (SELECT metric, period, value, centre, lower_limit, upper_limit, moving_range,"
            + " upper_range_limit, signal, ROW_NUMBER() OVER (PARTITION BY metric ORDER BY period) AS position"
            + " FROM metric_xmr),"
            + " in_runs AS (SELECT DISTINCT metric, period FROM (SELECT judged.metric, judged.period"
            + " FROM points AS judged JOIN points AS first_point ON first_point.metric = judged.metric"
            + " AND first_point.position BETWEEN judged.position - 7 AND judged.position"
            + " JOIN points AS member ON member.metric = judged.metric"
            + " AND member.position BETWEEN first_point.position AND first_point.position + 7"
            + " AND member.centre = judged.centre AND member.lower_limit = judged.lower_limit"
            + " AND member.upper_limit = judged.upper_limit"
            + " WHERE member.value <> judged.centre"
            + " AND (member.value > judged.centre) = (judged.value > judged.centre)"
            + " GROUP BY judged.metric, judged.period, first_point.position HAVING count(*) = 8) AS runs)"
            + " SELECT points.metric, points.period, points.value, points.centre, points.lower_limit,"
            + " points.upper_limit, points.moving_range, points.upper_range_limit, points.signal"
            + " FROM points LEFT JOIN in_runs ON in_runs.metric = points.metric AND in_runs.period = points.period"
            + " WHERE ((points.value IS NULL OR points.upper_limit <= points.lower_limit) AND points.signal <> 'none')"
            + " OR (points.upper_limit > points.lower_limit AND (points.value > points.upper_limit"
            + " OR points.value < points.lower_limit) AND points.signal <> 'beyond_limits')"
            + " OR (points.signal = 'beyond_limits' AND NOT (points.value > points.upper_limit"
            + " OR points.value < points.lower_limit))"
            + " OR (points.upper_limit > points.lower_limit AND points.moving_range > points.upper_range_limit"
            + " AND points.signal = 'none')"
            + " OR (points.signal = 'range_above_limit' AND NOT (points.moving_range > points.upper_range_limit))"
            + " OR (points.signal = 'three_of_four' AND NOT (points.value > (points.centre + points.upper_limit) / 2"
            + " OR points.value < (points.centre + points.lower_limit) / 2))"
            + " OR (points.signal = 'run_of_8' AND in_runs.period IS NULL)"
            + " OR (points.upper_limit > points.lower_limit AND in_runs.period IS NOT NULL"
            + " AND points.signal NOT IN ('beyond_limits', 'run_of_8'))",
        List.of("metric_xmr"),
        "an XmR row's signal contradicts the centre and limits written on it (a signal judged"
            + " against another segment's limits, or a missed one); see XmrChart");
  }

  static DataTest runsBalance() {
    return new DataTest(
        "invariant_latest_runs_balance",
        TestKind.INVARIANT,
        "pipeline_runs",
        List.of("rows_read", "rows_written", "duplicates_removed", "rows_dead_lettered"),
        Severity.ERROR,
        "SELECT run_id, pipeline, rows_read, rows_written, duplicates_removed, rows_dead_lettered"
            + " FROM ("
            + LATEST_RUNS
            + ") AS latest"
            // Identity and the marts aggregate (RunAudit.ofAggregation): one output row summarises
            // many inputs.
            + " WHERE pipeline NOT IN ("
            + Sql.literals(PipelineNames.AGGREGATING)
            + ") AND rows_read <> rows_written + duplicates_removed + rows_dead_lettered",
        List.of("pipeline_runs"),
        "rows read != written + duplicates removed + dead-lettered in the latest run: rows were lost or invented; see pipeline_runs");
  }

  static DataTest deadLettersMatchRuns() {
    return new DataTest(
        "invariant_dead_letters_match_runs",
        TestKind.INVARIANT,
        "dead_letters",
        List.of("run_id"),
        Severity.ERROR,
        "SELECT latest.run_id, latest.pipeline, latest.rows_dead_lettered, coalesce(letters.dead_letters, 0) AS dead_letters"
            + " FROM ("
            + LATEST_RUNS
            + ") AS latest LEFT JOIN"
            + " (SELECT run_id, count(*) AS dead_letters FROM dead_letters GROUP BY run_id) AS letters"
            + " ON latest.run_id = letters.run_id"
            + " WHERE latest.rows_dead_lettered <> coalesce(letters.dead_letters, 0)",
        List.of("pipeline_runs", "dead_letters"),
        "pipeline_runs.rows_dead_lettered differs from the rows in dead_letters for the run: rejected records were lost");
  }

  static DataTest deadLettersInLatestRuns() {
    return new DataTest(
        "invariant_no_dead_letters_in_latest_runs",
        TestKind.INVARIANT,
        "dead_letters",
        List.of(),
        Severity.WARN,
        "SELECT letters.dead_letter_id, letters.pipeline, letters.target_table, letters.reason"
            + " FROM dead_letters AS letters JOIN ("
            + LATEST_RUNS
            + ") AS latest ON letters.run_id = latest.run_id",
        List.of("pipeline_runs", "dead_letters"),
        "records were rejected; inspect: ./suite sql \"select target_table, reason, count(*) from dead_letters group by all\"");
  }
}
