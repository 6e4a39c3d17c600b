package io.intelligencesuite.sources.backend;

import static io.intelligencesuite.sources.jdbc.Fields.optional;
import static io.intelligencesuite.sources.jdbc.Fields.optionalJson;
import static io.intelligencesuite.sources.jdbc.Fields.optionalTimestamp;
import static io.intelligencesuite.sources.jdbc.Fields.required;
import static io.intelligencesuite.sources.jdbc.Fields.requiredTimestamp;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.jdbc.Emails;
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
    return RowBuilder.of(Tables.COMPANIES)
        .set("account_id", required(r, "account_id"))
        .set("company_id", null)
        .set("name", required(r, "name"))
        .set("domain", Emails.cleanDomain(optional(r, "domain")))
        .set("country", country == null ? null : country.toUpperCase(Locale.ROOT))
        .set("segment", optional(r, "segment"))
        .set("plan", optional(r, "plan"))
        .set("trial_ends_at", optionalTimestamp(r, "trial_ends_at"))
        .set("status", optional(r, "status"))
        .set("stripe_customer_id", optional(r, "stripe_customer_id"))
        .set("industry", null)
        .set("employee_count", null)
        .set("created_at", requiredTimestamp(r, "created_at"))
        .set("updated_at", optionalTimestamp(r, "updated_at"))
        .build();
  }

  public static Row user(Map<String, String> r) {
    String email = Emails.normalise(required(r, "email"), "email");
    String domain = Emails.domain(email);
    return RowBuilder.of(Tables.USERS)
        .set("user_id", required(r, "user_id"))
        .set("account_id", optional(r, "account_id"))
        .set("email", email)
        .set("email_domain", domain)
        .set("company_domain", Emails.companyDomain(domain))
        .set("role", optional(r, "role"))
        .set("created_at", requiredTimestamp(r, "created_at"))
        .build();
  }

  public static Row productEvent(Map<String, String> r, DateWindow window) {
    Instant ts = requiredTimestamp(r, "occurred_at");
    LocalDate day =
        java.time.Instant.ofEpochMilli(ts.getMillis()).atOffset(ZoneOffset.UTC).toLocalDate();
    if (window != null && !window.contains(day)) {
      throw new BadRecordException("occurred_at", day + " is outside the run's window " + window);
    }
    return RowBuilder.of(Tables.EVENTS_PRODUCT)
        .set("event_id", required(r, "event_id"))
        .set("event_ts", ts)
        .set("event_date", day)
        .set("user_id", optional(r, "user_id"))
        .set("account_id", required(r, "account_id"))
        .set("event_name", required(r, "event_name"))
        .set("feature", optional(r, "feature"))
        .set("properties", optionalJson(r, "properties"))
        .build();
  }
}
