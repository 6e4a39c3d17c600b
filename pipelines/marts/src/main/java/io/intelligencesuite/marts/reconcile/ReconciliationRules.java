package io.intelligencesuite.marts.reconcile;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.SubscriptionStatuses;
import io.intelligencesuite.schemas.Tables;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.apache.beam.sdk.values.Row;

/**
 * The comparison rules of the discrepancy report, as pure functions over one customer's inputs.
 *
 * <p><b>MRR, Stripe vs ChartMogul</b> (checks {@value #STRIPE_VS_CHARTMOGUL_MRR} and {@value
 * #STRIPE_VS_CHARTMOGUL_PAYING}): each side's MRR at every month end is the sum of its movements up
 * to that day. A disagreement is reported once, in the month it starts: a difference that persists
 * unchanged over later months is the same disagreement (one lost webhook leaves ChartMogul short
 * every month until the subscription ends), so it is not repeated; a difference that changes or
 * reappears is a new row. When one side has the customer paying and the other not, the check is the
 * paying-state one (a customer-count disagreement). A difference of at most {@value
 * #ROUNDING_PERCENT}% of the larger side, and never more than {@value #ROUNDING_CAP_CENTS} cents,
 * is rounding, not a disagreement: the marts rebuild a rate from Stripe's proration amounts, which
 * Stripe already rounded to a cent, so two systems normalising the same invoices can differ by a
 * few cents until the next whole-period invoice (docs/demo-company.md shows the bound on the demo);
 * a missed or wrong movement is larger than that.
 *
 * <p><b>Backend vs Stripe</b>, current state in the as-of month: the plan the backend believes
 * ({@code companies.plan}) must name Stripe's current price for accounts the backend believes pay;
 * and the backend's paying state (active, past_due) must match Stripe's (a subscription that is
 * active or past_due).
 */
public final class ReconciliationRules {
  public static final String STRIPE_VS_CHARTMOGUL_MRR = "stripe_vs_chartmogul_mrr";
  public static final String STRIPE_VS_CHARTMOGUL_PAYING = "stripe_vs_chartmogul_paying";
  public static final String BACKEND_VS_STRIPE_PLAN = "backend_vs_stripe_plan";
  public static final String BACKEND_VS_STRIPE_STATUS = "backend_vs_stripe_status";

  /** The rounding tolerance of the MRR comparison, in percent of the larger side. */
  public static final int ROUNDING_PERCENT = 1;

  /** The rounding tolerance's cap, in cents. */
  public static final long ROUNDING_CAP_CENTS = 100;

  private ReconciliationRules() {}

  /** Whether {@code difference} between two MRR figures is only rounding (see the class doc). */
  static boolean isRounding(long difference, long a, long b) {
    long larger = Math.max(Math.abs(a), Math.abs(b));
    return Math.abs(difference) * 100 <= larger * ROUNDING_PERCENT
        && Math.abs(difference) <= ROUNDING_CAP_CENTS;
  }

  /** An MRR movement (or the sum of one day's movements) of one customer, in cents. */
  public record Movement(LocalDate date, long deltaCents) implements Serializable {}

  /** A Stripe subscription as staging holds it now. */
  public record StripeSubscription(
      String subscriptionId, String status, String priceId, String productId, long createdAtMillis)
      implements Serializable {}

  /** The backend's account row for the customer (companies staging). */
  public record BackendAccount(String accountId, String plan, String status)
      implements Serializable {}

  /** Everything known about one Stripe customer; any part may be empty. */
  public record CustomerInputs(
      String customerId,
      String companyId,
      List<Movement> stripeMovements,
      List<Movement> chartMogulMovements,
      List<StripeSubscription> stripeSubscriptions,
      BackendAccount backend)
      implements Serializable {}

  /** One disagreement: a row of the reconciliation table. */
  public record Finding(
      String checkName,
      String customerId,
      String companyId,
      LocalDate month,
      String sourceA,
      String valueA,
      String sourceB,
      String valueB,
      Double difference,
      String likelyCause)
      implements Serializable {

    public Row toRow() {
      return RowBuilder.of(Tables.RECONCILIATION)
          .set("check_name", checkName)
          .set("customer_id", customerId)
          .set("company_id", companyId)
          .set("month", month)
          .set("source_a", sourceA)
          .set("value_a", valueA)
          .set("source_b", sourceB)
          .set("value_b", valueB)
          .set("difference", difference)
          .set("likely_cause", likelyCause)
          .build();
    }
  }

