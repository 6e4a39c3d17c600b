package io.intelligencesuite.sources.incremental;

import static io.intelligencesuite.sources.incremental.IncrementalAssertions.cursor;
import static io.intelligencesuite.sources.incremental.IncrementalAssertions.sameTables;
import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intelligencesuite.local.fakeapi.LocalStripeApi;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.Json;
import io.intelligencesuite.sources.stripe.StripeOptions;
import io.intelligencesuite.sources.stripe.StripePipeline;
import io.intelligencesuite.tests.PipelineArgs;
import io.intelligencesuite.tests.RunCounts;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Stripe through the Events API: a full load, then changes in Stripe (updates, creates, deletes and
 * a cancel, each with its event), then an incremental run that reads only the changed objects by
 * id, must give every table a full refresh of the changed account gives.
 */
public class StripeIncrementalTest {
  private static final String KEY = "sk_test_51SecretKeyNeverLogged0000";

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final TempWarehouses warehouses = new TempWarehouses();

  private static ObjectNode customer(String id, String name, long created) throws Exception {
    return (ObjectNode)
        Json.MAPPER.readTree(
            ("{'id': '"
                    + id
                    + "', 'object': 'customer', 'name': '"
                    + name
                    + "', 'email': '"
                    + id
                    + "@example.edu', 'created': "
                    + created
                    + "}")
                .replace('\'', '"'));
  }

  private static DuckDbQueries run(
      LocalStripeApi api, String warehouse, String runId, String... extra) {
    StripeOptions options =
        PipelineArgs.options(
            StripeOptions.class,
            List.of(
                "--warehouse=duckdb:" + warehouse,
                "--stripeApiBase=" + api.baseUrl(),
                "--stripeMaxNetworkRetries=0",
                "--runId=" + runId),
            extra);
    return TempWarehouses.queriesAfter(
        StripePipeline.run(
            options,
            name -> {
              throw new AssertionError("no secret expected");
            },
            env -> StripePipeline.API_KEY_ENV.equals(env) ? KEY : null),
        warehouse);
  }

