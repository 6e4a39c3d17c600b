package io.intelligencesuite.transforms.xmr;

import static io.intelligencesuite.transforms.xmr.XmrSignal.BEYOND_LIMITS;
import static io.intelligencesuite.transforms.xmr.XmrSignal.NONE;
import static io.intelligencesuite.transforms.xmr.XmrSignal.RANGE_ABOVE_LIMIT;
import static io.intelligencesuite.transforms.xmr.XmrSignal.RUN_OF_8;
import static io.intelligencesuite.transforms.xmr.XmrSignal.THREE_OF_FOUR;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.Test;

/** Hand-computed XmR charts; the arithmetic is in the comments. */
public class XmrChartTest {
  private static final double EPS = 1e-9;

  private static List<XmrSignal> signals(List<XmrPoint> chart) {
    return chart.stream().map(XmrPoint::signal).collect(Collectors.toList());
  }

  @Test
  public void limitsComeFromTheBaselineAndAPointBeyondThemWinsOverItsRange() {
    // Baseline = first 5 points: 10, 12, 11, 13, 12. Centre = 58 / 5 = 11.6.
    // Moving ranges 2, 1, 2, 1 -> average 6 / 4 = 1.5.
    // Limits 11.6 +/- 2.66 x 1.5 = 11.6 +/- 3.99 -> [7.61, 15.59]; URL = 3.268 x 1.5 = 4.902.
    // The 6th point, 30, is beyond 15.59 and its range 18 > 4.902: beyond_limits takes precedence.
    List<XmrPoint> chart = new XmrChart(5, true).compute(new double[] {10, 12, 11, 13, 12, 30});
    XmrPoint last = chart.get(5);
    assertEquals(11.6, last.centre(), EPS);
    assertEquals(7.61, last.lowerLimit(), EPS);
    assertEquals(15.59, last.upperLimit(), EPS);
    assertEquals(4.902, last.upperRangeLimit(), EPS);
    assertEquals(18.0, last.movingRange(), EPS);
    assertNull("the first point has no moving range", chart.get(0).movingRange());
    assertEquals(List.of(NONE, NONE, NONE, NONE, NONE, BEYOND_LIMITS), signals(chart));
  }

  @Test
  public void aBigJumpInsideTheLimitsIsARangeSignal() {
    // Baseline (6): 10, 11, 10, 11, 10, 11 -> centre 63 / 6 = 10.5, ranges all 1 -> average 1.
    // Limits 10.5 +/- 2.66 = [7.84, 13.16]; URL 3.268; halfway lines 10.5 +/- 1.33 = 9.17 / 11.83.
    // 8: range |8 - 11| = 3 <= 3.268, inside the limits -> none (one point below 9.17 is not 3 of
    // 4).
    // 12.5: range 4.5 > 3.268, inside the limits -> range_above_limit.
    List<XmrPoint> chart =
        new XmrChart(6, true).compute(new double[] {10, 11, 10, 11, 10, 11, 8, 12.5});
    assertEquals(10.5, chart.get(7).centre(), EPS);
    assertEquals(
        List.of(NONE, NONE, NONE, NONE, NONE, NONE, NONE, RANGE_ABOVE_LIMIT), signals(chart));
  }

  @Test
  public void threeOfFourBeyondTheHalfwayLineOnOneSide() {
    // Baseline (10): 12, 8 five times -> centre 10, ranges all 4 -> average 4.
    // Upper limit 10 + 10.64 = 20.64; halfway line 10 + 5.32 = 15.32; URL 13.072.
    // Then 16, 9, 17, 16: ranges 8, 7, 8, 1 (below URL), nothing beyond 20.64, no run
    // (8 below, 16 above, 9 below, ...). Window 16, 9, 17, 16 has 3 points above 15.32:
    // those three are three_of_four, the 9 is not.
    double[] x = {12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 16, 9, 17, 16};
    List<XmrSignal> s = signals(new XmrChart(10, true).compute(x));
    assertEquals(List.of(THREE_OF_FOUR, NONE, THREE_OF_FOUR, THREE_OF_FOUR), s.subList(10, 14));
    assertEquals(
        List.of(NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE), s.subList(0, 10));
  }

