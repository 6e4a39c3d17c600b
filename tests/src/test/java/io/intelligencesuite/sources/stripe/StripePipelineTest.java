package io.intelligencesuite.sources.stripe;

import static io.intelligencesuite.tests.TableCounts.count;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intelligencesuite.local.fakeapi.LocalStripeApi;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.Json;
import io.intelligencesuite.sources.common.Secrets;
import io.intelligencesuite.tests.DemoFixture;
import io.intelligencesuite.tests.FailsFast;
import io.intelligencesuite.tests.RunCounts;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;

/**
 * The Stripe pipeline end to end: the real stripe-java client against a local server speaking
 * Stripe's list API over the demo company's Stripe data, with a 429 (Retry-After), a 500, invoices
 * whose lines need a second request, malformed objects, and objects inside a page that stripe-java
 * cannot decode or that are of another type (dead letters, the rest of the page loads); into
 * embedded DuckDB on the embedded Flink runner (the DirectRunner took 477 s for these ~3,900 rows
 * here: its per-key bookkeeping).
 */
public class StripePipelineTest {
  private static final String KEY = "sk_test_51SecretKeyNeverLogged0000";
  private static Path stripeDir;
  @Rule public final TempWarehouses warehouses = new TempWarehouses();

  @BeforeClass
  public static void demo() {
    stripeDir = DemoFixture.dir().resolve("stripe");
  }

  private StripeOptions options(String apiBase) {
    StripeOptions o =
        PipelineOptionsFactory.fromArgs(
                "--runner=FlinkRunner",
                "--warehouse=" + warehouses.spec(),
                "--stripeApiBase=" + apiBase,
                "--stripeRetryBackoffMillis=20",
                "--stripeRetryLimit=3",
                "--stripeMaxNetworkRetries=0")
            .as(StripeOptions.class);
    return o;
  }

  private static StripeOptions fullRefresh(StripeOptions options) {
    options.setFullRefresh(true);
    return options;
  }

  private static PipelineResult run(StripeOptions options) {
    return StripePipeline.run(
        options,
        name -> {
          throw new AssertionError("no secret expected");
        },
        env -> StripePipeline.API_KEY_ENV.equals(env) ? KEY : null);
  }

  private static int listed(String resource) throws Exception {
    return Json.MAPPER.readTree(stripeDir.resolve(resource + ".json").toFile()).path("data").size();
  }

