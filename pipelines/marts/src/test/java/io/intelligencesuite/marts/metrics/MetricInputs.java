package io.intelligencesuite.marts.metrics;

import java.util.List;

/**
 * The facts behind the metrics, as plain lists, for tests: {@link ProductionMetrics} turns them
 * into fact rows.
 */
public record MetricInputs(
    List<Facts.Movement> movements,
    List<Facts.CustomerCompany> customers,
    List<Facts.Trial> trials,
    List<Facts.Lead> leads,
    List<Facts.Payment> payments,
    List<Facts.Usage> usage,
    List<Deal> deals) {

  /** A CRM deal: won, lost or open, with its create and (possibly expected) close time. */
  public record Deal(String outcome, long createdAt, Long closedAt) {}

  public MetricInputs(
      List<Facts.Movement> movements,
      List<Facts.CustomerCompany> customers,
      List<Facts.Trial> trials,
      List<Facts.Lead> leads,
      List<Facts.Payment> payments,
      List<Facts.Usage> usage) {
    this(movements, customers, trials, leads, payments, usage, List.of());
  }

  public MetricInputs withDeals(List<Deal> d) {
    return new MetricInputs(movements, customers, trials, leads, payments, usage, d);
  }

  public static MetricInputs empty() {
    return new MetricInputs(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }
}
