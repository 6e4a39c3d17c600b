package io.intelligencesuite.transforms.xmr;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An XmR (individuals and moving range) chart as Wheeler and Xmrit compute it (definitions.md
 * section 4), as a pure function of a chronological series.
 *
 * <ul>
 *   <li>Baseline: the first {@code baselinePoints} values of a segment (fewer while fewer exist),
 *       then locked. Centre = their mean; average moving range = mean of their |x[i] - x[i-1]| over
 *       consecutive periods that both have a value.
 *   <li>Natural process limits = centre +/- 2.66 x average moving range; upper range limit = 3.268
 *       x average moving range.
 *   <li>Signals: a point beyond a limit; 8 or more successive points strictly on one side of the
 *       centre (a point on the centre or a gap breaks a run); 3 of 4 successive points beyond the
 *       halfway line to a limit on the same side; a moving range above the upper range limit. One
 *       signal per point, by {@link XmrSignal}'s precedence.
 *   <li>Self-consistent rows: every point is judged only against its own segment's centre and
 *       limits, the ones written on it. A run that crosses into a new segment is not carried over.
 *   <li>Restart (option): when the chart as it stands shows a run of 8 starting after the current
 *       baseline's first point, a new segment starts at the run's first point (Wheeler, as Graban
 *       reports him), whose limits come from its own first values; the points before it are judged
 *       without the shifted ones. The run's points are judged against the new limits like any
 *       other, and the first of them carries a note saying the baseline restarted and why. A run
 *       starting at a baseline's first point does not restart (that would loop), it only signals.
 *   <li>A baseline that cannot set limits judges nothing, and each of its points says why in its
 *       note: constant values (average moving range 0: the limits would collapse onto the centre
 *       and any later change would be flagged however small), or fewer than two consecutive values
 *       (no moving range). Its limits are written as the centre.
 *   <li>Gaps (NaN, a period with no value): not judged, no moving range on either side, they break
 *       runs and count as not beyond in 3 of 4; the segment's limits continue across them.
 * </ul>
 */
public record XmrChart(int baselinePoints, boolean restartAfterRunOf8) implements Serializable {
  /** 3 / d2 with d2 = 1.128 for ranges of two points. */
  public static final double LIMIT_FACTOR = 2.66;

  /** D4 for ranges of two points. */
  public static final double RANGE_LIMIT_FACTOR = 3.268;

  public static final int RUN_LENGTH = 8;

  public static final String GAP_NOTE =
      "no value this period: a gap, not judged; it breaks runs and moving ranges";

  public static final String CONSTANT_NOTE =
      "constant series: average moving range 0, so the limits equal the centre and nothing is"
          + " judged";

  public static final String NO_RANGE_NOTE =
      "fewer than two consecutive values in the baseline: no moving range to set limits, nothing"
          + " is judged";

  /**
   * Charts whose baselines are the first {@code baselinePoints} points (at least 2: one moving
   * range), restarted after a run of 8 when {@code restartAfterRunOf8}.
   */
  public XmrChart {
    if (baselinePoints < 2) {
      throw new IllegalArgumentException(
          "XmR baselinePoints must be at least 2 (one moving range), got " + baselinePoints);
    }
  }

