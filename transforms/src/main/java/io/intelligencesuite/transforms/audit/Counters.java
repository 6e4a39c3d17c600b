package io.intelligencesuite.transforms.audit;

import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** The value of a Beam counter after a run, read back from its {@link PipelineResult}. */
public final class Counters {
  private Counters() {}

  /**
   * The counter {@code namespace}/{@code name} summed over every step that reports it (0 when none
   * does), as attempted: the embedded Flink runner reports no committed values.
   */
  public static long total(PipelineResult result, String namespace, String name) {
    MetricsFilter filter =
        MetricsFilter.builder().addNameFilter(MetricNameFilter.named(namespace, name)).build();
    long total = 0;
    for (MetricResult<Long> c : result.metrics().queryMetrics(filter).getCounters()) {
      Long v = c.getAttempted();
      total += v == null ? 0 : v;
    }
    return total;
  }
}