  @Test
  public void aRunOfEightRestartsTheBaselineAndEachRowIsJudgedByItsOwnSegment() {
    // Baseline (10): 12, 8 five times -> centre 10, average range 4, limits [-0.64, 20.64].
    // Then 11, 11.5 four times: 8 points above 10, the run starts at index 10 -> new baseline
    // there, and index 10 says so in its note.
    // New baseline = those 8 points: centre (4 x 11 + 4 x 11.5) / 8 = 90 / 8 = 11.25, 7 ranges of
    // 0.5 -> average 0.5, limits 11.25 +/- 1.33 = [9.92, 12.58], URL 1.634, halfway lines
    // 11.25 +/- 0.665 = 10.585 / 11.915.
    // Judged against those (the limits on their rows): 11 and 11.5 alternate around 11.25, so no
    // run; nothing beyond a limit or a halfway line. Index 10's range |11 - 8| = 3 > 1.634:
    // range_above_limit. Before the fix the 8 points kept run_of_8 from the old centre 10 while
    // their rows showed 11.25 (issue 19 rule 10).
    double[] x = {12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 11, 11.5, 11, 11.5, 11, 11.5, 11, 11.5};
    List<XmrPoint> chart = new XmrChart(10, true).compute(x);
    assertEquals(10.0, chart.get(9).centre(), EPS);
    assertEquals(20.64, chart.get(9).upperLimit(), EPS);
    assertEquals(11.25, chart.get(10).centre(), EPS);
    assertEquals(9.92, chart.get(10).lowerLimit(), EPS);
    assertEquals(12.58, chart.get(17).upperLimit(), EPS);
    assertEquals(1.634, chart.get(17).upperRangeLimit(), EPS);
    List<XmrSignal> s = signals(chart);
    for (int i = 0; i < 18; i++) {
      assertEquals("point " + i, i == 10 ? RANGE_ABOVE_LIMIT : NONE, s.get(i));
    }
    assertEquals(
        "new baseline from here: this value and the 7 after it are all above 10, the centre"
            + " before it (a run of 8); limits are recomputed from this point",
        chart.get(10).note());
    assertNull(chart.get(9).note());
    assertNull(chart.get(11).note());
  }

  @Test
  public void withoutRestartTheRunIsJudgedAgainstTheLockedBaseline() {
    // Same series, restart off: baseline stays the first 10 points (centre 10) for every point;
    // points 10-17 are the run (ranges 3, 0.5, ... all below URL 13.072).
    double[] x = {12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 11, 11.5, 11, 11.5, 11, 11.5, 11, 11.5};
    List<XmrPoint> chart = new XmrChart(10, false).compute(x);
    assertEquals(10.0, chart.get(17).centre(), EPS);
    for (int i = 10; i < 18; i++) {
      assertEquals("point " + i, RUN_OF_8, chart.get(i).signal());
    }
    assertEquals(NONE, chart.get(9).signal());
  }

  @Test
  public void theBaselineUsesTheFewPointsThatExistThenLocks() {
    // Two points, baseline 20: centre (5 + 7) / 2 = 6, one range 2 -> limits 6 +/- 5.32.
    List<XmrPoint> two = new XmrChart(20, true).compute(new double[] {5, 7});
    assertEquals(6.0, two.get(1).centre(), EPS);
    assertEquals(0.68, two.get(1).lowerLimit(), EPS);
    assertEquals(11.32, two.get(1).upperLimit(), EPS);
    // Locked after 3: baseline 1, 2, 3 -> centre 2, average range 1, upper limit 4.66; 100 is
    // beyond it and does not move the centre.
    List<XmrPoint> locked = new XmrChart(3, true).compute(new double[] {1, 2, 3, 100});
    assertEquals(2.0, locked.get(3).centre(), EPS);
    assertEquals(4.66, locked.get(3).upperLimit(), EPS);
    assertEquals(BEYOND_LIMITS, locked.get(3).signal());
    // One point: no moving range, nothing to judge against.
    XmrPoint only = new XmrChart(20, true).compute(new double[] {5}).get(0);
    assertEquals(5.0, only.upperLimit(), EPS);
    assertEquals(NONE, only.signal());
  }

  @Test
  public void aTrendRestartsOnceAndTerminates() {
    // 1..20, baseline 20: centre 10.5; 11..20 are 10 points above, run starts at index 10 ->
    // restart.
    // Old segment: baseline 1..10 -> centre 5.5, ranges 1 -> limits [2.84, 8.16]: 1, 2 below and
    // 9, 10 above are beyond_limits. Halfway lines 5.5 +/- 1.33 = 4.17 / 6.83: 3 and 4 sit with 1,
    // 2
    // below 4.17 (4 of 4), 7 and 8 with 9, 10 above 6.83: three_of_four; only 5 and 6 are quiet.
    // New segment 11..20: centre 15.5; five below, five above, no further run, no second restart.
    double[] x = new double[20];
    for (int i = 0; i < 20; i++) {
      x[i] = i + 1;
    }
    // The new segment is judged the same way against its own centre 15.5 and limits
    // [12.84, 18.16] (no longer run_of_8 from the old centre): 11, 12, 19, 20 beyond, 13, 14 and
    // 17, 18 three_of_four (halfway lines 14.17 / 16.83), 15 and 16 quiet.
    List<XmrPoint> chart = new XmrChart(20, true).compute(x);
    assertEquals(5.5, chart.get(0).centre(), EPS);
    assertEquals(15.5, chart.get(19).centre(), EPS);
    assertEquals(12.84, chart.get(10).lowerLimit(), EPS);
    List<XmrSignal> eachSegment =
        List.of(
            BEYOND_LIMITS,
            BEYOND_LIMITS,
            THREE_OF_FOUR,
            THREE_OF_FOUR,
            NONE,
            NONE,
            THREE_OF_FOUR,
            THREE_OF_FOUR,
            BEYOND_LIMITS,
            BEYOND_LIMITS);
    assertEquals(eachSegment, signals(chart).subList(0, 10));
    assertEquals(eachSegment, signals(chart).subList(10, 20));
  }

