package io.intelligencesuite.templates;

import io.intelligencesuite.marts.IdentityPipeline;
import io.intelligencesuite.marts.MartsPipeline;
import io.intelligencesuite.marts.reconcile.ReconcilePipeline;
import io.intelligencesuite.reporting.checks.CheckPipeline;
import io.intelligencesuite.sources.backend.BackendPipeline;
import io.intelligencesuite.sources.chartmogul.ChartMogulPipeline;
import io.intelligencesuite.sources.enrichment.EnrichmentPipeline;
import io.intelligencesuite.sources.ga4.Ga4Pipeline;
import io.intelligencesuite.sources.leads.LeadScoringPipeline;
import io.intelligencesuite.sources.stripe.StripePipeline;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * When a pipeline runs on Cloud Scheduler (cron in UTC), how wide it may scale, and which optional
 * parameters the scheduled run takes from the config beyond the required ones: {@code
 * extraParameters} the config must set, {@code ifConfigured} it may set (left out of the launch, so
 * the pipeline's default applies, when it does not). Windows are not in the body: each pipeline
 * computes its default window at launch, and the launch workflow (templates/workflows/launch.yaml)
 * adds the dated job name.
 */
public record Schedule(
    String pipeline,
    String cron,
    int maxWorkers,
    String why,
    List<String> extraParameters,
    List<String> ifConfigured) {

  /** Every schedule, one per pipeline of the catalog. */
  static final List<Schedule> ALL =
      List.of(
          new Schedule(
              BackendPipeline.NAME,
              "0 4 * * *",
              4,
              "daily at 04:00 UTC, a full refresh of accounts, users and product events before the billing sources",
              List.of(),
              List.of()),
          new Schedule(
              StripePipeline.NAME,
              "0 5 * * *",
              2,
              "daily at 05:00 UTC, a full snapshot of Stripe billing",
              List.of(),
              List.of()),
          new Schedule(
              ChartMogulPipeline.NAME,
              "15 5 * * *",
              2,
              "daily at 05:15 UTC, ChartMogul's customers and activities",
              List.of(),
              List.of()),
          // Files, endpoints or both: deploy.sh checks that the config sets one, and a key secret
          // for every
          // endpoint provider (the PROVIDER_API_KEY fallback does not exist on Dataflow).
          new Schedule(
              EnrichmentPipeline.NAME,
              "30 5 * * *",
              2,
              "daily at 05:30 UTC, the SwanAI and G2 exports or endpoints",
              List.of(),
              List.of("enrichmentFiles", "enrichmentApi", "enrichmentApiKeySecrets")),
          new Schedule(
              Ga4Pipeline.NAME,
              "0 6 * * *",
              8,
              "daily at 06:00 UTC, after GA4's daily export lands; the default window is the last 3 days because "
                  + "GA4 rewrites daily tables for up to 72 hours",
              List.of("ga4Dataset"),
              List.of()),
          new Schedule(
              LeadScoringPipeline.NAME,
              "10 * * * *",
              2,
              "hourly at :10, so sales sees new scores within the hour",
              List.of(),
              List.of()),
          // The marts' first stage: it writes identity_map, which the marts read at 07:00.
          new Schedule(
              IdentityPipeline.NAME,
              "30 6 * * *",
              4,
              "daily at 06:30 UTC, after every source's daily run and before the marts, which read its identity_map",
              List.of(),
              List.of("internalDomains")),
          // The business settings every metric depends on: a scheduled run must use the company's,
          // not the demo's.
          new Schedule(
              MartsPipeline.NAME,
              "0 7 * * *",
              4,
              "daily at 07:00 UTC, after every source's daily run and identity's, whose identity_map it reads",
              List.of(),
              List.of("reportingCurrency", "fxRates", "internalDomains", "pastDueAutoChurnDays")),
          new Schedule(
              CheckPipeline.NAME,
              "20 7 * * *",
              1,
              "daily at 07:20 UTC, the data tests and freshness after the marts; the job fails on an error-level failure",
              List.of(),
              List.of()),
          new Schedule(
              ReconcilePipeline.NAME,
              "30 7 * * *",
              2,
              "daily at 07:30 UTC, after the marts",
              List.of(),
              List.of()));

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
  static final Map<String, String> FIXED_PARAMETERS =
      Map.of("warehouse", "bigquery:${PROJECT}.${DATASET}");
}
