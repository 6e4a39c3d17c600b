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
    List<Facts.Usage> usage) {

  public static MetricInputs empty() {
    return new MetricInputs(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }
}
