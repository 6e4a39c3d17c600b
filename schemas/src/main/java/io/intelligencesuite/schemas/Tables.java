package io.intelligencesuite.schemas;

import static io.intelligencesuite.schemas.ColumnType.BOOL;
import static io.intelligencesuite.schemas.ColumnType.DATE;
import static io.intelligencesuite.schemas.ColumnType.FLOAT64;
import static io.intelligencesuite.schemas.ColumnType.INT64;
import static io.intelligencesuite.schemas.ColumnType.JSON;
import static io.intelligencesuite.schemas.ColumnType.STRING;
import static io.intelligencesuite.schemas.ColumnType.TIMESTAMP;

import java.util.List;

/**
 * The schema registry: every warehouse table, once. Names here are the data contract that
 * dashboards and checks rely on; a change needs a line in the metrics dictionary's change log.
 * Money is in minor units (cents) and says so in its column name.
 */
public final class Tables {
  private Tables() {}

  // ---------------------------------------------------------------- data-test vocabulary

  /** The pipelines that record themselves in pipeline_runs and dead_letters. */
  private static final String[] PIPELINES = PipelineNames.RECORDING_RUNS.toArray(String[]::new);

  private static final String[] BILLING_INTERVALS = {"day", "week", "month", "year"};

  // Source freshness (dbt's warn_after / error_after), measured from the latest succeeded run of a
  // pipeline that loads the table. Source pipelines are scheduled daily.
  private static final Freshness DAILY =
      Freshness.hours(
          26,
          50,
          "daily run: warn when today's run is over 2 h late; error when two runs in a row are missing, "
              + "because the daily metrics then have a hole");
  private static final Freshness GA4_EXPORT =
      Freshness.hours(
          36,
          74,
          "GA4 writes a day's export table during the next day and is sometimes hours late, so a daily "
              + "load can trail by up to a day and a half; error when three exports are missing");
  private static final Freshness OPTIONAL_SIGNALS =
      Freshness.hours(
          72,
          168,
          "visit and intent signals are an optional extra that no daily metric needs; the thresholds "
              + "Fivetran's Stripe package uses for a source (definitions.md 5.4)");

  // Source freshness (SourceFreshness): how old the newest time the source itself wrote may be,
  // per source, from how often it really produces rows. Measured from the check's "now".
  private static final Freshness WEB_EVENTS =
      Freshness.hours(
          48,
          96,
          "a live site logs events every hour and GA4's daily export trails by up to a day and a"
              + " half; four days without one means the tag or the export stopped");
  private static final Freshness PRODUCT_EVENTS =
      Freshness.hours(
          72,
          168,
          "schools use the product on school days: a weekend (with a Monday holiday) is quiet; a"
              + " whole week without one event means the backend's event log stopped reaching us");
  private static final Freshness BILLING_ACTIVITY =
      Freshness.hours(
          96,
          240,
          "renewals, upgrades and retries make invoices and charge attempts most days, but a few"
              + " hundred customers can have quiet days; ten days without one means billing data"
              + " stopped");
  private static final Freshness SIGN_UPS =
      Freshness.hours(
          168,
          336,
          "leads and sign-ups arrive a few a week; two weeks without one is an outage of the form,"
              + " the backend sync or marketing, worth a look either way");
  private static final Freshness SCORING =
      Freshness.hours(
          26,
          50,
          "the scoring job scores leads every hour; a day without a score means it stopped");

  // ---------------------------------------------------------------- operational tables

  public static final TableDef DEAD_LETTERS =
      TableDef.builder("dead_letters", Layer.OPS)
          .description(
              "Every record a pipeline rejected, with the reason and the raw payload; nothing is dropped silently.")
          .grain("one rejected record")
          .required(
              "dead_letter_id",
              STRING,
              "Unique id of the dead letter (random UUID; identical bad records each get their own)")
          .required(
              "run_id", STRING, "The pipeline run that rejected the record (pipeline_runs.run_id)")
          .required(
              "pipeline",
              STRING,
              "Pipeline name: ga4, backend, lead-scoring, stripe, chartmogul, enrichment, crm, identity, marts")
          .required("target_table", STRING, "Table the record was meant for")
          .required("failed_at", TIMESTAMP, "When the record was rejected (UTC)")
          .required("failed_date", DATE, "Day of failed_at, the partition column")
          .required(
              "reason", STRING, "Why it was rejected, naming the field and the expected shape")
          .nullable("field", STRING, "The offending field, when one field is to blame")
          .nullable(
              "raw_payload",
              STRING,
              "The record as received (capped at 1 MiB; payload_bytes gives the full size)")
          .required("payload_bytes", INT64, "Size of the original payload in bytes (UTF-8)")
          .primaryKey("dead_letter_id")
          .partitionedBy("failed_date")
          .clusteredBy("pipeline", "target_table")
          .refresh(Refresh.APPEND_BY_RUN)
          .acceptedValues("pipeline", Severity.ERROR, PIPELINES)
          .nonNegative("payload_bytes")
          .build();

  public static final TableDef PIPELINE_RUNS =
      TableDef.builder("pipeline_runs", Layer.OPS)
          .description(
              "The run audit: one row per pipeline run with its window and row accounting (read = written + duplicates removed + dead-lettered).")
          .grain("one pipeline run")
          .required("run_id", STRING, "Unique run id: pipeline, UTC start time and a random suffix")
          .required("pipeline", STRING, "Pipeline name")
          .nullable(
              "window_start",
              DATE,
              "First day of the window the run covers (null for a full snapshot)")
          .nullable(
              "window_end",
              DATE,
              "Last day of the window the run covers, inclusive (null for a full snapshot)")
          .required("started_at", TIMESTAMP, "When the pipeline was launched (UTC)")
          .required(
              "finished_at",
              TIMESTAMP,
              "When the run's accounting was written, or it was seen failing (UTC); started_at while running")
          .required("run_date", DATE, "Day of started_at, the partition column")
          .required("rows_read", INT64, "Records read from the source")
          .required("rows_written", INT64, "Rows written to the target tables, all tables together")
          .required(
              "rows_written_by_table", JSON, "Rows written per target table, as a JSON object")
          .required("duplicates_removed", INT64, "Records removed by deduplication")
          .required("rows_dead_lettered", INT64, "Records written to dead_letters")
          .required(
              "status",
              STRING,
              "running (from launch until the run's accounting is written; counts 0 until then), "
                  + "succeeded, failed_accounting when read != written + duplicates + dead-lettered, "
                  + "failed (the launcher saw the run fail), abandoned (still running when a run of the "
                  + "same pipeline started 12 hours or more later)")
          .required("runner", STRING, "Beam runner that executed the run")
          .required(
              "warehouse", STRING, "Warehouse written to (duckdb:PATH or bigquery:PROJECT.DATASET)")
          .primaryKey("run_id")
          .partitionedBy("run_date")
          .clusteredBy("pipeline")
          .refresh(Refresh.APPEND_BY_RUN)
          .acceptedValues("pipeline", Severity.ERROR, PIPELINES)
          .acceptedValues(
              "status",
              Severity.ERROR,
              "running",
              "succeeded",
              "failed_accounting",
              "failed",
              "abandoned")
          .nonNegative("rows_read", "rows_written", "duplicates_removed", "rows_dead_lettered")
          .build();

  public static final TableDef SOURCE_CURSORS =
      TableDef.builder("source_cursors", Layer.OPS)
          .description(
              "Incremental-load cursors: per run and source table, how it was read (full or since a cursor) and the cursor the next incremental run starts from. A cursor counts only when its run's pipeline_runs row says succeeded.")
          .grain("one source table in one pipeline run")
          .required("run_id", STRING, "The run that read the table (pipeline_runs.run_id)")
          .required("pipeline", STRING, "Pipeline name")
          .required("table_name", STRING, "Warehouse table the source rows were loaded into")
          .required("cursor_column", STRING, "Source column the cursor follows (e.g. updated_at)")
          .required(
              "mode",
              STRING,
              "full (every source row read, the table replaced) or incremental (rows changed since read_since upserted by key, keys absent from the source deleted)")
          .nullable(
              "read_since",
              TIMESTAMP,
              "Lower bound of an incremental read: the previous cursor minus the overlap (null for full)")
          .nullable(
              "cursor_value",
              TIMESTAMP,
              "Greatest cursor_column value read by this run, or the previous cursor when the run read nothing newer (null: nothing read yet)")
          .required("rows_read", INT64, "Source records this run read for the table")
          .nullable(
              "source_keys",
              INT64,
              "Primary keys the incremental run's keys-only pass found in the source (null for full)")
          .required("recorded_at", TIMESTAMP, "When the run started (UTC)")
          .required("run_date", DATE, "Day of recorded_at, the partition column")
          .primaryKey("run_id", "table_name")
          .partitionedBy("run_date")
          .clusteredBy("pipeline", "table_name")
          .refresh(Refresh.APPEND_BY_RUN)
          .acceptedValues("pipeline", Severity.ERROR, PIPELINES)
          .acceptedValues("mode", Severity.ERROR, "full", "incremental")
          .nonNegative("rows_read", "source_keys")
          .build();

