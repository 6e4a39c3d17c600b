package io.intelligencesuite.templates;

import io.intelligencesuite.marts.IdentityPipeline;
import io.intelligencesuite.marts.MartsPipeline;
import io.intelligencesuite.marts.reconcile.ReconcilePipeline;
import io.intelligencesuite.reporting.checks.CheckPipeline;
import io.intelligencesuite.sources.backend.BackendPipeline;
import io.intelligencesuite.sources.chartmogul.ChartMogulPipeline;
import io.intelligencesuite.sources.crm.CrmPipeline;
import io.intelligencesuite.sources.enrichment.EnrichmentPipeline;
import io.intelligencesuite.sources.ga4.Ga4Pipeline;
import io.intelligencesuite.sources.leads.LeadScoringPipeline;
import io.intelligencesuite.sources.spend.SpendPipeline;
import io.intelligencesuite.sources.stripe.StripePipeline;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * When a pipeline runs: in the daily workflow ({@link #DAILY}) or on a Cloud Scheduler cron of its
 * own (UTC), how wide it may scale, and which optional parameters the scheduled run takes from the
 * config beyond the required ones: {@code extraParameters} the config must set, {@code
 * ifConfigured} it may set (left out of the launch, so the pipeline's default applies, when it does
 * not). Windows are not in the body: each pipeline computes its default window at launch, and the
 * launch workflow (templates/workflows/launch.yaml) adds the dated job name.
 */
public record Schedule(
    String pipeline,
    String cron,
    int maxWorkers,
    String why,
    List<String> extraParameters,
    List<String> ifConfigured) {

  /**
   * The cron of a pipeline run by the daily workflow (templates/workflows/daily.yaml) rather than
   * by a Cloud Scheduler job of its own: one scheduled execution at the config's DAILY_SCHEDULE
   * runs the sources in parallel, then identity, marts, check and reconcile, each only once what it
   * reads succeeded. A pipeline with a real cron (the hourly lead scoring) keeps its own job.
   */
  static final String DAILY = "daily";

  /** Every schedule, one per pipeline of the catalog. */
  static final List<Schedule> ALL =
      List.of(
          new Schedule(
              BackendPipeline.NAME,
              DAILY,
              4,
              "in the daily workflow, with the other sources: a full refresh of accounts, users and product events",
              List.of(),
              List.of()),
          new Schedule(
              StripePipeline.NAME,
              DAILY,
              2,
              "in the daily workflow, with the other sources: a full snapshot of Stripe billing",
              List.of(),
              List.of()),
          new Schedule(
              ChartMogulPipeline.NAME,
              DAILY,
              2,
              "in the daily workflow, with the other sources: ChartMogul's customers and activities",
              List.of(),
              List.of()),
          new Schedule(
              CrmPipeline.NAME,
              DAILY,
              2,
              "in the daily workflow, with the other sources: HubSpot's companies, contacts and deals",
              List.of(),
              List.of()),
          // Files, endpoints or both: deploy.sh checks that the config sets one, and a key secret
          // for every
          // endpoint provider (the PROVIDER_API_KEY fallback does not exist on Dataflow).
          new Schedule(
              EnrichmentPipeline.NAME,
              DAILY,
              2,
              "in the daily workflow, with the other sources: the SwanAI and G2 exports or endpoints",
              List.of(),
              List.of("enrichmentFiles", "enrichmentApi", "enrichmentApiKeySecrets")),
          // Google Ads tables, network CSV exports or both: the config names which.
          new Schedule(
              SpendPipeline.NAME,
              DAILY,
              1,
              "in the daily workflow, with the other sources: Google Ads transfer tables and network spend CSVs (whole history, replaced)",
              List.of(),
              List.of(
                  "googleAdsCustomerIds",
                  "googleAdsDataset",
                  "googleAdsTablePrefix",
                  "googleAdsCurrency",
                  "spendCsvFiles")),
          new Schedule(
              Ga4Pipeline.NAME,
              DAILY,
              8,
              "in the daily workflow, with the other sources, after GA4's daily export lands; the default window is the last 3 days because "
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
              DAILY,
              4,
              "in the daily workflow, once every source it reads succeeded; before the marts, which read its identity_map",
              List.of(),
              List.of("internalDomains")),
          // The business settings every metric depends on: a scheduled run must use the company's,
          // not the demo's.
          new Schedule(
              MartsPipeline.NAME,
              DAILY,
              4,
              "in the daily workflow, once every daily source it reads and identity succeeded",
              List.of(),
              List.of(
                  "reportingCurrency",
                  "fxRates",
                  "fxRatesCsv",
                  "internalDomains",
                  "pastDueAutoChurnDays")),
          new Schedule(
              CheckPipeline.NAME,
              DAILY,
              1,
              "in the daily workflow, after the marts: the data tests and freshness; the job fails on an error-level failure",
              List.of(),
              List.of()),
          new Schedule(
              ReconcilePipeline.NAME,
              DAILY,
              2,
              "in the daily workflow, after the marts and check",
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
