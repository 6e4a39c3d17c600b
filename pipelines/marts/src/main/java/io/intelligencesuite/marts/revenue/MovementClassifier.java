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
 *
 * <p>Rule 8 (FX): on a day where the customer pays before and after, the part of the change due
 * only to new exchange rates is an {@code fx} movement, apart from expansion / contraction
 * (ChartMogul creates no movement for FX and reports it in its own "Exchange Rate Impact" row): the
 * native change at the old rate comes first (before -> before + native), then fx (-> after).
 */
public final class MovementClassifier {
  private MovementClassifier() {}

  public static List<Movement> classify(
      String customerId,
      NavigableMap<LocalDate, Long> endOfDay,
      Map<LocalDate, Instant> lastChangeAt) {
    return classify(customerId, endOfDay, lastChangeAt, Map.of());
  }

  /**
   * @param endOfDay total MRR at the end of each day on which it may have changed, in day order
   * @param lastChangeAt the instant of the last change on each of those days
   * @param fxOfDay the part of each day's change due only to exchange rates (absent = 0)
   */
  public static List<Movement> classify(
      String customerId,
      NavigableMap<LocalDate, Long> endOfDay,
      Map<LocalDate, Instant> lastChangeAt,
      Map<LocalDate, Long> fxOfDay) {
    List<Movement> out = new ArrayList<>();
    long before = 0;
    boolean everPaid = false;
    for (Map.Entry<LocalDate, Long> e : endOfDay.entrySet()) {
      long after = e.getValue();
      if (after == before) {
        continue;
      }
      LocalDate day = e.getKey();
      Instant at = lastChangeAt.get(day);
      long fx = fxOfDay.getOrDefault(day, 0L);
      long native_ = before + (after - before - fx);
      if (before > 0 && after > 0 && fx != 0 && native_ > 0) {
        if (native_ != before) {
          out.add(movement(customerId, day, at, change(before, native_), before, native_));
        }
        out.add(movement(customerId, day, at, Movement.FX, native_, after));
        before = after;
        continue;
      }
      String type;
      if (before == 0) {
        type = everPaid ? Movement.REACTIVATION : Movement.NEW;
      } else if (after == 0) {
        type = Movement.CHURN;
      } else {
        type = change(before, after);
      }
      everPaid = true;
      out.add(movement(customerId, day, at, type, before, after));
      before = after;
    }
    return out;
  }

  private static String change(long before, long after) {
    return after > before ? Movement.EXPANSION : Movement.CONTRACTION;
  }

  private static Movement movement(
      String customerId, LocalDate day, Instant at, String type, long before, long after) {
    return new Movement(
        Movement.id(customerId, day, type), customerId, day, at, type, before, after);
  }
}