  /** The chart of {@code values} (oldest first; NaN = a gap). */
  public List<XmrPoint> compute(double[] values) {
    int n = values.length;
    XmrSignal[] signals = new XmrSignal[n];
    Arrays.fill(signals, XmrSignal.NONE);
    Limits[] limitsOf = new Limits[n];
    String[] restartNotes = new String[n];
    int start = 0;
    while (start < n) {
      Limits current = Limits.of(values, start, n, baselinePoints);
      int restartAt = restartAfterRunOf8 ? firstRunStartAfter(values, start, current.centre) : -1;
      int end = restartAt > 0 ? restartAt : n;
      Limits limits = restartAt > 0 ? Limits.of(values, start, end, baselinePoints) : current;
      judge(values, start, end, limits, signals);
      Arrays.fill(limitsOf, start, end, limits);
      if (restartAt < 0) {
        break;
      }
      restartNotes[restartAt] = restartNote(values[restartAt] > current.centre, current.centre);
      start = restartAt;
    }
    List<XmrPoint> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Limits l = limitsOf[i];
      Double mr = hasRange(values, i) ? Math.abs(values[i] - values[i - 1]) : null;
      out.add(
          new XmrPoint(
              values[i],
              l.centre,
              l.lower(),
              l.upper(),
              mr,
              l.upperRangeLimit(),
              signals[i],
              note(Double.isNaN(values[i]) ? GAP_NOTE : null, restartNotes[i], l.reason)));
    }
    return out;
  }

  private static String restartNote(boolean above, double centre) {
    return "new baseline from here: this value and the "
        + (RUN_LENGTH - 1)
        + " after it are all "
        + (above ? "above " : "below ")
        + new BigDecimal(centre).round(new MathContext(6)).stripTrailingZeros().toPlainString()
        + ", the centre before it (a run of "
        + RUN_LENGTH
        + "); limits are recomputed from this point";
  }

  /** The non-null parts joined by "; ", or null when there are none. */
  private static String note(String... parts) {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      if (p != null) {
        sb.append(sb.length() == 0 ? "" : "; ").append(p);
      }
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  /** Whether point i and the one before it both have a value (a moving range exists). */
  private static boolean hasRange(double[] x, int i) {
    return i > 0 && !Double.isNaN(x[i]) && !Double.isNaN(x[i - 1]);
  }

  /** +1 above the centre, -1 below, 0 on it or a gap. */
  private static int side(double v, double centre) {
    return Double.isNaN(v) || v == centre ? 0 : v > centre ? 1 : -1;
  }

  /** First index r > start where a run of RUN_LENGTH on one side of centre begins, or -1. */
  private static int firstRunStartAfter(double[] x, int start, double centre) {
    int runStart = start;
    int runSide = 0;
    for (int i = start; i < x.length; i++) {
      int side = side(x[i], centre);
      if (side == 0) {
        runSide = 0;
        runStart = i + 1;
        continue;
      }
      if (side != runSide) {
        runSide = side;
        runStart = i;
      }
      if (i - runStart + 1 >= RUN_LENGTH && runStart > start) {
        return runStart;
      }
    }
    return -1;
  }

  private static void judge(double[] x, int start, int end, Limits l, XmrSignal[] signals) {
    if (l.reason != null) {
      return;
    }
    double upperHalf = l.centre + (l.upper() - l.centre) / 2;
    double lowerHalf = l.centre - (l.centre - l.lower()) / 2;
    for (int i = start; i < end; i++) {
      if (x[i] > l.upper() || x[i] < l.lower()) {
        signals[i] = signals[i].strongest(XmrSignal.BEYOND_LIMITS);
      }
      if (hasRange(x, i) && Math.abs(x[i] - x[i - 1]) > l.upperRangeLimit()) {
        signals[i] = signals[i].strongest(XmrSignal.RANGE_ABOVE_LIMIT);
      }
    }
    markRuns(x, start, end, l.centre, signals);
    for (int last = start + 3; last < end; last++) {
      markThreeOfFour(x, last, v -> v > upperHalf, signals);
      markThreeOfFour(x, last, v -> v < lowerHalf, signals);
    }
  }

  private static void markRuns(double[] x, int start, int end, double centre, XmrSignal[] signals) {
    int i = start;
    while (i < end) {
      int side = side(x[i], centre);
      int j = i;
      while (side != 0 && j + 1 < end && side(x[j + 1], centre) == side) {
        j++;
      }
      if (side != 0 && j - i + 1 >= RUN_LENGTH) {
        for (int k = i; k <= j; k++) {
          signals[k] = signals[k].strongest(XmrSignal.RUN_OF_8);
        }
      }
      i = j + 1;
    }
  }

  /** NaN never passes {@code beyond}, so a gap counts as not beyond. */
  private static void markThreeOfFour(
      double[] x, int last, java.util.function.DoublePredicate beyond, XmrSignal[] signals) {
    int count = 0;
    for (int k = last - 3; k <= last; k++) {
      count += beyond.test(x[k]) ? 1 : 0;
    }
    if (count >= 3) {
      for (int k = last - 3; k <= last; k++) {
        if (beyond.test(x[k])) {
          signals[k] = signals[k].strongest(XmrSignal.THREE_OF_FOUR);
        }
      }
    }
  }

  /**
   * Centre and average moving range of one baseline, and why it cannot set limits (null when it
   * can).
   */
  private static final class Limits {
    final double centre;
    final double averageMovingRange;
    final String reason;

    private Limits(double centre, double averageMovingRange, String reason) {
      this.centre = centre;
      this.averageMovingRange = averageMovingRange;
      this.reason = reason;
    }

    /**
     * Baseline = the first min(baselinePoints, values in [start, end)) values from start; its
     * moving ranges are those between consecutive periods of that span that both have a value.
     */
    static Limits of(double[] x, int start, int end, int baselinePoints) {
      int count = 0;
      int ranges = 0;
      double sum = 0;
      double rangeSum = 0;
      for (int i = start; i < end && count < baselinePoints; i++) {
        if (Double.isNaN(x[i])) {
          continue;
        }
        count++;
        sum += x[i];
        if (i > start && hasRange(x, i)) {
          ranges++;
          rangeSum += Math.abs(x[i] - x[i - 1]);
        }
      }
      double centre = count == 0 ? Double.NaN : sum / count;
      if (ranges == 0) {
        return new Limits(centre, 0, NO_RANGE_NOTE);
      }
      double average = rangeSum / ranges;
      return new Limits(centre, average, average == 0 ? CONSTANT_NOTE : null);
    }

    double lower() {
      return centre - LIMIT_FACTOR * averageMovingRange;
    }

    double upper() {
      return centre + LIMIT_FACTOR * averageMovingRange;
    }

    double upperRangeLimit() {
      return RANGE_LIMIT_FACTOR * averageMovingRange;
    }
  }
}