  /** Every check for one customer, months up to and including {@code asOf}. */
  public static List<Finding> reconcile(CustomerInputs in, YearMonth asOf) {
    List<Finding> out = new ArrayList<>(compareMrr(in, asOf));
    out.addAll(compareBackend(in, asOf));
    return out;
  }

  /** Stripe-derived MRR vs ChartMogul's, month end by month end, one row per disagreement. */
  public static List<Finding> compareMrr(CustomerInputs in, YearMonth asOf) {
    TreeMap<YearMonth, Long> stripeByMonth = deltasByMonth(in.stripeMovements());
    TreeMap<YearMonth, Long> chartMogulByMonth = deltasByMonth(in.chartMogulMovements());
    List<Finding> out = new ArrayList<>();
    if (stripeByMonth.isEmpty() && chartMogulByMonth.isEmpty()) {
      return out;
    }
    YearMonth first =
        min(
            stripeByMonth.isEmpty() ? null : stripeByMonth.firstKey(),
            chartMogulByMonth.isEmpty() ? null : chartMogulByMonth.firstKey());
    long stripe = 0;
    long chartMogul = 0;
    long previousDifference = 0;
    for (YearMonth m = first; !m.isAfter(asOf); m = m.plusMonths(1)) {
      long stripeChange = stripeByMonth.getOrDefault(m, 0L);
      long chartMogulChange = chartMogulByMonth.getOrDefault(m, 0L);
      stripe += stripeChange;
      chartMogul += chartMogulChange;
      long difference = stripe - chartMogul;
      boolean payingDiffers = (stripe > 0) != (chartMogul > 0);
      if (!payingDiffers && isRounding(difference, stripe, chartMogul)) {
        difference = 0;
      }
      if (difference != 0 && difference != previousDifference) {
        long lasting = monthsLasting(m, asOf, stripe, chartMogul, stripeByMonth, chartMogulByMonth);
        out.add(
            new Finding(
                payingDiffers ? STRIPE_VS_CHARTMOGUL_PAYING : STRIPE_VS_CHARTMOGUL_MRR,
                in.customerId(),
                in.companyId(),
                m.atDay(1),
                "stripe",
                Long.toString(stripe),
                "chartmogul",
                Long.toString(chartMogul),
                (double) difference,
                mrrCause(stripe, chartMogul, stripeChange, chartMogulChange, lasting, m, asOf)));
      }
      previousDifference = difference;
    }
    return out;
  }

  /**
   * How many month ends, from {@code start}, the same difference holds (to the as-of month at
   * most).
   */
  private static long monthsLasting(
      YearMonth start,
      YearMonth asOf,
      long stripe,
      long chartMogul,
      TreeMap<YearMonth, Long> stripeByMonth,
      TreeMap<YearMonth, Long> chartMogulByMonth) {
    long difference = stripe - chartMogul;
    long n = 1;
    for (YearMonth m = start.plusMonths(1); !m.isAfter(asOf); m = m.plusMonths(1)) {
      stripe += stripeByMonth.getOrDefault(m, 0L);
      chartMogul += chartMogulByMonth.getOrDefault(m, 0L);
      if (stripe - chartMogul != difference) {
        break;
      }
      n++;
    }
    return n;
  }

  /**
   * The likely cause, from the shape of the disagreement: which side moved in the month it started,
   * and whether it resolved itself the next month (timing) or persisted (a lost or an extra
   * change).
   */
  static String mrrCause(
      long stripe,
      long chartMogul,
      long stripeChange,
      long chartMogulChange,
      long lasting,
      YearMonth month,
      YearMonth asOf) {
    boolean resolvedNextMonth = lasting == 1 && month.isBefore(asOf);
    String span =
        lasting == 1
            ? ""
            : " (the same gap for "
                + lasting
                + " month ends"
                + (month.plusMonths(lasting - 1).equals(asOf) ? ", still open" : "")
                + ")";
    if (resolvedNextMonth && stripeChange != 0 && chartMogulChange == 0) {
      return "Timing: Stripe's change this month reached ChartMogul only the next month (delayed sync around the month end).";
    }
    if (resolvedNextMonth && chartMogulChange != 0 && stripeChange == 0) {
      return "Timing: ChartMogul dated this change a month earlier than Stripe billed it.";
    }
    if (chartMogul == 0 && stripe > 0) {
      return "ChartMogul has no MRR for a customer Stripe bills: the customer or its subscription never synced"
          + span
          + ".";
    }
    if (stripe == 0 && chartMogul > 0) {
      return "ChartMogul still counts MRR that Stripe no longer bills: a churn or cancellation did not sync"
          + span
          + ".";
    }
    if (stripeChange != 0 && chartMogulChange == 0) {
      return "ChartMogul missed this month's "
          + (stripeChange > 0 ? "expansion" : "contraction")
          + " in Stripe (lost webhook or sync), so its MRR for the customer is off by the change"
          + span
          + ".";
    }
    if (chartMogulChange != 0 && stripeChange == 0) {
      return "A change entered in ChartMogul only, such as a manual adjustment or a credit that Stripe never billed"
          + span
          + ".";
    }
    return "Stripe and ChartMogul recorded different amounts for this month's change (proration, discount, "
        + "tax or currency treatment)"
        + span
        + ".";
  }

