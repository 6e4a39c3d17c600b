package io.intelligencesuite.transforms.warehouse;

import java.io.Serializable;
import java.time.LocalDate;

/** An inclusive range of days: the partitions a run replaces. */
public record DateWindow(LocalDate start, LocalDate end) implements Serializable {
  public DateWindow {
    if (start == null || end == null || end.isBefore(start)) {
      throw new IllegalArgumentException(
          "Invalid window "
              + start
              + " .. "
              + end
              + ": give --startDate and --endDate as YYYY-MM-DD with startDate <= endDate");
    }
  }

  /**
   * The window of a pipeline's {@code --startDate/--endDate} options (YYYY-MM-DD, inclusive), or
   * null when neither is given; one without the other is an error naming the fix.
   */
  public static DateWindow fromOptions(String start, String end) {
    if (start == null && end == null) {
      return null;
    }
    if (start == null || end == null) {
      throw new IllegalArgumentException(
          "Give both --startDate and --endDate (YYYY-MM-DD), or neither.");
    }
    try {
      return new DateWindow(LocalDate.parse(start), LocalDate.parse(end));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--startDate/--endDate must be YYYY-MM-DD: " + e.getParsedString(), e);
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