  @Test
  public void loadsEveryListThroughTheRealClientAndDeadLettersMalformedObjects() throws Exception {
    try (LocalStripeApi api = new LocalStripeApi(stripeDir)) {
      api.fault(
              "/v1/invoices",
              2,
              1,
              429,
              1) // the second invoices page: rate limited, retry after 1 s
          .fault("/v1/charges", 1, 1, 500, null) // the first charges page: one server error
          .embeddedLines(1) // lines beyond the first come from /v1/invoices/ID/lines
          .start();
      ObjectNode badSub = api.objects("subscriptions").get(3);
      badSub.remove("customer");
      String badSubId = badSub.get("id").asText();
      ObjectNode badInvoice = api.objects("invoices").get(5);
      badInvoice.remove("total");
      String badInvoiceId = badInvoice.get("id").asText();
      // inside list pages, decoded one by one: a coupon among the customers (page 2), a charge
      // whose
      // amount stripe-java cannot decode (page 2); the rest of both pages loads
      api.objects("customers")
          .add(
              120,
              (ObjectNode)
                  Json.MAPPER.readTree(
                      "{\"id\":\"co_astray\",\"object\":\"coupon\",\"percent_off\":10,\"duration\":\"once\"}"));
      ObjectNode badCharge = api.objects("charges").get(150);
      badCharge.put("amount", "lots");
      String badChargeId = badCharge.get("id").asText();

      long started = System.nanoTime();
      assertEquals(PipelineResult.State.DONE, run(options(api.baseUrl())).waitUntilFinish());
      System.out.printf(
          "Stripe pipeline over the demo on the embedded Flink runner: %.1f s%n",
          (System.nanoTime() - started) / 1e9);

      DuckDbQueries q = warehouses.queries();
      assertEquals(listed("customers"), count(q, "customers"));
      assertEquals(listed("subscriptions") - 1, count(q, "subscriptions"));
      assertEquals(listed("invoices") - 1, count(q, "invoices"));
      assertEquals(listed("charges") - 1, count(q, "payments"));
      int lines = 0;
      int items = 0;
      for (JsonNode v :
          Json.MAPPER.readTree(stripeDir.resolve("invoices.json").toFile()).path("data")) {
        lines += v.path("lines").path("data").size();
      }
      for (JsonNode s :
          Json.MAPPER.readTree(stripeDir.resolve("subscriptions.json").toFile()).path("data")) {
        items += s.path("items").path("data").size();
      }
      assertEquals(
          "every line, the bad invoice's too (a line stands on its own)",
          lines,
          count(q, "invoice_lines"));
      assertEquals(items, count(q, "subscription_items"));

      List<List<Object>> dead =
          q.rows("SELECT target_table, field, reason, raw_payload FROM dead_letters ORDER BY 1");
      assertEquals(4, dead.size());
      assertEquals(
          List.of(
              "customers",
              "object",
              "field 'object': a 'coupon' in the /v1/customers list, expected 'customer' (id co_astray)"),
          dead.get(0).subList(0, 3));
      assertEquals("invoices", dead.get(1).get(0));
      assertEquals("total", dead.get(1).get(1));
      assertThat((String) dead.get(1).get(3), containsString(badInvoiceId));
      assertEquals("payments", dead.get(2).get(0));
      assertEquals("amount", dead.get(2).get(1));
      assertThat(
          (String) dead.get(2).get(2),
          containsString("cannot decode charge " + badChargeId + " at $.amount"));
      assertThat((String) dead.get(2).get(3), containsString("\"lots\""));
      assertEquals("subscriptions", dead.get(3).get(0));
      assertEquals("customer", dead.get(3).get(1));
      assertThat((String) dead.get(3).get(3), containsString(badSubId));

      RunCounts audit = RunCounts.of(q, null);
      assertEquals("succeeded", audit.status());
      assertTrue(audit.toString(), audit.balances());
      assertEquals(4L, audit.deadLettered());

      // typed columns the marts need
      assertTrue(
          count(
                  q,
                  "subscriptions WHERE discount_coupon_id IS NOT NULL AND discount_duration IS NOT NULL")
              > 0);
      assertTrue(
          count(
                  q,
                  "subscriptions WHERE discount_percent_off IS NOT NULL OR discount_amount_off_cents IS NOT NULL")
              > 0);
      assertEquals(
          0, count(q, "subscriptions WHERE status = 'active' AND current_period_end IS NULL"));
      assertTrue(count(q, "invoice_lines WHERE is_proration") > 0);
      assertTrue(count(q, "invoice_lines WHERE tax_cents > 0") > 0);
      assertTrue(count(q, "invoice_lines WHERE discount_cents > 0") > 0);
      assertEquals(
          0,
          count(
              q,
              "invoice_lines WHERE line_type = 'subscription' AND (subscription_id IS NULL "
                  + "OR subscription_item_id IS NULL OR price_id IS NULL OR period_start IS NULL)"));
      assertTrue(
          "charges linked to invoices through the expanded payments",
          count(q, "payments WHERE invoice_id IS NOT NULL AND status = 'succeeded'") > 0);
      assertTrue(count(q, "subscriptions WHERE status = 'canceled'") > 0);

      // the requests: limit=100 pages, status=all, expansions, retried pages, the lines endpoint
      List<String> requests = api.requests();
      assertThat(requests, hasItem(containsString("/v1/subscriptions?")));
      String subs =
          requests.stream().filter(r -> r.contains("/v1/subscriptions?")).findFirst().orElseThrow();
      assertThat(subs, containsString("status=all"));
      assertThat(subs, containsString("limit=100"));
      assertThat(
          java.net.URLDecoder.decode(subs, "UTF-8"),
          containsString("data.discounts.source.coupon"));
      assertTrue(
          requests.stream()
              .anyMatch(r -> r.contains("/v1/invoices?") && r.contains("starting_after")));
      assertTrue(requests.stream().anyMatch(r -> r.matches("GET /v1/invoices/in_[^/]+/lines.*")));
      assertEquals(
          "429 retried once",
          1 + (listed("invoices") + 99) / 100,
          requests.stream().filter(r -> r.startsWith("GET /v1/invoices?")).count());

      // a list failing past the retry bound (inside the pipeline): the run fails before any write;
      // the tables stay as they were, and the run is recorded as failed. A full refresh, since
      // with run 1's cursors every list but coupons and prices would come from the events.
      String before =
          q.checksum(Tables.INVOICES) + q.checksum(Tables.CUSTOMERS) + q.checksum(Tables.PAYMENTS);
      api.objects("customers").remove(0);
      api.fault("/v1/charges", 1, Integer.MAX_VALUE, 503, null);
      long failStarted = System.nanoTime();
      RuntimeException failed =
          assertThrows(RuntimeException.class, () -> run(fullRefresh(options(api.baseUrl()))));
      System.out.printf("Failing Stripe run: %.1f s%n", (System.nanoTime() - failStarted) / 1e9);
      RuntimeException e = FailsFast.cause(failed, StripeSource.StripeFetchException.class);
      assertThat(e.getMessage(), containsString("/v1/charges"));
      assertThat(e.getMessage(), containsString("503"));
      assertThat(FailsFast.messages(failed), not(containsString(KEY)));
      assertEquals(
          before,
          q.checksum(Tables.INVOICES) + q.checksum(Tables.CUSTOMERS) + q.checksum(Tables.PAYMENTS));
      assertEquals(
          List.of(List.of("failed"), List.of("succeeded")),
          q.rows("SELECT status FROM pipeline_runs ORDER BY status"));

      // the key: nowhere in the warehouse
      assertEquals(
          0,
          count(
              q,
              "dead_letters WHERE raw_payload LIKE '%"
                  + KEY
                  + "%' OR reason LIKE '%"
                  + KEY
                  + "%'"));
      assertEquals(
          0, count(q, "pipeline_runs WHERE CAST(pipeline_runs AS VARCHAR) LIKE '%" + KEY + "%'"));
    }
  }

