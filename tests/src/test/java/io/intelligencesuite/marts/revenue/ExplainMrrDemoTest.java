package io.intelligencesuite.marts.revenue;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.schemas.DuckDbDdl;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.tests.DemoFixture;
import io.intelligencesuite.transforms.datatests.BigQueryWarehouseReader;
import io.intelligencesuite.transforms.datatests.WarehouseReader;
import io.intelligencesuite.transforms.testing.DuckDbBigQueryCalls;
import io.intelligencesuite.transforms.warehouse.DuckDbConnections;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code suite explain mrr} on demo customers (the one with the most MRR movements, one that
 * changed currency, the one with the most fx movements), at the demo's own FX settings (dated
 * rates): each customer's Stripe staging rows are loaded into an embedded warehouse with its
 * dim_customer row as the marts compute it; the explanation read back from the warehouse lists
 * every movement, the lines behind it, and ends on dim_customer.mrr_cents. The same explanation is
 * read through BigQuery's reader over {@link DuckDbBigQueryCalls} (the SQL sent to BigQuery, run on
 * the same file, answered in BigQuery's wire format), and must be identical. Nothing here ran on
 * Google Cloud: BigQuery's own SQL semantics are not shown.
 */
public class ExplainMrrDemoTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);
  private static final Warehouse BIGQUERY = Warehouse.parse("bigquery:my-project.analytics");

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void explainsDemoCustomersDownToDimCustomerMrrOnDuckDbAndBigQuery() throws Exception {
    Map<String, CustomerBilling> billing = DemoStagingBilling.load(DemoFixture.dir());
    RevenueSettings settings = DemoStagingBilling.settings(DemoFixture.dir(), AS_OF);
    Map<String, CustomerRevenue> revenue = new java.util.TreeMap<>();
    billing.forEach((id, b) -> revenue.put(id, RevenueEngine.compute(b, settings)));
    String busiest =
        revenue.values().stream()
            .max(Comparator.comparingInt((CustomerRevenue r) -> r.movements().size()))
            .orElseThrow()
            .customerId();
    String mostFx =
        revenue.values().stream()
            .max(Comparator.comparingLong((CustomerRevenue r) -> fxMovements(r)))
            .orElseThrow()
            .customerId();
    String changedCurrency =
        billing.values().stream()
            .filter(b -> b.lines().stream().map(Billing.Line::currency).distinct().count() > 1)
            .findFirst()
            .orElseThrow()
            .customerId();
    assertTrue("a customer with fx movements", fxMovements(revenue.get(mostFx)) > 0);
    for (String id : new java.util.TreeSet<>(List.of(busiest, mostFx, changedCurrency))) {
      explains(billing.get(id), revenue.get(id), settings);
    }
  }

  private static long fxMovements(CustomerRevenue r) {
    return r.movements().stream().filter(m -> Movement.FX.equals(m.type())).count();
  }

  private void explains(CustomerBilling customer, CustomerRevenue expected, RevenueSettings s)
      throws Exception {
    String id = customer.customerId();
    assertTrue("a customer with several movements: " + id, expected.movements().size() >= 2);
    String path = tmp.newFolder().toPath().resolve("explain.duckdb").toString();
    Warehouse duckDb = Warehouse.parse("duckdb:" + path);
    DuckDbQueries q = new DuckDbQueries(duckDb);
    try {
      Set<String> subs =
          customer.subscriptions().stream()
              .map(Billing.Subscription::subscriptionId)
              .collect(Collectors.toSet());
      for (Map.Entry<TableDef, List<Row>> e :
          DemoStagingBilling.stagingRows(DemoFixture.dir()).entrySet()) {
        String key = e.getKey() == Tables.SUBSCRIPTION_ITEMS ? "subscription_id" : "customer_id";
        List<Row> mine =
            e.getValue().stream()
                .filter(
                    r ->
                        key.equals("customer_id")
                            ? id.equals(r.getString(key))
                            : subs.contains(r.getString(key)))
                .collect(Collectors.toList());
        q.execute(DuckDbDdl.createTable(e.getKey()));
        q.append(e.getKey(), mine);
      }
      q.execute(DuckDbDdl.createTable(Tables.DIM_CUSTOMER));
      q.execute(DuckDbDdl.createTable(Tables.FACT_SUBSCRIPTION));
      long dimMrr = expected.summary().mrrCents();
      q.execute(
          "INSERT INTO dim_customer (customer_id, mrr_cents, status) VALUES ('"
              + id
              + "', "
              + dimMrr
              + ", 'active')");
      q.execute(
          "INSERT INTO fact_subscription VALUES ('sub_x', DATE '"
              + AS_OF
              + "', '"
              + id
              + "', NULL, 'active', 0)");

      WarehouseReader onDuckDb = WarehouseReader.open(duckDb);
      String text = MrrExplanation.explain(onDuckDb, id, null, "usd", s.fx(), null);
      for (Movement m : expected.movements()) {
        assertThat(text, containsString(m.date() + " " + String.format("%-12s", m.type()) + " "));
      }
      String[] lines = text.strip().split("\n");
      assertEquals(
          "MRR at end of " + AS_OF + ": " + dimMrr + "; dim_customer.mrr_cents: " + dimMrr,
          lines[lines.length - 1]);
      assertThat(text, containsString("sets the item's rate"));
      // The same through BigQuery's reader (3 rows a page, so paging runs too).
      WarehouseReader onBigQuery =
          new BigQueryWarehouseReader(BIGQUERY, new DuckDbBigQueryCalls(BIGQUERY, duckDb, 3));
      assertEquals(text, MrrExplanation.explain(onBigQuery, id, null, "usd", s.fx(), null));
      // Another day: the MRR the engine had at the end of it.
      Movement first = expected.movements().get(0);
      String earlier = MrrExplanation.explain(onDuckDb, id, first.date(), "usd", s.fx(), null);
      assertThat(
          earlier,
          containsString("MRR at end of " + first.date() + ": " + first.mrrAfterCents() + ";"));
    } finally {
      DuckDbConnections.close(path);
    }
  }
}
