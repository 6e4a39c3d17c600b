package io.intelligencesuite.sources.incremental;

import static io.intelligencesuite.sources.incremental.IncrementalAssertions.cursor;
import static io.intelligencesuite.sources.incremental.IncrementalAssertions.sameTables;
import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intelligencesuite.local.fakeapi.LocalStripeApi;
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
 * Stripe customers through the Events API: a full load, then changes in Stripe (an update, a new
 * customer, a deleted one, each with its event), then an incremental run that reads only the
 * changed customers by id, must give the table a full refresh of the changed account gives.
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

  @Test
  public void anIncrementalRunReadsTheChangedCustomersAndEndsWithTheFullRefreshTable()
      throws Exception {
    Path dir = tmp.newFolder("stripe").toPath();
    Files.writeString(
        dir.resolve("customers.json"),
        Json.MAPPER
            .createObjectNode()
            .set(
                "data",
                Json.MAPPER
                    .createArrayNode()
                    .add(customer("cus_3", "Gamma", 300))
                    .add(customer("cus_2", "Beta", 200))
                    .add(customer("cus_1", "Alpha", 100)))
            .toString());
    try (LocalStripeApi api = new LocalStripeApi(dir).start()) {
      String w = warehouses.path("incremental.duckdb");

      // Run 1, no cursor: the customers list, 3 read.
      DuckDbQueries q = run(api, w, "s-1");
      List<Object> first = cursor(q, "s-1", "customers");
      assertEquals(Arrays.asList("full", 3L, null), first.subList(0, 3));

      // Beta renamed, Delta created, Gamma deleted: three events after run 1 started.
      long t = Instant.now().getEpochSecond() + 5;
      api.change("customers", customer("cus_2", "Beta School", 200), t)
          .change("customers", customer("cus_4", "Delta", t + 1), t + 1)
          .delete("customers", "cus_3", t + 2);

      // Run 2: from run 1's start minus the 60-minute overlap; the events name cus_2, cus_4 (read
      // by id: 2 read) and cus_3 (deleted); the keys are 1, 2, 4 (held 1, 2, 3 + 4 - 3).
      q = run(api, w, "s-2");
      List<Object> second = cursor(q, "s-2", "customers");
      assertEquals(Arrays.asList("incremental", 2L, 3L), second.subList(0, 3));
      assertEquals(
          DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
              .withZone(ZoneOffset.UTC)
              .format(Instant.ofEpochSecond(t + 2)),
          second.get(3));
      assertEquals(RunCounts.succeeded(2, 2, 0, 0), RunCounts.of(q, "s-2"));
      // Customers listed once (run 1); run 2 read the 2 changed ones by id, not the deleted one.
      assertEquals(
          1L, api.requests().stream().filter(r -> r.startsWith("GET /v1/customers?")).count());
      assertEquals(
          List.of("GET /v1/customers/cus_4", "GET /v1/customers/cus_2"),
          api.requests().stream().filter(r -> r.startsWith("GET /v1/customers/")).toList());

      String full = warehouses.path("full.duckdb");
      DuckDbQueries f = run(api, full, "s-full", "--fullRefresh=true");
      assertEquals("full", cursor(f, "s-full", "customers").get(0));
      sameTables(q, f, Tables.CUSTOMERS);
      assertEquals(
          "[[cus_1, Alpha], [cus_2, Beta School], [cus_4, Delta]]",
          q.rows("select customer_id, name from customers order by customer_id").toString());
    }
  }
}