  public static final TableDef DATA_TEST_RESULTS =
      TableDef.builder("data_test_results", Layer.OPS)
          .description(
              "Every data test and freshness check of each `suite check` run, with its failing rows and the SQL that found them.")
          .grain("one data test in one check run")
          .required("run_id", STRING, "The check run: 'check-' + UTC start time + a random suffix")
          .required("checked_at", TIMESTAMP, "When the check run started (UTC)")
          .required("checked_date", DATE, "Day of checked_at, the partition column")
          .required(
              "test_name",
              STRING,
              "dbt-style test name, e.g. unique_fact_revenue or relationships_fact_revenue_customer_id")
          .required(
              "test_kind",
              STRING,
              "Kind of test: table_loaded, unique, not_null, accepted_values, relationships, non_negative, invariant, freshness (from the last load, or from the source's newest time: source_freshness_*), volume (a day's rows below the XmR lower limit)")
          .required("table_name", STRING, "Table the test is about")
          .nullable(
              "column_names",
              STRING,
              "Column(s) tested, comma-separated (null for table-level tests)")
          .required("severity", STRING, "warn or error: whether a failure fails the check run")
          .required(
              "status",
              STRING,
              "pass, warn (failed at warn severity), fail (failed at error severity) or error (the test could not run)")
          .required(
              "failing_rows",
              INT64,
              "Rows the test's query returned (0 when it passed or could not run)")
          .nullable(
              "failing_sample",
              STRING,
              "The first few failing rows as col=value lists, naming the bad keys")
          .nullable(
              "message",
              STRING,
              "What a failure means and where to look, or the error when the test could not run")
          .required(
              "sql",
              STRING,
              "The test's query: a SELECT returning the failing rows (empty for checks of the catalog)")
          .primaryKey("run_id", "test_name")
          .partitionedBy("checked_date")
          .clusteredBy("table_name", "status")
          .refresh(Refresh.APPEND_BY_RUN)
          .acceptedValues(
              "test_kind",
              Severity.ERROR,
              "table_loaded",
              "unique",
              "not_null",
              "accepted_values",
              "relationships",
              "non_negative",
              "invariant",
              "freshness",
              "volume")
          .acceptedValues("severity", Severity.ERROR, "warn", "error")
          .acceptedValues("status", Severity.ERROR, "pass", "warn", "fail", "error")
          .nonNegative("failing_rows")
          .build();

  // ---------------------------------------------------------------- staging tables

  public static final TableDef EVENTS_WEB =
      TableDef.builder("events_web", Layer.STAGING)
          .description(
              "GA4 BigQuery-export events, flattened and deduplicated (dbt-ga4 key plus GA4's batch ordering fields).")
          .grain("one GA4 event")
          .required(
              "event_id",
              STRING,
              "Stable hash of the export row's dedup key: date, stream, pseudo id, session, name, timestamp, sorted params, batch fields")
          .required(
              "event_ts",
              TIMESTAMP,
              "When the event was logged on the client (event_timestamp, UTC)")
          .required(
              "event_date",
              DATE,
              "GA4 event_date, in the property's time zone; the partition column")
          .required("event_name", STRING, "GA4 event name (page_view, sign_up, generate_lead, ...)")
          .required("user_pseudo_id", STRING, "GA4 device / browser id (the web visitor)")
          .nullable("user_id", STRING, "Backend user id, set by the site only after login")
          .nullable(
              "session_id",
              STRING,
              "user_pseudo_id + '.' + ga_session_id; null when the event has no ga_session_id")
          .nullable("ga_session_number", INT64, "The visitor's session counter")
          .nullable("stream_id", STRING, "GA4 data stream id")
          .nullable("page_location", STRING, "Page URL (event param page_location)")
          .nullable("page_referrer", STRING, "Referring URL (event param page_referrer)")
          .nullable("page_title", STRING, "Page title (event param page_title)")
          .nullable(
              "utm_source",
              STRING,
              "Event-scoped source: collected_traffic_source.manual_source, else event param source")
          .nullable(
              "utm_medium",
              STRING,
              "Event-scoped medium: collected_traffic_source.manual_medium, else event param medium")
          .nullable(
              "utm_campaign",
              STRING,
              "Event-scoped campaign: collected_traffic_source.manual_campaign_name, else event param campaign")
          .nullable("device_category", STRING, "device.category: desktop, mobile, tablet")
          .nullable("country", STRING, "geo.country")
          .required(
              "params",
              JSON,
              "All event params as a JSON object key -> value (the typed slot that was set)")
          .nullable(
              "gclid",
              STRING,
              "Google Ads click id: collected_traffic_source.gclid, else event param gclid")
          .nullable(
              "session_engaged",
              BOOL,
              "GA4's engaged-session flag on the event: param session_engaged = '1' (string or int)"
                  + " or engaged_session_event = 1; null when the event carries neither")
          .primaryKey("event_id")
          .partitionedBy("event_date")
          .clusteredBy("event_name", "user_pseudo_id")
          .refresh(Refresh.REPLACE_PARTITIONS)
          .loadedBy(PipelineNames.GA4)
          .sourceFreshness("event_ts", WEB_EVENTS)
          .freshness(GA4_EXPORT)
          .build();

  public static final TableDef EVENTS_PRODUCT =
      TableDef.builder("events_product", Layer.STAGING)
          .description("Feature-usage events from the backend database.")
          .grain("one backend product event")
          .required("event_id", STRING, "Backend event id")
          .required("event_ts", TIMESTAMP, "When the event happened (UTC)")
          .required("event_date", DATE, "Day of event_ts (UTC); the partition column")
          .nullable("user_id", STRING, "Backend user who acted")
          .required("account_id", STRING, "Backend account (school) the event belongs to")
          .required("event_name", STRING, "Backend event name")
          .nullable(
              "feature",
              STRING,
              "Product feature: attendance, gradebook, timetable, messaging, billing, ...")
          .nullable("properties", JSON, "Event properties as JSON")
          .primaryKey("event_id")
          .partitionedBy("event_date")
          .clusteredBy("account_id", "feature")
          .refresh(Refresh.REPLACE_PARTITIONS)
          .loadedBy(PipelineNames.BACKEND)
          .sourceFreshness("event_ts", PRODUCT_EVENTS)
          .freshness(DAILY)
          .build();

  public static final TableDef COMPANIES =
      TableDef.builder("companies", Layer.STAGING)
          .description("Backend accounts (schools), with enrichment columns where known.")
          .grain("one account / company")
          .required("account_id", STRING, "Backend account id")
          .nullable(
              "company_id",
              STRING,
              "Resolved company id from identity_map; null in staging, filled in dim_company")
          .required("name", STRING, "Account (school) name")
          .nullable("domain", STRING, "Business domain of the account, lower-case, without www.")
          .nullable("country", STRING, "ISO 3166-1 alpha-2 country code")
          .nullable(
              "segment", STRING, "Customer segment (e.g. small school, large school, district)")
          .nullable(
              "plan",
              STRING,
              "The plan the backend believes the account is on (compared with billing in reconcile)")
          .nullable("trial_ends_at", TIMESTAMP, "When the account's trial ends / ended")
          .nullable(
              "status",
              STRING,
              "Account status as the backend holds it (trialing, expired, active, past_due, cancelled)")
          .nullable(
              "stripe_customer_id",
              STRING,
              "Stripe customer id the backend stores for the account (identity key to billing)")
          .nullable("industry", STRING, "Enrichment: industry")
          .nullable("employee_count", INT64, "Enrichment: number of employees")
          .required("created_at", TIMESTAMP, "When the account was created (sign-up)")
          .nullable(
              "updated_at",
              TIMESTAMP,
              "When the backend last changed the account (the dedupe ordering)")
          .primaryKey("account_id")
          .clusteredBy("account_id", "domain")
          .refresh(Refresh.REPLACE_TABLE)
          .acceptedValues(
              "status", Severity.WARN, "trialing", "expired", "active", "past_due", "cancelled")
          .loadedBy(PipelineNames.BACKEND)
          .sourceFreshness("created_at", SIGN_UPS)
          .freshness(DAILY)
          .build();

  public static final TableDef USERS =
      TableDef.builder("users", Layer.STAGING)
          .description("Backend users.")
          .grain("one backend user")
          .required("user_id", STRING, "Backend user id")
          .nullable("account_id", STRING, "Account (school) the user belongs to")
          .nullable("email", STRING, "Email, trimmed and lower-cased")
          .nullable("email_domain", STRING, "Domain part of email")
          .nullable(
              "company_domain", STRING, "email_domain unless it is a free-mail domain (then null)")
          .nullable("role", STRING, "Role in the account: admin, teacher, ...")
          .required("created_at", TIMESTAMP, "When the user was created")
          .primaryKey("user_id")
          .clusteredBy("account_id", "email")
          .refresh(Refresh.REPLACE_TABLE)
          .references("account_id", "companies", "account_id", Severity.WARN)
          .loadedBy(PipelineNames.BACKEND)
          .freshness(DAILY)
          .build();

