package io.intelligencesuite.marts.metrics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.marts.metrics.MetricRules.FeatureUse;
import io.intelligencesuite.schemas.MetricParameters;
import java.util.List;
import org.junit.Test;

public class MetricRulesTest {
  private static final MetricParameters P = MetricParameters.defaults(); // K = 3, D = 2
  private static final long START = GoldenScenario.ms("2026-01-05T09:00:00Z");
  private static final long END = GoldenScenario.ms("2026-01-19T09:00:00Z");

  private static FeatureUse use(String at, String feature) {
    return new FeatureUse(GoldenScenario.ms(at), feature);
  }

  @Test
  public void activationIsTheFirstInstantWithThreeCoreFeaturesOnTwoDays() {
    // 01-05 attendance, gradebook (1 day, 2 features); 01-06 messaging (not core);
    // 01-07 10:00 gradebook (2 days, 2 features); 01-07 11:00 timetable -> 3 features, 2 days.
    List<FeatureUse> uses =
        List.of(
            use("2026-01-07T11:00:00Z", "timetable"),
            use("2026-01-05T10:00:00Z", "attendance"),
            use("2026-01-05T11:00:00Z", "gradebook"),
            use("2026-01-06T10:00:00Z", "messaging"),
            use("2026-01-07T10:00:00Z", "gradebook"));
    assertEquals(
        Long.valueOf(GoldenScenario.ms("2026-01-07T11:00:00Z")),
        MetricRules.activatedAt(uses, START, END, P));
  }

  @Test
  public void threeFeaturesOnOneDayOrUseOutsideTheTrialDoNotActivate() {
    assertNull(
        MetricRules.activatedAt(
            List.of(
                use("2026-01-05T10:00:00Z", "attendance"),
                use("2026-01-05T11:00:00Z", "gradebook"),
                use("2026-01-05T12:00:00Z", "timetable")),
            START,
            END,
            P));
    // The second day's use comes at the trial's end instant: outside [start, end).
    assertNull(
        MetricRules.activatedAt(
            List.of(
                use("2026-01-05T10:00:00Z", "attendance"),
                use("2026-01-05T11:00:00Z", "gradebook"),
                use("2026-01-05T12:00:00Z", "timetable"),
                use("2026-01-19T09:00:00Z", "attendance")),
            START,
            END,
            P));
  }

  @Test
  public void qualificationIsAtOrAboveTheThreshold() {
    assertTrue(MetricRules.isQualified(60.0, P));
    assertFalse(MetricRules.isQualified(59.99, P));
    assertFalse(MetricRules.isQualified(null, P));
    assertTrue(MetricRules.isQualified(50.0, P.withLqiQualificationThreshold(50)));
  }
}