  /** The backend's plan and paying state vs Stripe's current subscription, in the as-of month. */
  public static List<Finding> compareBackend(CustomerInputs in, YearMonth asOf) {
    List<Finding> out = new ArrayList<>();
    BackendAccount backend = in.backend();
    if (backend == null) {
      return out;
    }
    StripeSubscription current = current(in.stripeSubscriptions());
    boolean backendPaying = SubscriptionStatuses.isPaying(backend.status());
    boolean stripePaying =
        in.stripeSubscriptions().stream().anyMatch(s -> SubscriptionStatuses.isPaying(s.status()));
    LocalDate month = asOf.atDay(1);
    if (backendPaying != stripePaying) {
      out.add(
          new Finding(
              BACKEND_VS_STRIPE_STATUS,
              in.customerId(),
              in.companyId(),
              month,
              "stripe",
              current == null ? "no subscription" : current.status(),
              "backend",
              backend.status(),
              null,
              backendPaying
                  ? "The backend treats the account as paying but Stripe has no active or past-due subscription: "
                      + "a cancellation or failed payment did not reach the backend."
                  : "Stripe bills the account but the backend does not treat it as paying: a new or reactivated "
                      + "subscription did not reach the backend (webhook handler failed)."));
    }
    if (backendPaying && stripePaying && current != null && !namesPlan(current, backend.plan())) {
      out.add(
          new Finding(
              BACKEND_VS_STRIPE_PLAN,
              in.customerId(),
              in.companyId(),
              month,
              "stripe",
              current.priceId(),
              "backend",
              backend.plan(),
              null,
              "The plan was changed in Stripe (dashboard or API) but the backend's plan field was not updated: "
                  + "its webhook handler failed, so the product unlocks the wrong features."));
    }
    return out;
  }

  /** The subscription that is in force: the newest live one, else the newest of all. */
  static StripeSubscription current(List<StripeSubscription> subs) {
    Comparator<StripeSubscription> newest =
        Comparator.comparingLong(StripeSubscription::createdAtMillis)
            .thenComparing(StripeSubscription::subscriptionId);
    return subs.stream()
        .filter(s -> SubscriptionStatuses.isPaying(s.status()))
        .max(newest)
        .orElse(subs.stream().max(newest).orElse(null));
  }

  /**
   * Whether a backend plan name names the Stripe price: it is one of the price id's words ({@code
   * growth} in {@code price_growth_month_usd}) or ends the product id.
   */
  static boolean namesPlan(StripeSubscription s, String plan) {
    if (plan == null || plan.isBlank()) {
      return false;
    }
    String p = plan.toLowerCase(Locale.ROOT);
    if (s.priceId() != null) {
      for (String word : s.priceId().toLowerCase(Locale.ROOT).split("[_\\-.]")) {
        if (word.equals(p)) {
          return true;
        }
      }
    }
    return s.productId() != null && s.productId().toLowerCase(Locale.ROOT).endsWith(p);
  }

  private static TreeMap<YearMonth, Long> deltasByMonth(List<Movement> movements) {
    TreeMap<YearMonth, Long> byMonth = new TreeMap<>();
    for (Movement m : movements) {
      byMonth.merge(YearMonth.from(m.date()), m.deltaCents(), Long::sum);
    }
    return byMonth;
  }

  private static YearMonth min(YearMonth a, YearMonth b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.isBefore(b) ? a : b;
  }
}
