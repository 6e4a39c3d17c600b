package io.intelligencesuite.marts.revenue;

import static io.intelligencesuite.marts.revenue.BillingFixture.t;
import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** Rule 5: months per period, from the price's interval or recognised from the period's dates. */
public class MonthlyNormalizationTest {
  private static final double EPS = 1e-9;

  @Test
  public void intervalsFromThePrice() {
    assertEquals(3.0, MonthlyNormalization.months("month", 3), EPS);
    assertEquals(24.0, MonthlyNormalization.months("year", 2), EPS);
    assertEquals(12.0 / 52.0, MonthlyNormalization.months("week", 1), EPS); // x 52/12 per month
    assertEquals(48.0 / 52.0, MonthlyNormalization.months("week", 4), EPS); // 4 weeks != 1 month
    assertEquals(12.0 / 365.0, MonthlyNormalization.months("day", 1), EPS); // x 365/12 per month
  }

  @Test
  public void periodsRecognisedFromCalendarDates() {
    // February 2026 is 28 days and a calendar month.
    assertEquals(1.0, MonthlyNormalization.months(t("2026-02-01"), t("2026-03-01")), EPS);
    // Anchor on the 31st, clipped: 31 Jan -> 28 Feb -> 31 Mar are months.
    assertEquals(1.0, MonthlyNormalization.months(t("2026-01-31"), t("2026-02-28")), EPS);
    assertEquals(1.0, MonthlyNormalization.months(t("2026-02-28"), t("2026-03-31")), EPS);
    assertEquals(12.0, MonthlyNormalization.months(t("2026-03-16"), t("2027-03-16")), EPS);
    // 28 days that is no calendar month: 4 weeks.
    assertEquals(48.0 / 52.0, MonthlyNormalization.months(t("2026-01-05"), t("2026-02-02")), EPS);
    // 30 days that is no calendar month and no whole week: days.
    assertEquals(
        30 * 12.0 / 365.0, MonthlyNormalization.months(t("2026-01-01"), t("2026-01-31")), EPS);
  }

  @Test
  public void periodEndingAtTheAnchor() {
    assertEquals(t("2026-03-01"), MonthlyNormalization.periodEndingAt(t("2026-04-01"), "month", 1));
    assertEquals(t("2025-04-01"), MonthlyNormalization.periodEndingAt(t("2026-04-01"), "year", 1));
  }
}
