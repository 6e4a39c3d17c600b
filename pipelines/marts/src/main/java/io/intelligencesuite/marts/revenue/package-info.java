/**
 * The revenue engine of the marts: invoice-driven MRR history, movements, subscription-days and
 * cohort retention. The rules, in one place (each class holds and tests one of them):
 *
 * <ul>
 *   <li>{@link io.intelligencesuite.marts.revenue.LineMrr}: ChartMogul's line formula, (amount -
 *       discount) x prorate factor / months in the full period, converted, rounded per line.
 *   <li>{@link io.intelligencesuite.marts.revenue.SubscriptionHistory}: which lines count, how a
 *       whole-period line sets and a prorated line adds, and how the subscription's status and end
 *       dates zero it (past_due counts; cancel at period end churns at ended_at; periods left
 *       unbilled by pause_collection and unpaid after exhausted retries are 0; auto-churn opt-in),
 *       and which part of a step is due only to a new exchange rate.
 *   <li>{@link io.intelligencesuite.marts.revenue.MovementClassifier}: per customer per day, all
 *       subscriptions summed, same-day changes netted: new, expansion, contraction, churn,
 *       reactivation, and fx apart from expansion / contraction.
 *   <li>{@link io.intelligencesuite.marts.revenue.CohortRetention}: cohort = month of the new
 *       movement.
 *   <li>{@link io.intelligencesuite.marts.revenue.FxRates}: rates and the service-period-start rate
 *       date.
 * </ul>
 *
 * {@link io.intelligencesuite.marts.revenue.RevenueEngine} runs them for one customer in plain
 * Java; {@link io.intelligencesuite.marts.revenue.ComputeRevenue} runs it per customer in Beam.
 * Times are UTC; a day's figures are those at the end of the day.
 */
package io.intelligencesuite.marts.revenue;
