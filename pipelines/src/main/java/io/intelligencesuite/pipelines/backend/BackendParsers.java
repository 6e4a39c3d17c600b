package io.intelligencesuite.pipelines.backend;

import static io.intelligencesuite.pipelines.jdbc.Fields.optional;
import static io.intelligencesuite.pipelines.jdbc.Fields.optionalJson;
import static io.intelligencesuite.pipelines.jdbc.Fields.optionalTimestamp;
import static io.intelligencesuite.pipelines.jdbc.Fields.required;
import static io.intelligencesuite.pipelines.jdbc.Fields.requiredTimestamp;

import io.intelligencesuite.pipelines.jdbc.Emails;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.transforms.deadletter.BadRecordException;
import io.intelligencesuite.transforms.warehouse.DateWindow;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/** Backend source records -> rows of companies, users and events_product. */
public final class BackendParsers {
  private BackendParsers() {}

  public static Row account(Map<String, String> r) {
    String country = optional(r, "country");
    return Row.withSchema(Tables.COMPANIES.schema())
        .withFieldValue("account_id", required(r, "account_id"))
        .withFieldValue("company_id", null)
        .withFieldValue("name", required(r, "name"))
        .withFieldValue("domain", Emails.cleanDomain(optional(r, "domain")))
        .withFieldValue("country", country == null ? null : country.toUpperCase(Locale.ROOT))
        .withFieldValue("segment", optional(r, "segment"))
        .withFieldValue("plan", optional(r, "plan"))
        .withFieldValue("trial_ends_at", optionalTimestamp(r, "trial_ends_at"))
        .withFieldValue("status", optional(r, "status"))
        .withFieldValue("stripe_customer_id", optional(r, "stripe_customer_id"))
        .withFieldValue("industry", null)
        .withFieldValue("employee_count", null)
        .withFieldValue("created_at", requiredTimestamp(r, "created_at"))
        .withFieldValue("updated_at", optionalTimestamp(r, "updated_at"))
        .build();
  }

  public static Row user(Map<String, String> r) {
    String email = Emails.normalise(required(r, "email"), "email");
    String domain = Emails.domain(email);
    return Row.withSchema(Tables.USERS.schema())
        .withFieldValue("user_id", required(r, "user_id"))
        .withFieldValue("account_id", optional(r, "account_id"))
        .withFieldValue("email", email)
        .withFieldValue("email_domain", domain)
        .withFieldValue("company_domain", Emails.companyDomain(domain))
        .withFieldValue("role", optional(r, "role"))
        .withFieldValue("created_at", requiredTimestamp(r, "created_at"))
        .build();
  }

  public static Row productEvent(Map<String, String> r, DateWindow window) {
    Instant ts = requiredTimestamp(r, "occurred_at");
    LocalDate day = java.time.Instant.ofEpochMilli(ts.getMillis()).atOffset(ZoneOffset.UTC).toLocalDate();
    if (window != null && !window.contains(day)) {
      throw new BadRecordException("occurred_at", day + " is outside the run's window " + window);
    }
    return Row.withSchema(Tables.EVENTS_PRODUCT.schema())
        .withFieldValue("event_id", required(r, "event_id"))
        .withFieldValue("event_ts", ts)
        .withFieldValue("event_date", day)
        .withFieldValue("user_id", optional(r, "user_id"))
        .withFieldValue("account_id", required(r, "account_id"))
        .withFieldValue("event_name", required(r, "event_name"))
        .withFieldValue("feature", optional(r, "feature"))
        .withFieldValue("properties", optionalJson(r, "properties"))
        .build();
  }
}
