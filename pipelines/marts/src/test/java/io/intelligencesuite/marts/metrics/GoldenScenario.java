package io.intelligencesuite.marts.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The golden example: a tiny company whose every metric was worked out by hand (MetricsGoldenTest
 * has the arithmetic) and whose outputs are pinned to each metric's version
 * (MetricDefinitionGovernanceTest). As of 2026-03-31; the first data is a lead in November 2025.
 *
 * <pre>
 * customer  company (dim / movements)  movements (cents)
 * A         coA / coA                  01-05 new 0->1000, 02-10 expansion ->1500, 03-20 churn ->0
 * B         coB / null                 01-20 new 0->2000, 02-15 contraction ->1200
 * C         none / coC                 02-01 new 0->500, 02-25 churn ->0, 03-10 reactivation ->800
 * D         none / null                01-10 new 0->300
 * E         none / coE                 04-02 new 0->700 (after the as-of date: ignored)
 * </pre>
 *
 * <p>Segments (dim_customer, dim_company): A is on prod_growth, monthly, from paid_search, coA in
 * GB and small; B on prod_pro, yearly, from organic_search, coB in US and large; C and D have no
 * dim_customer row, so every segment of theirs is unknown. Payments name no customer and trials and
 * leads no known company or channel: their segments are unknown too.
 */
final class GoldenScenario {
  private GoldenScenario() {}

  static final LocalDate AS_OF = LocalDate.parse("2026-03-31");

  static MetricInputs inputs() {
    return new MetricInputs(
            List.of(
                move("A", "coA", "2026-01-05", "new", 0, 1000),
                move("A", "coA", "2026-02-10", "expansion", 1000, 1500),
                move("A", "coA", "2026-03-20", "churn", 1500, 0),
                move("B", null, "2026-01-20", "new", 0, 2000),
                move("B", null, "2026-02-15", "contraction", 2000, 1200),
                move("C", "coC", "2026-02-01", "new", 0, 500),
                move("C", "coC", "2026-02-25", "churn", 500, 0),
                move("C", "coC", "2026-03-10", "reactivation", 0, 800),
                move("D", null, "2026-01-10", "new", 0, 300),
                move("E", "coE", "2026-04-02", "new", 0, 700)),
            List.of(new Facts.CustomerCompany("A", "coA"), new Facts.CustomerCompany("B", "coB")),
            List.of(
                // Jan cohort (14-day trials)
                trial(
                    "2026-01-03T09:00:00Z",
                    "2026-01-17T09:00:00Z",
                    "2026-01-08T10:00:00Z",
                    "2026-01-17T09:00:00Z"),
                trial("2026-01-25T09:00:00Z", "2026-02-08T09:00:00Z", null, "2026-03-05T12:00:00Z"),
                trial(
                    "2026-01-28T09:00:00Z",
                    "2026-02-11T09:00:00Z",
                    "2026-02-12T09:00:00Z",
                    "2026-03-20T09:00:00Z"),
                // Mar cohort: one ended, one still running at the as-of date
                trial("2026-03-10T09:00:00Z", "2026-03-24T09:00:00Z", "2026-03-12T09:00:00Z", null),
                trial("2026-03-25T09:00:00Z", "2026-04-08T09:00:00Z", "2026-03-28T09:00:00Z", null),
                // after the as-of date
                trial("2026-04-01T09:00:00Z", "2026-04-15T09:00:00Z", null, null)),
            List.of(
                lead("2025-11-10T10:00:00Z", 80.0, "2025-11-10T11:00:00Z", "2025-12-01T00:00:00Z"),
                lead("2025-11-11T10:00:00Z", 60.0, "2025-11-11T11:00:00Z", "2026-01-20T00:00:00Z"),
                lead("2025-11-12T10:00:00Z", 40.0, "2025-11-12T11:00:00Z", "2026-01-15T00:00:00Z"),
                lead("2025-11-13T10:00:00Z", 30.0, "2025-11-13T11:00:00Z", null),
                lead("2025-11-14T10:00:00Z", null, null, null),
                lead("2025-11-15T10:00:00Z", 90.0, "2025-11-15T11:00:00Z", "2025-10-01T00:00:00Z"),
                lead("2026-01-05T10:00:00Z", 70.0, "2026-04-05T10:00:00Z", null),
                lead("2026-01-06T10:00:00Z", 65.0, "2026-01-06T11:00:00Z", null)),
            List.of(
                payment("succeeded", "2026-01-05"),
                payment("succeeded", "2026-01-10"),
                payment("failed", "2026-01-19"),
                payment("succeeded", "2026-01-20"),
                payment("pending", "2026-02-28"),
                payment("succeeded", "2026-03-10"),
                payment("succeeded", "2026-03-15"),
                payment("failed", "2026-04-01")),
            List.of(
                usage("coA", "gradebook", "2026-01-06", 3),
                usage("coA", "attendance", "2026-01-07", 1),
                usage("coA", "attendance", "2026-02-03", 2),
                usage("coB", "attendance", "2026-01-21", 5),
                usage("coB", "timetable", "2026-03-02", 1),
                usage("coB", "attendance", "2026-03-05", 0),
                usage("coC", "gradebook", "2026-02-02", 1),
                usage("coC", "gradebook", "2026-03-15", 2),
                usage("coX", "messaging", "2026-01-10", 4),
                usage("coA", "timetable", "2026-04-01", 1)))
        .withSegments(
            new MetricInputs.SegmentColumns(
                Map.of(
                    "A", List.of("prod_growth", "month", "paid_search"),
                    "B", List.of("prod_pro", "year", "organic_search")),
                Map.of("coA", List.of("GB", "small"), "coB", List.of("US", "large"))))
        .withDeals(DEALS)
        .withInvoiceLines(LINES);
  }

