package io.intelligencesuite.marts.metrics;

import java.util.List;
import java.util.Map;

/**
 * The facts behind the metrics, as plain lists, for tests: {@link ProductionMetrics} turns them
 * into fact rows. {@code segments} gives the dimension columns the segments are read from.
 */
public record MetricInputs(
    List<Facts.Movement> movements,
    List<Facts.CustomerCompany> customers,
    List<Facts.Trial> trials,
    List<Facts.Lead> leads,
    List<Facts.Payment> payments,
    List<Facts.Usage> usage,
    SegmentColumns segments,
    List<Deal> deals,
    List<Line> invoiceLines) {

  /** A CRM deal: won, lost or open, with its create and (possibly expected) close time. */
  public record Deal(String outcome, long createdAt, Long closedAt) {}

  /**
   * An invoice line (one line per invoice): its customer, type, amount, discount, inclusive tax,
   * currency, day and its invoice's status.
   */
  public record Line(
      String customerId,
      String lineType,
      long amountCents,
      long discountCents,
      Long taxInclusiveCents,
      String currency,
      String invoiceDate,
      String invoiceStatus) {}

  /** The facts alone: no segment columns, deals or invoice lines. */
  public MetricInputs(
      List<Facts.Movement> movements,
      List<Facts.CustomerCompany> customers,
      List<Facts.Trial> trials,
      List<Facts.Lead> leads,
      List<Facts.Payment> payments,
      List<Facts.Usage> usage) {
    this(
        movements,
        customers,
        trials,
        leads,
        payments,
        usage,
        SegmentColumns.NONE,
        List.of(),
        List.of());
  }

  public MetricInputs withSegments(SegmentColumns s) {
    return new MetricInputs(
        movements, customers, trials, leads, payments, usage, s, deals, invoiceLines);
  }

  public MetricInputs withDeals(List<Deal> d) {
    return new MetricInputs(
        movements, customers, trials, leads, payments, usage, segments, d, invoiceLines);
  }

  public MetricInputs withInvoiceLines(List<Line> l) {
    return new MetricInputs(
        movements, customers, trials, leads, payments, usage, segments, deals, l);
  }

  /**
   * dim_customer's current_product, billing_interval and first_touch_channel per customer, and
   * dim_company's country and segment (size) per company; absent ones are null.
   */
  public record SegmentColumns(
      Map<String, List<String>> customerPlanIntervalChannel,
      Map<String, List<String>> companyCountrySize) {
    public static final SegmentColumns NONE = new SegmentColumns(Map.of(), Map.of());
  }

  public static MetricInputs empty() {
    return new MetricInputs(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }
}