  public static final TableDef LEADS =
      TableDef.builder("leads", Layer.STAGING)
          .description(
              "Leads from the lead-scoring database (Supabase) and the CRM, latest state per lead.")
          .grain("one lead")
          .required("lead_id", STRING, "Lead id")
          .nullable("email", STRING, "Email, trimmed and lower-cased")
          .nullable("email_domain", STRING, "Domain part of email")
          .nullable(
              "company_domain",
              STRING,
              "Company domain: the lead's stated domain, else a non-free-mail email domain")
          .nullable("source", STRING, "Lead source (form, demo request, CRM import, ...)")
          .nullable("utm_source", STRING, "UTM source captured with the lead")
          .nullable("utm_medium", STRING, "UTM medium captured with the lead")
          .nullable("utm_campaign", STRING, "UTM campaign captured with the lead")
          .nullable("ga_client_id", STRING, "GA4 user_pseudo_id captured by the form")
          .nullable(
              "status",
              STRING,
              "Lead status (new, contacted, working, qualified, unqualified, converted)")
          .required("created_at", TIMESTAMP, "When the lead was created")
          .nullable("updated_at", TIMESTAMP, "When the lead last changed")
          .primaryKey("lead_id")
          .clusteredBy("email_domain", "lead_id")
          .refresh(Refresh.REPLACE_TABLE)
          .acceptedValues(
              "status",
              Severity.WARN,
              "new",
              "contacted",
              "working",
              "qualified",
              "unqualified",
              "converted")
          .loadedBy(PipelineNames.LEAD_SCORING)
          .sourceFreshness("created_at", SIGN_UPS)
          .freshness(DAILY)
          .build();

  public static final TableDef LEAD_SCORING_RUNS =
      TableDef.builder("lead_scoring_runs", Layer.STAGING)
          .description(
              "Every score the lead-scoring model gave a lead; a lead scored five times has five rows.")
          .grain("one lead scored in one run")
          .required("run_id", STRING, "Scoring run id")
          .required("lead_id", STRING, "Lead scored")
          .required("scored_at", TIMESTAMP, "When the score was computed")
          .required("score", FLOAT64, "Score from 0 to 100")
          .nullable("grade", STRING, "Grade bucket (A-D)")
          .nullable("model_version", STRING, "Scoring model version")
          .primaryKey("run_id", "lead_id")
          .partitionedBy("scored_at")
          .clusteredBy("lead_id")
          .refresh(Refresh.REPLACE_TABLE)
          .acceptedValues("grade", Severity.WARN, "A", "B", "C", "D")
          .references("lead_id", "leads", "lead_id", Severity.WARN)
          .loadedBy(PipelineNames.LEAD_SCORING)
          .sourceFreshness("scored_at", SCORING)
          .freshness(DAILY)
          .build();

  public static final TableDef VISITOR_ENRICHMENT =
      TableDef.builder("visitor_enrichment", Layer.STAGING)
          .description("Company-identified visits (SwanAI) and buyer-intent signals (G2).")
          .grain("one visit or intent signal")
          .required("signal_id", STRING, "Provider's id of the signal, or a stable hash of it")
          .required("observed_at", TIMESTAMP, "When the visit or signal was observed")
          .required("provider", STRING, "swanai or g2")
          .nullable("company_domain", STRING, "Identified company's domain")
          .nullable("company_name", STRING, "Identified company's name")
          .nullable("user_pseudo_id", STRING, "GA4 visitor id, when the provider knows it")
          .required("signal_type", STRING, "visit or intent")
          .nullable("intent_topic", STRING, "Buyer-intent topic (G2)")
          .nullable("score", FLOAT64, "Provider's confidence or intent score")
          .nullable(
              "company_country",
              STRING,
              "Identified company's ISO 3166-1 alpha-2 country (SwanAI), upper-case")
          .nullable(
              "employee_range", STRING, "Identified company's employee band (SwanAI), e.g. 20-49")
          .primaryKey("signal_id")
          .partitionedBy("observed_at")
          .clusteredBy("provider", "company_domain")
          .refresh(Refresh.REPLACE_PARTITIONS)
          .acceptedValues("provider", Severity.ERROR, "swanai", "g2")
          .acceptedValues("signal_type", Severity.ERROR, "visit", "intent")
          .loadedBy(PipelineNames.ENRICHMENT)
          .freshness(OPTIONAL_SIGNALS)
          .build();

  public static final TableDef CUSTOMERS =
      TableDef.builder("customers", Layer.STAGING)
          .description("Stripe customers.")
          .grain("one Stripe customer")
          .required("customer_id", STRING, "Stripe customer id (cus_...)")
          .nullable("email", STRING, "Billing email, trimmed and lower-cased")
          .nullable("name", STRING, "Customer name")
          .nullable("account_id", STRING, "Backend account id from customer metadata")
          .nullable("currency", STRING, "Default currency, ISO 4217 lower-case")
          .nullable("is_delinquent", BOOL, "Stripe's delinquent flag")
          .required("created_at", TIMESTAMP, "When the customer was created")
          .nullable("metadata", JSON, "Customer metadata")
          .primaryKey("customer_id")
          .clusteredBy("customer_id")
          .refresh(Refresh.REPLACE_TABLE)
          .loadedBy(PipelineNames.STRIPE)
          .freshness(DAILY)
          .build();

  public static final TableDef SUBSCRIPTIONS =
      TableDef.builder("subscriptions", Layer.STAGING)
          .description(
              "Subscriptions as each billing source reports them now (Stripe, ChartMogul, backend).")
          .grain("one subscription version (per source)")
          .required("source", STRING, "stripe, chartmogul or backend")
          .required("subscription_id", STRING, "Subscription id in the source")
          .required("customer_id", STRING, "Customer id in the source")
          .required(
              "status",
              STRING,
              "trialing, active, past_due, canceled, unpaid, incomplete, incomplete_expired, paused")
          .nullable("price_id", STRING, "Price / plan id of the main item")
          .nullable("product_id", STRING, "Product of the main item")
          .nullable("billing_interval", STRING, "day, week, month or year")
          .nullable("interval_count", INT64, "Number of intervals per billing period")
          .nullable("quantity", INT64, "Seats on the main item")
          .nullable("unit_amount_cents", INT64, "Unit price of the main item in minor units")
          .nullable("currency", STRING, "ISO 4217, lower-case")
          .nullable("discount_percent_off", FLOAT64, "Active coupon percent off")
          .nullable("discount_amount_off_cents", INT64, "Active coupon amount off in minor units")
          .nullable("discount_duration", STRING, "forever, once or repeating")
          .nullable(
              "discount_duration_in_months",
              INT64,
              "Months a repeating coupon lasts (null unless repeating)")
          .nullable("discount_coupon_id", STRING, "Coupon behind the active discount")
          .nullable("discount_start", TIMESTAMP, "When the active discount started")
          .nullable("discount_end", TIMESTAMP, "When the active discount ends (null for forever)")
          .nullable("trial_start", TIMESTAMP, "Trial start")
          .nullable("trial_end", TIMESTAMP, "Trial end")
          .nullable(
              "current_period_start",
              TIMESTAMP,
              "Current period start (from the items since API 2025-03-31)")
          .nullable(
              "current_period_end",
              TIMESTAMP,
              "Current period end (from the items since API 2025-03-31)")
          .nullable("cancel_at_period_end", BOOL, "Whether it cancels at period end")
          .nullable("cancel_at", TIMESTAMP, "Scheduled cancellation time")
          .nullable("canceled_at", TIMESTAMP, "When cancellation was requested")
          .nullable("ended_at", TIMESTAMP, "When the subscription ended")
          .required("created_at", TIMESTAMP, "When the subscription was created")
          .nullable("raw", JSON, "The source object as JSON, for anything not in a typed column")
          .nullable(
              "pause_collection_behavior",
              STRING,
              "Stripe pause_collection.behavior while payment collection is paused now: void,"
                  + " keep_as_draft or mark_uncollectible (null when not paused; Stripe keeps no"
                  + " past pauses)")
          .nullable(
              "pause_resumes_at",
              TIMESTAMP,
              "Stripe pause_collection.resumes_at: when collection resumes, if scheduled")
          .primaryKey("source", "subscription_id")
          .clusteredBy("customer_id", "status")
          .refresh(Refresh.REPLACE_TABLE)
          .acceptedValues("source", Severity.ERROR, "stripe", "chartmogul", "backend")
          .acceptedValues("status", Severity.ERROR, SubscriptionStatuses.STRIPE)
          .acceptedValues("billing_interval", Severity.ERROR, BILLING_INTERVALS)
          .acceptedValues("discount_duration", Severity.ERROR, "forever", "once", "repeating")
          .acceptedValues(
              "pause_collection_behavior",
              Severity.ERROR,
              "void",
              "keep_as_draft",
              "mark_uncollectible")
          .nonNegative(
              "interval_count", "quantity", "unit_amount_cents", "discount_amount_off_cents")
          .loadedBy(PipelineNames.STRIPE)
          .freshness(DAILY)
          .build();

