package io.intelligencesuite.marts.revenue;

import io.intelligencesuite.marts.revenue.Billing.Line;
import io.intelligencesuite.marts.revenue.SubscriptionHistory.LineEffect;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code suite explain mrr CUSTOMER}: why a customer's MRR is what it is. For each day the MRR
 * changed (each movement), every invoice line that took effect that day, per subscription item: its
 * amount, discount, tax (and the inclusive part taken out), service period, the normalisation
 * (months in the whole period, prorate factor, FX) and the MRR it set or added; then the line that
 * sets each item's rate on the as-of day, and the MRR at the end of that day next to
 * dim_customer.mrr_cents. A change with no line that day comes from the subscription object
 * (canceled, trialing, paused, unpaid, auto-churn) or an item that left the subscription.
 */
public final class MrrExplanation {
  private MrrExplanation() {}

  /**
   * From the warehouse (embedded DuckDB or BigQuery, through {@link
   * io.intelligencesuite.transforms.datatests.WarehouseReader}): the customer's staging rows, as of
   * {@code date} (default: the marts' last computed day, else today), converted with the rates the
   * marts ran with (the same --reportingCurrency, --fxRates, --fxRatesCsv and
   * --pastDueAutoChurnDays), so that the last line can equal dim_customer.mrr_cents.
   */
  public static String explain(
      io.intelligencesuite.transforms.datatests.WarehouseReader r,
      String customerId,
      @Nullable LocalDate date,
      String reportingCurrency,
      FxRates fx,
      @Nullable Integer pastDueAutoChurnDays)
      throws java.io.IOException {
    LocalDate asOf = date;
    if (asOf == null) {
      asOf = WarehouseBilling.lastMartDay(r);
    }
    if (asOf == null) {
      asOf = LocalDate.now(java.time.ZoneOffset.UTC);
    }
    CustomerBilling billing = WarehouseBilling.read(r, customerId);
    if (billing.lines().isEmpty() && billing.subscriptions().isEmpty()) {
      throw new IllegalArgumentException(
          "customer "
              + customerId
              + " has no Stripe subscription or invoice line in the warehouse; list customers with"
              + " ./suite sql \"select customer_id, mrr_cents from dim_customer\"");
    }
    Long dim = date == null ? WarehouseBilling.dimCustomerMrr(r, customerId) : null;
    return explain(
        billing, new RevenueSettings(asOf, reportingCurrency, fx, pastDueAutoChurnDays), dim);
  }

  public static String explain(
      CustomerBilling billing, RevenueSettings settings, @Nullable Long dimCustomerMrr) {
    List<LineEffect> effects = new ArrayList<>();
    CustomerRevenue r = RevenueEngine.compute(billing, settings, effects);
    Map<LocalDate, List<LineEffect>> byDay = new TreeMap<>();
    for (LineEffect e : effects) {
      byDay.computeIfAbsent(MrrTimeline.dayOf(e.from()), d -> new ArrayList<>()).add(e);
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "MRR of %s as of %s, %s cents. Line MRR = (amount - discount - inclusive tax) x"
                + " prorate factor / months x fx, rounded (docs/metrics.md, mrr rules).%n",
            billing.customerId(),
            settings.asOf(),
            settings.reportingCurrency()));
    java.util.Set<LocalDate> explained = new java.util.HashSet<>();
    for (Movement m : r.movements()) {
      out.append(
          String.format(
              Locale.ROOT,
              "%s %-12s %d -> %d (%+d)%n",
              m.date(),
              m.type(),
              m.mrrBeforeCents(),
              m.mrrAfterCents(),
              m.mrrAfterCents() - m.mrrBeforeCents()));
      if (!explained.add(m.date())) {
        continue; // a day split into a native change and fx (rule 8): its lines are shown once
      }
      List<LineEffect> lines = byDay.getOrDefault(m.date(), List.of());
      if (lines.isEmpty()) {
        out.append(
            "    no invoice line took effect: the subscription ended or stopped counting"
                + " (status, trial, paused collection, unpaid, auto-churn), or an item left it\n");
      }
      lines.stream()
          .sorted(Comparator.comparing(LineEffect::itemKey).thenComparing(e -> e.line().lineId()))
          .forEach(e -> out.append("    ").append(describe(e)).append('\n'));
    }
    out.append("Rates in force on ").append(settings.asOf()).append(":\n");
    Map<String, LineEffect> latestSet = new LinkedHashMap<>();
    effects.stream()
        .filter(e -> e.sets() && !MrrTimeline.dayOf(e.from()).isAfter(settings.asOf()))
        .sorted(Comparator.comparing(LineEffect::from))
        .forEach(e -> latestSet.put(e.line().subscriptionId() + " " + e.itemKey(), e));
    latestSet.values().forEach(e -> out.append("    ").append(describe(e)).append('\n'));
    long mrr = r.mrrAtEndOf(settings.asOf());
    out.append(
        String.format(
            Locale.ROOT,
            "MRR at end of %s: %d; dim_customer.mrr_cents: %s%s%n",
            settings.asOf(),
            mrr,
            dimCustomerMrr == null
                ? "not compared (no row, or another day than the marts' as-of day)"
                : dimCustomerMrr.toString(),
            dimCustomerMrr != null && dimCustomerMrr != mrr
                ? " (differs: the marts ran with another as-of day or other FX rates)"
                : ""));
    return out.toString();
  }

  private static String describe(LineEffect e) {
    Line l = e.line();
    return String.format(
        Locale.ROOT,
        "%s %s %s %s %s %s..%s amount %d discount %d tax %d (inclusive %d) net %d %s"
            + " x %.4f / %.4f months x fx %.4f = %d %s",
        l.subscriptionId(),
        e.itemKey(),
        l.invoiceId(),
        l.lineId(),
        l.priceId(),
        MrrTimeline.dayOf(l.periodStart()),
        MrrTimeline.dayOf(l.periodEnd()),
        l.amountCents(),
        l.discountCents(),
        l.taxCents(),
        l.taxInclusiveCents(),
        l.netCents(),
        l.currency(),
        e.prorateFactor(),
        e.months(),
        e.fx(),
        e.mrrCents(),
        e.sets() ? "sets the item's rate" : "proration, adds");
  }
}
