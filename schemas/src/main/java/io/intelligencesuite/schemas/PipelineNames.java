package io.intelligencesuite.schemas;

import java.util.List;

/**
 * Every pipeline's name, once: the {@code ./suite run NAME} command, the flex template and its
 * schedule, and the {@code pipeline} column of {@code pipeline_runs} and {@code dead_letters}. Each
 * pipeline's {@code NAME} constant is one of these, and the registry names the pipelines that load
 * a table with them. It lives in schemas because the registry, below the pipelines, needs it too.
 */
public final class PipelineNames {
  public static final String GA4 = "ga4";
  public static final String BACKEND = "backend";
  public static final String LEAD_SCORING = "lead-scoring";
  public static final String STRIPE = "stripe";
  public static final String CHARTMOGUL = "chartmogul";
  public static final String ENRICHMENT = "enrichment";
  public static final String CRM = "crm";
  public static final String SPEND = "spend";
  public static final String IDENTITY = "identity";
  public static final String MARTS = "marts";
  public static final String RECONCILE = "reconcile";
  public static final String CHECK = "check";

  /** The pipelines that record runs and dead letters, in the order the demo runs them. */
  public static final List<String> RECORDING_RUNS =
      List.of(
          GA4, BACKEND, LEAD_SCORING, STRIPE, CHARTMOGUL, ENRICHMENT, CRM, SPEND, IDENTITY, MARTS);

  /**
   * The pipelines whose output rows summarise many input rows (their runs are audited with
   * RunAudit.ofAggregation), so rows read need not equal rows written.
   */
  public static final List<String> AGGREGATING = List.of(IDENTITY, MARTS);

  private PipelineNames() {}
}