  public static final TableDef SUBSCRIPTION_ITEMS =
      TableDef.builder("subscription_items", Layer.STAGING)
          .description("Stripe subscription items: one price on one subscription.")
          .grain("one subscription item")
          .required("subscription_item_id", STRING, "Stripe subscription item id (si_...)")
          .required("subscription_id", STRING, "Subscription the item belongs to")
          .nullable("price_id", STRING, "Price id")
          .nullable("product_id", STRING, "Product id")
          .nullable("quantity", INT64, "Quantity (seats)")
          .nullable("unit_amount_cents", INT64, "Unit price in minor units")
          .nullable("currency", STRING, "ISO 4217, lower-case")
          .nullable("billing_interval", STRING, "day, week, month or year")
          .nullable("interval_count", INT64, "Intervals per billing period")
          .nullable("usage_type", STRING, "licensed or metered")
          .nullable(
              "tax_behavior",
              STRING,
              "The price's tax_behavior: inclusive (tax inside the amount), exclusive or unspecified")
          .nullable("current_period_start", TIMESTAMP, "Item's current period start")
          .nullable("current_period_end", TIMESTAMP, "Item's current period end")
          .required("created_at", TIMESTAMP, "When the item was created")
          .primaryKey("subscription_item_id")
          .clusteredBy("subscription_id")
          .refresh(Refresh.REPLACE_TABLE)
          .acceptedValues("billing_interval", Severity.ERROR, BILLING_INTERVALS)
          .acceptedValues("usage_type", Severity.ERROR, "licensed", "metered")
          .nonNegative("quantity", "unit_amount_cents", "interval_count")
          .references("subscription_id", "subscriptions", "subscription_id", Severity.WARN)
          .loadedBy(PipelineNames.STRIPE)
          .freshness(DAILY)
          .build();

  public static final TableDef INVOICES =
      TableDef.builder("invoices", Layer.STAGING)
          .description("Stripe invoices.")
          .grain("one invoice")
          .required("invoice_id", STRING, "Stripe invoice id (in_...)")
          .required("customer_id", STRING, "Stripe customer id")
          .nullable("subscription_id", STRING, "Subscription the invoice bills, if any")
          .required("status", STRING, "draft, open, paid, uncollectible, void")
          .required("currency", STRING, "ISO 4217, lower-case")
          .nullable(
              "billing_reason",
              STRING,
              "subscription_create, subscription_cycle, subscription_update, manual, ...")
          .required("subtotal_cents", INT64, "Sum of lines before discounts and tax")
          .required("discount_cents", INT64, "Total discounts")
          .required("tax_cents", INT64, "Total tax")
          .required("total_cents", INT64, "Total after discounts and tax")
          .required("amount_paid_cents", INT64, "Amount paid")
          .required("amount_due_cents", INT64, "Amount due")
          .nullable("attempt_count", INT64, "Payment attempts so far")
          .nullable("period_start", TIMESTAMP, "Invoice period start")
          .nullable("period_end", TIMESTAMP, "Invoice period end")
          .required("created_at", TIMESTAMP, "When the invoice was created")
          .required("created_date", DATE, "Day of created_at (UTC); the partition column")
          .nullable("paid_at", TIMESTAMP, "When it was paid")
          .nullable(
              "marked_uncollectible_at",
              TIMESTAMP,
              "Stripe status_transitions.marked_uncollectible_at: when it was written off")
          .primaryKey("invoice_id")
          .partitionedBy("created_date")
          .clusteredBy("customer_id", "subscription_id")
          .refresh(Refresh.REPLACE_PARTITIONS)
          .acceptedValues(
              "status", Severity.ERROR, "draft", "open", "paid", "uncollectible", "void")
          .references("customer_id", "customers", "customer_id", Severity.WARN)
          .loadedBy(PipelineNames.STRIPE)
          .sourceFreshness("created_at", BILLING_ACTIVITY)
          .freshness(DAILY)
          .build();

  public static final TableDef INVOICE_LINES =
      TableDef.builder("invoice_lines", Layer.STAGING)
          .description("Stripe invoice line items: what invoice-driven MRR is computed from.")
          .grain("one invoice line item")
          .required("line_id", STRING, "Stripe invoice line item id (il_...)")
          .required("invoice_id", STRING, "Invoice the line belongs to")
          .required("customer_id", STRING, "Stripe customer id")
          .nullable("subscription_id", STRING, "Subscription the line bills")
          .nullable("subscription_item_id", STRING, "Subscription item the line bills")
          .nullable("price_id", STRING, "Price billed")
          .required("line_type", STRING, "subscription or invoiceitem (one-off)")
          .nullable("quantity", INT64, "Quantity billed")
          .required(
              "amount_cents",
              INT64,
              "Line amount before discounts; excludes exclusive tax, includes inclusive tax")
          .required("discount_cents", INT64, "Discounts applied to the line")
          .required("tax_cents", INT64, "Tax on the line")
          .nullable(
              "tax_inclusive_cents",
              INT64,
              "The part of tax_cents already inside amount_cents (taxes[].tax_behavior = inclusive, or"
                  + " the older tax_amounts[].inclusive); MRR subtracts it")
          .required("currency", STRING, "ISO 4217, lower-case")
          .required("is_proration", BOOL, "Whether the line is a proration for a mid-period change")
          .nullable("period_start", TIMESTAMP, "Service period start")
          .nullable("period_end", TIMESTAMP, "Service period end")
          .nullable(
              "billing_interval",
              STRING,
              "The price's recurring.interval (day, week, month or year), from the price list: a"
                  + " whole period's months and a first stub's whole period")
          .nullable("interval_count", INT64, "The price's recurring.interval_count")
          .required(
              "invoice_created_date",
              DATE,
              "Day the invoice was created (UTC); the partition column")
          .primaryKey("line_id")
          .partitionedBy("invoice_created_date")
          .clusteredBy("customer_id", "subscription_id")
          .refresh(Refresh.REPLACE_PARTITIONS)
          .acceptedValues("line_type", Severity.ERROR, "subscription", "invoiceitem")
          .acceptedValues("billing_interval", Severity.ERROR, BILLING_INTERVALS)
          .nonNegative("interval_count")
          .references("invoice_id", "invoices", "invoice_id", Severity.WARN)
          .loadedBy(PipelineNames.STRIPE)
          .freshness(DAILY)
          .build();

  public static final TableDef PAYMENTS =
      TableDef.builder("payments", Layer.STAGING)
          .description("Stripe charges: every payment attempt, failed ones included.")
          .grain("one charge attempt")
          .required("payment_id", STRING, "Stripe charge id (ch_...)")
          .nullable("invoice_id", STRING, "Invoice paid, if any")
          .nullable("customer_id", STRING, "Stripe customer id")
          .required("amount_cents", INT64, "Amount attempted")
          .required("amount_refunded_cents", INT64, "Amount refunded")
          .required("currency", STRING, "ISO 4217, lower-case")
          .required("status", STRING, "succeeded, pending or failed")
          .nullable("failure_code", STRING, "Stripe failure code for failed attempts")
          .required("attempted_at", TIMESTAMP, "When the charge was attempted")
          .required("attempted_date", DATE, "Day of attempted_at (UTC); the partition column")
          .primaryKey("payment_id")
          .partitionedBy("attempted_date")
          .clusteredBy("customer_id", "status")
          .refresh(Refresh.REPLACE_PARTITIONS)
          .acceptedValues("status", Severity.ERROR, "succeeded", "pending", "failed")
          .nonNegative("amount_cents", "amount_refunded_cents")
          .references("invoice_id", "invoices", "invoice_id", Severity.WARN)
          .loadedBy(PipelineNames.STRIPE)
          .sourceFreshness("attempted_at", BILLING_ACTIVITY)
          .freshness(DAILY)
          .build();

  public static final TableDef CHARTMOGUL_CUSTOMERS =
      TableDef.builder("chartmogul_customers", Layer.STAGING)
          .description("ChartMogul customers.")
          .grain("one ChartMogul customer")
          .required("chartmogul_customer_id", STRING, "ChartMogul customer uuid (cus_...)")
          .nullable("external_id", STRING, "Id in the billing system (the Stripe customer id)")
          .nullable("name", STRING, "Customer name")
          .nullable("email", STRING, "Email, trimmed and lower-cased")
          .nullable("status", STRING, "ChartMogul status (Active, Past Due, Cancelled, Lead, ...)")
          .nullable("mrr_cents", INT64, "ChartMogul's current MRR")
          .nullable("currency", STRING, "ISO 4217")
          .nullable("customer_since", TIMESTAMP, "First paid date per ChartMogul")
          .primaryKey("chartmogul_customer_id")
          .clusteredBy("external_id")
          .refresh(Refresh.REPLACE_TABLE)
          .acceptedValues(
              "status",
              Severity.WARN,
              "Active",
              "Past Due",
              "Cancelled",
              "New Lead",
              "Working Lead",
              "Qualified Lead",
              "Unqualified Lead")
          .nonNegative("mrr_cents")
          .loadedBy(PipelineNames.CHARTMOGUL)
          .freshness(DAILY)
          .build();

