package io.intelligencesuite.sources.crm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.sources.common.Json;
import io.intelligencesuite.transforms.deadletter.BadRecordException;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Test;

/**
 * HubSpot CRM v3 objects as HubSpot's documentation shows them (developers.hubspot.com, CRM API |
 * Companies / Contacts / Deals "Retrieve" responses, CRM API | Pipelines and Owners): property
 * values are strings, timestamps ISO-8601 with milliseconds, associations listed per object type.
 */
public class CrmParsersTest {
  /** The documented default deal pipeline, two of its stages, and the documented owner. */
  private static final String PIPELINES =
      """
      {"results": [{"label": "Sales Pipeline", "displayOrder": 0, "id": "default",
        "createdAt": "2019-10-30T03:30:17.883Z", "updatedAt": "2019-12-07T16:50:06.678Z",
        "archived": false,
        "stages": [
          {"label": "Presentation Scheduled", "displayOrder": 2, "id": "presentationscheduled",
           "metadata": {"isClosed": "false", "probability": "0.6"},
           "createdAt": "2019-10-30T03:30:17.883Z", "updatedAt": "2019-12-07T16:50:06.678Z",
           "archived": false},
          {"label": "Closed Won", "displayOrder": 5, "id": "closedwon",
           "metadata": {"isClosed": "true", "probability": "1.0"},
           "createdAt": "2019-10-30T03:30:17.883Z", "updatedAt": "2019-12-07T16:50:06.678Z",
           "archived": false},
          {"label": "Closed Lost", "displayOrder": 6, "id": "closedlost",
           "metadata": {"isClosed": "true", "probability": "0.0"},
           "createdAt": "2019-10-30T03:30:17.883Z", "updatedAt": "2019-12-07T16:50:06.678Z",
           "archived": false}]}]}
      """;

  private static final String OWNERS =
      """
      {"results": [{"id": "41629779", "email": "email@hubspot.com", "type": "PERSON",
        "firstName": "HubSpot", "lastName": "Test Owner", "userId": 9586504,
        "userIdIncludingInactive": 9586504, "createdAt": "2019-12-25T13:01:35.228Z",
        "updatedAt": "2023-08-22T13:40:26.790Z", "archived": false}]}
      """;

  private static DealStages stages() {
    return DealStages.of(list(PIPELINES), list(OWNERS));
  }

  private static List<JsonNode> list(String body) {
    List<JsonNode> out = new java.util.ArrayList<>();
    Json.parse(body).get("results").forEach(out::add);
    return out;
  }

  @Test
  public void company() {
    Row r =
        CrmParsers.company(
            """
            {"id": "512", "properties": {"createdate": "2019-10-30T03:30:17.883Z",
              "domain": "https://www.Biglytics.net/about", "hs_lastmodifieddate": "2019-12-07T16:50:06.678Z",
              "hs_object_id": "512", "name": "Biglytics", "numberofemployees": "120",
              "country": "United States", "lifecyclestage": "customer",
              "hubspot_owner_id": "41629779"},
             "createdAt": "2019-10-30T03:30:17.883Z", "updatedAt": "2019-12-07T16:50:06.678Z",
             "archived": false}
            """);
    assertEquals("512", r.getString("crm_company_id"));
    assertEquals("Biglytics", r.getString("name"));
    assertEquals("biglytics.net", r.getString("domain"));
    assertEquals(Long.valueOf(120), r.getInt64("employees"));
    assertEquals("customer", r.getString("lifecycle_stage"));
    assertEquals("41629779", r.getString("owner_id"));
    assertEquals(
        Instant.parse("2019-10-30T03:30:17.883Z"), r.getDateTime("created_at").toInstant());
  }

  @Test
  public void contactTakesThePrimaryCompanyAssociation() {
    Row r =
        CrmParsers.contact(
            """
            {"id": "501", "properties": {"createdate": "2019-10-30T03:30:17.883Z",
              "email": " Bcooper@Biglytics.net ", "firstname": "Bryan", "lastname": "Cooper",
              "hs_object_id": "501", "lastmodifieddate": "2019-12-07T16:50:06.678Z",
              "lifecyclestage": "opportunity", "associatedcompanyid": "999"},
             "createdAt": "2019-10-30T03:30:17.883Z", "updatedAt": "2019-12-07T16:50:06.678Z",
             "archived": false,
             "associations": {"companies": {"results": [
               {"id": "700", "type": "contact_to_company_unlabeled"},
               {"id": "512", "type": "contact_to_company"}]}}}
            """);
    assertEquals("501", r.getString("crm_contact_id"));
    assertEquals("bcooper@biglytics.net", r.getString("email"));
    assertEquals("512", r.getString("crm_company_id"));
    assertEquals("opportunity", r.getString("lifecycle_stage"));
  }

