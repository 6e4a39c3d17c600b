package io.intelligencesuite.marts.metrics;

import io.intelligencesuite.schemas.MetricParameters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The dictionary's classification rules that the marts apply row by row, so fact_trial and
 * fact_lead use the same definitions as the metrics: activation (fact_trial.activated_at), trial
 * conversion (fact_trial.converted_at) and lead qualification (fact_lead.is_qualified).
 */
public final class MetricRules {
  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

  private MetricRules() {}

  /** One product event of the trial's account: when, and which feature. */
  public record FeatureUse(long at, String feature) {}

  /**
   * When the trial activated: the first instant, within [trialStart, trialEnd), at which the
   * account has used at least K distinct core features on at least D distinct UTC days (days with
   * any core-feature use); null if it never did.
   */
  public static Long activatedAt(
      Iterable<FeatureUse> uses, long trialStart, long trialEnd, MetricParameters p) {
    List<FeatureUse> core = new ArrayList<>();
    for (FeatureUse u : uses) {
      if (u.at() >= trialStart
          && u.at() < trialEnd
          && p.activationCoreFeatures().contains(u.feature())) {
        core.add(u);
      }
    }
    core.sort(Comparator.comparingLong(FeatureUse::at));
    Set<String> features = new HashSet<>();
    Set<Long> days = new HashSet<>();
    for (FeatureUse u : core) {
      features.add(u.feature());
      days.add(Math.floorDiv(u.at(), DAY_MILLIS));
      if (features.size() >= p.activationMinFeatures() && days.size() >= p.activationMinDays()) {
        return u.at();
      }
    }
    return null;
  }

  /**
   * When the trial converted (dictionary: converted_trials): the first payment of the trial's own
   * subscription, i.e. the first of the company's subscriptions whose first paid invoice comes at
   * or after the trial start, if that falls by trial end + trialConversionWindowDays; else null.
   * One-off charges are not subscription payments and never reach here; a subscription that was
   * already paying before the trial started is not the trial's.
   *
   * @param subscriptionFirstPayments each of the company's subscriptions' first successful,
   *     positive charge (epoch ms)
   */
  public static Long convertedAt(
      Iterable<Long> subscriptionFirstPayments,
      long trialStart,
      long trialEnd,
      MetricParameters p) {
    long windowEnd = trialEnd + p.trialConversionWindowDays() * DAY_MILLIS;
    Long first = null;
    for (Long paid : subscriptionFirstPayments) {
      if (paid != null
          && paid >= trialStart
          && paid <= windowEnd
          && (first == null || paid < first)) {
        first = paid;
      }
    }
    return first;
  }

  /** A lead is qualified when its first score is at or above the threshold; unscored is not. */
  public static boolean isQualified(Double firstScore, MetricParameters p) {
    return firstScore != null && firstScore >= p.lqiQualificationThreshold();
  }
}