  public static final TableDef CHARTMOGUL_ACTIVITIES =
      TableDef.builder("chartmogul_activities", Layer.STAGING)
          .description("ChartMogul MRR movements (activities).")
          .grain("one ChartMogul activity")
          .required("activity_id", STRING, "Activity uuid")
          .required("activity_at", TIMESTAMP, "When the movement happened")
          .required("activity_date", DATE, "Day of activity_at; the partition column")
          .required(
              "activity_type", STRING, "new_biz, expansion, contraction, churn or reactivation")
          .required("mrr_movement_cents", INT64, "MRR change")
          .nullable("mrr_cents", INT64, "MRR after the movement")
          .nullable("arr_cents", INT64, "ARR after the movement")
          .nullable("currency", STRING, "ISO 4217")
          .nullable("chartmogul_customer_id", STRING, "Customer uuid")
          .nullable("customer_external_id", STRING, "Customer id in the billing system")
          .nullable("subscription_external_id", STRING, "Subscription id in the billing system")
          .nullable("plan_external_id", STRING, "Plan id in the billing system")
          .nullable("description", STRING, "ChartMogul's description")
          .primaryKey("activity_id")
          .partitionedBy("activity_date")
          .clusteredBy("customer_external_id", "activity_type")
          .refresh(Refresh.REPLACE_PARTITIONS)
          .acceptedValues(
              "activity_type",
              Severity.ERROR,
              "new_biz",
              "expansion",
              "contraction",
              "churn",
              "reactivation")
          .nonNegative("mrr_cents", "arr_cents")
          .loadedBy(PipelineNames.CHARTMOGUL)
          .sourceFreshness("activity_at", BILLING_ACTIVITY)
          .freshness(DAILY)
          .build();

  // HubSpot CRM v3 (sources/crm): full snapshots of the list endpoints, each row one CRM object.

  public static final TableDef CRM_COMPANIES =
      TableDef.builder("crm_companies", Layer.STAGING)
          .description("HubSpot CRM companies (GET /crm/v3/objects/companies).")
          .grain("one HubSpot company")
          .required("crm_company_id", STRING, "HubSpot company id (the object's id)")
          .nullable("name", STRING, "Company name (property name)")
          .nullable(
              "domain",
              STRING,
              "Company domain (property domain): lower-case, without scheme, path or www.")
          .nullable("country", STRING, "Country as entered in HubSpot (property country)")
          .nullable("employees", INT64, "Number of employees (property numberofemployees)")
          .nullable("lifecycle_stage", STRING, "HubSpot lifecycle stage (property lifecyclestage)")
          .nullable("owner_id", STRING, "Owner id (property hubspot_owner_id, /crm/v3/owners)")
          .required("created_at", TIMESTAMP, "When the company was created in HubSpot (createdAt)")
          .required("updated_at", TIMESTAMP, "When the company was last changed (updatedAt)")
          .primaryKey("crm_company_id")
          .clusteredBy("domain")
          .refresh(Refresh.REPLACE_TABLE)
          .nonNegative("employees")
          .loadedBy(PipelineNames.CRM)
          .freshness(DAILY)
          .build();

  public static final TableDef CRM_CONTACTS =
      TableDef.builder("crm_contacts", Layer.STAGING)
          .description("HubSpot CRM contacts (GET /crm/v3/objects/contacts).")
          .grain("one HubSpot contact")
          .required("crm_contact_id", STRING, "HubSpot contact id (the object's id)")
          .nullable("email", STRING, "Primary e-mail (property email), trimmed and lower-cased")
          .nullable(
              "crm_company_id",
              STRING,
              "The contact's primary company (associations.companies, else property associatedcompanyid)")
          .nullable("lifecycle_stage", STRING, "HubSpot lifecycle stage (property lifecyclestage)")
          .nullable("owner_id", STRING, "Owner id (property hubspot_owner_id)")
          .required("created_at", TIMESTAMP, "When the contact was created in HubSpot (createdAt)")
          .required("updated_at", TIMESTAMP, "When the contact was last changed (updatedAt)")
          .primaryKey("crm_contact_id")
          .clusteredBy("email")
          .refresh(Refresh.REPLACE_TABLE)
          .references("crm_company_id", "crm_companies", "crm_company_id", Severity.WARN)
          .loadedBy(PipelineNames.CRM)
          .freshness(DAILY)
          .build();

  public static final TableDef CRM_DEALS =
      TableDef.builder("crm_deals", Layer.STAGING)
          .description(
              "HubSpot CRM deals (GET /crm/v3/objects/deals) with their stage read from the deal"
                  + " pipelines (GET /crm/v3/pipelines/deals) and their owner from GET /crm/v3/owners.")
          .grain("one HubSpot deal")
          .required("crm_deal_id", STRING, "HubSpot deal id (the object's id)")
          .nullable("deal_name", STRING, "Deal name (property dealname)")
          .required("pipeline_id", STRING, "Deal pipeline id (property pipeline)")
          .required("stage_id", STRING, "Deal stage id (property dealstage)")
          .required("stage_label", STRING, "The stage's label in its pipeline")
          .required(
              "is_closed", BOOL, "The stage is a closed stage (stage metadata isClosed = true)")
          .required(
              "is_won",
              BOOL,
              "Closed won: a closed stage with win probability 1.0 (HubSpot's closedwon); a closed"
                  + " stage with probability 0.0 is closed lost")
          .nullable("amount_cents", INT64, "Deal amount (property amount) in cents")
          .nullable("currency", STRING, "ISO 4217 (property deal_currency_code)")
          .nullable("owner_id", STRING, "Owner id (property hubspot_owner_id)")
          .nullable("owner_email", STRING, "The owner's e-mail (/crm/v3/owners)")
          .nullable("crm_company_id", STRING, "The deal's company (associations.companies)")
          .nullable("crm_contact_id", STRING, "The deal's contact (associations.contacts)")
          .required("created_at", TIMESTAMP, "When the deal was created (createdAt)")
          .nullable(
              "closed_at",
              TIMESTAMP,
              "Close date (property closedate); the day the deal was won or lost when is_closed")
          .required("updated_at", TIMESTAMP, "When the deal was last changed (updatedAt)")
          .primaryKey("crm_deal_id")
          .clusteredBy("stage_id", "crm_company_id")
          .refresh(Refresh.REPLACE_TABLE)
          .nonNegative("amount_cents")
          .references("crm_company_id", "crm_companies", "crm_company_id", Severity.WARN)
          .references("crm_contact_id", "crm_contacts", "crm_contact_id", Severity.WARN)
          .loadedBy(PipelineNames.CRM)
          .freshness(DAILY)
          .build();

  public static final TableDef MARKETING_SPEND =
      TableDef.builder("marketing_spend", Layer.STAGING)
          .description(
              "Advertising cost per network, campaign and day: Google Ads from the BigQuery Data"
                  + " Transfer Service tables (ads_CampaignBasicStats_<customer_id>, summed over its"
                  + " device / network / slot segments; names from ads_Campaign_<customer_id>), other"
                  + " networks (Meta, LinkedIn) from CSV exports. Cost stays in the account's"
                  + " currency; the marts convert it into the reporting currency with --fxRates at"
                  + " the spend date (metric spend).")
          .grain("network x campaign x day")
          .required("date", DATE, "Day the cost was incurred (the account's time zone)")
          .required("network", STRING, "google_ads, meta, linkedin, ... (lower case)")
          .required(
              "campaign_id",
              STRING,
              "The network's campaign id (Google Ads campaign_id); the campaign name for CSV networks"
                  + " without ids")
          .nullable(
              "campaign",
              STRING,
              "Campaign name, as the landing URLs carry it in utm_campaign (Google Ads: the latest"
                  + " snapshot's campaign_name)")
          .required(
              "channel",
              STRING,
              "Acquisition channel its clicks arrive in, in the marts' channel names: paid_search"
                  + " (Google Ads, utm_medium cpc) or social (Meta, LinkedIn: paid_social)")
          .required("currency", STRING, "ISO 4217 code of the cost, lower case")
          .required(
              "cost_micros",
              INT64,
              "Cost in millionths of the currency's unit (Google Ads metrics_cost_micros; CSV cost x"
                  + " 1,000,000)")
          .nullable("clicks", INT64, "Clicks")
          .nullable("impressions", INT64, "Impressions")
          .required("source", STRING, "google_ads_transfer or csv")
          .primaryKey("date", "network", "campaign_id")
          .partitionedBy("date")
          .clusteredBy("network", "campaign_id")
          .refresh(Refresh.REPLACE_PARTITIONS)
          .acceptedValues("source", Severity.ERROR, "google_ads_transfer", "csv")
          .acceptedValues("channel", Severity.ERROR, "paid_search", "social")
          .nonNegative("cost_micros", "clicks", "impressions")
          .loadedBy(PipelineNames.SPEND)
          .freshness(DAILY)
          .build();

  // ---------------------------------------------------------------- marts

  public static final TableDef IDENTITY_MAP =
      TableDef.builder("identity_map", Layer.MART)
          .description("Every known identifier with the person and company it resolves to.")
          .grain("one identifier")
          .required(
              "identifier_type",
              STRING,
              "ga_pseudo_id, user_id, email, lead_id, stripe_customer, chartmogul_customer, account_id,"
                  + " domain, crm_contact or crm_company")
          .required(
              "identifier_value",
              STRING,
              "The identifier, normalised (emails trimmed and lower-cased)")
          .nullable(
              "person_id",
              STRING,
              "Resolved person (null for company-only identifiers such as domains)")
          .nullable("company_id", STRING, "Resolved company (null for a person with no company)")
          .primaryKey("identifier_type", "identifier_value")
          .clusteredBy("identifier_type", "person_id")
          .refresh(Refresh.REPLACE_TABLE)
          .acceptedValues(
              "identifier_type",
              Severity.ERROR,
              "ga_pseudo_id",
              "user_id",
              "email",
              "lead_id",
              "stripe_customer",
              "chartmogul_customer",
              "account_id",
              "domain",
              "crm_contact",
              "crm_company")
          .references("company_id", "dim_company", "company_id", Severity.ERROR)
          .loadedBy(PipelineNames.IDENTITY)
          .build();

