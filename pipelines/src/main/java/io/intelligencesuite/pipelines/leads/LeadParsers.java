package io.intelligencesuite.pipelines.leads;

import static io.intelligencesuite.pipelines.jdbc.Fields.optional;
import static io.intelligencesuite.pipelines.jdbc.Fields.optionalTimestamp;
import static io.intelligencesuite.pipelines.jdbc.Fields.required;
import static io.intelligencesuite.pipelines.jdbc.Fields.requiredNumber;
import static io.intelligencesuite.pipelines.jdbc.Fields.requiredTimestamp;

import io.intelligencesuite.pipelines.jdbc.Emails;
import io.intelligencesuite.schemas.Tables;
import java.util.Map;
import org.apache.beam.sdk.values.Row;

/** Lead-scoring source records -> rows of leads and lead_scoring_runs. */
public final class LeadParsers {
  private LeadParsers() {}

  public static Row lead(Map<String, String> r) {
    String email = Emails.normalise(required(r, "email"), "email");
    String emailDomain = Emails.domain(email);
    String stated = Emails.cleanDomain(optional(r, "company_domain"));
    return Row.withSchema(Tables.LEADS.schema())
        .withFieldValue("lead_id", required(r, "lead_id"))
        .withFieldValue("email", email)
        .withFieldValue("email_domain", emailDomain)
        .withFieldValue("company_domain", stated != null ? stated : Emails.companyDomain(emailDomain))
        .withFieldValue("source", optional(r, "source"))
        .withFieldValue("utm_source", optional(r, "utm_source"))
        .withFieldValue("utm_medium", optional(r, "utm_medium"))
        .withFieldValue("utm_campaign", optional(r, "utm_campaign"))
        .withFieldValue("ga_client_id", optional(r, "ga_client_id"))
        .withFieldValue("status", optional(r, "status"))
        .withFieldValue("created_at", requiredTimestamp(r, "created_at"))
        .withFieldValue("updated_at", optionalTimestamp(r, "updated_at"))
        .build();
  }

  public static Row score(Map<String, String> r) {
    return Row.withSchema(Tables.LEAD_SCORING_RUNS.schema())
        .withFieldValue("run_id", required(r, "run_id"))
        .withFieldValue("lead_id", required(r, "lead_id"))
        .withFieldValue("scored_at", requiredTimestamp(r, "scored_at"))
        .withFieldValue("score", requiredNumber(r, "score", 0, 100))
        .withFieldValue("grade", optional(r, "grade"))
        .withFieldValue("model_version", optional(r, "model_version"))
        .build();
  }
}
