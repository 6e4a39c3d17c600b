package io.intelligencesuite.reporting.dashboard;

import java.util.Map;

/** The XmR signal rules (metric_xmr.signal) in words a reader acts on. */
final class Signals {
  private static final Map<String, String> RULES =
      Map.of(
          "beyond_limits", "a point beyond the natural process limits",
          "run_of_8", "a run of 8 points on one side of the centre line",
          "three_of_four", "3 of 4 points beyond the halfway line to a limit",
          "range_above_limit", "a moving range above its upper range limit");

  private Signals() {}

  static boolean isSignal(String signal) {
    return signal != null && !signal.isBlank() && !signal.equals("none");
  }

  /** The rule in words, e.g. "run of 8: a run of 8 points on one side of the centre line". */
  static String describe(String signal) {
    String words = RULES.get(signal);
    return words == null ? signal : signal.replace('_', ' ') + " (" + words + ")";
  }
}
