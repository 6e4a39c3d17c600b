package io.intelligencesuite.marts.revenue;

import io.intelligencesuite.marts.revenue.Billing.Item;
import io.intelligencesuite.marts.revenue.Billing.Subscription;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A subscription's MRR now, from its current state alone (subscription row + its items), the
 * figure reconciliation compares with the invoice-driven history. Pure and static.
 * <ul>
 *   <li>Counts only {@code active} and {@code past_due} subscriptions that have not ended.</li>
 *   <li>Each licensed item is unit_amount x quantity per billing period; metered items are excluded;
 *       a period is normalised to a month ({@link MonthlyNormalization#months(String, long)}).</li>
 *   <li>The subscription's discount counts if it was in force when the current period was invoiced
 *       (at current_period_start), as the invoice-driven figure sees it: forever from its start;
 *       repeating from its start until its end (discount_end, else start + duration_in_months);
 *       once only for the first period invoiced after it started. Percent off comes off the period amount (rounded to a
 *       cent, as Stripe does); amount off comes off the period amount of the main item's interval.</li>
 *   <li>Tax is never included (unit amounts exclude it). Conversion at the current period start's rate.</li>
 * </ul>
 */
public final class CurrentStateMrr {
  private CurrentStateMrr() {}

  /** MRR in reporting-currency cents at {@code at}; items may be empty (the subscription's main-item columns are used). */
  public static long of(Subscription sub, List<Item> items, Instant at, String reportingCurrency, FxRates fx) {
    if (!("active".equals(sub.status()) || "past_due".equals(sub.status()))) {
      return 0;
    }
    Instant ended = sub.endedOrCanceledAt();
    if (ended != null && !at.isBefore(ended)) {
      return 0;
    }
    List<Item> licensed = items.isEmpty() ? List.of(mainItem(sub)) : items.stream().filter(i -> !i.metered()).toList();
    // Gross per billing period, per distinct period length (Stripe keeps one interval per subscription,
    // but nothing here depends on it).
    Map<Double, Long> grossByMonths = new LinkedHashMap<>();
    String currency = sub.currency();
    for (Item i : licensed) {
      if (i.unitAmountCents() == null) {
        throw new IllegalArgumentException("subscription_items " + i.itemId() + ": unit_amount_cents is missing "
            + "(tiered prices are not supported for current-state MRR)");
      }
      if (i.billingInterval() == null) {
        throw new IllegalArgumentException("subscription_items " + i.itemId() + ": billing_interval is missing");
      }
      double months = MonthlyNormalization.months(i.billingInterval(), i.intervalCount() == null ? 1 : i.intervalCount());
      long qty = i.quantity() == null ? 1 : i.quantity();
      grossByMonths.merge(months, i.unitAmountCents() * qty, Long::sum);
      if (currency == null) {
        currency = i.currency();
      }
    }
    if (currency == null) {
      throw new IllegalArgumentException("subscriptions " + sub.subscriptionId() + ": currency is missing");
    }
    Instant periodStart = sub.currentPeriodStart() != null ? sub.currentPeriodStart() : at;
    boolean discounted = discountApplies(sub, periodStart);
    double rate = fx.factor(currency, reportingCurrency, periodStart.atZone(ZoneOffset.UTC).toLocalDate());
    long mrr = 0;
    boolean first = true;
    for (Map.Entry<Double, Long> e : grossByMonths.entrySet()) {
      long gross = e.getValue();
      long net = gross;
      if (discounted && sub.discountPercentOff() != null && sub.discountPercentOff() > 0) {
        net = gross - Math.round(gross * sub.discountPercentOff() / 100.0);
      } else if (discounted && first && sub.discountAmountOffCents() != null) {
        net = gross - Math.min(gross, sub.discountAmountOffCents());
      }
      mrr += LineMrr.of(net, e.getKey(), rate);
      first = false;
    }
    return mrr;
  }

  /** Whether the subscription's discount was in force for the period starting at periodStart. */
  static boolean discountApplies(Subscription sub, Instant periodStart) {
    String duration = sub.discountDuration();
    if (duration == null || (sub.discountPercentOff() == null && sub.discountAmountOffCents() == null)) {
      return false;
    }
    Instant start = sub.discountStart();
    if (start != null && start.isAfter(periodStart)) {
      return false; // added mid-period: it applies from the next invoice
    }
    return switch (duration) {
      case "forever" -> true;
      case "repeating" -> {
        Instant end = repeatingEnd(sub, start);
        yield end == null || periodStart.isBefore(end);
      }
      case "once" -> start == null || start.isAfter(previousPeriodStart(sub, periodStart));
      default -> throw new IllegalArgumentException("subscriptions " + sub.subscriptionId() + ": discount_duration '"
          + duration + "' is not once, repeating or forever");
    };
  }

  /**
   * One billing interval before periodStart: a once coupon that started after it was used by the
   * current period's invoice (the first one after it started), else by an earlier one.
   */
  private static Instant previousPeriodStart(Subscription sub, Instant periodStart) {
    long n = sub.intervalCount() == null ? 1 : sub.intervalCount();
    java.time.ZonedDateTime z = periodStart.atZone(ZoneOffset.UTC);
    String interval = sub.billingInterval();
    if (interval == null && sub.currentPeriodEnd() != null) {
      return periodStart.minus(java.time.Duration.between(periodStart, sub.currentPeriodEnd()));
    }
    return switch (interval == null ? "month" : interval) {
      case "year" -> z.minusYears(n).toInstant();
      case "week" -> z.minusWeeks(n).toInstant();
      case "day" -> z.minusDays(n).toInstant();
      default -> z.minusMonths(n).toInstant();
    };
  }

  private static @Nullable Instant repeatingEnd(Subscription sub, @Nullable Instant start) {
    if (sub.discountEnd() != null) {
      return sub.discountEnd();
    }
    if (start == null || sub.discountDurationInMonths() == null) {
      return null;
    }
    return start.atZone(ZoneOffset.UTC).plusMonths(sub.discountDurationInMonths()).toInstant();
  }

  private static Item mainItem(Subscription sub) {
    return new Item(sub.subscriptionId() + "#main", sub.subscriptionId(), sub.priceId(), sub.quantity(),
        sub.unitAmountCents(), sub.currency(), sub.billingInterval(), sub.intervalCount(), null);
  }
}
