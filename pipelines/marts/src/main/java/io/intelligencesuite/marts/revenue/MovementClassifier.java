package io.intelligencesuite.marts.revenue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Movements from a customer's total MRR at the end of each day it changed (all subscriptions
 * together, so cancelling one of two is a contraction): 0 -> x the first time = new; 0 -> x after
 * an earlier paid period = reactivation; up = expansion; down but above 0 = contraction; to 0 =
 * churn. Changes within one day are netted into one movement (end of day against end of the day
 * before); a day whose changes cancel out has none.
 */
public final class MovementClassifier {
  private MovementClassifier() {}

  /**
   * @param endOfDay total MRR at the end of each day on which it may have changed, in day order
   * @param lastChangeAt the instant of the last change on each of those days
   */
  public static List<Movement> classify(
      String customerId,
      NavigableMap<LocalDate, Long> endOfDay,
      Map<LocalDate, Instant> lastChangeAt) {
    List<Movement> out = new ArrayList<>();
    long before = 0;
    boolean everPaid = false;
    for (Map.Entry<LocalDate, Long> e : endOfDay.entrySet()) {
      long after = e.getValue();
      if (after == before) {
        continue;
      }
      String type;
      if (before == 0) {
        type = everPaid ? Movement.REACTIVATION : Movement.NEW;
      } else if (after == 0) {
        type = Movement.CHURN;
      } else {
        type = after > before ? Movement.EXPANSION : Movement.CONTRACTION;
      }
      everPaid = true;
      LocalDate day = e.getKey();
      out.add(
          new Movement(
              Movement.id(customerId, day, type),
              customerId,
              day,
              lastChangeAt.get(day),
              type,
              before,
              after));
      before = after;
    }
    return out;
  }
}
