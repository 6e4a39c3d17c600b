package io.intelligencesuite.schemas;

import static io.intelligencesuite.schemas.MetricDef.Period.DAY;
import static io.intelligencesuite.schemas.MetricDef.Period.MONTH;
import static io.intelligencesuite.schemas.MetricDef.Unit.CENTS;
import static io.intelligencesuite.schemas.MetricDef.Unit.COUNT;
import static io.intelligencesuite.schemas.MetricDef.Unit.DAYS;
import static io.intelligencesuite.schemas.MetricDef.Unit.FRACTION;
import static io.intelligencesuite.schemas.MetricDef.Unit.INDEX_0_100;
import static io.intelligencesuite.schemas.MetricDef.Unit.RATIO;
import static io.intelligencesuite.schemas.MetricDef.Unit.SIGNED_CENTS;
import static io.intelligencesuite.schemas.MetricDef.Unit.SIGNED_FRACTION;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The metrics dictionary: every metric of the data contract (plus the counts the demo's truth
 * reports), defined once. Names are the keys of metric_daily, metric_monthly and metric_xmr. {@code
 * docs/metrics.md} is generated from here ({@link MetricDocs}). To change a definition: change the
 * formula code, append a {@code change(version + 1, date, why)} line here, and re-record the golden
 * outputs (see MetricDefinitionGovernanceTest in pipelines).
 *
 * <p>Common rules: periods are calendar months and days in UTC; a month is reported once it is
 * complete (its last day is on or before the as-of date) and days run through the as-of date, so
 * nothing after the as-of date counts. A stock (mrr, customers) is its value at the end of the
 * period; a flow (movements, counts) is the sum over the period. A rate whose denominator is zero
 * has no row (never 0, never NaN). Money is in reporting-currency cents, rates are fractions.
 */
public final class Metrics {
  private Metrics() {}

  private static final String FIRST = "2026-11-22";
  private static final String FIRST_WHY = "First definition (issue 7).";

  // ---------------------------------------------------------------- revenue (fact_revenue)

