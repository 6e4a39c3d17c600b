package io.intelligencesuite.sources.chartmogul;

import io.intelligencesuite.sources.common.ApiKey;
import io.intelligencesuite.sources.common.ApiPages;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * ChartMogul's two lists as {@link ApiPages} reads them inside the pipeline: the seeds {@value
 * #CUSTOMERS} and {@value #ACTIVITIES}, and the client's settings (activities limited to the run's
 * window when it has one), which is all the job graph carries; the client opens on the worker with
 * the key resolved there ({@link ApiKey}).
 */
record ChartMogulLists(
    ApiKey key,
    String apiBase,
    int retryLimit,
    long retryBackoffMillis,
    int pageSize,
    @Nullable String startDate,
    @Nullable String endDate)
    implements ApiPages.Client {
  static final String CUSTOMERS = "customers";
  static final String ACTIVITIES = "activities";
  static final List<String> SEEDS = List.of(CUSTOMERS, ACTIVITIES);

  @Override
  public ApiPages.Lister open() {
    ChartMogulClient client =
        new ChartMogulClient(
            apiBase, key.resolve(), retryLimit, Duration.ofMillis(retryBackoffMillis));
    return (seed, out) ->
        client.forEach("/v1/" + seed, query(seed), e -> out.record(seed, e.toString()));
  }

  private Map<String, String> query(String list) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("per_page", String.valueOf(pageSize));
    if (list.equals(ACTIVITIES) && startDate != null) {
      q.put("start-date", startDate);
      q.put("end-date", endDate);
    }
    return q;
  }
}
