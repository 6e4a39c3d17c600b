package io.intelligencesuite.transforms.xmr;

import java.io.Serializable;

/**
 * One point of an XmR chart with the limits of the baseline (segment) it is judged against: its
 * signal is always judged against the centre and limits on this point, never another segment's.
 *
 * @param value the period's value; NaN for a gap (a period inside the series with no value)
 * @param movingRange |value - previous value|, null for the first point of the series and for a
 *     point next to a gap (there is no consecutive pair to measure)
 * @param note why the point is judged as it is, when that is not plain: a gap, a baseline that
 *     cannot set limits (constant values, one value), or the start of a new baseline; null
 *     otherwise
 */
public record XmrPoint(
    double value,
    double centre,
    double lowerLimit,
    double upperLimit,
    Double movingRange,
    double upperRangeLimit,
    XmrSignal signal,
    String note)
    implements Serializable {

  /** Whether this period has no value (a gap in the series). */
  public boolean isGap() {
    return Double.isNaN(value);
  }
}