  public static final MetricDef MRR =
      revenue("mrr", DAY, CENTS)
          .words(
              "Monthly recurring revenue at the end of the period: every customer's MRR (invoice-driven, "
                  + "ChartMogul rules, see fact_revenue) added up.")
          .formula(
              "sum over customers of the sum of their mrr_delta_cents with movement_date <= period end "
                  + "(= each customer's last mrr_after_cents)")
          .grain("day, and month (value on the month's last day)")
          // A stock that grows steadily would sit on one side of any fixed centre month after
          // month (a run of 8 every month); its monthly change is what stays predictable.
          .xmrOf("net_new_mrr")
          .rule(
              "Per subscription item (marts SubscriptionHistory): each item's rate comes from its"
                  + " own latest whole-period (non-proration) line and holds until that item's next"
                  + " one, so an item on another interval (a quarterly seat pack next to a monthly"
                  + " add-on; Stripe's flexible billing mode, docs.stripe.com/billing/subscriptions/"
                  + "mixed-interval: separate invoices when item periods diverge) keeps its rate"
                  + " between its invoices; an item no longer on the subscription stops at the end"
                  + " of its last billed period, or when a proration credits it.")
          .rule(
              "A change that starts a new period (billing_cycle_anchor=now, monthly to yearly;"
                  + " docs.stripe.com/billing/subscriptions/billing-cycle: resetting the anchor"
                  + " invoices at once) sets the item's rate from the change date with its new"
                  + " whole-period line; the credit for the old period's unused time is applied to"
                  + " the old period and never subtracted from the new rate. A mid-period change that"
                  + " keeps the period (seats, an upgrade with prorations) adds its prorations on the"
                  + " change date: (amount) x whole period / prorated period (ChartMogul's"
                  + " prorate_factor, dev.chartmogul.com/docs/how-mrr-is-calculated-from-prorated-invoices).")
          .rule(
              "Never tax: exclusive tax is not in Stripe's line amount; inclusive tax is (Stripe:"
                  + " 'If tax_behavior=inclusive, then the amount includes taxes') and is taken out:"
                  + " base = amount - discounts - inclusive tax (= taxes[].taxable_amount, tax being"
                  + " computed on the discounted amount); the older tax_amounts[].inclusive reads the"
                  + " same (invoice_lines.tax_inclusive_cents). ChartMogul: MRR = amount - tax.")
          .rule(
              "A first stub before a future billing_cycle_anchor (Stripe bills it as a proration,"
                  + " docs.stripe.com/billing/subscriptions/billing-cycle) counts from the"
                  + " subscription's start at the plan's rate: its whole period is the price's"
                  + " interval ending at the anchor.")
          .rule(
              "Intervals exactly, from the price's recurring interval x interval_count: month / N,"
                  + " year / 12N, week x 52/12 / N, day x 365/12 / N; every 4 weeks is 0.923 months,"
                  + " not one. The interval is the line's own (invoice_lines.billing_interval,"
                  + " interval_count: a line names its price by id only, so the Stripe source reads"
                  + " the price list, archived prices included; expanding"
                  + " data.lines.data.pricing.price_details.price is deeper than the four levels"
                  + " Stripe expands), else a current subscription item's. Without either, a line's"
                  + " period is read from its dates: N calendar months when aligned on the anchor"
                  + " day, else whole weeks, else days.")
          .rule(
              "Counted lines: subscription lines and a subscription's prorations that came as"
                  + " invoice items (pre-2025-03-31.basil type invoiceitem with proration true; basil"
                  + " parent.invoice_item_details); never lines of draft, void or uncollectible"
                  + " invoices (ChartMogul excludes written-off and voided invoices), one-off items or"
                  + " metered prices. Credit notes and refunds do not change MRR (ChartMogul: refunds"
                  + " are tracked but do not by themselves change MRR); the Stripe source does not"
                  + " read credit notes.")
          .rule(
              "Statuses (docs/billing-statuses.md). pause_collection (Stripe: the subscription stays"
                  + " active, invoices are still generated but voided, left draft or marked"
                  + " uncollectible, docs.stripe.com/billing/subscriptions/pause-payment): 0 from the"
                  + " start of the first period whose whole-period invoice the pause left unbilled"
                  + " (the subscription has pause_collection now, or a subscription_cycle invoice"
                  + " never attempted that a billed period follows) until the next billed"
                  + " whole-period line: churn or contraction, then reactivation or expansion."
                  + " status paused (Stripe: only when a trial ends without a payment method; no"
                  + " invoices) never had MRR. unpaid (Stripe's analytics glossary: 'canceled or"
                  + " marked unpaid is churn'): 0 from the renewal invoice's"
                  + " marked_uncollectible_at after failed retries until a later invoice is paid"
                  + " (reactivation on the payment day); for a subscription unpaid now without one,"
                  + " from its current period start. past_due counts (ChartMogul's default); the"
                  + " optional --pastDueAutoChurnDays churns N days after issue until that or any"
                  + " later invoice of the subscription is paid.")
          .rule(
              "FX: each line converts at the rate of its service period start (ChartMogul). When a"
                  + " new period's line carries another rate than the item's previous line, the"
                  + " difference between it at the new and at the old rate is an fx movement"
                  + " (fact_revenue movement_type fx), never expansion or contraction; the native"
                  + " change at the old rate stays expansion/contraction (ChartMogul makes no"
                  + " movement for FX and reports an 'Exchange Rate Impact' row). New, churn and"
                  + " reactivation are never split; with fixed rates fx is 0.")
          .change(1, FIRST, FIRST_WHY)
          .change(
              2,
              "2026-12-06",
              "Issue 19: per subscription item; inclusive tax taken out; exact intervals (4 weeks is"
                  + " not a month); billing_cycle_anchor=now credits not subtracted from the new rate;"
                  + " anchored stubs count from the start; uncollectible invoices and invoice-item"
                  + " prorations.")
          .change(
              3,
              "2026-12-07",
              "Issue 19 rules 7-8: pause_collection periods are 0, unpaid churns when the renewal"
                  + " is written off, past-due auto-churn ends with any later payment, FX changes"
                  + " are fx movements (the total is unchanged).")
          .build();

  public static final MetricDef ARR =
      revenue("arr", DAY, CENTS)
          .words("Annual run rate: MRR x 12.")
          .formula("12 x mrr")
          .grain("day, and month (value on the month's last day)")
          .change(1, FIRST, FIRST_WHY)
          .build();

