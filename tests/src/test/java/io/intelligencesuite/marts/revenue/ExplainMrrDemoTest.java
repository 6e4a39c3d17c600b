package io.intelligencesuite.marts.revenue;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.schemas.DuckDbDdl;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.tests.DemoFixture;
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
 * {@code suite explain mrr} on a demo customer: the demo's Stripe staging rows of the customer with
 * the most MRR movements are loaded into an embedded warehouse with its dim_customer row as the
 * marts compute it; the explanation read back from the warehouse lists every movement, the lines
 * behind it, and ends on dim_customer.mrr_cents.
 */
public class ExplainMrrDemoTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void explainsADemoCustomerDownToDimCustomerMrr() throws Exception {
    Map<String, CustomerBilling> billing = DemoStagingBilling.load(DemoFixture.dir());
    RevenueSettings settings = RevenueSettings.usd(AS_OF);
    CustomerBilling busiest =
        billing.values().stream()
            .max(
                Comparator.comparingInt(
                    (CustomerBilling b) -> RevenueEngine.compute(b, settings).movements().size()))
            .orElseThrow();
    CustomerRevenue expected = RevenueEngine.compute(busiest, settings);
    String id = busiest.customerId();
    assertTrue("a customer with several movements", expected.movements().size() >= 3);

    String path = tmp.getRoot().toPath().resolve("explain.duckdb").toString();
    DuckDbQueries q = new DuckDbQueries(Warehouse.parse("duckdb:" + path));
    try {
      Set<String> subs =
          busiest.subscriptions().stream()
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

      String text = MrrExplanation.explain(q, id, null);
      for (Movement m : expected.movements()) {
        assertThat(text, containsString(m.date() + " " + String.format("%-12s", m.type()) + " "));
      }
      String[] lines = text.strip().split("\n");
      assertEquals(
          "MRR at end of " + AS_OF + ": " + dimMrr + "; dim_customer.mrr_cents: " + dimMrr,
          lines[lines.length - 1]);
      assertThat(text, containsString("sets the item's rate"));
      // Another day: the MRR the engine had at the end of it.
      Movement first = expected.movements().get(0);
      String earlier = MrrExplanation.explain(q, id, first.date());
      assertThat(
          earlier,
          containsString("MRR at end of " + first.date() + ": " + first.mrrAfterCents() + ";"));
    } finally {
      DuckDbConnections.close(path);
    }
  }
}
