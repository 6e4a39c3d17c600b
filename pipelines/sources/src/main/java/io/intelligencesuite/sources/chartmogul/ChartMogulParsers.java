package io.intelligencesuite.sources.chartmogul;

import static io.intelligencesuite.sources.common.Json.isoInstant;
import static io.intelligencesuite.sources.common.Json.longValue;
import static io.intelligencesuite.sources.common.Json.requiredLong;
import static io.intelligencesuite.sources.common.Json.requiredText;
import static io.intelligencesuite.sources.common.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.common.Json;
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
    return RowBuilder.of(Tables.CHARTMOGUL_CUSTOMERS)
        .set("chartmogul_customer_id", requiredText(c, "uuid"))
        .set("external_id", text(c, "external_id"))
        .set("name", text(c, "name"))
        .set(
            "email",
            email == null || email.isBlank() ? null : email.trim().toLowerCase(Locale.ROOT))
        .set("status", text(c, "status"))
        .set("mrr_cents", Json.nonNegative(longValue(c, "mrr"), "mrr"))
        .set("currency", Json.isoCurrency(text(c, "currency"), "currency"))
        .set("customer_since", isoInstant(c, "customer-since"))
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
    return RowBuilder.of(Tables.CHARTMOGUL_ACTIVITIES)
        .set("activity_id", activityId(a))
        .set("activity_at", at)
        .set("activity_date", Json.utcDate(at))
        .set("activity_type", requiredText(a, "type"))
        .set("mrr_movement_cents", requiredLong(a, "activity-mrr-movement"))
        .set("mrr_cents", Json.nonNegative(longValue(a, "activity-mrr"), "activity-mrr"))
        .set("arr_cents", Json.nonNegative(longValue(a, "activity-arr"), "activity-arr"))
        .set("currency", Json.isoCurrency(text(a, "currency"), "currency"))
        .set("chartmogul_customer_id", text(a, "customer-uuid"))
        .set("customer_external_id", text(a, "customer-external-id"))
        .set("subscription_external_id", text(a, "subscription-external-id"))
        .set("plan_external_id", text(a, "plan-external-id"))
        .set("description", text(a, "description"))
        .build();
  }
}