  public static final MetricDef NEW_MRR =
      movement(
          "new_mrr",
          "new",
          "MRR added by customers paying for the first time (0 -> x, never paid before).");
  public static final MetricDef EXPANSION_MRR =
      movement(
          "expansion_mrr",
          "expansion",
          "MRR added by paying customers (more seats, a higher plan, a second subscription, a discount ending).");
  public static final MetricDef CONTRACTION_MRR =
      movement(
          "contraction_mrr",
          "contraction",
          "MRR lost by customers who keep paying (fewer seats, a cheaper plan, cancelling one of two subscriptions); a positive amount.");
  public static final MetricDef CHURNED_MRR =
      movement(
          "churned_mrr",
          "churn",
          "MRR lost by customers who stop paying (x -> 0); a positive amount.");
  public static final MetricDef REACTIVATION_MRR =
      movement(
          "reactivation_mrr",
          "reactivation",
          "MRR of customers who pay again after an earlier paid period (0 -> x).");

  public static final MetricDef FX_MRR =
      revenue("fx_mrr", DAY, SIGNED_CENTS)
          .words(
              "MRR change due only to exchange rates: a new service period converted at another rate"
                  + " than the previous one (mrr rule 8). Kept out of new, expansion, contraction,"
                  + " churned and reactivation MRR and of net_mrr_churn_rate, like ChartMogul's"
                  + " 'Exchange Rate Impact' row. 0 with fixed rates. May be negative.")
          .formula(
              "sum(mrr_delta_cents) of fact_revenue movements with movement_type = 'fx' in the period")
          .grain("day, and month (sum of its days)")
          .change(1, "2026-12-07", "Issue 19 rule 8: FX changes reported apart.")
          .build();

  public static final MetricDef NET_NEW_MRR =
      revenue("net_new_mrr", DAY, SIGNED_CENTS)
          .words(
              "The period's MRR change: new + expansion + reactivation - contraction - churned + fx. "
                  + "Equals mrr at period end - mrr at period start (an invariant the data tests check). May be negative. "
                  + "It includes the FX change (Stripe: MRR growth is 'adjusted for FX'); fx_mrr shows that part apart.")
          .formula(
              "new_mrr + expansion_mrr + reactivation_mrr - contraction_mrr - churned_mrr + fx_mrr = sum(mrr_delta_cents) in the period")
          .grain("day, and month (sum of its days)")
          .change(1, FIRST, FIRST_WHY)
          .change(
              2,
              "2026-12-07",
              "Issue 19 rule 8: includes fx_mrr, so it stays mrr(end) - mrr(start) once FX"
                  + " changes are their own movement type.")
          .build();

  public static final MetricDef CUSTOMERS =
      revenue("customers", DAY, COUNT)
          .words(
              "Paying customers at the end of the period: customers whose MRR is above 0 "
                  + "(active and past_due subscriptions count; trials do not). The truth calls it paying_customers.")
          .formula("count of customers with sum(mrr_delta_cents) up to period end > 0")
          .grain("day, and month (value on the month's last day)")
          .change(1, FIRST, FIRST_WHY)
          .build();

  public static final MetricDef NEW_CUSTOMERS =
      movementCount("new_customers", "new", "Customers paying for the first time in the period.");
  public static final MetricDef CHURNED_CUSTOMERS =
      movementCount(
          "churned_customers",
          "churn",
          "Customers who stopped paying in the period (a customer who churns twice counts twice).");
  public static final MetricDef REACTIVATED_CUSTOMERS =
      movementCount(
          "reactivated_customers",
          "reactivation",
          "Customers who started paying again in the period.");

  public static final MetricDef ARPA =
      revenue("arpa", MONTH, CENTS)
          .words(
              "Average revenue per account: MRR per paying customer at the end of the month "
                  + "(a customer's subscriptions are added up first). No row when there are no customers.")
          .formula("mrr / customers, both at month end")
          .grain("month")
          .change(1, FIRST, FIRST_WHY)
          .build();

  public static final MetricDef CUSTOMER_CHURN_RATE =
      revenue("customer_churn_rate", MONTH, FRACTION)
          .words(
              "Share of the customers paying at the start of the month who are not paying at its end. "
                  + "Customers who joined and churned within the month are excluded (they were not paying at the "
                  + "start), and so are customers who churned and came back within it (ChartMogul's standard formula). "
                  + "No row when no customer paid at the start.")
          .formula(
              "count(customers with MRR > 0 at month start and MRR = 0 at month end) / "
                  + "count(customers with MRR > 0 at month start); month start = end of the previous month's last day")
          .grain("month")
          .change(1, FIRST, FIRST_WHY)
          .build();

