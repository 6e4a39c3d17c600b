package io.intelligencesuite.sources.chartmogul;

import static io.intelligencesuite.tests.TableCounts.count;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intelligencesuite.local.fakeapi.LocalChartMogulApi;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.tests.DemoFixture;
import io.intelligencesuite.tests.RunCounts;
import io.intelligencesuite.transforms.testing.TempWarehouses;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Rule;
import org.junit.Test;

/**
 * The ChartMogul pipeline end to end against a local server over the demo company's ChartMogul
 * data.
 */
public class ChartMogulPipelineTest {
  @Rule public final TempWarehouses warehouses = new TempWarehouses();

  private ChartMogulOptions options(String base) {
    return PipelineOptionsFactory.fromArgs(
            "--runner=FlinkRunner",
            "--warehouse=" + warehouses.spec(),
            "--chartmogulApiBase=" + base,
            "--chartmogulPageSize=50",
            "--chartmogulRetryLimit=1",
            "--chartmogulRetryBackoffMillis=10")
        .as(ChartMogulOptions.class);
  }

  @Test
  public void loadsCustomersAndActivitiesPageByPageAndDeadLettersABadEntry() throws Exception {
    try (LocalChartMogulApi api =
        new LocalChartMogulApi(DemoFixture.dir().resolve("chartmogul")).start()) {
      int customers = api.served("/v1/customers").size();
      int activities = api.served("/v1/activities").size();
      ((ObjectNode) api.served("/v1/activities").get(7)).remove("activity-mrr-movement");

      DuckDbQueries q =
          warehouses.queriesAfter(
              ChartMogulPipeline.run(options(api.baseUrl()), n -> null, env -> "cm_test_key"));
      assertEquals((long) customers, count(q, "chartmogul_customers"));
      assertEquals((long) activities - 1, count(q, "chartmogul_activities"));
      List<List<Object>> dead = q.rows("SELECT target_table, field FROM dead_letters");
      assertEquals(List.of(List.of("chartmogul_activities", "activity-mrr-movement")), dead);
      RunCounts audit = RunCounts.of(q, null);
      assertEquals("succeeded", audit.status());
      assertEquals((long) customers + activities, audit.read());
      assertTrue(
          "paged with the cursor", api.requests().stream().anyMatch(r -> r.contains("cursor=")));
      assertTrue(count(q, "chartmogul_activities WHERE activity_type = 'churn'") > 0);
      assertEquals(0, count(q, "chartmogul_activities WHERE customer_external_id IS NULL"));

      // a wrong key: ChartMogul's 401 is an error, and the tables stay as they were
      String before = q.checksum(Tables.CHARTMOGUL_ACTIVITIES);
      RuntimeException e =
          assertThrows(
              RuntimeException.class,
              () -> ChartMogulPipeline.run(options(api.baseUrl()), n -> null, env -> " "));
      assertThat(e.getMessage(), containsString("CHARTMOGUL_API_KEY"));
      ChartMogulClient.ChartMogulApiException unauthorised =
          assertThrows(
              ChartMogulClient.ChartMogulApiException.class,
              () ->
                  new ChartMogulClient(api.baseUrl(), "", 0, java.time.Duration.ZERO)
                      .listAll("/v1/customers", java.util.Map.of()));
      assertEquals(401, unauthorised.status());
      assertEquals(before, q.checksum(Tables.CHARTMOGUL_ACTIVITIES));
    }
  }
}
