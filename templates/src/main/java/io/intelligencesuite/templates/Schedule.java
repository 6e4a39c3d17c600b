package io.intelligencesuite.templates;

import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * When a pipeline runs on Cloud Scheduler (cron in UTC), how wide it may scale, and which optional
 * parameters the scheduled run sets beyond the required ones. Windows are not in the body (Cloud
 * Scheduler sends a fixed body): each pipeline computes its default window at launch.
 */
public record Schedule(String pipeline, String cron, int maxWorkers, String why, List<String> extraParameters) {

  /** Every schedule; pipelines not in the catalog yet (marts, reconcile) are skipped until they are. */
  static final List<Schedule> ALL = List.of(
      new Schedule("backend", "0 4 * * *", 4,
          "daily at 04:00 UTC, a full refresh of accounts, users and product events before the billing sources",
          List.of()),
      new Schedule("stripe", "0 5 * * *", 2, "daily at 05:00 UTC, a full snapshot of Stripe billing", List.of()),
      new Schedule("chartmogul", "15 5 * * *", 2, "daily at 05:15 UTC, ChartMogul's customers and activities",
          List.of()),
      new Schedule("enrichment", "30 5 * * *", 2, "daily at 05:30 UTC, the SwanAI and G2 exports",
          List.of("enrichmentFiles")),
      new Schedule("ga4", "0 6 * * *", 8,
          "daily at 06:00 UTC, after GA4's daily export lands; the default window is the last 3 days because "
              + "GA4 rewrites daily tables for up to 72 hours",
          List.of("ga4Dataset")),
      new Schedule("lead-scoring", "10 * * * *", 2, "hourly at :10, so sales sees new scores within the hour",
          List.of()),
      new Schedule("marts", "0 7 * * *", 4, "daily at 07:00 UTC, after every source's daily run", List.of()),
      new Schedule("reconcile", "30 7 * * *", 2, "daily at 07:30 UTC, after the marts", List.of()));

  static @Nullable Schedule of(String pipeline) {
    return ALL.stream().filter(s -> s.pipeline().equals(pipeline)).findFirst().orElse(null);
  }

  /**
   * The config variable (templates/deploy.env) that holds a parameter's value for scheduled runs:
   * {@code backendJdbcUrl} -> {@code BACKEND_JDBC_URL}.
   */
  public static String configVariable(String parameter) {
    return parameter.replaceAll("(?<=[a-z0-9])(?=[A-Z])", "_").toUpperCase(java.util.Locale.ROOT);
  }

  /** Values every scheduled body gets regardless of the pipeline. */
  static final Map<String, String> FIXED_PARAMETERS = Map.of("warehouse", "bigquery:${PROJECT}.${DATASET}");
}