  private static long day(String date) {
    return java.time.LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
  }

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) Json.MAPPER.readTree(text.replace('\'', '"'));
  }

  private static ObjectNode item(String id, String subscription, long quantity) throws Exception {
    return json(
        "{'id': '"
            + id
            + "', 'object': 'subscription_item', 'subscription': '"
            + subscription
            + "', 'quantity': "
            + quantity
            + ", 'created': "
            + day("2026-09-01")
            + ", 'price': {'id': 'price_seat', 'object': 'price', 'currency': 'usd',"
            + " 'unit_amount': 1000, 'product': 'prod_suite', 'type': 'recurring',"
            + " 'recurring': {'interval': 'month', 'interval_count': 1, 'usage_type':"
            + " 'licensed'}}}");
  }

  private static ObjectNode subscription(
      String id, String customer, String status, ObjectNode... items) throws Exception {
    ObjectNode s =
        json(
            "{'id': '"
                + id
                + "', 'object': 'subscription', 'customer': '"
                + customer
                + "', 'status': '"
                + status
                + "', 'created': "
                + day("2026-09-01")
                + ", 'items': {'object': 'list', 'has_more': false, 'data': []}}");
    for (ObjectNode item : items) {
      ((com.fasterxml.jackson.databind.node.ArrayNode) s.get("items").get("data")).add(item);
    }
    return s;
  }

  /** An invoice created on {@code date}, one line per id, paid by {@code charge} (null: none). */
  private static ObjectNode invoice(
      String id, String customer, String status, String date, String charge, String... lines)
      throws Exception {
    boolean paid = status.equals("paid");
    ObjectNode v =
        json(
            "{'id': '"
                + id
                + "', 'object': 'invoice', 'customer': '"
                + customer
                + "', 'status': '"
                + status
                + "', 'currency': 'usd', 'subtotal': 1000, 'total': 1000, 'amount_paid': "
                + (paid ? 1000 : 0)
                + ", 'amount_due': 1000, 'created': "
                + day(date)
                + ", 'lines': {'object': 'list', 'has_more': false, 'data': []},"
                + " 'payments': {'object': 'list', 'has_more': false, 'data': []}}");
    for (String line : lines) {
      ((com.fasterxml.jackson.databind.node.ArrayNode) v.get("lines").get("data"))
          .add(
              json(
                  "{'id': '"
                      + line
                      + "', 'object': 'line_item', 'amount': 1000, 'currency': 'usd',"
                      + " 'invoice': '"
                      + id
                      + "', 'quantity': 1, 'parent': {'type': 'subscription_item_details',"
                      + " 'subscription_item_details': {'subscription': null,"
                      + " 'subscription_item': null, 'proration': false}}}"));
    }
    if (charge != null) {
      ((com.fasterxml.jackson.databind.node.ArrayNode) v.get("payments").get("data"))
          .add(
              json(
                  "{'id': 'inpay_"
                      + charge
                      + "', 'object': 'invoice_payment', 'invoice': '"
                      + id
                      + "', 'payment': {'type': 'payment_intent', 'charge': '"
                      + charge
                      + "'}}"));
    }
    return v;
  }

  private static ObjectNode charge(
      String id, String customer, String status, String date, long refunded) throws Exception {
    return json(
        "{'id': '"
            + id
            + "', 'object': 'charge', 'customer': '"
            + customer
            + "', 'amount': 1000, 'amount_refunded': "
            + refunded
            + ", 'currency': 'usd', 'status': '"
            + status
            + "', 'created': "
            + day(date)
            + "}");
  }

  private static String list(ObjectNode... objects) {
    com.fasterxml.jackson.databind.node.ArrayNode data = Json.MAPPER.createArrayNode();
    for (ObjectNode o : objects) {
      data.add(o);
    }
    return Json.MAPPER.createObjectNode().set("data", data).toString();
  }

  /** The GET paths (no query) the fake Stripe answered from index {@code from} on. */
  private static List<String> paths(LocalStripeApi api, int from) {
    return api.requests().subList(from, api.requests().size()).stream()
        .map(r -> r.replaceFirst("\\?.*", ""))
        .toList();
  }

  /**
   * Every Stripe table through the events. Held after the full run 1: customers 1-3; subscriptions
   * sub_1 (items si_1a, si_1b) and sub_2 (si_2); invoices in_1 (paid on 1 Oct by ch_1; lines il_1a,
   * il_1b), in_2 (open, 2 Oct, its failed attempt ch_2f; il_2), in_3 (draft, 3 Oct; il_3); charges
   * ch_1, ch_2f. Then in Stripe, each with its event: cus_2 renamed, cus_4 created, cus_3 deleted;
   * sub_1 loses si_1b and si_1a goes to 5 seats, sub_2 canceled (customer.subscription.deleted:
   * kept, status canceled), sub_3 created (si_3); in_2 paid by a new charge ch_2 (its payments now
   * name ch_2, not ch_2f), in_3 deleted (a draft), in_4 created (il_4); ch_1 refunded (its invoice
   * in_1 unchanged).
   *
   * <p>Run 2 reads by id exactly what the events name: cus_2, cus_4; sub_1, sub_2, sub_3; in_2,
   * in_4 (in_3 deleted: nothing to read); charges ch_1 and ch_2 (events; ch_2 is also in_2's), and
   * ch_2f, which the warehouse links to in_2, an invoice read whole. Records read by hand: 2
   * customers + 3 subscriptions + 3 items (si_1a, si_2, si_3) + 2 invoices + 2 lines (il_2, il_4) +
   * 3 charges = 15, each written. Its tables equal a full refresh's; a rerun of run 2 too.
   */
  @Test
  public void everyStripeTableReadIncrementallyEqualsAFullRefresh() throws Exception {
    Path dir = tmp.newFolder("stripe").toPath();
    Files.writeString(
        dir.resolve("customers.json"),
        list(
            customer("cus_3", "Gamma", 300),
            customer("cus_2", "Beta", 200),
            customer("cus_1", "Alpha", 100)));
    Files.writeString(
        dir.resolve("subscriptions.json"),
        list(
            subscription("sub_2", "cus_2", "active", item("si_2", "sub_2", 1)),
            subscription(
                "sub_1", "cus_1", "active", item("si_1a", "sub_1", 2), item("si_1b", "sub_1", 1))));
    Files.writeString(
        dir.resolve("invoices.json"),
        list(
            invoice("in_3", "cus_2", "draft", "2026-10-03", null, "il_3"),
            invoice("in_2", "cus_2", "open", "2026-10-02", "ch_2f", "il_2"),
            invoice("in_1", "cus_1", "paid", "2026-10-01", "ch_1", "il_1a", "il_1b")));
    Files.writeString(
        dir.resolve("charges.json"),
        list(
            charge("ch_2f", "cus_2", "failed", "2026-10-02", 0),
            charge("ch_1", "cus_1", "succeeded", "2026-10-01", 0)));
    try (LocalStripeApi api = new LocalStripeApi(dir).start()) {
      String w = warehouses.path("incremental.duckdb");

      // Run 1, no cursor: every list read in full.
      DuckDbQueries q = run(api, w, "s-1");
      assertEquals(
          "dead letters: " + RunCounts.deadLetterReasons(q, "s-1"),
          RunCounts.succeeded(17, 17, 0, 0),
          RunCounts.of(q, "s-1"));
      for (Object[] table :
          new Object[][] {
            {"customers", 3L},
            {"subscriptions", 2L},
            {"subscription_items", 3L},
            {"invoices", 3L},
            {"invoice_lines", 4L},
            {"payments", 2L}
          }) {
        assertEquals(
            table[0] + " run 1",
            Arrays.asList("full", table[1], null),
            cursor(q, "s-1", (String) table[0]).subList(0, 3));
      }

      long t = Instant.now().getEpochSecond() + 5;
      api.change("customers", customer("cus_2", "Beta School", 200), t)
          .change("customers", customer("cus_4", "Delta", t + 1), t + 1)
          .delete("customers", "cus_3", t + 2)
          .change(
              "subscriptions",
              subscription("sub_1", "cus_1", "active", item("si_1a", "sub_1", 5)),
              t + 3)
          .change(
              "subscriptions",
              subscription("sub_2", "cus_2", "canceled", item("si_2", "sub_2", 1)),
              t + 4,
              "deleted")
          .change(
              "subscriptions",
              subscription("sub_3", "cus_4", "trialing", item("si_3", "sub_3", 3)),
              t + 5)
          .change("charges", charge("ch_2", "cus_2", "succeeded", "2026-10-04", 0), t + 6)
          .change(
              "invoices",
              invoice("in_2", "cus_2", "paid", "2026-10-02", "ch_2", "il_2"),
              t + 7,
              "paid")
          .delete("invoices", "in_3", t + 8)
          .change("invoices", invoice("in_4", "cus_4", "open", "2026-10-05", null, "il_4"), t + 9)
          .change(
              "charges",
              charge("ch_1", "cus_1", "succeeded", "2026-10-01", 400),
              t + 10,
              "refunded");

      int before = api.requests().size();
      q = run(api, w, "s-2");
      List<String> read = paths(api, before);
      assertEquals(
          "run 2 lists only what has no cursor (coupons, prices) and the events: " + read,
          List.of(),
          read.stream()
              .filter(
                  r ->
                      r.matches("GET /v1/(customers|subscriptions|invoices|charges)")
                          || r.matches("GET /v1/invoices/.*/lines"))
              .toList());
      assertEquals(
          List.of(
              "GET /v1/charges/ch_1",
              "GET /v1/charges/ch_2",
              "GET /v1/charges/ch_2f",
              "GET /v1/customers/cus_2",
              "GET /v1/customers/cus_4",
              "GET /v1/invoices/in_2",
              "GET /v1/invoices/in_4",
              "GET /v1/subscriptions/sub_1",
              "GET /v1/subscriptions/sub_2",
              "GET /v1/subscriptions/sub_3"),
          read.stream().filter(r -> r.matches("GET /v1/[a-z_]+/[a-z0-9_]+")).sorted().toList());
      String newest =
          DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
              .withZone(ZoneOffset.UTC)
              .format(Instant.ofEpochSecond(t + 10));
      for (Object[] table :
          new Object[][] {
            {"customers", 2L},
            {"subscriptions", 3L},
            {"subscription_items", 3L},
            {"invoices", 2L},
            {"invoice_lines", 2L},
            {"payments", 3L}
          }) {
        assertEquals(
            table[0] + " run 2",
            Arrays.asList("incremental", table[1], null, newest),
            cursor(q, "s-2", (String) table[0]).subList(0, 4));
      }
      assertEquals(
          "dead letters: " + RunCounts.deadLetterReasons(q, "s-2"),
          RunCounts.succeeded(15, 15, 0, 0),
          RunCounts.of(q, "s-2"));

      DuckDbQueries f = run(api, warehouses.path("full.duckdb"), "s-full", "--fullRefresh=true");
      assertEquals("full", cursor(f, "s-full", "invoices").get(0));
      TableDef[] stripe = {
        Tables.CUSTOMERS,
        Tables.SUBSCRIPTIONS,
        Tables.SUBSCRIPTION_ITEMS,
        Tables.INVOICES,
        Tables.INVOICE_LINES,
        Tables.PAYMENTS
      };
      sameTables(q, f, stripe);
      // By hand: the changes above, and nothing else moved.
      String[][] byHand = {
        {
          "[[cus_1, Alpha], [cus_2, Beta School], [cus_4, Delta]]",
          "select customer_id, name from customers order by 1"
        },
        {
          "[[sub_1, active], [sub_2, canceled], [sub_3, trialing]]",
          "select subscription_id, status from subscriptions order by 1"
        },
        {
          "[[si_1a, sub_1, 5], [si_2, sub_2, 1], [si_3, sub_3, 3]]",
          "select subscription_item_id, subscription_id, quantity from subscription_items order by 1"
        },
        {
          "[[in_1, paid], [in_2, paid], [in_4, open]]",
          "select invoice_id, status from invoices order by 1"
        },
        {
          "[[il_1a, in_1], [il_1b, in_1], [il_2, in_2], [il_4, in_4]]",
          "select line_id, invoice_id from invoice_lines order by 1"
        },
        {
          "[[ch_1, in_1, 400], [ch_2, in_2, 0], [ch_2f, null, 0]]",
          "select payment_id, invoice_id, amount_refunded_cents from payments order by 1"
        }
      };
      for (String[] expected : byHand) {
        assertEquals(expected[1], expected[0], q.rows(expected[1]).toString());
      }

      // A rerun of run 2 plans from run 1's cursor again and ends with the same tables.
      q = run(api, w, "s-2");
      sameTables(q, f, stripe);
      assertEquals("incremental", cursor(q, "s-2", "payments").get(0));
    }
  }
}
