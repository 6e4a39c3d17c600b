package io.intelligencesuite.schemas;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which statuses count as paying, for every vocabulary that has them: Stripe's subscription status,
 * the backend's account status and dim_customer's status all call a paying state {@code active} or
 * {@code past_due} (past_due keeps counting: ChartMogul's default, definitions.md 2.1). Here in
 * schemas so the marts, the dashboard and the demo generator share the one rule.
 */
public final class SubscriptionStatuses {
  /** Stripe's subscription statuses (definitions.md 2.1); the MRR rules give each one a meaning. */
  static final String[] STRIPE = {
    "trialing",
    "active",
    "past_due",
    "canceled",
    "unpaid",
    "incomplete",
    "incomplete_expired",
    "paused"
  };

  /** The statuses whose subscription, account or customer counts as paying. */
  public static final List<String> PAYING = List.of("active", "past_due");

  private SubscriptionStatuses() {}

  /** Whether the status (any case; null is not paying) counts as paying. */
  public static boolean isPaying(String status) {
    return status != null && PAYING.contains(status.toLowerCase(Locale.ROOT));
  }

  /**
   * SQL that is true when the column holds a paying status: {@code status IN ('active',
   * 'past_due')}.
   */
  public static String payingSql(String column) {
    return PAYING.stream()
        .map(s -> "'" + s + "'")
        .collect(Collectors.joining(", ", column + " IN (", ")"));
  }
}
