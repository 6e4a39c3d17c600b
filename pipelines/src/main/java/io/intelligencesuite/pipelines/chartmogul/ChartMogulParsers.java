package io.intelligencesuite.pipelines.chartmogul;

import static io.intelligencesuite.pipelines.common.Json.isoInstant;
import static io.intelligencesuite.pipelines.common.Json.longValue;
import static io.intelligencesuite.pipelines.common.Json.requiredLong;
import static io.intelligencesuite.pipelines.common.Json.requiredText;
import static io.intelligencesuite.pipelines.common.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.pipelines.common.Json;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.deadletter.BadRecordException;
import java.util.Locale;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/** ChartMogul entries (hyphenated keys, integer cents) -> typed rows. */
public final class ChartMogulParsers {
  private ChartMogulParsers() {}

  public static Row customer(String json) {
    JsonNode c = Json.parse(json);
    String email = text(c, "email");
    return Row.withSchema(Tables.CHARTMOGUL_CUSTOMERS.schema())
        .withFieldValue("chartmogul_customer_id", requiredText(c, "uuid"))
        .withFieldValue("external_id", text(c, "external_id"))
        .withFieldValue("name", text(c, "name"))
        .withFieldValue("email", email == null || email.isBlank() ? null : email.trim().toLowerCase(Locale.ROOT))
        .withFieldValue("status", text(c, "status"))
        .withFieldValue("mrr_cents", longValue(c, "mrr"))
        .withFieldValue("currency", text(c, "currency"))
        .withFieldValue("customer_since", isoInstant(c, "customer-since"))
        .build();
  }

  /**
   * The account-wide list ({@code /v1/activities}) identifies an activity by {@code uuid}; the
   * per-customer list ({@code /v1/customers/UUID/activities}) by a numeric {@code id} only.
   */
  private static String activityId(JsonNode a) {
    String uuid = text(a, "uuid");
    if (uuid != null && !uuid.isEmpty()) {
      return uuid;
    }
    return "id:" + requiredText(a, "id");
  }

  public static Row activity(String json) {
    JsonNode a = Json.parse(json);
    Instant at = isoInstant(a, "date");
    if (at == null) {
      throw new BadRecordException("date", "is required but missing");
    }
    return Row.withSchema(Tables.CHARTMOGUL_ACTIVITIES.schema())
        .withFieldValue("activity_id", activityId(a))
        .withFieldValue("activity_at", at)
        .withFieldValue("activity_date", Json.utcDate(at))
        .withFieldValue("activity_type", requiredText(a, "type"))
        .withFieldValue("mrr_movement_cents", requiredLong(a, "activity-mrr-movement"))
        .withFieldValue("mrr_cents", longValue(a, "activity-mrr"))
        .withFieldValue("arr_cents", longValue(a, "activity-arr"))
        .withFieldValue("currency", text(a, "currency"))
        .withFieldValue("chartmogul_customer_id", text(a, "customer-uuid"))
        .withFieldValue("customer_external_id", text(a, "customer-external-id"))
        .withFieldValue("subscription_external_id", text(a, "subscription-external-id"))
        .withFieldValue("plan_external_id", text(a, "plan-external-id"))
        .withFieldValue("description", text(a, "description"))
        .build();
  }
}
