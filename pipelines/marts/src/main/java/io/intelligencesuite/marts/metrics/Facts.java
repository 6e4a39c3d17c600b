package io.intelligencesuite.marts.metrics;

import io.intelligencesuite.marts.revenue.FxRates;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.ReadableInstant;

/**
 * The fact rows the metrics read, as small typed records (timestamps as epoch milliseconds, UTC),
 * with their conversion from the registry's rows. Only the columns a formula uses are kept.
 */
public final class Facts {
  private Facts() {}

  /** fact_revenue: one MRR movement. */
  public record Movement(
      String customerId,
      @Nullable String companyId,
      LocalDate date,
      String type,
      long mrrBefore,
      long mrrAfter,
      long delta)
      implements Serializable {
    public static Movement fromRow(Row r) {
      return new Movement(
          r.getString("customer_id"),
          r.getString("company_id"),
          r.getValue("movement_date"),
          r.getString("movement_type"),
          r.getInt64("mrr_before_cents"),
          r.getInt64("mrr_after_cents"),
          r.getInt64("mrr_delta_cents"));
    }
  }

  /** fact_trial: one trial. */
  public record Trial(
      long startedAt, long endsAt, @Nullable Long activatedAt, @Nullable Long convertedAt)
      implements Serializable {
    public static Trial fromRow(Row r) {
      return new Trial(
          millis(r, "started_at"),
          millis(r, "trial_ends_at"),
          millisOrNull(r, "activated_at"),
          millisOrNull(r, "converted_at"));
    }
  }

  /** fact_lead: one lead with its first score. */
  public record Lead(
      long createdAt,
      @Nullable Double firstScore,
      @Nullable Long firstScoredAt,
      @Nullable Long convertedAt)
      implements Serializable {
    public static Lead fromRow(Row r) {
      return new Lead(
          millis(r, "created_at"),
          r.getDouble("first_score"),
          millisOrNull(r, "first_scored_at"),
          millisOrNull(r, "converted_at"));
    }
  }

  /** payments (staging): one charge attempt. */
  public record Payment(String status, LocalDate attemptedDate) implements Serializable {
    public static Payment fromRow(Row r) {
      return new Payment(r.getString("status"), r.getValue("attempted_date"));
    }
  }

  /**
   * invoice_lines: one subscription line's discount and list amount (before the discount), both
   * before tax and in the reporting currency, by the invoice's day. A VAT-inclusive line holds its
   * tax inside both: Stripe computes the inclusive tax on the discounted amount, so the line's
   * before-tax share is (amount - discount - inclusive tax) / (amount - discount), and the list
   * amount and the discount are each that share of themselves. A line the coupon takes entirely
   * carries no tax to measure the share by and counts as it stands.
   */
  public record InvoiceLine(
      String customerId, long discountCents, long listCents, LocalDate invoiceDate)
      implements Serializable {
    /**
     * Null for a one-off invoice item or a proration (a credit or charge for a mid-period change):
     * the discount rate is about subscription prices.
     */
    public static @Nullable InvoiceLine fromRow(Row r, String reporting, FxRates fx) {
      if (!"subscription".equals(r.getString("line_type"))
          || Boolean.TRUE.equals(r.getBoolean("is_proration"))) {
        return null;
      }
      LocalDate day = r.getValue("invoice_created_date");
      double factor = fx.factor(r.getString("currency"), reporting, day);
      long amount = r.getInt64("amount_cents");
      long discount = r.getInt64("discount_cents");
      Long inclusive = r.getInt64("tax_inclusive_cents");
      long charged = amount - discount;
      double beforeTax =
          inclusive == null || inclusive == 0 || charged <= 0
              ? 1.0
              : (charged - inclusive) / (double) charged;
      return new InvoiceLine(
          r.getString("customer_id"),
          Math.round(discount * beforeTax * factor),
          Math.round(amount * beforeTax * factor),
          day);
    }
  }

  /** fact_usage: one company x feature x day. */
  public record Usage(String companyId, String feature, LocalDate date, long events)
      implements Serializable {
    public static Usage fromRow(Row r) {
      return new Usage(
          r.getString("company_id"),
          r.getString("feature"),
          r.getValue("date"),
          r.getInt64("events"));
    }
  }

  /** crm_deals: one closed deal, won or lost (open deals never reach the metrics). */
  public record Deal(boolean won, long createdAt, long closedAt) implements Serializable {
    public static Deal fromRow(Row r) {
      return new Deal(
          Boolean.TRUE.equals(r.getBoolean("is_won")),
          millis(r, "created_at"),
          millis(r, "closed_at"));
    }

    /** A closed deal with a close date: what win rate and sales cycle read. */
    public static boolean closed(Row r) {
      return Boolean.TRUE.equals(r.getBoolean("is_closed")) && r.getValue("closed_at") != null;
    }
  }

  /** dim_customer: which company a customer is. */
  public record CustomerCompany(String customerId, @Nullable String companyId)
      implements Serializable {
    public static CustomerCompany fromRow(Row r) {
      return new CustomerCompany(r.getString("customer_id"), r.getString("company_id"));
    }
  }

  static LocalDate day(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC).toLocalDate();
  }

  static LocalDate month(LocalDate day) {
    return day.withDayOfMonth(1);
  }

  static long startOfDay(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  private static long millis(Row r, String column) {
    Long m = millisOrNull(r, column);
    if (m == null) {
      throw new IllegalArgumentException("Column " + column + " is null in " + r);
    }
    return m;
  }

  private static @Nullable Long millisOrNull(Row r, String column) {
    ReadableInstant t = r.getValue(column);
    return t == null ? null : t.getMillis();
  }
}