  public static final MetricDef NET_MRR_CHURN_RATE =
      revenue("net_mrr_churn_rate", MONTH, SIGNED_FRACTION)
          .words(
              "MRR lost to churn and contraction, net of expansion and reactivation, as a share of the MRR "
                  + "at the start of the month. Negative = net expansion. No row when MRR at the start is 0.")
          .formula(
              "(churned_mrr + contraction_mrr - expansion_mrr - reactivation_mrr) / mrr at month start")
          .grain("month")
          .change(1, FIRST, FIRST_WHY)
          .build();

  public static final MetricDef LTV =
      revenue("ltv", MONTH, CENTS)
          .words(
              "Customer lifetime value: ARPA divided by the monthly customer churn rate over the trailing "
                  + "window (the month and the ltvTrailingMonths - 1 before it; fewer at the start of history), "
                  + "pooled: churned customers added up over the window / customers at start added up over the "
                  + "window. When nobody churned in the window LTV is unbounded: the month has no ltv row "
                  + "(the dashboard shows a blank, never infinity or 0).")
          .formula(
              "arpa(month) / (sum over window of churned-at-start customers / sum over window of customers at month start)")
          .grain("month")
          .change(1, FIRST, FIRST_WHY)
          .build();

  private static final String RETENTION = "2026-12-07";
  private static final String RETENTION_WHY = "First definition (issue 22).";

  public static final MetricDef NRR =
      revenue("nrr", MONTH, RATIO)
          .words(
              "Net revenue retention over the month: the MRR at the month's end of the customers"
                  + " paying at its start, divided by their MRR at its start. Their expansion,"
                  + " contraction, churn (and FX changes) count; new customers and customers"
                  + " reactivated in the month are not in the cohort. Above 1 = the paying base grew"
                  + " on its own. No row when no customer paid at the start.")
          .formula(
              "sum over customers with MRR > 0 at month start of MRR at month end / sum of their MRR"
                  + " at month start")
          .grain("month")
          .change(1, RETENTION, RETENTION_WHY)
          .build();

  public static final MetricDef GRR =
      revenue("grr", MONTH, FRACTION)
          .words(
              "Gross revenue retention over the month: as nrr, with each customer's MRR at the end"
                  + " capped at its MRR at the start, so expansion never hides churn and contraction"
                  + " (at most 1). No row when no customer paid at the start.")
          .formula(
              "sum over customers with MRR > 0 at month start of min(MRR at month end, MRR at month"
                  + " start) / sum of their MRR at month start")
          .grain("month")
          .change(1, RETENTION, RETENTION_WHY)
          .build();

  public static final MetricDef NRR_T12M =
      revenue("nrr_t12m", MONTH, RATIO)
          .words(
              "Net revenue retention over the trailing twelve months: the MRR at the month's end of"
                  + " the customers paying at the end of the same month a year before, divided by"
                  + " their MRR then. No row before twelve months of history (no customer paid a"
                  + " year before).")
          .formula(
              "sum over customers with MRR > 0 at the end of month - 12 of MRR at month end / sum of"
                  + " their MRR at the end of month - 12")
          .grain("month")
          .change(1, RETENTION, RETENTION_WHY)
          .build();

  public static final MetricDef GRR_T12M =
      revenue("grr_t12m", MONTH, FRACTION)
          .words(
              "Gross revenue retention over the trailing twelve months: as nrr_t12m with each"
                  + " customer's MRR at the month's end capped at its MRR a year before.")
          .formula(
              "sum over customers with MRR > 0 at the end of month - 12 of min(MRR at month end, MRR"
                  + " at the end of month - 12) / sum of their MRR at the end of month - 12")
          .grain("month")
          .change(1, RETENTION, RETENTION_WHY)
          .build();

  public static final MetricDef QUICK_RATIO =
      revenue("quick_ratio", MONTH, RATIO)
          .words(
              "SaaS quick ratio: MRR gained (new, expansion, reactivation) per MRR lost (churned,"
                  + " contraction) in the month; above 1 = growing. FX changes are in neither. No row"
                  + " when nothing was lost (unbounded).")
          .formula("(new_mrr + expansion_mrr + reactivation_mrr) / (churned_mrr + contraction_mrr)")
          .grain("month")
          .change(1, RETENTION, RETENTION_WHY)
          .build();

