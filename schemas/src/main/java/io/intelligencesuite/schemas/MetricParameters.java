package io.intelligencesuite.schemas;

import java.io.Serializable;
import java.util.List;

/**
 * The dictionary's tunable parameters, one value each, used by the marts (activation, LQI), the
 * metric formulas and the XmR charts. {@link #defaults()} is what the product reports; a change of
 * a default is a definition change (version bump and change-log line on the metrics it affects).
 *
 * @param activationCoreFeatures the core features whose use counts towards activation
 * @param activationMinFeatures K: distinct core features a trial must use
 * @param activationMinDays D: distinct UTC days with core-feature use, within the trial
 * @param lqiQualificationThreshold a lead is qualified when its first score is at least this
 * @param trialConversionWindowDays a trial converts when its company first pays within trial end +
 *     this
 * @param leadConversionWindowDays a lead converts (for lead_score_lift) when its company pays
 *     within lead creation + this
 * @param ltvTrailingMonths months of customer churn behind ltv (the month itself included)
 * @param xmrBaselinePoints points whose mean and moving ranges fix an XmR chart's limits
 * @param xmrRestartAfterRunOf8 whether a run of 8 on one side starts a new baseline at its first
 *     point
 */
public record MetricParameters(
    List<String> activationCoreFeatures,
    int activationMinFeatures,
    int activationMinDays,
    double lqiQualificationThreshold,
    int trialConversionWindowDays,
    int leadConversionWindowDays,
    int ltvTrailingMonths,
    int xmrBaselinePoints,
    boolean xmrRestartAfterRunOf8)
    implements Serializable {

  /** Consecutive points on one side of the centre line that make a run signal (Wheeler, Xmrit). */
  public static final int XMR_RUN_LENGTH = 8;

  public MetricParameters {
    activationCoreFeatures = List.copyOf(activationCoreFeatures);
    require(
        !activationCoreFeatures.isEmpty(), "activationCoreFeatures", "name at least one feature");
    require(
        activationMinFeatures >= 1 && activationMinFeatures <= activationCoreFeatures.size(),
        "activationMinFeatures",
        "be between 1 and the number of core features");
    require(activationMinDays >= 1, "activationMinDays", "be at least 1");
    require(
        lqiQualificationThreshold >= 0 && lqiQualificationThreshold <= 100,
        "lqiQualificationThreshold",
        "be a score from 0 to 100");
    require(trialConversionWindowDays >= 0, "trialConversionWindowDays", "be 0 or more");
    require(leadConversionWindowDays >= 1, "leadConversionWindowDays", "be at least 1");
    require(ltvTrailingMonths >= 1, "ltvTrailingMonths", "be at least 1");
    require(xmrBaselinePoints >= 2, "xmrBaselinePoints", "be at least 2 (one moving range)");
  }

  /** The values the dictionary documents (docs/metrics.md). */
  public static MetricParameters defaults() {
    return new MetricParameters(
        List.of("attendance", "gradebook", "timetable"), 3, 2, 60.0, 30, 90, 6, 20, true);
  }

  public MetricParameters withLqiQualificationThreshold(double threshold) {
    return new MetricParameters(
        activationCoreFeatures,
        activationMinFeatures,
        activationMinDays,
        threshold,
        trialConversionWindowDays,
        leadConversionWindowDays,
        ltvTrailingMonths,
        xmrBaselinePoints,
        xmrRestartAfterRunOf8);
  }

  public MetricParameters withXmr(int baselinePoints, boolean restartAfterRunOf8) {
    return new MetricParameters(
        activationCoreFeatures,
        activationMinFeatures,
        activationMinDays,
        lqiQualificationThreshold,
        trialConversionWindowDays,
        leadConversionWindowDays,
        ltvTrailingMonths,
        baselinePoints,
        restartAfterRunOf8);
  }

  private static void require(boolean ok, String parameter, String rule) {
    if (!ok) {
      throw new IllegalArgumentException("Metric parameter " + parameter + " must " + rule);
    }
  }
}
