package io.intelligencesuite.sources.leads;

import static io.intelligencesuite.sources.jdbc.Fields.optional;
import static io.intelligencesuite.sources.jdbc.Fields.optionalTimestamp;
import static io.intelligencesuite.sources.jdbc.Fields.required;
import static io.intelligencesuite.sources.jdbc.Fields.requiredNumber;
import static io.intelligencesuite.sources.jdbc.Fields.requiredTimestamp;

import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import io.intelligencesuite.sources.jdbc.Emails;
import java.util.Map;
import org.apache.beam.sdk.values.Row;

/** Lead-scoring source records -> rows of leads and lead_scoring_runs. */
public final class LeadParsers {
  private LeadParsers() {}

  public static Row lead(Map<String, String> r) {
    String email = Emails.normalise(required(r, "email"), "email");
    String emailDomain = Emails.domain(email);
    String stated = Emails.cleanDomain(optional(r, "company_domain"));
    return RowBuilder.of(Tables.LEADS)
        .set("lead_id", required(r, "lead_id"))
        .set("email", email)
        .set("email_domain", emailDomain)
        .set("company_domain", stated != null ? stated : Emails.companyDomain(emailDomain))
        .set("source", optional(r, "source"))
        .set("utm_source", optional(r, "utm_source"))
        .set("utm_medium", optional(r, "utm_medium"))
        .set("utm_campaign", optional(r, "utm_campaign"))
        .set("ga_client_id", optional(r, "ga_client_id"))
        .set("status", optional(r, "status"))
        .set("created_at", requiredTimestamp(r, "created_at"))
        .set("updated_at", optionalTimestamp(r, "updated_at"))
        .build();
  }

  public static Row score(Map<String, String> r) {
    return RowBuilder.of(Tables.LEAD_SCORING_RUNS)
        .set("run_id", required(r, "run_id"))
        .set("lead_id", required(r, "lead_id"))
        .set("scored_at", requiredTimestamp(r, "scored_at"))
        .set("score", requiredNumber(r, "score", 0, 100))
        .set("grade", optional(r, "grade"))
        .set("model_version", optional(r, "model_version"))
        .build();
  }
}
