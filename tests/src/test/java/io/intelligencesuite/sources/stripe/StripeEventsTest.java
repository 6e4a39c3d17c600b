package io.intelligencesuite.sources.stripe;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intelligencesuite.local.fakeapi.LocalStripeApi;
import io.intelligencesuite.sources.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The worker half of an incremental Stripe read against the local Stripe API: which objects the
 * events after a cursor say changed or were deleted ({@link StripeSource#changesSince}, paged
 * through with {@code starting_after}), and each object read again by id with its list's expansions
 * ({@link StripeSource#retrieve}), where the event snapshot itself is not what the list gives
 * (discounts as ids, no payments, lines cut at the embedded count).
 */
public class StripeEventsTest {
  private static final String KEY = "sk_test_51SecretKeyNeverLogged0000";

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static ObjectNode json(String s) throws Exception {
    return (ObjectNode) Json.MAPPER.readTree(s.replace('\'', '"'));
  }

  private LocalStripeApi api() throws Exception {
    Path dir = tmp.newFolder("stripe").toPath();
    Files.writeString(
        dir.resolve("customers.json"),
        "{'data': [{'id': 'cus_2', 'object': 'customer', 'name': 'Beta', 'created': 200},"
                .replace('\'', '"')
            + " {\"id\": \"cus_1\", \"object\": \"customer\", \"name\": \"Alpha\", \"created\": 100}]}");
    Files.writeString(
        dir.resolve("subscriptions.json"),
        ("{'data': [{'id': 'sub_1', 'object': 'subscription', 'status': 'active', 'created': 300,"
                + " 'customer': 'cus_1', 'discounts': [{'id': 'di_1', 'object': 'discount',"
                + " 'source': {'type': 'coupon', 'coupon': 'co_1'}}]}]}")
            .replace('\'', '"'));
    Files.writeString(
        dir.resolve("coupons.json"),
        "{'data': [{'id': 'co_1', 'object': 'coupon', 'percent_off': 10}]}".replace('\'', '"'));
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 12; i++) {
      lines
          .append(i > 1 ? "," : "")
          .append("{'id': 'il_")
          .append(i)
          .append("', 'object': 'line_item'}");
    }
    Files.writeString(
        dir.resolve("invoices.json"),
        ("{'data': [{'id': 'in_1', 'object': 'invoice', 'created': 400, 'customer': 'cus_1',"
                + " 'lines': {'object': 'list', 'has_more': false, 'data': ["
                + lines
                + "]}, 'payments': {'object': 'list', 'data': [{'id': 'inpay_1',"
                + " 'object': 'invoice_payment', 'payment': {'type': 'charge', 'charge': 'ch_1'}}]}}]}")
            .replace('\'', '"'));
    return new LocalStripeApi(dir).start();
  }

  private static StripeSource source(LocalStripeApi api) {
    return new StripeSource(KEY, api.baseUrl(), 0, 1, Duration.ofMillis(10), Duration.ofSeconds(1));
  }

  @Test
  public void eventsAfterACursorNameTheChangedAndDeletedObjectsNewestStateFirst() throws Exception {
    try (LocalStripeApi api = api()) {
      StripeSource stripe = source(api);
      StripeSource.Changes none = stripe.changesSince(0);
      assertEquals(0, none.events());
      assertNull(none.newestEvent());

      ObjectNode beta = api.objects("customers").get(0).deepCopy().put("name", "Beta School");
      api.change("customers", beta, 1000)
          .change("customers", json("{'id': 'cus_3', 'object': 'customer', 'created': 1001}"), 1001)
          .delete("customers", "cus_1", 1002)
          .change(
              "subscriptions",
              api.objects("subscriptions").get(0).deepCopy().put("status", "canceled"),
              1003);
      List<String> types = new ArrayList<>();
      api.events().forEach(e -> types.add(e.path("type").asText()));
      assertEquals(
          List.of(
              "customer.subscription.updated",
              "customer.deleted",
              "customer.created",
              "customer.updated"),
          types);

      StripeSource.Changes all = stripe.changesSince(999);
      assertEquals(4, all.events());
      assertEquals(Long.valueOf(1003), all.newestEvent());
      Map<String, Boolean> customers = new LinkedHashMap<>();
      customers.put("cus_1", true);
      customers.put("cus_3", false);
      customers.put("cus_2", false);
      assertEquals(customers, all.of(StripeResource.CUSTOMERS));
      assertEquals(Map.of("sub_1", false), all.of(StripeResource.SUBSCRIPTIONS));

      // created[gt] is strict: the event at 1001 is not after 1001
      StripeSource.Changes later = stripe.changesSince(1001);
      assertEquals(2, later.events());
      assertEquals(Map.of("cus_1", true), later.of(StripeResource.CUSTOMERS));
      assertEquals(Map.of(), later.of(StripeResource.INVOICES));
    }
  }

  @Test
  public void moreThanAPageOfEventsIsFollowedWithStartingAfter() throws Exception {
    try (LocalStripeApi api = api()) {
      ObjectNode beta = api.objects("customers").get(0);
      for (int i = 0; i < 150; i++) {
        api.change("customers", beta.deepCopy().put("name", "Beta " + i), 2000 + i);
      }
      StripeSource.Changes c = source(api).changesSince(1999);
      // 150 events on one customer: two pages, evt 150..51 then 50..1 (newest first), so the
      // second starts after evt_local000051; one changed id, newest at 2149
      assertEquals(150, c.events());
      assertEquals(Long.valueOf(2149), c.newestEvent());
      assertEquals(Map.of("cus_2", false), c.of(StripeResource.CUSTOMERS));
      assertEquals(2, api.requests().stream().filter(r -> r.startsWith("GET /v1/events")).count());
      assertTrue(
          api.requests().stream().anyMatch(r -> r.contains("starting_after=evt_local000051")));
    }
  }

  @Test
  public void anObjectReadByIdHasItsListsExpansionsWhereTheEventSnapshotHasNot() throws Exception {
    try (LocalStripeApi api = api().embeddedLines(10)) {
      StripeSource stripe = source(api);
      api.change("invoices", api.objects("invoices").get(0).deepCopy().put("status", "paid"), 500)
          .change("subscriptions", api.objects("subscriptions").get(0).deepCopy(), 501)
          .delete("customers", "cus_2", 502);
      // The event snapshots: 10 of 12 lines, no payments, the discount as its id.
      JsonNode subEvent = api.events().get(1).path("data").path("object");
      JsonNode invEvent = api.events().get(2).path("data").path("object");
      assertEquals(10, invEvent.path("lines").path("data").size());
      assertFalse(invEvent.has("payments"));
      assertEquals("di_1", subEvent.path("discounts").get(0).asText());

      List<JsonNode> got = new ArrayList<>();
      List<String> rejected = new ArrayList<>();
      assertTrue(
          stripe.retrieve(StripeResource.INVOICES, "in_1", got::add, (t, r) -> rejected.add(r)));
      assertTrue(
          stripe.retrieve(
              StripeResource.SUBSCRIPTIONS, "sub_1", got::add, (t, r) -> rejected.add(r)));
      // a deleted customer answers deleted: true; an invoice that never was, a 404
      assertFalse(stripe.retrieve(StripeResource.CUSTOMERS, "cus_2", got::add, (t, r) -> {}));
      assertFalse(stripe.retrieve(StripeResource.INVOICES, "in_404", got::add, (t, r) -> {}));
      assertEquals(List.of(), rejected);
      assertEquals(2, got.size());
      JsonNode invoice = got.get(0);
      assertEquals("paid", invoice.path("status").asText());
      assertEquals(12, invoice.path("lines").path("data").size());
      assertEquals("inpay_1", invoice.path("payments").path("data").get(0).path("id").asText());
      JsonNode coupon = got.get(1).path("discounts").get(0).path("source").path("coupon");
      assertEquals(10, coupon.path("percent_off").asInt());
      assertTrue(
          api.requests().stream().anyMatch(r -> r.startsWith("GET /v1/invoices/in_1/lines?")));
    }
  }
}