  public static final TableDef IDENTITY_REJECTIONS =
      TableDef.builder("identity_rejections", Layer.MART)
          .description(
              "Every link identity resolution refused to make, with the rule and the reason: a shared device, a shared domain, a per-type limit, a must-not-link override (docs/identity.md).")
          .grain("one refused link per level")
          .required("level", STRING, "person or company: the graph the link was refused in")
          .required("rule", STRING, "shared_device, shared_domain, limit or must_not_link")
          .required(
              "identifier_type",
              STRING,
              "Type of the identifier that stays apart (the shared device, the shared domain, the identifier that would have been one too many)")
          .required("identifier_value", STRING, "Its normalised value")
          .required(
              "linked_type",
              STRING,
              "Type of the other end (a person in the company graph is named by its anchor identifier)")
          .required("linked_value", STRING, "Its normalised value")
          .required("reason", STRING, "Names both identifiers, the rule and what each stays with")
          .primaryKey("level", "identifier_type", "identifier_value", "linked_type", "linked_value")
          .clusteredBy("rule", "identifier_type")
          .refresh(Refresh.REPLACE_TABLE)
          .acceptedValues("level", Severity.ERROR, "person", "company")
          .acceptedValues(
              "rule", Severity.ERROR, "shared_device", "shared_domain", "limit", "must_not_link")
          .loadedBy(PipelineNames.IDENTITY)
          .build();

  public static final TableDef IDENTITY_MERGES =
      TableDef.builder("identity_merges", Layer.MART)
          .description(
              "Every person or company id that disappeared because its identifiers now resolve to another id: two profiles merged, a profile renamed after a stronger identifier, or split; for re-keying what stored the old id (docs/identity.md#stable-ids-and-merges).")
          .grain("one disappeared id and one id its identifiers now resolve to, per identity run")
          .required("run_id", STRING, "The identity run that saw the merge (pipeline_runs.run_id)")
          .required("merged_date", DATE, "Day the run started (UTC), the partition column")
          .required("level", STRING, "person or company: the kind of id")
          .required(
              "merged_id",
              STRING,
              "The id that disappeared: in the previous identity_map, not in this run's")
          .required(
              "surviving_id",
              STRING,
              "The id its identifiers resolve to now (named by the profile's strongest identifier, docs/identity.md#ids)")
          .required(
              "kind",
              STRING,
              "merge (the survivor also holds another earlier profile's identifiers), rename (only this profile's: a stronger identifier joined and now names it) or split (its identifiers went to several ids; one row each)")
          .required(
              "identifiers_moved",
              INT64,
              "How many of merged_id's previous identifiers resolve to surviving_id now")
          .required("reason", STRING, "Names both ids, the counts and what happened")
          .primaryKey("run_id", "level", "merged_id", "surviving_id")
          .partitionedBy("merged_date")
          .clusteredBy("level", "merged_id")
          .refresh(Refresh.APPEND_BY_RUN)
          .acceptedValues("level", Severity.ERROR, "person", "company")
          .acceptedValues("kind", Severity.ERROR, "merge", "rename", "split")
          .nonNegative("identifiers_moved")
          .loadedBy(PipelineNames.IDENTITY)
          .build();

  public static final TableDef DIM_COMPANY =
      TableDef.builder("dim_company", Layer.MART)
          .description("One row per resolved company, with its account and billing state.")
          .grain("one company")
          .required("company_id", STRING, "Resolved company id")
          .nullable("account_id", STRING, "Backend account id")
          .nullable("name", STRING, "Company name")
          .nullable("domain", STRING, "Business domain")
          .nullable(
              "country",
              STRING,
              "ISO 3166-1 alpha-2: the backend account's, else the enrichment's latest company_country")
          .nullable(
              "segment",
              STRING,
              "Company size band (small | medium | large, SizeBands): of the backend account's"
                  + " segment, else of the enrichment's latest employee_range")
          .required("is_customer", BOOL, "Has ever paid")
          .nullable("mrr_cents", INT64, "Current MRR in reporting-currency cents")
          .nullable("created_at", TIMESTAMP, "First seen (account created)")
          .primaryKey("company_id")
          .clusteredBy("company_id")
          .refresh(Refresh.REPLACE_TABLE)
          .nonNegative("mrr_cents")
          .loadedBy(PipelineNames.MARTS)
          .build();

  public static final TableDef DIM_CUSTOMER =
      TableDef.builder("dim_customer", Layer.MART)
          .description(
              "The customer journey in one row: first touch, lead, trial, activation, first payment, plan, MRR, churn.")
          .grain("one paying customer")
          .required("customer_id", STRING, "Stripe customer id")
          .nullable("company_id", STRING, "Resolved company")
          .nullable(
              "first_touch_channel", STRING, "Channel of the first GA4 session (through identity)")
          .nullable("first_touch_campaign", STRING, "Campaign of the first GA4 session")
          .nullable("lead_id", STRING, "Lead id")
          .nullable("first_lead_score", FLOAT64, "First score the lead received")
          .nullable("trial_started_at", TIMESTAMP, "Trial start")
          .nullable("activated_at", TIMESTAMP, "When the trial activated")
          .nullable("first_paid_at", TIMESTAMP, "First successful payment")
          .nullable("current_plan", STRING, "Current plan (price id)")
          .nullable(
              "current_product",
              STRING,
              "Product of the current plan's price (the plan tier), from subscription_items")
          .nullable(
              "billing_interval",
              STRING,
              "Billing interval of the current plan's price: month, year, or N_month for every N"
                  + " months")
          .required("mrr_cents", INT64, "Current MRR in reporting-currency cents")
          .required("status", STRING, "active, past_due, churned")
          .nullable("churned_at", TIMESTAMP, "When the customer churned")
          .primaryKey("customer_id")
          .clusteredBy("company_id")
          .refresh(Refresh.REPLACE_TABLE)
          .acceptedValues("status", Severity.ERROR, "active", "past_due", "churned")
          .nonNegative("mrr_cents")
          .references("company_id", "dim_company", "company_id", Severity.ERROR)
          .loadedBy(PipelineNames.MARTS)
          .build();

  public static final TableDef DIM_USER =
      TableDef.builder("dim_user", Layer.MART)
          .description("Backend users with their resolved person and company.")
          .grain("one backend user")
          .required("user_id", STRING, "Backend user id")
          .nullable("person_id", STRING, "Resolved person")
          .nullable("company_id", STRING, "Resolved company")
          .nullable("email", STRING, "Normalised email")
          .nullable("role", STRING, "Role in the account")
          .required("created_at", TIMESTAMP, "When the user was created")
          .primaryKey("user_id")
          .clusteredBy("company_id")
          .refresh(Refresh.REPLACE_TABLE)
          .references("company_id", "dim_company", "company_id", Severity.ERROR)
          .loadedBy(PipelineNames.MARTS)
          .build();

  public static final TableDef FACT_SUBSCRIPTION =
      TableDef.builder("fact_subscription", Layer.MART)
          .description("Each subscription on each day it is live, with its MRR.")
          .grain("subscription x day it is live")
          .required("subscription_id", STRING, "Stripe subscription id")
          .required("date", DATE, "The day; the partition column")
          .required("customer_id", STRING, "Stripe customer id")
          .nullable("company_id", STRING, "Resolved company")
          .required("status", STRING, "Status on that day")
          .required("mrr_cents", INT64, "MRR that day in reporting-currency cents")
          .primaryKey("subscription_id", "date")
          .partitionedBy("date")
          .clusteredBy("customer_id")
          .refresh(Refresh.REPLACE_TABLE)
          .acceptedValues("status", Severity.ERROR, SubscriptionStatuses.STRIPE)
          .nonNegative("mrr_cents")
          .references("customer_id", "dim_customer", "customer_id", Severity.WARN)
          .references("company_id", "dim_company", "company_id", Severity.ERROR)
          .loadedBy(PipelineNames.MARTS)
          .build();

