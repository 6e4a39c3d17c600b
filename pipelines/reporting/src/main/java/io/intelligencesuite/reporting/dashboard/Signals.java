package io.intelligencesuite.reporting.dashboard;

import io.intelligencesuite.transforms.xmr.XmrSignal;
import java.util.EnumMap;
import java.util.Map;

/** The XmR signal rules ({@link XmrSignal}, metric_xmr.signal) in words a reader acts on. */
final class Signals {
  private static final Map<XmrSignal, String> RULES = new EnumMap<>(XmrSignal.class);

  static {
    RULES.put(XmrSignal.BEYOND_LIMITS, "a point beyond the natural process limits");
    RULES.put(XmrSignal.RUN_OF_8, "a run of 8 points on one side of the centre line");
    RULES.put(XmrSignal.THREE_OF_FOUR, "3 of 4 points beyond the halfway line to a limit");
    RULES.put(XmrSignal.RANGE_ABOVE_LIMIT, "a moving range above its upper range limit");
  }

  private Signals() {}

  static boolean isSignal(XmrSignal signal) {
    return signal != XmrSignal.NONE;
  }

  /** The rule in words, e.g. "run of 8 (a run of 8 points on one side of the centre line)". */
  static String describe(XmrSignal signal) {
    String words = RULES.get(signal);
    String name = signal.code().replace('_', ' ');
    return words == null ? name : name + " (" + words + ")";
  }
}
