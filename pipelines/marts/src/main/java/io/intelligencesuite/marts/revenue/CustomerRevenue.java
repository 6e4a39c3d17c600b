package io.intelligencesuite.marts.revenue;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.NavigableMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/** What the revenue engine computes for one customer. */
public record CustomerRevenue(
    String customerId,
    List<Movement> movements,
    List<SubscriptionDay> subscriptionDays,
    @Nullable Summary summary,
    List<CohortRetention.Cell> cohortCells,
    NavigableMap<LocalDate, Long> endOfDayMrr,
    List<RevenueProblem> problems) {

  /**
   * One subscription on one day it is live (a fact_subscription row); mrr at the end of that day.
   */
  public record SubscriptionDay(String subscriptionId, LocalDate date, String status, long mrrCents)
      implements Serializable {}

  /**
   * The customer's revenue state at the as-of day, for dim_customer. status: active, past_due (a
   * counting subscription is past_due now) or churned (MRR 0 after having paid).
   */
  public record Summary(
      String customerId,
      @Nullable Instant firstPaidAt,
      long mrrCents,
      String status,
      @Nullable Instant churnedAt,
      @Nullable String currentPlan)
      implements Serializable {}

  /** Total MRR at the end of a day (0 before the first change). */
  public long mrrAtEndOf(LocalDate day) {
    return CohortRetention.total(endOfDayMrr, day);
  }
}
