package io.intelligencesuite.transforms.xmr;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An XmR (individuals and moving range) chart as Wheeler and Xmrit compute it (definitions.md
 * section 4), as a pure function of a chronological series.
 *
 * <ul>
 *   <li>Baseline: the first {@code baselinePoints} points (fewer while fewer exist), then locked.
 *       Centre = their mean; average moving range = mean of their |x[i] - x[i-1]|.
 *   <li>Natural process limits = centre +/- 2.66 x average moving range; upper range limit = 3.268
 *       x average moving range.
 *   <li>Signals: a point beyond a limit; 8 or more successive points strictly on one side of the
 *       centre (a point on the centre breaks a run); 3 of 4 successive points beyond the halfway
 *       line to a limit on the same side; a moving range above the upper range limit. One signal
 *       per point, by {@link XmrSignal}'s precedence.
 *   <li>Restart (option): when a run of 8 starts after the current baseline's first point, a new
 *       baseline starts at the run's first point, and the run's points keep {@code run_of_8}. Each
 *       segment's limits come from its own first points, so the points before the run are judged
 *       without the shifted ones. A run starting at a baseline's first point does not restart (that
 *       would loop), it only signals.
 *   <li>A baseline of one point has no moving range: its points get the centre as both limits and
 *       no signal (there is nothing to judge against yet).
 * </ul>
 */
public record XmrChart(int baselinePoints, boolean restartAfterRunOf8) implements Serializable {
  /** 3 / d2 with d2 = 1.128 for ranges of two points. */
  public static final double LIMIT_FACTOR = 2.66;

  /** D4 for ranges of two points. */
  public static final double RANGE_LIMIT_FACTOR = 3.268;

  public static final int RUN_LENGTH = 8;

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

  /** The chart of {@code values} (oldest first). */
  public List<XmrPoint> compute(double[] values) {
    int n = values.length;
    XmrSignal[] signals = new XmrSignal[n];
    Arrays.fill(signals, XmrSignal.NONE);
    Limits[] limitsOf = new Limits[n];
    int start = 0;
    while (start < n) {
      int restartAt =
          restartAfterRunOf8
              ? firstRunStartAfter(
                  values, start, Limits.of(values, start, n, baselinePoints).centre)
              : -1;
      int end = restartAt > 0 ? restartAt : n;
      Limits limits = Limits.of(values, start, end, baselinePoints);
      judge(values, start, end, limits, signals);
      Arrays.fill(limitsOf, start, end, limits);
      if (restartAt < 0) {
        break;
      }
      for (int i = restartAt; i < restartAt + RUN_LENGTH; i++) {
        signals[i] =
            XmrSignal.RUN_OF_8; // kept: judged against the new baseline they would look normal
      }
      start = restartAt;
    }
    // The run's points were marked before their own segment was judged; judge() only strengthens.
    List<XmrPoint> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Limits l = limitsOf[i];
      Double mr = i == 0 ? null : Math.abs(values[i] - values[i - 1]);
      out.add(
          new XmrPoint(
              values[i], l.centre, l.lower(), l.upper(), mr, l.upperRangeLimit(), signals[i]));
    }
    return out;
  }

  /** First index r > start where a run of RUN_LENGTH on one side of centre begins, or -1. */
  private static int firstRunStartAfter(double[] x, int start, double centre) {
    int runStart = start;
    int runSide = 0;
    for (int i = start; i < x.length; i++) {
      int side = Double.compare(x[i], centre) > 0 ? 1 : Double.compare(x[i], centre) < 0 ? -1 : 0;
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
    if (!l.judgeable) {
      return;
    }
    double upperHalf = l.centre + (l.upper() - l.centre) / 2;
    double lowerHalf = l.centre - (l.centre - l.lower()) / 2;
    for (int i = start; i < end; i++) {
      if (x[i] > l.upper() || x[i] < l.lower()) {
        signals[i] = signals[i].strongest(XmrSignal.BEYOND_LIMITS);
      }
      if (i > 0 && Math.abs(x[i] - x[i - 1]) > l.upperRangeLimit()) {
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
      int side = Double.compare(x[i], centre);
      int j = i;
      while (side != 0 && j + 1 < end && Double.compare(x[j + 1], centre) == side) {
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

  /** Centre and average moving range of one baseline. */
  private static final class Limits {
    final double centre;
    final double averageMovingRange;
    final boolean judgeable;

    private Limits(double centre, double averageMovingRange, boolean judgeable) {
      this.centre = centre;
      this.averageMovingRange = averageMovingRange;
      this.judgeable = judgeable;
    }

    /** Baseline = the first min(baselinePoints, end - start) points from start. */
    static Limits of(double[] x, int start, int end, int baselinePoints) {
      int count = Math.min(baselinePoints, end - start);
      double sum = 0;
      double ranges = 0;
      for (int i = start; i < start + count; i++) {
        sum += x[i];
        if (i > start) {
          ranges += Math.abs(x[i] - x[i - 1]);
        }
      }
      return count < 2
          ? new Limits(sum / count, 0, false)
          : new Limits(sum / count, ranges / (count - 1), true);
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
