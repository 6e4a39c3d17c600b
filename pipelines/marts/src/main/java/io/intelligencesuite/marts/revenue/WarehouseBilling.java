package io.intelligencesuite.marts.revenue;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One customer's billing read back from the embedded DuckDB warehouse's staging tables (the rows
 * the Stripe pipeline loaded and the marts computed from), as the revenue engine's input; the same
 * {@code fromRow} mappings as the marts. Timestamps are read as epoch milliseconds and dates as
 * text, so no JDBC time-zone conversion touches them.
 */
public final class WarehouseBilling {
  private WarehouseBilling() {}

  public static CustomerBilling read(DuckDbQueries q, String customerId) throws SQLException {
    if (!customerId.matches("[A-Za-z0-9_\\-]+")) {
      throw new IllegalArgumentException(
          "customer id '" + customerId + "' is not a Stripe id (letters, digits, _ and - only)");
    }
    String where = "customer_id = '" + customerId + "'";
    List<Billing.Subscription> subs =
        read(
            q,
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
              q,
              Tables.SUBSCRIPTION_ITEMS,
              "subscription_id IN (" + in + ")",
              Billing.Item::fromRow);
    }
    List<Billing.Customer> customers = read(q, Tables.CUSTOMERS, where, Billing.Customer::fromRow);
    return new CustomerBilling(
        customerId,
        customers.isEmpty() ? null : customers.get(0),
        subs,
        items,
        read(q, Tables.INVOICES, where, Billing.Invoice::fromRow),
        read(q, Tables.INVOICE_LINES, where, Billing.Line::fromRow));
  }

  /** dim_customer.mrr_cents of the customer, or null when it has no row. */
  public static @Nullable Long dimCustomerMrr(DuckDbQueries q, String customerId)
      throws SQLException {
    Object v =
        q.value("SELECT mrr_cents FROM dim_customer WHERE customer_id = '" + customerId + "'");
    return v == null ? null : ((Number) v).longValue();
  }

  /** The marts' last computed day (the latest fact_subscription day), or null before any run. */
  public static @Nullable LocalDate lastMartDay(DuckDbQueries q) throws SQLException {
    if (!q.tableExists(Tables.FACT_SUBSCRIPTION.name())) {
      return null;
    }
    Object v = q.value("SELECT CAST(max(date) AS VARCHAR) FROM fact_subscription");
    return v == null ? null : LocalDate.parse(v.toString());
  }

  private static <T> List<T> read(
      DuckDbQueries q, TableDef table, String where, Function<Row, T> mapping) throws SQLException {
    Schema schema = table.schema();
    StringBuilder select = new StringBuilder();
    for (Schema.Field f : schema.getFields()) {
      select.append(select.length() == 0 ? "" : ", ");
      switch (kind(f)) {
        case "timestamp" -> select.append("epoch_ms(").append(f.getName()).append(')');
        case "date" -> select.append("CAST(").append(f.getName()).append(" AS VARCHAR)");
        default -> select.append(f.getName());
      }
    }
    List<T> out = new ArrayList<>();
    if (!q.tableExists(table.name())) {
      return out;
    }
    for (List<Object> values :
        q.rows("SELECT " + select + " FROM " + table.name() + " WHERE " + where)) {
      RowBuilder b = RowBuilder.of(table);
      for (int i = 0; i < schema.getFieldCount(); i++) {
        Schema.Field f = schema.getField(i);
        Object v = values.get(i);
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

  private static Object convert(String kind, Object v) {
    return switch (kind) {
      case "timestamp" -> new org.joda.time.Instant(((Number) v).longValue());
      case "date" -> LocalDate.parse(v.toString());
      case "int64" -> ((Number) v).longValue();
      case "double" -> ((Number) v).doubleValue();
      case "boolean" -> v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString());
      default -> v.toString();
    };
  }
}
