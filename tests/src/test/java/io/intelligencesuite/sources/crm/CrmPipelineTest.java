package io.intelligencesuite.sources.crm;

import static io.intelligencesuite.tests.TableCounts.count;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intelligencesuite.local.fakeapi.LocalHubSpotApi;
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
 * The CRM pipeline end to end on the DirectRunner against a local server speaking HubSpot's CRM v3
 * API over the demo company's HubSpot data: every list paged with the {@code after} cursor, a deal
 * in a stage the pipeline does not have dead-lettered, the rest loaded and counted.
 */
public class CrmPipelineTest {
  @Rule public final TempWarehouses warehouses = new TempWarehouses();

  private CrmOptions options(String base) {
    return PipelineOptionsFactory.fromArgs(
            "--runner=DirectRunner",
            "--warehouse=" + warehouses.spec(),
            "--hubspotApiBase=" + base,
            "--crmPageSize=50",
            "--crmRetryLimit=1",
            "--crmRetryBackoffMillis=10")
        .as(CrmOptions.class);
  }

  @Test
  public void loadsCompaniesContactsAndDealsPageByPageAndDeadLettersABadDeal() throws Exception {
    try (LocalHubSpotApi api = new LocalHubSpotApi(DemoFixture.dir().resolve("crm")).start()) {
      int companies = api.served(CrmPipeline.COMPANIES).size();
      int contacts = api.served(CrmPipeline.CONTACTS).size();
      List<JsonNode> deals = api.served(CrmPipeline.DEALS);
      assertTrue("more than one page of deals", deals.size() > 50);
      ((ObjectNode) deals.get(7).get("properties")).put("dealstage", "negotiation");
      long won = deals.stream().filter(d -> stage(d).equals("closedwon")).count();

      DuckDbQueries q =
          warehouses.queriesAfter(
              CrmPipeline.run(options(api.baseUrl()), n -> null, env -> "pat-test-token"));
      assertEquals((long) companies, count(q, "crm_companies"));
      assertEquals((long) contacts, count(q, "crm_contacts"));
      assertEquals((long) deals.size() - 1, count(q, "crm_deals"));
      assertEquals(won, count(q, "crm_deals WHERE is_won"));
      assertEquals(
          List.of(List.of("crm_deals", "properties.dealstage")),
          q.rows("SELECT target_table, field FROM dead_letters"));
      RunCounts audit = RunCounts.of(q, null);
      assertEquals("succeeded", audit.status());
      assertEquals((long) companies + contacts + deals.size(), audit.read());
      // paged: ceil(n / 50) requests per object list, each after the first with a cursor
      long dealPages = api.requests().stream().filter(r -> r.contains("/objects/deals")).count();
      assertEquals((deals.size() + 49) / 50, dealPages);
      assertTrue(api.requests().stream().anyMatch(r -> r.contains("after=50")));
      // properties were asked for (HubSpot returns only defaults otherwise) and arrived
      assertEquals(0, count(q, "crm_deals WHERE stage_label IS NULL OR owner_email IS NULL"));
      assertEquals(0, count(q, "crm_companies WHERE domain IS NULL"));
      assertTrue(count(q, "crm_contacts WHERE crm_company_id IS NOT NULL") > 0);
      assertEquals(
          0,
          count(
              q,
              "crm_deals d WHERE NOT EXISTS (SELECT 1 FROM crm_companies c"
                  + " WHERE c.crm_company_id = d.crm_company_id)"));

      // no token: HubSpot's 401 is an error naming the endpoint, and the tables stay as they were
      String before = q.checksum(Tables.CRM_DEALS);
      RuntimeException e =
          assertThrows(
              RuntimeException.class,
              () -> CrmPipeline.run(options(api.baseUrl()), n -> null, env -> " "));
      assertThat(e.getMessage(), containsString("HUBSPOT_ACCESS_TOKEN"));
      HubSpotClient.HubSpotApiException unauthorised =
          assertThrows(
              HubSpotClient.HubSpotApiException.class,
              () ->
                  new HubSpotClient(api.baseUrl(), "", 0, java.time.Duration.ZERO)
                      .listAll(CrmPipeline.OWNERS, java.util.Map.of()));
      assertEquals(401, unauthorised.status());
      assertThat(unauthorised.getMessage(), containsString("Authentication credentials not found"));
      assertEquals(before, q.checksum(Tables.CRM_DEALS));
    }
  }

  private static String stage(JsonNode deal) {
    return deal.path("properties").path("dealstage").asText();
  }
}
