package io.intelligencesuite.transforms.warehouse;

import java.io.Serializable;
import java.time.LocalDate;

/** An inclusive range of days: the partitions a run replaces. */
public record DateWindow(LocalDate start, LocalDate end) implements Serializable {
  public DateWindow {
    if (start == null || end == null || end.isBefore(start)) {
      throw new IllegalArgumentException("Invalid window " + start + " .. " + end
          + ": give --startDate and --endDate as YYYY-MM-DD with startDate <= endDate");
    }
  }

  public boolean contains(LocalDate day) {
    return !day.isBefore(start) && !day.isAfter(end);
  }

  @Override
  public String toString() {
    return start + ".." + end;
  }
}
