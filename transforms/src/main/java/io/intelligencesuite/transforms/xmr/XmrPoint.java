package io.intelligencesuite.transforms.xmr;

import java.io.Serializable;

/**
 * One point of an XmR chart with the limits of the baseline it is judged against.
 *
 * @param movingRange |value - previous value|, null for the first point of the series
 */
public record XmrPoint(
    double value,
    double centre,
    double lowerLimit,
    double upperLimit,
    Double movingRange,
    double upperRangeLimit,
    XmrSignal signal)
    implements Serializable {}
