package io.intelligencesuite.sources.stripe;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.Json;
import io.intelligencesuite.testing.Skips;
import io.intelligencesuite.transforms.deadletter.ParseWithDeadLetters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/**
 * Real Stripe objects (stripe/openapi's fixtures3.json and the dj-stripe fixtures, read in place
 * from ../shared/realdata/stripe) go through the same split and parsers as the pipeline, into typed
 * rows, with no dead letters except the deleted-object stub.
 */
public class StripeConformanceTest {
  static final Map<TableDef, ParseWithDeadLetters.Parser<String>> PARSERS =
      Map.of(
          Tables.CUSTOMERS, StripeParsers::customer,
          Tables.SUBSCRIPTIONS, StripeParsers::subscription,
          Tables.SUBSCRIPTION_ITEMS, StripeParsers::subscriptionItem,
          Tables.INVOICES, StripeParsers::invoice,
          Tables.INVOICE_LINES, StripeParsers::invoiceLine,
          Tables.PAYMENTS, StripeParsers::payment);

  static Path realdata() {
    String shared = System.getProperty("suite.shared.dir");
    Skips.assume(
        "suite.shared.dir not set: ../shared/realdata is not beside this checkout", shared != null);
    Path dir = Path.of(shared, "realdata", "stripe");
    Skips.assume("no " + dir, Files.isDirectory(dir));
    return dir;
  }

  /**
   * Parses every record; returns rows per table and puts each failure's reason in {@code failures}.
   */
  static Map<String, List<Row>> parseAll(
      Map<StripeResource, List<JsonNode>> fetched, List<String> failures) {
    Map<String, List<Row>> rows = new TreeMap<>();
    StripeRecords.split(fetched)
        .forEach(
            (table, records) -> {
              for (String r : records) {
                try {
                  rows.computeIfAbsent(table.name(), t -> new ArrayList<>())
                      .add(PARSERS.get(table).parse(r));
                } catch (Exception e) {
                  failures.add(
                      table.name()
                          + ": "
                          + e.getMessage()
                          + " in "
                          + r.substring(0, Math.min(200, r.length())));
                }
              }
            });
    return rows;
  }

  @Test
  public void openApiFixturesParseIntoTypedRows() throws Exception {
    JsonNode resources =
        Json.MAPPER.readTree(realdata().resolve("fixtures3.json").toFile()).path("resources");
    Map<StripeResource, List<JsonNode>> fetched = new EnumMap<>(StripeResource.class);
    fetched.put(
        StripeResource.CUSTOMERS,
        List.of(resources.get("customer"), resources.get("deleted_customer")));
    fetched.put(StripeResource.SUBSCRIPTIONS, List.of(resources.get("subscription")));
    fetched.put(StripeResource.INVOICES, List.of(resources.get("invoice")));
    fetched.put(StripeResource.CHARGES, List.of(resources.get("charge")));
    fetched.put(StripeResource.COUPONS, List.of(resources.get("coupon")));
    List<String> failures = new ArrayList<>();
    Map<String, List<Row>> rows = parseAll(fetched, failures);

    assertEquals("only the deleted-customer stub is rejected: " + failures, 1, failures.size());
    assertTrue(failures.get(0), failures.get(0).contains("field 'deleted'"));
    assertEquals(1, rows.get("customers").size());
    assertEquals(1, rows.get("subscriptions").size());
    assertEquals(1, rows.get("invoices").size());
    assertEquals(1, rows.get("payments").size());
    assertTrue(
        "subscription items lifted out of the subscription",
        rows.get("subscription_items").size() >= 1);
    assertTrue("invoice lines lifted out of the invoice", rows.get("invoice_lines").size() >= 1);
    Row sub = rows.get("subscriptions").get(0);
    assertEquals(
        resources.get("subscription").get("id").asText(), sub.getString("subscription_id"));
    assertEquals("month", sub.getString("billing_interval"));
  }

  @Test
  public void djStripeFixturesParseIntoTypedRows() throws Exception {
    Path dir = realdata().resolve("dj-stripe");
    Map<StripeResource, List<JsonNode>> fetched = new EnumMap<>(StripeResource.class);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        StripeResource r =
            name.startsWith("customer_")
                ? StripeResource.CUSTOMERS
                : name.startsWith("subscription_")
                    ? StripeResource.SUBSCRIPTIONS
                    : name.startsWith("invoice_")
                        ? StripeResource.INVOICES
                        : name.startsWith("charge_") ? StripeResource.CHARGES : null;
        if (r != null) {
          fetched.computeIfAbsent(r, x -> new ArrayList<>()).add(Json.MAPPER.readTree(f.toFile()));
        }
      }
    }
    List<String> failures = new ArrayList<>();
    Map<String, List<Row>> rows = parseAll(fetched, failures);
    assertEquals("no dead letters: " + failures, List.of(), failures);
    assertEquals(3, rows.get("customers").size());
    assertEquals(4, rows.get("subscriptions").size());
    assertEquals(2, rows.get("invoices").size());
    assertEquals(1, rows.get("payments").size());
    // pre-basil subscriptions keep the period on the subscription: still typed.
    assertTrue(
        rows.get("subscriptions").stream()
            .allMatch(s -> s.getDateTime("current_period_end") != null));
  }
}
