package io.intelligencesuite.marts.revenue;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.datatests.WarehouseReader;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One customer's billing read back from the warehouse's staging tables (the rows the Stripe
 * pipeline loaded and the marts computed from), as the revenue engine's input; the same {@code
 * fromRow} mappings as the marts. Read through {@link WarehouseReader}, so the embedded DuckDB file
 * and BigQuery answer the same SQL with the same Java types.
 */
public final class WarehouseBilling {
  private WarehouseBilling() {}

  public static CustomerBilling read(WarehouseReader r, String customerId) throws IOException {
    checkId(customerId);
    String where = "customer_id = '" + customerId + "'";
    List<Billing.Subscription> subs =
        read(
            r,
            Tables.SUBSCRIPTIONS,
            where + " AND source = 'stripe'",
            Billing.Subscription::fromRow);
    List<Billing.Item> items = new ArrayList<>();
    if (!subs.isEmpty()) {
      StringBuilder in = new StringBuilder();
      for (Billing.Subscription s : subs) {
        in.append(in.length() == 0 ? "" : ", ")
            .append('\'')
            .append(s.subscriptionId())
            .append('\'');
      }
      items =
          read(
              r,
              Tables.SUBSCRIPTION_ITEMS,
              "subscription_id IN (" + in + ")",
              Billing.Item::fromRow);
    }
    List<Billing.Customer> customers = read(r, Tables.CUSTOMERS, where, Billing.Customer::fromRow);
    return new CustomerBilling(
        customerId,
        customers.isEmpty() ? null : customers.get(0),
        subs,
        items,
        read(r, Tables.INVOICES, where, Billing.Invoice::fromRow),
        read(r, Tables.INVOICE_LINES, where, Billing.Line::fromRow));
  }

  private static void checkId(String customerId) {
    if (!customerId.matches("[A-Za-z0-9_\\-]+")) {
      throw new IllegalArgumentException(
          "customer id '" + customerId + "' is not a Stripe id (letters, digits, _ and - only)");
    }
  }

  /** dim_customer.mrr_cents of the customer, or null when it has no row. */
  public static @Nullable Long dimCustomerMrr(WarehouseReader r, String customerId)
      throws IOException {
    checkId(customerId);
    if (!r.tableExists(Tables.DIM_CUSTOMER.name())) {
      return null;
    }
    List<Map<String, Object>> rows =
        r.rows(
            "SELECT mrr_cents FROM "
                + r.table(Tables.DIM_CUSTOMER.name())
                + " WHERE customer_id = '"
                + customerId
                + "'");
    Object v = rows.isEmpty() ? null : rows.get(0).get("mrr_cents");
    return v == null ? null : ((Number) v).longValue();
  }

  /** The marts' last computed day (the latest fact_subscription day), or null before any run. */
  public static @Nullable LocalDate lastMartDay(WarehouseReader r) throws IOException {
    if (!r.tableExists(Tables.FACT_SUBSCRIPTION.name())) {
      return null;
    }
    List<Map<String, Object>> rows =
        r.rows("SELECT max(date) AS d FROM " + r.table(Tables.FACT_SUBSCRIPTION.name()));
    Object v = rows.isEmpty() ? null : rows.get(0).get("d");
    return v == null ? null : v instanceof LocalDate d ? d : LocalDate.parse(v.toString());
  }

  private static <T> List<T> read(
      WarehouseReader r, TableDef table, String where, Function<Row, T> mapping)
      throws IOException {
    Schema schema = table.schema();
    StringBuilder select = new StringBuilder();
    for (Schema.Field f : schema.getFields()) {
      select.append(select.length() == 0 ? "" : ", ").append(f.getName());
    }
    List<T> out = new ArrayList<>();
    if (!r.tableExists(table.name())) {
      return out;
    }
    for (Map<String, Object> values :
        r.rows("SELECT " + select + " FROM " + r.table(table.name()) + " WHERE " + where)) {
      RowBuilder b = RowBuilder.of(table);
      for (Schema.Field f : schema.getFields()) {
        Object v = values.get(f.getName().toLowerCase(java.util.Locale.ROOT));
        b.set(f.getName(), v == null ? null : convert(kind(f), v));
      }
      out.add(mapping.apply(b.build()));
    }
    return out;
  }

  private static String kind(Schema.Field f) {
    Schema.FieldType t = f.getType();
    if (t.getTypeName() == Schema.TypeName.DATETIME) {
      return "timestamp";
    }
    if (t.getTypeName() == Schema.TypeName.LOGICAL_TYPE) {
      return "date";
    }
    return t.getTypeName().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The reader's Java types (Instant, LocalDate, Long, Double, Boolean, String) as Beam's. */
  private static Object convert(String kind, Object v) {
    return switch (kind) {
      case "timestamp" ->
          new org.joda.time.Instant(
              v instanceof java.time.Instant i ? i.toEpochMilli() : ((Number) v).longValue());
      case "date" -> v instanceof LocalDate d ? d : LocalDate.parse(v.toString());
      case "int64" -> ((Number) v).longValue();
      case "double" -> ((Number) v).doubleValue();
      case "boolean" -> v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString());
      default -> v.toString();
    };
  }
}