  public static final TableDef FACT_REVENUE =
      TableDef.builder("fact_revenue", Layer.MART)
          .description("MRR movements, invoice-driven as ChartMogul computes them.")
          .grain("one MRR movement")
          .required("movement_id", STRING, "Stable hash of customer, date and type")
          .required("customer_id", STRING, "Stripe customer id")
          .nullable("company_id", STRING, "Resolved company")
          .required("movement_date", DATE, "Day of the movement; the partition column")
          .required(
              "movement_type",
              STRING,
              "new, expansion, contraction, churn, reactivation, or fx (a change due only to the"
                  + " exchange rate, mrr rule 8)")
          .required("mrr_before_cents", INT64, "Customer MRR before")
          .required("mrr_after_cents", INT64, "Customer MRR after")
          .required("mrr_delta_cents", INT64, "mrr_after - mrr_before")
          .primaryKey("movement_id")
          .partitionedBy("movement_date")
          .clusteredBy("customer_id", "movement_type")
          .refresh(Refresh.REPLACE_TABLE)
          .acceptedValues(
              "movement_type",
              Severity.ERROR,
              "new",
              "expansion",
              "contraction",
              "churn",
              "reactivation",
              "fx")
          .nonNegative("mrr_before_cents", "mrr_after_cents")
          .references("customer_id", "dim_customer", "customer_id", Severity.ERROR)
          .references("company_id", "dim_company", "company_id", Severity.ERROR)
          .loadedBy(PipelineNames.MARTS)
          .build();

  public static final TableDef FACT_USAGE =
      TableDef.builder("fact_usage", Layer.MART)
          .description("Product usage per company, feature and day.")
          .grain("company x feature x day")
          .required("company_id", STRING, "Resolved company")
          .required("feature", STRING, "Product feature")
          .required("date", DATE, "The day; the partition column")
          .required("events", INT64, "Product events")
          .required("active_users", INT64, "Distinct users with an event")
          .primaryKey("company_id", "feature", "date")
          .partitionedBy("date")
          .clusteredBy("company_id", "feature")
          .refresh(Refresh.REPLACE_TABLE)
          .nonNegative("events", "active_users")
          .references("company_id", "dim_company", "company_id", Severity.ERROR)
          .loadedBy(PipelineNames.MARTS)
          .build();

  public static final TableDef ACCOUNT_SIGNALS =
      TableDef.builder("account_signals", Layer.MART)
          .description(
              "Churn-risk and expansion signals per paying company and week: core-feature usage"
                  + " trend, seats used against seats paid, failed payments, and the flags they"
                  + " raise. Each flag's rule: docs/account-signals.md (AccountSignalRules).")
          .grain("paying company x week (a company paying on the week's last day)")
          .required("company_id", STRING, "Resolved company")
          .required("week", DATE, "Monday of the ISO week; the partition column")
          .required(
              "week_end",
              DATE,
              "Last day the row looks at: the Sunday, or the marts' as-of day in the current week")
          .required("mrr_cents", INT64, "Company MRR on week_end, reporting-currency cents")
          .required(
              "core_events_4w",
              INT64,
              "Core-feature product events in the 28 days ending on week_end (the dictionary's"
                  + " activation core features)")
          .required(
              "core_events_prev_4w", INT64, "Core-feature product events in the 28 days before")
          .nullable(
              "usage_trend",
              FLOAT64,
              "core_events_4w / core_events_prev_4w - 1 (null when the previous 28 days had none)")
          .required(
              "feature_trends",
              JSON,
              "Per core feature: {\"feature\": [events in the 28 days, events in the 28 days"
                  + " before]}")
          .nullable(
              "declining_features",
              STRING,
              "Core features whose own use fell by the usage_decline rule, comma-separated")
          .required(
              "seats_used", INT64, "Distinct users with a product event in the 28 days to week_end")
          .nullable(
              "seats_paid",
              INT64,
              "Seats billed on week_end: per live subscription the largest quantity among the items"
                  + " its latest invoice lines bill for that day, summed (null when no line covers"
                  + " it)")
          .nullable("seat_utilisation", FLOAT64, "seats_used / seats_paid")
          .required(
              "failed_payments_4w", INT64, "Failed charge attempts in the 28 days to week_end")
          .required("churn_risk", BOOL, "A churn-driver rule fired (churn_risk_rules)")
          .nullable(
              "churn_risk_rules",
              STRING,
              "The churn-driver rules that fired, comma-separated: usage_decline, payment_failed")
          .required("expansion", BOOL, "An expansion rule fired (expansion_rules)")
          .nullable(
              "expansion_rules",
              STRING,
              "The expansion rules that fired, comma-separated: seats_full, usage_growth")
          .primaryKey("company_id", "week")
          .partitionedBy("week")
          .clusteredBy("company_id")
          .refresh(Refresh.REPLACE_TABLE)
          .nonNegative(
              "mrr_cents",
              "core_events_4w",
              "core_events_prev_4w",
              "seats_used",
              "seats_paid",
              "seat_utilisation",
              "failed_payments_4w")
          .references("company_id", "dim_company", "company_id", Severity.ERROR)
          .loadedBy(PipelineNames.MARTS)
          .build();

  public static final TableDef FACT_WEB_VISITORS =
      TableDef.builder("fact_web_visitors", Layer.MART)
          .description(
              "Web visitors per month and acquisition channel: each GA4 visitor (user_pseudo_id) counts once "
                  + "a month, under the channel of its first session_start that month. The funnel's first stage, so "
                  + "the dashboard reads channels the marts classified instead of classifying events itself.")
          .grain("month x channel")
          .required("month", DATE, "First day of the month (UTC event date)")
          .required(
              "channel",
              STRING,
              "Acquisition channel of the visitor's first session that month, as fact_lead's")
          .required("visitors", INT64, "Distinct visitors")
          .primaryKey("month", "channel")
          .partitionedBy("month")
          .refresh(Refresh.REPLACE_TABLE)
          .nonNegative("visitors")
          .loadedBy(PipelineNames.MARTS)
          .build();

  public static final TableDef SESSIONS_WEB =
      TableDef.builder("sessions_web", Layer.MART)
          .description(
              "GA4 sessions: one row per session of events_web, with its landing page, traffic source"
                  + " and channel, engagement and conversion; the grain attribution reads.")
          .grain("one GA4 session (user_pseudo_id + ga_session_id)")
          .required(
              "session_id", STRING, "events_web.session_id: user_pseudo_id + '.' + ga_session_id")
          .required("user_pseudo_id", STRING, "GA4 device / browser id of the session")
          .nullable("user_id", STRING, "Backend user id, when the site logged one in the session")
          .nullable("person_id", STRING, "Resolved person of the device (identity_map), if known")
          .required("session_start", TIMESTAMP, "The session's first event (event_ts)")
          .required(
              "session_date", DATE, "GA4 event_date of that first event; the partition column")
          .nullable(
              "landing_page", STRING, "page_location of the session's first event that has one")
          .nullable(
              "source",
              STRING,
              "Traffic source: of the session's first event carrying source, medium, campaign or"
                  + " gclid (collected_traffic_source, else the event's source params); google with a"
                  + " gclid alone")
          .nullable("medium", STRING, "Traffic medium, from the same event; cpc with a gclid alone")
          .nullable("campaign", STRING, "Campaign name, from the same event")
          .nullable(
              "gclid",
              STRING,
              "Google Ads click id: events_web.gclid, else the page URL's gclid query parameter")
          .required(
              "channel",
              STRING,
              "Acquisition channel of the session (marts Channels), from its source, medium and the"
                  + " referrer of its first event")
          .required(
              "engaged",
              BOOL,
              "GA4 engaged session: an event of it with events_web.session_engaged true")
          .required("events", INT64, "Events in the session")
          .required(
              "converted",
              BOOL,
              "The session has a conversion event (generate_lead, sign_up, purchase)")
          .primaryKey("session_id")
          .partitionedBy("session_date")
          .clusteredBy("user_pseudo_id")
          .refresh(Refresh.REPLACE_TABLE)
          .nonNegative("events")
          .loadedBy(PipelineNames.MARTS)
          .build();

  public static final TableDef FACT_TRIAL =
      TableDef.builder("fact_trial", Layer.MART)
          .description(
              "Every trial with its activation and conversion, and the lead-quality inputs.")
          .grain("one trial")
          .required("trial_id", STRING, "Stable id of the trial (company and start)")
          .required("company_id", STRING, "Resolved company")
          .required("started_at", TIMESTAMP, "Trial start")
          .nullable("account_id", STRING, "Backend account that ran the trial")
          .required("trial_ends_at", TIMESTAMP, "When the trial ends / ended")
          .nullable(
              "activated_at",
              TIMESTAMP,
              "When the company reached activation in the trial (dictionary: activation)")
          .nullable(
              "converted_at",
              TIMESTAMP,
              "First payment of the trial's own subscription (first paid at or after the trial"
                  + " start; never a one-off charge) within the conversion window (trial end + 30"
                  + " days)")
          .nullable("lead_id", STRING, "Lead behind the trial")
          .nullable("lead_score", FLOAT64, "Lead score at trial start (LQI input)")
          .nullable("channel", STRING, "Acquisition channel")
          .primaryKey("trial_id")
          .clusteredBy("company_id")
          .refresh(Refresh.REPLACE_TABLE)
          .references("company_id", "dim_company", "company_id", Severity.ERROR)
          .references("lead_id", "fact_lead", "lead_id", Severity.ERROR)
          .loadedBy(PipelineNames.MARTS)
          .build();