  @Test
  public void contactWithoutAssociationsFallsBackToTheCompanyProperty() {
    Row r =
        CrmParsers.contact(
            """
            {"id": "502", "properties": {"email": null, "associatedcompanyid": "512"},
             "createdAt": "2020-01-01T00:00:00Z", "updatedAt": "2020-01-02T00:00:00Z",
             "archived": false}
            """);
    assertNull(r.getString("email"));
    assertEquals("512", r.getString("crm_company_id"));
  }

  @Test
  public void wonDealReadsItsStageOwnerAndAssociations() {
    Row r =
        CrmParsers.deal(
            """
            {"id": "9001", "properties": {"amount": "1500.005", "closedate": "2019-12-07T16:50:06.678Z",
              "createdate": "2019-10-30T03:30:17.883Z", "dealname": "Biglytics renewal",
              "dealstage": "closedwon", "pipeline": "default", "hubspot_owner_id": "41629779",
              "deal_currency_code": "EUR", "hs_object_id": "9001"},
             "createdAt": "2019-10-30T03:30:17.883Z", "updatedAt": "2019-12-07T16:50:06.678Z",
             "archived": false,
             "associations": {
               "companies": {"results": [{"id": "512", "type": "deal_to_company"}]},
               "contacts": {"results": [{"id": "501", "type": "deal_to_contact"}]}}}
            """,
            stages());
    assertEquals("Closed Won", r.getString("stage_label"));
    assertTrue(r.getBoolean("is_closed"));
    assertTrue(r.getBoolean("is_won"));
    // 1500.005 -> 150000.5 cents, half up -> 150001
    assertEquals(Long.valueOf(150_001), r.getInt64("amount_cents"));
    assertEquals("EUR", r.getString("currency"));
    assertEquals("email@hubspot.com", r.getString("owner_email"));
    assertEquals("512", r.getString("crm_company_id"));
    assertEquals("501", r.getString("crm_contact_id"));
    assertEquals(Instant.parse("2019-12-07T16:50:06.678Z"), r.getDateTime("closed_at").toInstant());
  }

  @Test
  public void lostAndOpenDeals() {
    String lost =
        """
        {"id": "9002", "properties": {"dealstage": "closedlost", "pipeline": "default",
          "closedate": "2020-02-01T00:00:00Z", "amount": null},
         "createdAt": "2020-01-01T00:00:00Z", "updatedAt": "2020-02-01T00:00:00Z", "archived": false}
        """;
    Row r = CrmParsers.deal(lost, stages());
    assertTrue(r.getBoolean("is_closed"));
    assertFalse(r.getBoolean("is_won"));
    assertNull(r.getInt64("amount_cents"));
    assertNull(r.getString("owner_email"));
    Row open = CrmParsers.deal(lost.replace("closedlost", "presentationscheduled"), stages());
    assertFalse(open.getBoolean("is_closed"));
    assertEquals("Presentation Scheduled", open.getString("stage_label"));
  }

  @Test
  public void badRecordsNameTheirField() {
    String deal =
        """
        {"id": "9003", "properties": {"dealstage": "STAGE", "pipeline": "default", "amount": "AMOUNT"},
         "createdAt": "2020-01-01T00:00:00Z", "updatedAt": "2020-01-01T00:00:00Z", "archived": false}
        """;
    assertField(
        "properties.dealstage",
        () -> CrmParsers.deal(deal.replace("STAGE", "appointmentscheduled"), stages()));
    assertField(
        "properties.amount",
        () ->
            CrmParsers.deal(
                deal.replace("STAGE", "closedwon").replace("AMOUNT", "12,00"), stages()));
    assertField(
        "properties.amount",
        () ->
            CrmParsers.deal(deal.replace("STAGE", "closedwon").replace("AMOUNT", "-5"), stages()));
    assertField(
        "archived",
        () ->
            CrmParsers.company(
                """
                {"id": "1", "properties": {}, "createdAt": "2020-01-01T00:00:00Z",
                 "updatedAt": "2020-01-01T00:00:00Z", "archived": true}
                """));
    assertField(
        "createdAt",
        () -> CrmParsers.company("{\"id\": \"1\", \"updatedAt\": \"2020-01-01T00:00:00Z\"}"));
    assertField(
        "properties.email",
        () ->
            CrmParsers.contact(
                """
                {"id": "2", "properties": {"email": "not an address"},
                 "createdAt": "2020-01-01T00:00:00Z", "updatedAt": "2020-01-01T00:00:00Z"}
                """));
  }

  @Test
  public void aClosedStageThatIsNeitherWonNorLostFailsTheRun() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> DealStages.of(list(PIPELINES.replace("\"1.0\"", "\"0.9\"")), list(OWNERS)));
    assertTrue(e.getMessage(), e.getMessage().contains("closedwon"));
  }

  private static void assertField(String field, Runnable parse) {
    BadRecordException e = assertThrows(BadRecordException.class, parse::run);
    assertEquals(e.getMessage(), field, e.field());
  }
}