  public static final MetricDef ASP =
      revenue("asp", MONTH, CENTS)
          .words(
              "Average selling price: MRR of the month's new customers per new customer (their first"
                  + " paid MRR). Per plan in metric_monthly's plan:<plan> segments. No row without new"
                  + " customers.")
          .formula("new_mrr / new_customers")
          .grain("month")
          .change(1, RETENTION, RETENTION_WHY)
          .build();

  public static final MetricDef DISCOUNT_RATE =
      MetricDef.builder("discount_rate")
          .words(
              "Share of list price given away as discounts on the month's subscription invoice lines"
                  + " (invoice_created_date in the month; one-off invoice items, proration lines and the"
                  + " lines of draft, void and uncollectible invoices left out: a proration is a credit"
                  + " or charge for a mid-period change, not a price, and its negative amounts made"
                  + " the rate leave [0, 1] on the demo), before tax: a VAT-inclusive line's"
                  + " list amount and discount both hold VAT, Stripe's inclusive tax being on the"
                  + " discounted amount, so both are taken at the line's before-tax share (amount -"
                  + " discount - inclusive tax) / (amount - discount). Lines in other"
                  + " currencies are converted to the reporting currency at the invoice day's rate"
                  + " before they are added up. No row without subscription lines.")
          .formula(
              "sum(discount_cents x s) / sum(amount_cents x s), s = 1 - tax_inclusive_cents /"
                  + " (amount_cents - discount_cents) (1 without inclusive tax), line_type ="
                  + " 'subscription', not is_proration, invoice_created_date in the month")
          .grain("month")
          .period(MONTH)
          .unit(FRACTION)
          .sources(Tables.INVOICE_LINES, Tables.INVOICES)
          .owner("finance")
          .change(1, RETENTION, RETENTION_WHY)
          .change(
              2,
              "2026-12-07",
              "A VAT-inclusive line's discount held VAT while its list amount did not (the"
                  + " demo's truth, from the coupon terms, found the rate up to 0.0009 high);"
                  + " both are now taken before tax (issue 22).")
          .build();

  public static final MetricDef PAYMENT_SUCCESS_RATE =
      MetricDef.builder("payment_success_rate")
          .words(
              "Share of settled charge attempts that succeeded, by attempt day's month. A retried charge is "
                  + "several attempts. Pending attempts are left out until they settle. No row without attempts.")
          .formula(
              "count(payments with status = 'succeeded') / count(payments with status in ('succeeded', 'failed')), "
                  + "attempted_date in the month")
          .grain("month")
          .period(MONTH)
          .unit(FRACTION)
          .sources(Tables.PAYMENTS)
          .owner("finance")
          .change(1, FIRST, FIRST_WHY)
          .build();

  // ---------------------------------------------------------------- trials (fact_trial)

  public static final MetricDef TRIALS_STARTED =
      trial("trials_started", COUNT)
          .words("Trials that started in the month (fact_trial.started_at, UTC).")
          .formula("count(fact_trial) by month of started_at")
          .change(1, FIRST, FIRST_WHY)
          .build();

  public static final MetricDef ACTIVATED_TRIALS =
      trial("activated_trials", COUNT)
          .words(
              "Trials started in the month that reached activation within the trial, as of the as-of date. "
                  + "Activation: the school used at least activationMinFeatures (K) of the core features on at least "
                  + "activationMinDays (D) distinct UTC days, before trial_ends_at (fact_trial.activated_at).")
          .formula(
              "count(fact_trial with activated_at not null and activated_at < trial_ends_at) by month of started_at")
          .change(1, FIRST, FIRST_WHY)
          .build();

  public static final MetricDef ACTIVATION_RATE =
      trial("activation_rate", FRACTION)
          .words(
              "Share of the month's trials that activated. Reported once every trial of the cohort has "
                  + "ended (a running trial can still activate).")
          .formula(
              "activated_trials / trials_started, for cohorts whose latest trial_ends_at <= as-of")
          .xmr()
          .change(1, FIRST, FIRST_WHY)
          .build();