  public static final TableDef FACT_LEAD =
      TableDef.builder("fact_lead", Layer.MART)
          .description(
              "Every lead with its first score and outcome: the Lead Quality Index inputs.")
          .grain("one lead")
          .required("lead_id", STRING, "Lead id")
          .nullable("person_id", STRING, "Resolved person")
          .nullable(
              "company_id", STRING, "Resolved company (null for a free-mail lead never matched)")
          .required("created_at", TIMESTAMP, "When the lead was created")
          .nullable("source", STRING, "Lead source")
          .nullable(
              "channel",
              STRING,
              "Acquisition channel: of the person's last non-direct GA4 session at or before the"
                  + " lead (marts Channels.lastNonDirectClick), else of the lead's own UTM source /"
                  + " medium")
          .nullable(
              "first_score",
              FLOAT64,
              "Score of the first scoring run after creation (re-scoring never rewrites it)")
          .nullable("first_scored_at", TIMESTAMP, "When the first score was computed")
          .required("is_qualified", BOOL, "first_score >= the dictionary's qualification threshold")
          .nullable(
              "converted_at", TIMESTAMP, "First payment of the lead's company, if it ever paid")
          .primaryKey("lead_id")
          .clusteredBy("company_id")
          .refresh(Refresh.REPLACE_TABLE)
          .references("company_id", "dim_company", "company_id", Severity.ERROR)
          .loadedBy(PipelineNames.MARTS)
          .build();

  public static final TableDef FACT_COHORT_RETENTION =
      TableDef.builder("fact_cohort_retention", Layer.MART)
          .description(
              "Customer and MRR retention by cohort (month of first payment) and months since first payment.")
          .grain("cohort month x months since first payment")
          .required("cohort_month", DATE, "First day of the month of the customers' first payment")
          .required("months_since_first_payment", INT64, "0 for the cohort month itself")
          .required("cohort_customers", INT64, "Customers in the cohort")
          .required("cohort_mrr_cents", INT64, "The cohort's MRR at the end of its first month")
          .required("customers_retained", INT64, "Cohort customers paying at the end of that month")
          .required(
              "mrr_retained_cents",
              INT64,
              "The cohort's MRR at the end of that month (expansion included)")
          .primaryKey("cohort_month", "months_since_first_payment")
          .partitionedBy("cohort_month")
          .refresh(Refresh.REPLACE_TABLE)
          .nonNegative(
              "months_since_first_payment",
              "cohort_customers",
              "cohort_mrr_cents",
              "customers_retained",
              "mrr_retained_cents")
          .loadedBy(PipelineNames.MARTS)
          .build();

  public static final TableDef RECONCILIATION =
      TableDef.builder("reconciliation", Layer.MART)
          .description(
              "Where two sources disagree about a customer's month (MRR, paying state, plan), with the likely cause.")
          .grain("check x customer x month")
          .required("check_name", STRING, "Which comparison, e.g. stripe_vs_chartmogul_mrr")
          .required("customer_id", STRING, "Stripe customer id")
          .nullable("company_id", STRING, "Resolved company")
          .required("month", DATE, "First day of the month compared")
          .required("source_a", STRING, "First source (e.g. stripe)")
          .nullable("value_a", STRING, "First source's value")
          .required("source_b", STRING, "Second source (e.g. chartmogul, backend)")
          .nullable("value_b", STRING, "Second source's value")
          .nullable("difference", FLOAT64, "value_a - value_b where both are numbers")
          .required("likely_cause", STRING, "Most likely cause, in words")
          .primaryKey("check_name", "customer_id", "month")
          .clusteredBy("check_name", "customer_id")
          .refresh(Refresh.REPLACE_TABLE)
          .loadedBy(PipelineNames.RECONCILE)
          .build();

  public static final TableDef METRIC_DAILY =
      TableDef.builder("metric_daily", Layer.MART)
          .description(
              "The dictionary's metrics per day. Rates are fractions in [0, 1]; money in reporting-currency cents.")
          .grain("metric x day (x dimension)")
          .required("metric", STRING, "Metric name from the metrics dictionary")
          .required("date", DATE, "The day; the partition column")
          .required("dimension", STRING, "Dimension value (feature, channel) or 'all'")
          .required("value", FLOAT64, "Metric value")
          .primaryKey("metric", "date", "dimension")
          .partitionedBy("date")
          .clusteredBy("metric", "dimension")
          .refresh(Refresh.REPLACE_TABLE)
          .loadedBy(PipelineNames.MARTS)
          .build();

  public static final TableDef METRIC_MONTHLY =
      TableDef.builder("metric_monthly", Layer.MART)
          .description(
              "The dictionary's metrics per month, company-wide (dimension 'all') and per segment"
                  + " value. Segment values are family:value, lower-case: plan:<product>,"
                  + " interval:<month|year|N_month>, country:<iso2>, size:<small|medium|large> (SizeBands),"
                  + " channel:<acquisition channel>, family:unknown when not known; membership is"
                  + " the customer's or company's as of the as-of date (marts metrics Segments)."
                  + " For counts, sums and stocks the values of one family add up to 'all'.")
          .grain("metric x month (x dimension)")
          .required("metric", STRING, "Metric name from the metrics dictionary")
          .required("month", DATE, "First day of the month; the partition column")
          .required(
              "dimension",
              STRING,
              "'all' or family:value: a segment value, or feature:<feature> for"
                  + " feature_adoption_rate")
          .required("value", FLOAT64, "Metric value")
          .primaryKey("metric", "month", "dimension")
          .partitionedBy("month")
          .clusteredBy("metric", "dimension")
          .refresh(Refresh.REPLACE_TABLE)
          .loadedBy(PipelineNames.MARTS)
          .build();

  public static final TableDef METRIC_XMR =
      TableDef.builder("metric_xmr", Layer.MART)
          .description(
              "XmR (process behaviour) chart per metric: natural process limits and signals (Wheeler).")
          .grain("metric x period")
          .required("metric", STRING, "Metric name")
          .required("period", DATE, "Period start (day or month)")
          .nullable(
              "value",
              FLOAT64,
              "Value of the charted series (column series) in the period; null for a gap: a month"
                  + " between the series' first and last value without one")
          .required(
              "centre", FLOAT64, "Centre line: mean of the baseline values of this row's segment")
          .required(
              "lower_limit",
              FLOAT64,
              "Lower natural process limit: centre - 2.66 x average moving range")
          .required(
              "upper_limit",
              FLOAT64,
              "Upper natural process limit: centre + 2.66 x average moving range")
          .nullable(
              "moving_range",
              FLOAT64,
              "|value - previous value| (null for the first point and next to a gap)")
          .required("upper_range_limit", FLOAT64, "3.268 x average moving range")
          .required(
              "signal",
              STRING,
              "none, beyond_limits, run_of_8, three_of_four or range_above_limit, judged against"
                  + " this row's own centre and limits")
          .required(
              "series",
              STRING,
              "The metric whose monthly values are charted: the metric itself, or its stable"
                  + " change for a trending stock (mrr: net_new_mrr); the dictionary names it")
          .nullable(
              "note",
              STRING,
              "Why the row is judged as it is, when not plain: a gap, a baseline that cannot set"
                  + " limits (constant series: average moving range 0), or a new baseline after a"
                  + " run of 8")
          .primaryKey("metric", "period")
          .partitionedBy("period")
          .clusteredBy("metric")
          .refresh(Refresh.REPLACE_TABLE)
          .acceptedValues(
              "signal",
              Severity.ERROR,
              "none",
              "beyond_limits",
              "run_of_8",
              "three_of_four",
              "range_above_limit")
          .nonNegative("moving_range", "upper_range_limit")
          .loadedBy(PipelineNames.MARTS)
          .build();

  private static final NamedRegistry<TableDef> REGISTRY =
      new NamedRegistry<>(
          "table",
          TableDef::name,
          List.of(
              DEAD_LETTERS,
              PIPELINE_RUNS,
              SOURCE_CURSORS,
              DATA_TEST_RESULTS,
              EVENTS_WEB,
              EVENTS_PRODUCT,
              COMPANIES,
              USERS,
              LEADS,
              LEAD_SCORING_RUNS,
              VISITOR_ENRICHMENT,
              CUSTOMERS,
              SUBSCRIPTIONS,
              SUBSCRIPTION_ITEMS,
              INVOICES,
              INVOICE_LINES,
              PAYMENTS,
              CHARTMOGUL_CUSTOMERS,
              CHARTMOGUL_ACTIVITIES,
              CRM_COMPANIES,
              CRM_CONTACTS,
              CRM_DEALS,
              MARKETING_SPEND,
              IDENTITY_MAP,
              IDENTITY_REJECTIONS,
              IDENTITY_MERGES,
              DIM_COMPANY,
              DIM_CUSTOMER,
              DIM_USER,
              FACT_SUBSCRIPTION,
              FACT_REVENUE,
              FACT_USAGE,
              ACCOUNT_SIGNALS,
              FACT_WEB_VISITORS,
              SESSIONS_WEB,
              FACT_TRIAL,
              FACT_LEAD,
              FACT_COHORT_RETENTION,
              METRIC_DAILY,
              METRIC_MONTHLY,
              METRIC_XMR,
              RECONCILIATION));

  /** Every table, in dictionary order (ops, staging, marts). */
  public static List<TableDef> all() {
    return REGISTRY.all();
  }

  /** The table with this name, or an error that lists the known names. */
  public static TableDef named(String name) {
    return REGISTRY.named(name);
  }
}
