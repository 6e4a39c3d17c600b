package io.intelligencesuite.sources.backend;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.intelligencesuite.sources.common.IncrementalOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/** Options of the backend pipeline (product database, MySQL or MariaDB). */
@Description(
    "Backend product database (MySQL or MariaDB): accounts to companies, users, and product events to events_product, read over JDBC.")
public interface BackendOptions extends IncrementalOptions {

  @Description(
      "JDBC URL of the backend database (MySQL or MariaDB, read with MariaDB Connector/J), e.g. "
          + "jdbc:mysql://10.0.0.5:3306/app or jdbc:mariadb://localhost:3306/backend. A 10 s connect timeout "
          + "is added unless the URL sets connectTimeout.")
  @Validation.Required
  String getBackendJdbcUrl();

  void setBackendJdbcUrl(String value);

  @Description("Database user for the backend (a read-only user is enough).")
  @Validation.Required
  String getBackendUser();

  void setBackendUser(String value);

  @Description(
      "Secret Manager version holding the backend password, projects/P/secrets/S/versions/V; "
          + "resolved once at launch. Use this in production.")
  String getBackendPasswordSecret();

  void setBackendPasswordSecret(String value);

  @Description(
      "Backend password in plain text, for local runs only (prefer --backendPasswordSecret). "
          + "Never serialised with the pipeline options, logged or written to pipeline_runs.")
  @JsonIgnore
  String getBackendPassword();

  void setBackendPassword(String value);

  @Description(
      "Query for accounts -> companies. Must return the columns account_id, name, created_at and "
          + "may return domain, country, segment, plan, status, stripe_customer_id, trial_ends_at, updated_at "
          + "(alias columns to map another schema).")
  @Default.String(
      "SELECT account_id, name, domain, country, segment, plan, status, stripe_customer_id, "
          + "created_at, trial_ends_at, updated_at FROM accounts")
  String getAccountsQuery();

  void setAccountsQuery(String value);

  @Description(
      "Column of the accounts query's result an incremental run reads from: rows whose value is at "
          + "or after the last run's cursor minus --cursorOverlapMinutes. It must be set on every change.")
  @Default.String("updated_at")
  String getAccountsCursorColumn();

  void setAccountsCursorColumn(String value);

  @Description(
      "Column of the users query's result an incremental run reads from. The demo backend's users "
          + "table has no updated_at, so created_at: new users are read, a changed user is not until "
          + "--fullRefresh (deleted users are seen by the keys pass either way). Point it at an updated_at "
          + "column where the source has one.")
  @Default.String("created_at")
  String getUsersCursorColumn();

  void setUsersCursorColumn(String value);

  @Description(
      "Query for users. Must return user_id, email, created_at and may return account_id, role.")
  @Default.String("SELECT user_id, account_id, email, role, created_at FROM users")
  String getUsersQuery();

  void setUsersQuery(String value);

  @Description(
      "Table (or view) of product events, read in parallel with JdbcIO.readWithPartitions. It must "
          + "have the columns event_id, user_id, account_id, event_name, feature, occurred_at, properties "
          + "(make a view to map another schema). Validated against ^[A-Za-z0-9_.]+$.")
  @Default.String("product_events")
  String getProductEventsTable();

  void setProductEventsTable(String value);

  @Description(
      "Timestamp column the product-event reads are partitioned on; with --startDate/--endDate its "
          + "range is the incremental window, bound as ? parameters. Validated against ^[A-Za-z0-9_.]+$.")
  @Default.String("occurred_at")
  String getProductEventsPartitionColumn();

  void setProductEventsPartitionColumn(String value);

  @Description("Number of parallel range reads of the product events.")
  @Default.Integer(8)
  int getProductEventsPartitions();

  void setProductEventsPartitions(int value);

  @Description(
      "First day (YYYY-MM-DD, UTC) of the product events to read; with --endDate, exactly these "
          + "day partitions of events_product are replaced. Default: every event (full refresh).")
  String getStartDate();

  void setStartDate(String value);

  @Description(
      "Last day of the product-event window, inclusive (YYYY-MM-DD). Requires --startDate.")
  String getEndDate();

  void setEndDate(String value);
}