  public static final MetricDef CONVERTED_TRIALS =
      trial("converted_trials", COUNT)
          .words(
              "Trials started in the month whose own subscription was first paid within the trial or the conversion "
                  + "window after it (trialConversionWindowDays), as of the as-of date. The truth calls it trial_conversions.")
          .formula(
              "count(fact_trial with converted_at <= trial_ends_at + window) by month of started_at")
          .rule(
              "converted_at is the first successful, positive charge paying an invoice of the trial's own"
                  + " subscription: a subscription of the trial's company whose first such charge is at or"
                  + " after the trial start (marts MetricRules.convertedAt). One-off charges (no subscription"
                  + " invoice) and a subscription already paying before the trial never convert it"
                  + " (ChartMogul: 'Free trial started at' feeds Trial-to-Paid Conversion; customers with"
                  + " only non-recurring payments are leads, not subscribers).")
          .change(1, FIRST, FIRST_WHY)
          .change(
              2,
              "2026-12-07",
              "Issue 19 rule 9: only payments of the trial's own subscription after the trial started"
                  + " convert it, not earlier one-off charges.")
          .build();

  public static final MetricDef TRIAL_CONVERSION_RATE =
      trial("trial_conversion_rate", FRACTION)
          .words(
              "Share of the month's ended trials that converted. Reported only once the cohort has matured: "
                  + "every trial of the cohort has ended and its conversion window has passed.")
          .formula(
              "converted_trials / count(trials of the cohort with trial_ends_at <= as-of), for cohorts whose "
                  + "latest trial_ends_at + trialConversionWindowDays <= as-of")
          .xmr()
          .change(1, FIRST, FIRST_WHY)
          .change(
              2,
              "2026-12-07",
              "Issue 19 rule 9: converted_trials counts only the trial's own subscription's payments.")
          .build();

  // ---------------------------------------------------------------- leads (fact_lead)

  public static final MetricDef LEADS_CREATED =
      lead("leads_created", COUNT)
          .words("Leads created in the month (fact_lead.created_at, UTC).")
          .formula("count(fact_lead) by month of created_at")
          .change(1, FIRST, FIRST_WHY)
          .build();

  public static final MetricDef LQI =
      lead("lqi", INDEX_0_100)
          .words(
              "Lead Quality Index: the share of the month's new leads whose first score (the first scoring "
                  + "run after creation, so re-scoring never rewrites history) is at or above the qualification "
                  + "threshold (lqiQualificationThreshold), x 100. A lead never scored (or first scored after the "
                  + "as-of date) counts as not qualified. No row without leads.")
          .formula(
              "100 x count(leads created in month with first_score >= threshold) / count(leads created in month)")
          .xmr()
          .change(1, FIRST, FIRST_WHY)
          .build();

  public static final MetricDef LEAD_SCORE_LIFT =
      lead("lead_score_lift", RATIO)
          .words(
              "Checks the scoring model: the paid-conversion rate of the month's qualified leads divided by "
                  + "that of the month's other leads. A lead converts when its company first pays within "
                  + "leadConversionWindowDays of the lead's creation. Reported once the window has passed for the "
                  + "whole month; no row when either group is empty or the other leads never converted.")
          .formula(
              "(converted qualified / qualified) / (converted not-qualified / not-qualified), leads created in the month")
          .change(1, FIRST, FIRST_WHY)
          .build();

  // ---------------------------------------------------------------- product (fact_usage)

  public static final MetricDef FEATURE_ADOPTION_RATE =
      MetricDef.builder("feature_adoption_rate")
          .words(
              "Per feature: share of the companies paying at the end of the month that used the feature in "
                  + "that month (one row per feature seen in fact_usage; dimension = feature:<feature>). Customers without a "
                  + "resolved company are left out: their usage cannot be seen.")
          .formula(
              "count(distinct paying companies with fact_usage.events > 0 for the feature in the month) / "
                  + "count(distinct companies of customers with MRR > 0 at month end)")
          .grain("month x feature")
          .period(MONTH)
          .unit(FRACTION)
          .perDimension(SegmentFamilies.FEATURE)
          .sources(Tables.FACT_USAGE, Tables.FACT_REVENUE, Tables.DIM_CUSTOMER)
          .owner("product")
          .change(1, FIRST, FIRST_WHY)
          .change(
              2,
              "2026-12-07",
              "The dimension is feature:<feature> (was the bare feature name), so every"
                  + " metric_monthly dimension is 'all' or family:value (issue 22).")
          .build();

  // ---------------------------------------------------------------- sales (crm_deals)

  public static final MetricDef WIN_RATE =
      deal("win_rate", FRACTION)
          .words(
              "Share of the deals closed in the month that were won: closed won / (closed won +"
                  + " closed lost), by month of the deal's close date (UTC). A deal is won when its"
                  + " stage is a closed stage with win probability 1.0 and lost when a closed stage"
                  + " with probability 0.0 (HubSpot's closedwon / closedlost; crm_deals.is_won). No"
                  + " row without closed deals.")
          .formula(
              "count(crm_deals with is_won) / count(crm_deals with is_closed), closed_at in the month")
          .change(1, "2026-12-07", "First definition (issue 22).")
          .build();

