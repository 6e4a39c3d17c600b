package io.intelligencesuite.sources.leads;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.intelligencesuite.sources.common.IncrementalOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/** Options of the lead-scoring pipeline (Supabase / PostgreSQL). */
@Description(
    "Lead scoring (Supabase / PostgreSQL): the latest state of every lead to leads and every score of every scoring run to lead_scoring_runs.")
public interface LeadScoringOptions extends IncrementalOptions {

  @Description(
      "JDBC URL of the lead-scoring database (Supabase or any PostgreSQL), e.g. "
          + "jdbc:postgresql://db.PROJECT.supabase.co:5432/postgres. 10 s connect and login timeouts are "
          + "added unless the URL sets them.")
  @Validation.Required
  String getLeadsJdbcUrl();

  void setLeadsJdbcUrl(String value);

  @Description("Database user (on Supabase: postgres, or a read-only role).")
  @Validation.Required
  String getLeadsUser();

  void setLeadsUser(String value);

  @Description(
      "Secret Manager version holding the lead-scoring database password, "
          + "projects/P/secrets/S/versions/V; resolved once at launch. Use this in production.")
  String getLeadsPasswordSecret();

  void setLeadsPasswordSecret(String value);

  @Description(
      "Lead-scoring database password in plain text, for local runs only (prefer "
          + "--leadsPasswordSecret). Never serialised with the pipeline options, logged or written to pipeline_runs.")
  @JsonIgnore
  String getLeadsPassword();

  void setLeadsPassword(String value);

  @Description(
      "sslmode for the PostgreSQL connection: auto (require for a remote host, as Supabase needs; "
          + "disable for localhost), or any libpq/pgjdbc value (disable, require, verify-ca, verify-full). An "
          + "sslmode in --leadsJdbcUrl wins.")
  @Default.String("auto")
  String getLeadsSslMode();

  void setLeadsSslMode(String value);

  @Description(
      "Query for leads. Must return lead_id, email, created_at and may return company_domain, source, "
          + "utm_source, utm_medium, utm_campaign, ga_client_id, status, updated_at. Several rows per lead (a "
          + "history table) are fine: the latest updated_at wins.")
  @Default.String(
      "SELECT lead_id, email, company_domain, source, utm_source, utm_medium, utm_campaign, "
          + "ga_client_id, status, created_at, updated_at FROM leads")
  String getLeadsQuery();

  void setLeadsQuery(String value);

  @Description(
      "Query for scores: one row per lead per scoring run. Must return run_id, lead_id, scored_at, "
          + "score (0-100) and may return grade, model_version.")
  @Default.String("SELECT run_id, lead_id, scored_at, score, grade, model_version FROM lead_scores")
  String getLeadScoresQuery();

  void setLeadScoresQuery(String value);

  @Description(
      "Column of the leads query's result an incremental run reads from: rows whose value is at or "
          + "after the last run's cursor minus --cursorOverlapMinutes. It must be set on every change.")
  @Default.String("updated_at")
  String getLeadsCursorColumn();

  void setLeadsCursorColumn(String value);

  @Description(
      "Column of the scores query's result an incremental run reads from: scores are written once "
          + "per scoring run, so the time they were scored.")
  @Default.String("scored_at")
  String getLeadScoresCursorColumn();

  void setLeadScoresCursorColumn(String value);
}