  @Test
  public void sinceListsOnlyNewerInvoicesAndChargesAndReplacesThoseDays() throws Exception {
    try (LocalStripeApi api = new LocalStripeApi(stripeDir)) {
      api.start();
      String since = "2026-10-01";
      long epoch =
          java.time.LocalDate.parse(since).atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond();
      long newer =
          api.objects("invoices").stream().filter(v -> v.get("created").asLong() >= epoch).count();
      StripeOptions o = options(api.baseUrl());
      o.setSince(since);
      assertEquals(PipelineResult.State.DONE, run(o).waitUntilFinish());
      DuckDbQueries q = warehouses.queries();
      assertEquals(newer, count(q, "invoices"));
      assertEquals(0, count(q, "invoices WHERE created_date < DATE '" + since + "'"));
      assertEquals(listed("customers"), count(q, "customers"));
      assertEquals(since, q.value("SELECT CAST(window_start AS VARCHAR) FROM pipeline_runs"));
      assertTrue(
          api.requests().stream()
              .anyMatch(
                  r ->
                      r.startsWith("GET /v1/charges?")
                          && java.net.URLDecoder.decode(r, java.nio.charset.StandardCharsets.UTF_8)
                              .contains("created[gte]=" + epoch)));
    }
  }

  @Test
  public void aMissingKeyIsAClearErrorAndAWrongKeyFailsWithoutEchoingIt() throws Exception {
    try (LocalStripeApi api = new LocalStripeApi(stripeDir)) {
      api.start();
      IllegalArgumentException missing =
          assertThrows(
              IllegalArgumentException.class,
              () -> StripePipeline.run(options(api.baseUrl()), n -> null, env -> null));
      assertThat(missing.getMessage(), containsString("STRIPE_API_KEY"));
      String wrong = "pk_live_notasecretkey_ButStillPrivate1234";
      // The lists are read inside the pipeline: the refusal fails the run (nothing is written).
      RuntimeException failed =
          assertThrows(
              RuntimeException.class,
              () -> StripePipeline.run(options(api.baseUrl()), n -> null, env -> wrong));
      RuntimeException e = FailsFast.cause(failed, StripeSource.StripeFetchException.class);
      assertThat(e.getMessage(), containsString("401"));
      assertThat(FailsFast.messages(failed), not(containsString(wrong)));
      assertFalse(Secrets.class.getName().isEmpty());
    }
  }
}
