package io.intelligencesuite.sources.crm;

import static io.intelligencesuite.sources.common.Json.isoInstant;
import static io.intelligencesuite.sources.common.Json.requiredText;
import static io.intelligencesuite.sources.common.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.Json;
import io.intelligencesuite.sources.jdbc.Emails;
import io.intelligencesuite.transforms.deadletter.BadRecordException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * HubSpot CRM v3 objects -> typed rows. Every object of a list is {@code {"id": "512",
 * "properties": {NAME: "string value", ...}, "createdAt": ISO, "updatedAt": ISO, "archived": false,
 * "associations": {"companies": {"results": [{"id": "...", "type": "contact_to_company"}]}}}}
 * (developers.hubspot.com, CRM API | Objects: property values are strings, null when unset; the
 * associations appear when the request names them with {@code associations=}).
 */
public final class CrmParsers {
  private CrmParsers() {}

  public static Row company(String json) {
    JsonNode c = object(json);
    return RowBuilder.of(Tables.CRM_COMPANIES)
        .set("crm_company_id", requiredText(c, "id"))
        .set("name", property(c, "name"))
        .set("domain", Emails.cleanDomain(property(c, "domain")))
        .set("country", property(c, "country"))
        .set(
            "employees",
            Json.nonNegative(
                Json.longValue(c, "properties.numberofemployees"), "properties.numberofemployees"))
        .set("lifecycle_stage", property(c, "lifecyclestage"))
        .set("owner_id", property(c, "hubspot_owner_id"))
        .set("created_at", required(c, "createdAt"))
        .set("updated_at", required(c, "updatedAt"))
        .build();
  }

  public static Row contact(String json) {
    JsonNode c = object(json);
    String email = property(c, "email");
    String company = associated(c, "companies", "contact_to_company");
    return RowBuilder.of(Tables.CRM_CONTACTS)
        .set("crm_contact_id", requiredText(c, "id"))
        .set(
            "email",
            email == null || email.isBlank() ? null : Emails.normalise(email, "properties.email"))
        .set("crm_company_id", company != null ? company : property(c, "associatedcompanyid"))
        .set("lifecycle_stage", property(c, "lifecyclestage"))
        .set("owner_id", property(c, "hubspot_owner_id"))
        .set("created_at", required(c, "createdAt"))
        .set("updated_at", required(c, "updatedAt"))
        .build();
  }

  /** A deal, its stage and owner read through {@code stages}. */
  public static Row deal(String json, DealStages stages) {
    JsonNode d = object(json);
    String pipeline = requiredText(d, "properties.pipeline");
    String stageId = requiredText(d, "properties.dealstage");
    DealStages.Stage stage = stages.stage(pipeline, stageId);
    if (stage == null) {
      throw new BadRecordException(
          "properties.dealstage",
          "stage '"
              + stageId
              + "' is not a stage of deal pipeline '"
              + pipeline
              + "' (GET /crm/v3/pipelines/deals)");
    }
    String owner = property(d, "hubspot_owner_id");
    return RowBuilder.of(Tables.CRM_DEALS)
        .set("crm_deal_id", requiredText(d, "id"))
        .set("deal_name", property(d, "dealname"))
        .set("pipeline_id", pipeline)
        .set("stage_id", stageId)
        .set("stage_label", stage.label())
        .set("is_closed", stage.closed())
        .set("is_won", stage.won())
        .set("amount_cents", cents(property(d, "amount"), "properties.amount"))
        .set("currency", Json.isoCurrency(property(d, "deal_currency_code"), "deal_currency_code"))
        .set("owner_id", owner)
        .set("owner_email", stages.ownerEmail(owner))
        .set("crm_company_id", associated(d, "companies", "deal_to_company"))
        .set("crm_contact_id", associated(d, "contacts", "deal_to_contact"))
        .set("created_at", required(d, "createdAt"))
        .set("closed_at", isoInstant(d, "properties.closedate"))
        .set("updated_at", required(d, "updatedAt"))
        .build();
  }

  /**
   * The object, unless archived: the lists are read with the default {@code archived=false}, so an
   * archived object is a record HubSpot should not have sent.
   */
  private static JsonNode object(String json) {
    JsonNode o = Json.parse(json);
    if (Boolean.TRUE.equals(Json.bool(o, "archived"))) {
      throw new BadRecordException(
          "archived", "an archived (deleted) object in a list read with archived=false");
    }
    return o;
  }

  private static @Nullable String property(JsonNode o, String name) {
    String v = text(o, "properties." + name);
    return v == null || v.isEmpty() ? null : v;
  }

  private static Instant required(JsonNode o, String path) {
    Instant at = isoInstant(o, path);
    if (at == null) {
      throw new BadRecordException(path, "is required but missing");
    }
    return at;
  }

  /**
   * The associated object's id: the one with the primary association type ({@code
   * contact_to_company}), else the first one listed, else null.
   */
  static @Nullable String associated(JsonNode o, String objectType, String primaryType) {
    JsonNode results = o.path("associations").path(objectType).path("results");
    String first = null;
    for (JsonNode r : results) {
      String id = r.path("id").asText("");
      if (id.isEmpty()) {
        continue;
      }
      if (primaryType.equals(r.path("type").asText())) {
        return id;
      }
      if (first == null) {
        first = id;
      }
    }
    return first;
  }

  /** A decimal amount string ("1500.00") in cents, rounded half up; null when unset. */
  static @Nullable Long cents(@Nullable String amount, String field) {
    if (amount == null) {
      return null;
    }
    try {
      return Json.nonNegative(
          new BigDecimal(amount.trim())
              .movePointRight(2)
              .setScale(0, RoundingMode.HALF_UP)
              .longValueExact(),
          field);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new BadRecordException(field, "expected a decimal amount, got '" + amount + "'");
    }
  }
}