  @Test
  public void aConstantSeriesFlagsNothingAndSaysWhy() {
    // Ten 5s then a 7, baseline 5: centre 5, every moving range 0 -> average 0, so the limits
    // collapse onto 5 and the URL is 0. The 7 would be "beyond" zero-width limits and its range 2
    // above a URL of 0, but a baseline without variation cannot judge: nothing is flagged and
    // every row's note says why. (One 7 is no run of 8, so no restart.)
    double[] x = {5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 7};
    List<XmrPoint> chart = new XmrChart(5, true).compute(x);
    for (XmrPoint p : chart) {
      assertEquals(NONE, p.signal());
      assertEquals(XmrChart.CONSTANT_NOTE, p.note());
      assertEquals(5.0, p.lowerLimit(), EPS);
      assertEquals(5.0, p.upperLimit(), EPS);
    }
    assertEquals(2.0, chart.get(10).movingRange(), EPS);
    assertEquals(
        "constant series: average moving range 0, so the limits equal the centre and nothing is"
            + " judged",
        chart.get(0).note());
  }

  @Test
  public void aGapIsAnExplicitPointWithoutValueRangeOrSignal() {
    // 10, 12, gap, 11, 13, 12, 30 with baseline 5: the baseline is the first five values
    // 10, 12, 11, 13, 12 -> centre 58 / 5 = 11.6. Moving ranges only between consecutive months
    // with values: |12-10| = 2, |13-11| = 2, |12-13| = 1 (none into or out of the gap) -> average
    // 5 / 3; limits 11.6 +/- 2.66 x 5 / 3 = [7.1666..., 16.0333...]; URL 3.268 x 5 / 3 = 5.4466...
    // 30 is beyond. The gap keeps its segment's limits, no range, no signal, and a note.
    List<XmrPoint> chart =
        new XmrChart(5, true).compute(new double[] {10, 12, Double.NaN, 11, 13, 12, 30});
    XmrPoint gap = chart.get(2);
    assertEquals(true, gap.isGap());
    assertNull(gap.movingRange());
    assertNull("no range out of a gap", chart.get(3).movingRange());
    assertEquals(NONE, gap.signal());
    assertEquals(XmrChart.GAP_NOTE, gap.note());
    assertEquals(11.6, gap.centre(), EPS);
    assertEquals(11.6 - 2.66 * 5 / 3, chart.get(6).lowerLimit(), EPS);
    assertEquals(11.6 + 2.66 * 5 / 3, chart.get(6).upperLimit(), EPS);
    assertEquals(3.268 * 5 / 3, chart.get(6).upperRangeLimit(), EPS);
    assertEquals(List.of(NONE, NONE, NONE, NONE, NONE, NONE, BEYOND_LIMITS), signals(chart));
  }

  @Test
  public void aGapBreaksARun() {
    // Baseline (2): 0, 2 -> centre 1, average range 2, limits [-4.32, 6.32], URL 6.536, halfway
    // lines -1.66 / 3.66. Then eight 1.5s: with the 2, nine values above 1 in a row -> run_of_8
    // (restart off: judged against the locked baseline).
    double[] run = {0, 2, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5};
    List<XmrSignal> s = signals(new XmrChart(2, false).compute(run));
    assertEquals(NONE, s.get(0));
    for (int i = 1; i < 10; i++) {
      assertEquals("point " + i, RUN_OF_8, s.get(i));
    }
    // The same values with a month missing after the fourth 1.5: runs of 5 and 4, no signal (the
    // missing month's side is unknown).
    double[] gapped = {0, 2, 1.5, 1.5, 1.5, 1.5, Double.NaN, 1.5, 1.5, 1.5, 1.5};
    for (XmrSignal signal : signals(new XmrChart(2, false).compute(gapped))) {
      assertEquals(NONE, signal);
    }
  }

  @Test
  public void aBaselineOfOnePointIsRejectedNamingTheValue() {
    // One point has no moving range, so its limits would be the centre itself.
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new XmrChart(1, true));
    assertEquals("XmR baselinePoints must be at least 2 (one moving range), got 1", e.getMessage());
  }

  @Test
  public void signalCodesReadBackAndAnUnknownCodeNamesTheKnownOnes() {
    for (XmrSignal s : XmrSignal.values()) {
      assertEquals(s, XmrSignal.fromCode(s.code()));
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> XmrSignal.fromCode("run_of_9"));
    assertEquals(
        "Unknown XmR signal 'run_of_9' in metric_xmr.signal; known: beyond_limits, run_of_8,"
            + " three_of_four, range_above_limit, none",
        e.getMessage());
  }
}