  public static final MetricDef SALES_CYCLE_DAYS =
      deal("sales_cycle_days", DAYS)
          .words(
              "How long the month's won deals took: the median, over deals won in the month (close"
                  + " date, UTC), of the days from the deal's creation to its close date (fractional"
                  + " days; with an even number of deals the mean of the middle two). No row without"
                  + " won deals.")
          .formula(
              "median over crm_deals with is_won and closed_at in the month of (closed_at -"
                  + " created_at) / 86400 s")
          .change(1, "2026-12-07", "First definition (issue 22).")
          .build();

  // ---------------------------------------------------------------- marketing (marketing_spend)

  private static final String SPEND_WHY = "First definition (issue 22: marketing spend).";
  private static final String SPEND_DAY = "2026-12-07";
  private static final String PER_CHANNEL =
      " Per acquisition channel with spend (dimension = the channel segment, channel:paid_search,"
          + " channel:social; a customer's channel is dim_customer.first_touch_channel,"
          + " channel:unknown when it has none), and 'all': every channel's spend over every"
          + " customer. Months with no spend have no row.";

  public static final MetricDef SPEND =
      marketing("spend", CENTS)
          .words(
              "Advertising cost of the month in the reporting currency: each network-campaign-day of"
                  + " marketing_spend converted at its day's rate (--fxRates, the revenue rule)."
                  + PER_CHANNEL)
          .formula(
              "round(sum over marketing_spend rows of the month of cost_micros / 10^4 x"
                  + " fx(currency -> reporting currency, date))")
          .sources(Tables.MARKETING_SPEND)
          .change(1, SPEND_DAY, SPEND_WHY)
          .build();

  public static final MetricDef CAC =
      marketing("cac", CENTS)
          .words(
              "Customer acquisition cost: the month's spend per customer paying for the first time"
                  + " that month (new_customers), through the same channel."
                  + PER_CHANNEL
                  + " No row when the month acquired nobody through the channel.")
          .formula("spend / count(fact_revenue movements 'new' in the month), per channel")
          .sources(Tables.MARKETING_SPEND, Tables.FACT_REVENUE, Tables.DIM_CUSTOMER)
          .change(1, SPEND_DAY, SPEND_WHY)
          .build();

  public static final MetricDef CAC_PAYBACK_MONTHS =
      marketing("cac_payback_months", RATIO)
          .words(
              "Months of the new customers' MRR it takes to earn back their acquisition cost: CAC /"
                  + " (new MRR per new customer x gross margin). The dictionary has no gross margin,"
                  + " so it is taken as 100%: payback on revenue, spend / new MRR; multiply by 1 /"
                  + " gross margin for the margin-based figure."
                  + PER_CHANNEL
                  + " No row when the month added no new MRR through the channel.")
          .formula(
              "cac / (new_mrr / new_customers) = spend / sum(mrr_delta_cents of the month's 'new'"
                  + " movements), per channel")
          .sources(Tables.MARKETING_SPEND, Tables.FACT_REVENUE, Tables.DIM_CUSTOMER)
          .change(1, SPEND_DAY, SPEND_WHY)
          .build();

  public static final MetricDef SPEND_PER_TRIAL =
      marketing("spend_per_trial", CENTS)
          .words(
              "The month's spend per trial started that month through the same channel"
                  + " (fact_trial.channel)."
                  + PER_CHANNEL)
          .formula("spend / trials_started, per channel")
          .sources(Tables.MARKETING_SPEND, Tables.FACT_TRIAL)
          .change(1, SPEND_DAY, SPEND_WHY)
          .build();

  public static final MetricDef SPEND_PER_PAYING_CUSTOMER =
      marketing("spend_per_paying_customer", CENTS)
          .words(
              "The month's spend per customer paying at the end of the month (customers) who was"
                  + " acquired through the same channel: what the paying base costs to keep growing."
                  + PER_CHANNEL)
          .formula("spend / customers at month end, per channel")
          .sources(Tables.MARKETING_SPEND, Tables.FACT_REVENUE, Tables.DIM_CUSTOMER)
          .change(1, SPEND_DAY, SPEND_WHY)
          .build();

