package io.intelligencesuite.transforms.xmr;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The signals an XmR chart reports, in precedence order: when several fire on one point, the
 * earliest in this list is the one recorded. Beyond a limit comes first (Wheeler's rule 1: one
 * point is enough evidence on its own), then the run of 8 (a sustained shift, the signal that
 * restarts a baseline), then 3 of 4 near a limit (earlier, weaker evidence of the same shift), and
 * last the range chart's signal (a single big jump, which usually also shows on the X chart).
 */
public enum XmrSignal {
  BEYOND_LIMITS("beyond_limits"),
  RUN_OF_8("run_of_8"),
  THREE_OF_FOUR("three_of_four"),
  RANGE_ABOVE_LIMIT("range_above_limit"),
  NONE("none");

  private final String code;

  XmrSignal(String code) {
    this.code = code;
  }

  /** The value written to metric_xmr.signal. */
  public String code() {
    return code;
  }

  /** The signal written as {@code code} in metric_xmr.signal. */
  public static XmrSignal fromCode(String code) {
    for (XmrSignal s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "Unknown XmR signal '"
            + code
            + "' in metric_xmr.signal; known: "
            + Arrays.stream(values()).map(XmrSignal::code).collect(Collectors.joining(", ")));
  }

  /** The stronger of two signals (lower ordinal wins). */
  XmrSignal strongest(XmrSignal other) {
    return other.ordinal() < ordinal() ? other : this;
  }
}
