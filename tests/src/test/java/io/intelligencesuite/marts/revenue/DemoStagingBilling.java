package io.intelligencesuite.marts.revenue;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.Json;
import io.intelligencesuite.sources.stripe.StripeParsers;
import io.intelligencesuite.sources.stripe.StripeRecords;
import io.intelligencesuite.sources.stripe.StripeResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.beam.sdk.values.Row;

/**
 * The demo company's stripe/*.json list bodies turned into staging rows with the Stripe pipeline's
 * own normaliser and parsers (no HTTP server), internal test accounts (billing e-mail on the
 * company's own domain) removed, grouped per customer for the revenue engine.
 */
public final class DemoStagingBilling {
  /**
   * The revenue settings the demo company's operator gives the marts (MANIFEST.json marts_settings:
   * the --fxRates spec and the dated --fxRatesCsv file), as of {@code asOf}, USD, auto-churn off:
   * the same options a production run reads.
   */
  public static RevenueSettings settings(Path dir, java.time.LocalDate asOf) throws IOException {
    JsonNode s = Json.MAPPER.readTree(dir.resolve("MANIFEST.json").toFile()).path("marts_settings");
    String csv = s.path("fx_rates_csv").asText();
    return RevenueSettings.of(
        asOf,
        "usd",
        s.path("fx_rates").asText(),
        csv.isEmpty() ? null : dir.resolve(csv).toString(),
        0);
  }

  static final String INTERNAL_DOMAIN = "@classharbor.example";

  private DemoStagingBilling() {}

  /** The demo's Stripe objects as the Stripe pipeline's records, one JSON text per staging row. */
  static Map<TableDef, List<String>> records(Path demoDir) throws IOException {
    Map<StripeResource, List<JsonNode>> fetched = new EnumMap<>(StripeResource.class);
    for (StripeResource r : StripeResource.values()) {
      Path file = demoDir.resolve("stripe").resolve(r.path().substring("/v1/".length()) + ".json");
      List<JsonNode> objects = new ArrayList<>();
      if (Files.exists(file)) {
        Json.MAPPER.readTree(file.toFile()).path("data").forEach(objects::add);
      }
      fetched.put(r, objects);
    }
    return StripeRecords.split(fetched);
  }

  /** Every staging row of the demo's Stripe objects, per table, as the Stripe pipeline loads it. */
  static Map<TableDef, List<Row>> stagingRows(Path demoDir) throws IOException {
    Map<TableDef, List<String>> records = records(demoDir);
    Map<TableDef, List<Row>> rows = new java.util.LinkedHashMap<>();
    rows.put(Tables.CUSTOMERS, parse(records, Tables.CUSTOMERS, StripeParsers::customer, r -> r));
    rows.put(
        Tables.SUBSCRIPTIONS,
        parse(records, Tables.SUBSCRIPTIONS, StripeParsers::subscription, r -> r));
    rows.put(
        Tables.SUBSCRIPTION_ITEMS,
        parse(records, Tables.SUBSCRIPTION_ITEMS, StripeParsers::subscriptionItem, r -> r));
    rows.put(Tables.INVOICES, parse(records, Tables.INVOICES, StripeParsers::invoice, r -> r));
    rows.put(
        Tables.INVOICE_LINES,
        parse(records, Tables.INVOICE_LINES, StripeParsers::invoiceLine, r -> r));
    return rows;
  }

  public static Map<String, CustomerBilling> load(Path demoDir) throws IOException {
    Map<TableDef, List<String>> records = records(demoDir);
    List<Billing.Customer> customers =
        parse(records, Tables.CUSTOMERS, StripeParsers::customer, Billing.Customer::fromRow);
    Set<String> internal = new HashSet<>();
    for (Billing.Customer c : customers) {
      if (c.email() != null && c.email().endsWith(INTERNAL_DOMAIN)) {
        internal.add(c.customerId());
      }
    }
    if (internal.isEmpty()) {
      throw new IllegalStateException(
          "expected the demo's internal test accounts (" + INTERNAL_DOMAIN + ")");
    }
    List<Billing.Subscription> subs =
        parse(
            records,
            Tables.SUBSCRIPTIONS,
            StripeParsers::subscription,
            Billing.Subscription::fromRow);
    Map<String, String> subCustomer = new HashMap<>();
    subs.forEach(s -> subCustomer.put(s.subscriptionId(), s.customerId()));
    List<Billing.Item> items =
        parse(
            records,
            Tables.SUBSCRIPTION_ITEMS,
            StripeParsers::subscriptionItem,
            Billing.Item::fromRow);
    List<Billing.Invoice> invoices =
        parse(records, Tables.INVOICES, StripeParsers::invoice, Billing.Invoice::fromRow);
    List<Billing.Line> lines =
        parse(records, Tables.INVOICE_LINES, StripeParsers::invoiceLine, Billing.Line::fromRow);

    Map<String, CustomerBilling> out = new TreeMap<>();
    Function<String, CustomerBilling> group =
        id ->
            out.computeIfAbsent(
                id,
                k ->
                    new CustomerBilling(
                        k,
                        null,
                        new ArrayList<>(),
                        new ArrayList<>(),
                        new ArrayList<>(),
                        new ArrayList<>()));
    for (Billing.Customer c : customers) {
      if (!internal.contains(c.customerId())) {
        CustomerBilling b = group.apply(c.customerId());
        out.put(
            c.customerId(),
            new CustomerBilling(
                b.customerId(), c, b.subscriptions(), b.items(), b.invoices(), b.lines()));
      }
    }
    subs.stream()
        .filter(s -> !internal.contains(s.customerId()))
        .forEach(s -> group.apply(s.customerId()).subscriptions().add(s));
    items.stream()
        .filter(i -> !internal.contains(subCustomer.get(i.subscriptionId())))
        .forEach(i -> group.apply(subCustomer.get(i.subscriptionId())).items().add(i));
    invoices.stream()
        .filter(i -> !internal.contains(i.customerId()))
        .forEach(i -> group.apply(i.customerId()).invoices().add(i));
    lines.stream()
        .filter(l -> !internal.contains(l.customerId()))
        .forEach(l -> group.apply(l.customerId()).lines().add(l));
    return out;
  }

  private static <T> List<T> parse(
      Map<TableDef, List<String>> records,
      TableDef table,
      Function<String, Row> parser,
      Function<Row, T> convert) {
    List<T> out = new ArrayList<>();
    for (String json : records.get(table)) {
      out.add(convert.apply(parser.apply(json)));
    }
    return out;
  }
}