  private static final NamedRegistry<MetricDef> REGISTRY =
      new NamedRegistry<>(
          "metric",
          MetricDef::name,
          List.of(
              MRR,
              ARR,
              NEW_MRR,
              EXPANSION_MRR,
              CONTRACTION_MRR,
              CHURNED_MRR,
              REACTIVATION_MRR,
              FX_MRR,
              NET_NEW_MRR,
              CUSTOMERS,
              NEW_CUSTOMERS,
              CHURNED_CUSTOMERS,
              REACTIVATED_CUSTOMERS,
              ARPA,
              CUSTOMER_CHURN_RATE,
              NET_MRR_CHURN_RATE,
              LTV,
              NRR,
              GRR,
              NRR_T12M,
              GRR_T12M,
              QUICK_RATIO,
              ASP,
              DISCOUNT_RATE,
              PAYMENT_SUCCESS_RATE,
              TRIALS_STARTED,
              ACTIVATED_TRIALS,
              ACTIVATION_RATE,
              CONVERTED_TRIALS,
              TRIAL_CONVERSION_RATE,
              LEADS_CREATED,
              LQI,
              LEAD_SCORE_LIFT,
              FEATURE_ADOPTION_RATE,
              WIN_RATE,
              SALES_CYCLE_DAYS,
              SPEND,
              CAC,
              CAC_PAYBACK_MONTHS,
              SPEND_PER_TRIAL,
              SPEND_PER_PAYING_CUSTOMER));

  /** Every metric, in dictionary order. */
  public static List<MetricDef> all() {
    return REGISTRY.all();
  }

  /** The metric with this name, or an error that lists the known names. */
  public static MetricDef named(String name) {
    return REGISTRY.named(name);
  }

  /** The metrics that get an XmR chart in metric_xmr (monthly values). */
  public static List<MetricDef> xmrMetrics() {
    return REGISTRY.all().stream().filter(MetricDef::xmr).collect(Collectors.toUnmodifiableList());
  }

  /** The metrics reported per day in metric_daily. */
  public static List<MetricDef> dailyMetrics() {
    return REGISTRY.all().stream()
        .filter(m -> m.period() == MetricDef.Period.DAY)
        .collect(Collectors.toUnmodifiableList());
  }

  private static MetricDef.Builder revenue(
      String name, MetricDef.Period period, MetricDef.Unit unit) {
    return MetricDef.builder(name)
        .period(period)
        .unit(unit)
        .sources(Tables.FACT_REVENUE)
        .owner("finance");
  }

  private static MetricDef movement(String name, String type, String words) {
    return revenue(name, DAY, CENTS)
        .words(words)
        .formula(
            "sum(abs(mrr_delta_cents)) of fact_revenue movements with movement_type = '"
                + type
                + "' in the period")
        .grain("day, and month (sum of its days)")
        .change(1, FIRST, FIRST_WHY)
        .build();
  }

  private static MetricDef movementCount(String name, String type, String words) {
    return revenue(name, DAY, COUNT)
        .words(words)
        .formula("count(fact_revenue movements with movement_type = '" + type + "') in the period")
        .grain("day, and month (sum of its days)")
        .change(1, FIRST, FIRST_WHY)
        .build();
  }

  private static MetricDef.Builder marketing(String name, MetricDef.Unit unit) {
    return MetricDef.builder(name)
        .period(MONTH)
        .unit(unit)
        .perDimension(SegmentFamilies.CHANNEL)
        .owner("marketing")
        .grain("month x acquisition channel, and 'all'");
  }

  private static MetricDef.Builder trial(String name, MetricDef.Unit unit) {
    return MetricDef.builder(name)
        .period(MONTH)
        .unit(unit)
        .sources(Tables.FACT_TRIAL)
        .owner("growth")
        .grain("month of trial start (cohort)");
  }

  private static MetricDef.Builder lead(String name, MetricDef.Unit unit) {
    return MetricDef.builder(name)
        .period(MONTH)
        .unit(unit)
        .sources(Tables.FACT_LEAD)
        .owner("marketing")
        .grain("month of lead creation (cohort)");
  }

  private static MetricDef.Builder deal(String name, MetricDef.Unit unit) {
    return MetricDef.builder(name)
        .period(MONTH)
        .unit(unit)
        .sources(Tables.CRM_DEALS)
        .owner("sales")
        .grain("month of the deal's close date");
  }
}