  /**
   * Invoice lines for discount_rate (A is plan prod_growth, B prod_pro; FX eur = 1.08 usd). Jan: A
   * usd 10000 with 2000 off, B eur 20000 without a discount (21600 usd); A's one-off item (1000,
   * 500 off) and B's void invoice's line (5000 off 5000) left out. Feb: A usd 11000, 1100 off, the
   * 9900 charged holding 900 VAT (10% inclusive). March: only a draft invoice's line (no row);
   * April's line is after the as-of date.
   */
  static final List<MetricInputs.Line> LINES =
      List.of(
          line("A", "subscription", 10000, 2000, null, "usd", "2026-01-05", "paid"),
          line("B", "subscription", 20000, 0, 0L, "eur", "2026-01-20", "open"),
          line("A", "invoiceitem", 1000, 500, null, "usd", "2026-01-05", "paid"),
          line("B", "subscription", 5000, 5000, null, "usd", "2026-01-25", "void"),
          line("A", "subscription", 11000, 1100, 900L, "usd", "2026-02-05", "paid"),
          line("A", "subscription", 8000, 4000, null, "usd", "2026-03-05", "draft"),
          line("A", "subscription", 10000, 9000, null, "usd", "2026-04-05", "paid"));

  static MetricInputs.Line line(
      String customer,
      String type,
      long amount,
      long discount,
      Long inclusiveTax,
      String currency,
      String day,
      String invoiceStatus) {
    return new MetricInputs.Line(
        customer, type, amount, discount, inclusiveTax, currency, day, invoiceStatus);
  }

  /**
   * CRM deals. By month of close: January 2 won (10 and 31.5 days) and 1 lost; February 3 won
   * (7.25, 12 and 41 days) and 1 lost; March 1 lost; one won after the as-of date and two open
   * deals (one with an expected close date in February, as HubSpot sets one) count nowhere.
   */
  static final List<MetricInputs.Deal> DEALS =
      List.of(
          deal("won", "2026-01-01T00:00:00Z", "2026-01-11T00:00:00Z"),
          deal("won", "2025-12-20T12:00:00Z", "2026-01-21T00:00:00Z"),
          deal("lost", "2026-01-02T00:00:00Z", "2026-01-30T00:00:00Z"),
          deal("won", "2026-02-01T00:00:00Z", "2026-02-08T06:00:00Z"),
          deal("won", "2026-02-03T00:00:00Z", "2026-02-15T00:00:00Z"),
          deal("won", "2026-01-10T00:00:00Z", "2026-02-20T00:00:00Z"),
          deal("lost", "2026-02-01T00:00:00Z", "2026-02-28T23:00:00Z"),
          deal("lost", "2026-03-01T00:00:00Z", "2026-03-05T00:00:00Z"),
          deal("open", "2026-03-10T00:00:00Z", null),
          deal("won", "2026-03-20T00:00:00Z", "2026-04-02T00:00:00Z"),
          deal("open", "2026-02-01T00:00:00Z", "2026-02-10T00:00:00Z"));

  static MetricInputs.Deal deal(String outcome, String created, String closed) {
    return new MetricInputs.Deal(outcome, ms(created), msOrNull(closed));
  }

  static Facts.Movement move(
      String customer, String company, String date, String type, long before, long after) {
    return new Facts.Movement(
        customer, company, LocalDate.parse(date), type, before, after, after - before);
  }

  static Facts.Trial trial(String started, String ends, String activated, String converted) {
    return new Facts.Trial(ms(started), ms(ends), msOrNull(activated), msOrNull(converted));
  }

  static Facts.Lead lead(String created, Double score, String scoredAt, String converted) {
    return new Facts.Lead(ms(created), score, msOrNull(scoredAt), msOrNull(converted));
  }

  static Facts.Payment payment(String status, String date) {
    return new Facts.Payment(status, LocalDate.parse(date));
  }

  static Facts.Usage usage(String company, String feature, String date, long events) {
    return new Facts.Usage(company, feature, LocalDate.parse(date), events);
  }

  static long ms(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  static Long msOrNull(String iso) {
    return iso == null ? null : ms(iso);
  }
}
