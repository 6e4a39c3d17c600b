package io.intelligencesuite.transforms.datatests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;

import io.intelligencesuite.schemas.MetricParameters;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.datatests.DataTestResult.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The volume check on a table that follows the billing calendar (VolumeChecks.BILLING_CALENDAR), as
 * of 2026-11-01 00:00 UTC: the scale-10 demo's volume_payments_daily_rows and
 * volume_chartmogul_activities_daily_rows failures on 2026-10-31, a 31st.
 *
 * <p>The days are FreshnessAndVolumeTest's: 2026-09-01..10-31 with 100 + 3 x (day index mod 7) rows
 * (centre 108.55, lower limit 108.55 - 2.66 x 87 / 19 = 96.37, from the first 20 days, none a
 * 31st). The 31st of October (index 60, 60 mod 7 = 4) would hold 112 rows on another day; only the
 * subscriptions anchored on a 31st renew on it, and a 31st exists in 7 months of 12, so it holds
 * 112 x 7 / 12 = 65 (rounded down).
 */
public class BillingCalendarVolumeTest {
  private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
  private static final LocalDate FIRST = LocalDate.parse("2026-09-01");
  private static final LocalDate OCT_30 = LocalDate.parse("2026-10-30");
  private static final LocalDate OCT_31 = LocalDate.parse("2026-10-31");

  /** The daily counts, with {@code oct30} and {@code oct31} rows on those days (-1: no row). */
  private static List<Map<String, Object>> counts(long oct30, long oct31) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (LocalDate d = FIRST; !d.isAfter(OCT_31); d = d.plusDays(1)) {
      long n = 100 + 3 * ((d.toEpochDay() - FIRST.toEpochDay()) % 7);
      if (d.equals(OCT_30)) {
        n = oct30;
      } else if (d.equals(OCT_31)) {
        n = oct31;
      }
      if (n >= 0) {
        rows.add(Map.of("day", d, "row_count", n));
      }
    }
    return rows;
  }

  private static DataTestResult judge(TableDef table, List<Map<String, Object>> counts) {
    return VolumeChecks.of(MetricParameters.defaults())
        .judge(VolumeChecks.test(table, NOW), counts, NOW);
  }

  @Test
  public void aThirtyFirstWithOnlyItsOwnAnchorsPassesOnBillingTables() {
    // 65 < 96.37 failed before: the 31st was judged like any day.
    assertEquals(Status.PASS, judge(Tables.PAYMENTS, counts(109, 65)).status());
    assertEquals(Status.PASS, judge(Tables.CHARTMOGUL_ACTIVITIES, counts(109, 65)).status());
  }

  @Test
  public void aPartialLoadOnAnotherDayStillFails() {
    // Planted fault: 10-30 (100 + 3 x 3 = 109 rows) keeps 40; 40 < 96.37.
    DataTestResult r = judge(Tables.PAYMENTS, counts(40, 65));
    assertEquals(Status.FAIL, r.status());
    assertEquals(1, r.failures().count());
    assertThat(
        r.failures().render(), startsWith("day=2026-10-30, row_count=40, lower_limit=96.4,"));
  }

  @Test
  public void anEmptyThirtyFirstStillFails() {
    // Planted fault: the 31st's load failed (no row at all) while the chart expects >= 96.37.
    DataTestResult r = judge(Tables.PAYMENTS, counts(109, -1));
    assertEquals(Status.FAIL, r.status());
    assertThat(r.failures().render(), startsWith("day=2026-10-31, row_count=0, lower_limit=96.4,"));
  }

  @Test
  public void aTableOffTheBillingCalendarStillJudgesTheThirtyFirst() {
    // Product events do not follow billing anchors: 65 on a 31st is a drop there.
    DataTestResult r = judge(Tables.EVENTS_PRODUCT, counts(109, 65));
    assertEquals(Status.FAIL, r.status());
    assertThat(
        r.failures().render(), startsWith("day=2026-10-31, row_count=65, lower_limit=96.4,"));
  }
}
