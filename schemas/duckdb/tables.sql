-- Generated from the schema registry (schemas/src/main/java/io/intelligencesuite/schemas/Tables.java).
-- Do not edit by hand: run `mvn -pl schemas test -Dtest=GeneratedFilesTest -Dsuite.regenerate=true`.

CREATE TABLE IF NOT EXISTS dead_letters (
  dead_letter_id VARCHAR NOT NULL,
  run_id VARCHAR NOT NULL,
  pipeline VARCHAR NOT NULL,
  target_table VARCHAR NOT NULL,
  failed_at TIMESTAMP NOT NULL,
  failed_date DATE NOT NULL,
  reason VARCHAR NOT NULL,
  field VARCHAR,
  raw_payload VARCHAR,
  payload_bytes BIGINT NOT NULL
);
COMMENT ON TABLE dead_letters IS 'Every record a pipeline rejected, with the reason and the raw payload; nothing is dropped silently. Grain: one rejected record.';
COMMENT ON COLUMN dead_letters.dead_letter_id IS 'Unique id of the dead letter (random UUID; identical bad records each get their own)';
COMMENT ON COLUMN dead_letters.run_id IS 'The pipeline run that rejected the record (pipeline_runs.run_id)';
COMMENT ON COLUMN dead_letters.pipeline IS 'Pipeline name: ga4, backend, lead-scoring, stripe, chartmogul, enrichment, identity, marts';
COMMENT ON COLUMN dead_letters.target_table IS 'Table the record was meant for';
COMMENT ON COLUMN dead_letters.failed_at IS 'When the record was rejected (UTC)';
COMMENT ON COLUMN dead_letters.failed_date IS 'Day of failed_at, the partition column';
COMMENT ON COLUMN dead_letters.reason IS 'Why it was rejected, naming the field and the expected shape';
COMMENT ON COLUMN dead_letters.field IS 'The offending field, when one field is to blame';
COMMENT ON COLUMN dead_letters.raw_payload IS 'The record as received (capped at 1 MiB; payload_bytes gives the full size)';
COMMENT ON COLUMN dead_letters.payload_bytes IS 'Size of the original payload in bytes (UTF-8)';

CREATE TABLE IF NOT EXISTS pipeline_runs (
  run_id VARCHAR NOT NULL,
  pipeline VARCHAR NOT NULL,
  window_start DATE,
  window_end DATE,
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP NOT NULL,
  run_date DATE NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_written BIGINT NOT NULL,
  rows_written_by_table VARCHAR NOT NULL,
  duplicates_removed BIGINT NOT NULL,
  rows_dead_lettered BIGINT NOT NULL,
  status VARCHAR NOT NULL,
  runner VARCHAR NOT NULL,
  warehouse VARCHAR NOT NULL
);
COMMENT ON TABLE pipeline_runs IS 'The run audit: one row per pipeline run with its window and row accounting (read = written + duplicates removed + dead-lettered). Grain: one pipeline run.';
COMMENT ON COLUMN pipeline_runs.run_id IS 'Unique run id: pipeline, UTC start time and a random suffix';
COMMENT ON COLUMN pipeline_runs.pipeline IS 'Pipeline name';
COMMENT ON COLUMN pipeline_runs.window_start IS 'First day of the window the run covers (null for a full snapshot)';
COMMENT ON COLUMN pipeline_runs.window_end IS 'Last day of the window the run covers, inclusive (null for a full snapshot)';
COMMENT ON COLUMN pipeline_runs.started_at IS 'When the pipeline was launched (UTC)';
COMMENT ON COLUMN pipeline_runs.finished_at IS 'When the run''s accounting was written (UTC)';
COMMENT ON COLUMN pipeline_runs.run_date IS 'Day of started_at, the partition column';
COMMENT ON COLUMN pipeline_runs.rows_read IS 'Records read from the source';
COMMENT ON COLUMN pipeline_runs.rows_written IS 'Rows written to the target tables, all tables together';
COMMENT ON COLUMN pipeline_runs.rows_written_by_table IS 'Rows written per target table, as a JSON object';
COMMENT ON COLUMN pipeline_runs.duplicates_removed IS 'Records removed by deduplication';
COMMENT ON COLUMN pipeline_runs.rows_dead_lettered IS 'Records written to dead_letters';
COMMENT ON COLUMN pipeline_runs.status IS 'succeeded, or failed_accounting when read != written + duplicates + dead-lettered';
COMMENT ON COLUMN pipeline_runs.runner IS 'Beam runner that executed the run';
COMMENT ON COLUMN pipeline_runs.warehouse IS 'Warehouse written to (duckdb:PATH or bigquery:PROJECT.DATASET)';

CREATE TABLE IF NOT EXISTS data_test_results (
  run_id VARCHAR NOT NULL,
  checked_at TIMESTAMP NOT NULL,
  checked_date DATE NOT NULL,
  test_name VARCHAR NOT NULL,
  test_kind VARCHAR NOT NULL,
  table_name VARCHAR NOT NULL,
  column_names VARCHAR,
  severity VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  failing_rows BIGINT NOT NULL,
  failing_sample VARCHAR,
  message VARCHAR,
  sql VARCHAR NOT NULL
);
COMMENT ON TABLE data_test_results IS 'Every data test and freshness check of each `suite check` run, with its failing rows and the SQL that found them. Grain: one data test in one check run.';
COMMENT ON COLUMN data_test_results.run_id IS 'The check run: ''check-'' + UTC start time + a random suffix';
COMMENT ON COLUMN data_test_results.checked_at IS 'When the check run started (UTC)';
COMMENT ON COLUMN data_test_results.checked_date IS 'Day of checked_at, the partition column';
COMMENT ON COLUMN data_test_results.test_name IS 'dbt-style test name, e.g. unique_fact_revenue or relationships_fact_revenue_customer_id';
COMMENT ON COLUMN data_test_results.test_kind IS 'Kind of test: table_loaded, unique, not_null, accepted_values, relationships, non_negative, invariant, freshness';
COMMENT ON COLUMN data_test_results.table_name IS 'Table the test is about';
COMMENT ON COLUMN data_test_results.column_names IS 'Column(s) tested, comma-separated (null for table-level tests)';
COMMENT ON COLUMN data_test_results.severity IS 'warn or error: whether a failure fails the check run';
COMMENT ON COLUMN data_test_results.status IS 'pass, warn (failed at warn severity), fail (failed at error severity) or error (the test could not run)';
COMMENT ON COLUMN data_test_results.failing_rows IS 'Rows the test''s query returned (0 when it passed or could not run)';
COMMENT ON COLUMN data_test_results.failing_sample IS 'The first few failing rows as col=value lists, naming the bad keys';
COMMENT ON COLUMN data_test_results.message IS 'What a failure means and where to look, or the error when the test could not run';
COMMENT ON COLUMN data_test_results.sql IS 'The test''s query: a SELECT returning the failing rows (empty for checks of the catalog)';

CREATE TABLE IF NOT EXISTS events_web (
  event_id VARCHAR NOT NULL,
  event_ts TIMESTAMP NOT NULL,
  event_date DATE NOT NULL,
  event_name VARCHAR NOT NULL,
  user_pseudo_id VARCHAR NOT NULL,
  user_id VARCHAR,
  session_id VARCHAR,
  ga_session_number BIGINT,
  stream_id VARCHAR,
  page_location VARCHAR,
  page_referrer VARCHAR,
  page_title VARCHAR,
  utm_source VARCHAR,
  utm_medium VARCHAR,
  utm_campaign VARCHAR,
  device_category VARCHAR,
  country VARCHAR,
  params VARCHAR NOT NULL
);
COMMENT ON TABLE events_web IS 'GA4 BigQuery-export events, flattened and deduplicated (dbt-ga4 key plus GA4''s batch ordering fields). Grain: one GA4 event.';
COMMENT ON COLUMN events_web.event_id IS 'Stable hash of the export row''s dedup key: date, stream, pseudo id, session, name, timestamp, sorted params, batch fields';
COMMENT ON COLUMN events_web.event_ts IS 'When the event was logged on the client (event_timestamp, UTC)';
COMMENT ON COLUMN events_web.event_date IS 'GA4 event_date, in the property''s time zone; the partition column';
COMMENT ON COLUMN events_web.event_name IS 'GA4 event name (page_view, sign_up, generate_lead, ...)';
COMMENT ON COLUMN events_web.user_pseudo_id IS 'GA4 device / browser id (the web visitor)';
COMMENT ON COLUMN events_web.user_id IS 'Backend user id, set by the site only after login';
COMMENT ON COLUMN events_web.session_id IS 'user_pseudo_id + ''.'' + ga_session_id; null when the event has no ga_session_id';
COMMENT ON COLUMN events_web.ga_session_number IS 'The visitor''s session counter';
COMMENT ON COLUMN events_web.stream_id IS 'GA4 data stream id';
COMMENT ON COLUMN events_web.page_location IS 'Page URL (event param page_location)';
COMMENT ON COLUMN events_web.page_referrer IS 'Referring URL (event param page_referrer)';
COMMENT ON COLUMN events_web.page_title IS 'Page title (event param page_title)';
COMMENT ON COLUMN events_web.utm_source IS 'Event-scoped source: collected_traffic_source.manual_source, else event param source';
COMMENT ON COLUMN events_web.utm_medium IS 'Event-scoped medium: collected_traffic_source.manual_medium, else event param medium';
COMMENT ON COLUMN events_web.utm_campaign IS 'Event-scoped campaign: collected_traffic_source.manual_campaign_name, else event param campaign';
COMMENT ON COLUMN events_web.device_category IS 'device.category: desktop, mobile, tablet';
COMMENT ON COLUMN events_web.country IS 'geo.country';
COMMENT ON COLUMN events_web.params IS 'All event params as a JSON object key -> value (the typed slot that was set)';

CREATE TABLE IF NOT EXISTS events_product (
  event_id VARCHAR NOT NULL,
  event_ts TIMESTAMP NOT NULL,
  event_date DATE NOT NULL,
  user_id VARCHAR,
  account_id VARCHAR NOT NULL,
  event_name VARCHAR NOT NULL,
  feature VARCHAR,
  properties VARCHAR
);
COMMENT ON TABLE events_product IS 'Feature-usage events from the backend database. Grain: one backend product event.';
COMMENT ON COLUMN events_product.event_id IS 'Backend event id';
COMMENT ON COLUMN events_product.event_ts IS 'When the event happened (UTC)';
COMMENT ON COLUMN events_product.event_date IS 'Day of event_ts (UTC); the partition column';
COMMENT ON COLUMN events_product.user_id IS 'Backend user who acted';
COMMENT ON COLUMN events_product.account_id IS 'Backend account (school) the event belongs to';
COMMENT ON COLUMN events_product.event_name IS 'Backend event name';
COMMENT ON COLUMN events_product.feature IS 'Product feature: attendance, gradebook, timetable, messaging, billing, ...';
COMMENT ON COLUMN events_product.properties IS 'Event properties as JSON';

CREATE TABLE IF NOT EXISTS companies (
  account_id VARCHAR NOT NULL,
  company_id VARCHAR,
  name VARCHAR NOT NULL,
  domain VARCHAR,
  country VARCHAR,
  segment VARCHAR,
  plan VARCHAR,
  trial_ends_at TIMESTAMP,
  status VARCHAR,
  stripe_customer_id VARCHAR,
  industry VARCHAR,
  employee_count BIGINT,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP
);
COMMENT ON TABLE companies IS 'Backend accounts (schools), with enrichment columns where known. Grain: one account / company.';
COMMENT ON COLUMN companies.account_id IS 'Backend account id';
COMMENT ON COLUMN companies.company_id IS 'Resolved company id from identity_map; null in staging, filled in dim_company';
COMMENT ON COLUMN companies.name IS 'Account (school) name';
COMMENT ON COLUMN companies.domain IS 'Business domain of the account, lower-case, without www.';
COMMENT ON COLUMN companies.country IS 'ISO 3166-1 alpha-2 country code';
COMMENT ON COLUMN companies.segment IS 'Customer segment (e.g. small school, large school, district)';
COMMENT ON COLUMN companies.plan IS 'The plan the backend believes the account is on (compared with billing in reconcile)';
COMMENT ON COLUMN companies.trial_ends_at IS 'When the account''s trial ends / ended';
COMMENT ON COLUMN companies.status IS 'Account status as the backend holds it (trialing, expired, active, past_due, cancelled)';
COMMENT ON COLUMN companies.stripe_customer_id IS 'Stripe customer id the backend stores for the account (identity key to billing)';
COMMENT ON COLUMN companies.industry IS 'Enrichment: industry';
COMMENT ON COLUMN companies.employee_count IS 'Enrichment: number of employees';
COMMENT ON COLUMN companies.created_at IS 'When the account was created (sign-up)';
COMMENT ON COLUMN companies.updated_at IS 'When the backend last changed the account (the dedupe ordering)';

CREATE TABLE IF NOT EXISTS users (
  user_id VARCHAR NOT NULL,
  account_id VARCHAR,
  email VARCHAR,
  email_domain VARCHAR,
  company_domain VARCHAR,
  role VARCHAR,
  created_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE users IS 'Backend users. Grain: one backend user.';
COMMENT ON COLUMN users.user_id IS 'Backend user id';
COMMENT ON COLUMN users.account_id IS 'Account (school) the user belongs to';
COMMENT ON COLUMN users.email IS 'Email, trimmed and lower-cased';
COMMENT ON COLUMN users.email_domain IS 'Domain part of email';
COMMENT ON COLUMN users.company_domain IS 'email_domain unless it is a free-mail domain (then null)';
COMMENT ON COLUMN users.role IS 'Role in the account: admin, teacher, ...';
COMMENT ON COLUMN users.created_at IS 'When the user was created';

CREATE TABLE IF NOT EXISTS leads (
  lead_id VARCHAR NOT NULL,
  email VARCHAR,
  email_domain VARCHAR,
  company_domain VARCHAR,
  source VARCHAR,
  utm_source VARCHAR,
  utm_medium VARCHAR,
  utm_campaign VARCHAR,
  ga_client_id VARCHAR,
  status VARCHAR,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP
);
COMMENT ON TABLE leads IS 'Leads from the lead-scoring database (Supabase) and the CRM, latest state per lead. Grain: one lead.';
COMMENT ON COLUMN leads.lead_id IS 'Lead id';
COMMENT ON COLUMN leads.email IS 'Email, trimmed and lower-cased';
COMMENT ON COLUMN leads.email_domain IS 'Domain part of email';
COMMENT ON COLUMN leads.company_domain IS 'Company domain: the lead''s stated domain, else a non-free-mail email domain';
COMMENT ON COLUMN leads.source IS 'Lead source (form, demo request, CRM import, ...)';
COMMENT ON COLUMN leads.utm_source IS 'UTM source captured with the lead';
COMMENT ON COLUMN leads.utm_medium IS 'UTM medium captured with the lead';
COMMENT ON COLUMN leads.utm_campaign IS 'UTM campaign captured with the lead';
COMMENT ON COLUMN leads.ga_client_id IS 'GA4 user_pseudo_id captured by the form';
COMMENT ON COLUMN leads.status IS 'Lead status (new, contacted, working, qualified, unqualified, converted)';
COMMENT ON COLUMN leads.created_at IS 'When the lead was created';
COMMENT ON COLUMN leads.updated_at IS 'When the lead last changed';

CREATE TABLE IF NOT EXISTS lead_scoring_runs (
  run_id VARCHAR NOT NULL,
  lead_id VARCHAR NOT NULL,
  scored_at TIMESTAMP NOT NULL,
  score DOUBLE NOT NULL,
  grade VARCHAR,
  model_version VARCHAR
);
COMMENT ON TABLE lead_scoring_runs IS 'Every score the lead-scoring model gave a lead; a lead scored five times has five rows. Grain: one lead scored in one run.';
COMMENT ON COLUMN lead_scoring_runs.run_id IS 'Scoring run id';
COMMENT ON COLUMN lead_scoring_runs.lead_id IS 'Lead scored';
COMMENT ON COLUMN lead_scoring_runs.scored_at IS 'When the score was computed';
COMMENT ON COLUMN lead_scoring_runs.score IS 'Score from 0 to 100';
COMMENT ON COLUMN lead_scoring_runs.grade IS 'Grade bucket (A-D)';
COMMENT ON COLUMN lead_scoring_runs.model_version IS 'Scoring model version';

CREATE TABLE IF NOT EXISTS visitor_enrichment (
  signal_id VARCHAR NOT NULL,
  observed_at TIMESTAMP NOT NULL,
  provider VARCHAR NOT NULL,
  company_domain VARCHAR,
  company_name VARCHAR,
  user_pseudo_id VARCHAR,
  signal_type VARCHAR NOT NULL,
  intent_topic VARCHAR,
  score DOUBLE
);
COMMENT ON TABLE visitor_enrichment IS 'Company-identified visits (SwanAI) and buyer-intent signals (G2). Grain: one visit or intent signal.';
COMMENT ON COLUMN visitor_enrichment.signal_id IS 'Provider''s id of the signal, or a stable hash of it';
COMMENT ON COLUMN visitor_enrichment.observed_at IS 'When the visit or signal was observed';
COMMENT ON COLUMN visitor_enrichment.provider IS 'swanai or g2';
COMMENT ON COLUMN visitor_enrichment.company_domain IS 'Identified company''s domain';
COMMENT ON COLUMN visitor_enrichment.company_name IS 'Identified company''s name';
COMMENT ON COLUMN visitor_enrichment.user_pseudo_id IS 'GA4 visitor id, when the provider knows it';
COMMENT ON COLUMN visitor_enrichment.signal_type IS 'visit or intent';
COMMENT ON COLUMN visitor_enrichment.intent_topic IS 'Buyer-intent topic (G2)';
COMMENT ON COLUMN visitor_enrichment.score IS 'Provider''s confidence or intent score';

CREATE TABLE IF NOT EXISTS customers (
  customer_id VARCHAR NOT NULL,
  email VARCHAR,
  name VARCHAR,
  account_id VARCHAR,
  currency VARCHAR,
  is_delinquent BOOLEAN,
  created_at TIMESTAMP NOT NULL,
  metadata VARCHAR
);
COMMENT ON TABLE customers IS 'Stripe customers. Grain: one Stripe customer.';
COMMENT ON COLUMN customers.customer_id IS 'Stripe customer id (cus_...)';
COMMENT ON COLUMN customers.email IS 'Billing email, trimmed and lower-cased';
COMMENT ON COLUMN customers.name IS 'Customer name';
COMMENT ON COLUMN customers.account_id IS 'Backend account id from customer metadata';
COMMENT ON COLUMN customers.currency IS 'Default currency, ISO 4217 lower-case';
COMMENT ON COLUMN customers.is_delinquent IS 'Stripe''s delinquent flag';
COMMENT ON COLUMN customers.created_at IS 'When the customer was created';
COMMENT ON COLUMN customers.metadata IS 'Customer metadata';

CREATE TABLE IF NOT EXISTS subscriptions (
  source VARCHAR NOT NULL,
  subscription_id VARCHAR NOT NULL,
  customer_id VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  price_id VARCHAR,
  product_id VARCHAR,
  billing_interval VARCHAR,
  interval_count BIGINT,
  quantity BIGINT,
  unit_amount_cents BIGINT,
  currency VARCHAR,
  discount_percent_off DOUBLE,
  discount_amount_off_cents BIGINT,
  discount_duration VARCHAR,
  discount_duration_in_months BIGINT,
  discount_coupon_id VARCHAR,
  discount_start TIMESTAMP,
  discount_end TIMESTAMP,
  trial_start TIMESTAMP,
  trial_end TIMESTAMP,
  current_period_start TIMESTAMP,
  current_period_end TIMESTAMP,
  cancel_at_period_end BOOLEAN,
  cancel_at TIMESTAMP,
  canceled_at TIMESTAMP,
  ended_at TIMESTAMP,
  created_at TIMESTAMP NOT NULL,
  raw VARCHAR
);
COMMENT ON TABLE subscriptions IS 'Subscriptions as each billing source reports them now (Stripe, ChartMogul, backend). Grain: one subscription version (per source).';
COMMENT ON COLUMN subscriptions.source IS 'stripe, chartmogul or backend';
COMMENT ON COLUMN subscriptions.subscription_id IS 'Subscription id in the source';
COMMENT ON COLUMN subscriptions.customer_id IS 'Customer id in the source';
COMMENT ON COLUMN subscriptions.status IS 'trialing, active, past_due, canceled, unpaid, incomplete, incomplete_expired, paused';
COMMENT ON COLUMN subscriptions.price_id IS 'Price / plan id of the main item';
COMMENT ON COLUMN subscriptions.product_id IS 'Product of the main item';
COMMENT ON COLUMN subscriptions.billing_interval IS 'day, week, month or year';
COMMENT ON COLUMN subscriptions.interval_count IS 'Number of intervals per billing period';
COMMENT ON COLUMN subscriptions.quantity IS 'Seats on the main item';
COMMENT ON COLUMN subscriptions.unit_amount_cents IS 'Unit price of the main item in minor units';
COMMENT ON COLUMN subscriptions.currency IS 'ISO 4217, lower-case';
COMMENT ON COLUMN subscriptions.discount_percent_off IS 'Active coupon percent off';
COMMENT ON COLUMN subscriptions.discount_amount_off_cents IS 'Active coupon amount off in minor units';
COMMENT ON COLUMN subscriptions.discount_duration IS 'forever, once or repeating';
COMMENT ON COLUMN subscriptions.discount_duration_in_months IS 'Months a repeating coupon lasts (null unless repeating)';
COMMENT ON COLUMN subscriptions.discount_coupon_id IS 'Coupon behind the active discount';
COMMENT ON COLUMN subscriptions.discount_start IS 'When the active discount started';
COMMENT ON COLUMN subscriptions.discount_end IS 'When the active discount ends (null for forever)';
COMMENT ON COLUMN subscriptions.trial_start IS 'Trial start';
COMMENT ON COLUMN subscriptions.trial_end IS 'Trial end';
COMMENT ON COLUMN subscriptions.current_period_start IS 'Current period start (from the items since API 2025-03-31)';
COMMENT ON COLUMN subscriptions.current_period_end IS 'Current period end (from the items since API 2025-03-31)';
COMMENT ON COLUMN subscriptions.cancel_at_period_end IS 'Whether it cancels at period end';
COMMENT ON COLUMN subscriptions.cancel_at IS 'Scheduled cancellation time';
COMMENT ON COLUMN subscriptions.canceled_at IS 'When cancellation was requested';
COMMENT ON COLUMN subscriptions.ended_at IS 'When the subscription ended';
COMMENT ON COLUMN subscriptions.created_at IS 'When the subscription was created';
COMMENT ON COLUMN subscriptions.raw IS 'The source object as JSON, for anything not in a typed column';

CREATE TABLE IF NOT EXISTS subscription_items (
  subscription_item_id VARCHAR NOT NULL,
  subscription_id VARCHAR NOT NULL,
  price_id VARCHAR,
  product_id VARCHAR,
  quantity BIGINT,
  unit_amount_cents BIGINT,
  currency VARCHAR,
  billing_interval VARCHAR,
  interval_count BIGINT,
  usage_type VARCHAR,
  current_period_start TIMESTAMP,
  current_period_end TIMESTAMP,
  created_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE subscription_items IS 'Stripe subscription items: one price on one subscription. Grain: one subscription item.';
COMMENT ON COLUMN subscription_items.subscription_item_id IS 'Stripe subscription item id (si_...)';
COMMENT ON COLUMN subscription_items.subscription_id IS 'Subscription the item belongs to';
COMMENT ON COLUMN subscription_items.price_id IS 'Price id';
COMMENT ON COLUMN subscription_items.product_id IS 'Product id';
COMMENT ON COLUMN subscription_items.quantity IS 'Quantity (seats)';
COMMENT ON COLUMN subscription_items.unit_amount_cents IS 'Unit price in minor units';
COMMENT ON COLUMN subscription_items.currency IS 'ISO 4217, lower-case';
COMMENT ON COLUMN subscription_items.billing_interval IS 'day, week, month or year';
COMMENT ON COLUMN subscription_items.interval_count IS 'Intervals per billing period';
COMMENT ON COLUMN subscription_items.usage_type IS 'licensed or metered';
COMMENT ON COLUMN subscription_items.current_period_start IS 'Item''s current period start';
COMMENT ON COLUMN subscription_items.current_period_end IS 'Item''s current period end';
COMMENT ON COLUMN subscription_items.created_at IS 'When the item was created';

CREATE TABLE IF NOT EXISTS invoices (
  invoice_id VARCHAR NOT NULL,
  customer_id VARCHAR NOT NULL,
  subscription_id VARCHAR,
  status VARCHAR NOT NULL,
  currency VARCHAR NOT NULL,
  billing_reason VARCHAR,
  subtotal_cents BIGINT NOT NULL,
  discount_cents BIGINT NOT NULL,
  tax_cents BIGINT NOT NULL,
  total_cents BIGINT NOT NULL,
  amount_paid_cents BIGINT NOT NULL,
  amount_due_cents BIGINT NOT NULL,
  attempt_count BIGINT,
  period_start TIMESTAMP,
  period_end TIMESTAMP,
  created_at TIMESTAMP NOT NULL,
  created_date DATE NOT NULL,
  paid_at TIMESTAMP
);
COMMENT ON TABLE invoices IS 'Stripe invoices. Grain: one invoice.';
COMMENT ON COLUMN invoices.invoice_id IS 'Stripe invoice id (in_...)';
COMMENT ON COLUMN invoices.customer_id IS 'Stripe customer id';
COMMENT ON COLUMN invoices.subscription_id IS 'Subscription the invoice bills, if any';
COMMENT ON COLUMN invoices.status IS 'draft, open, paid, uncollectible, void';
COMMENT ON COLUMN invoices.currency IS 'ISO 4217, lower-case';
COMMENT ON COLUMN invoices.billing_reason IS 'subscription_create, subscription_cycle, subscription_update, manual, ...';
COMMENT ON COLUMN invoices.subtotal_cents IS 'Sum of lines before discounts and tax';
COMMENT ON COLUMN invoices.discount_cents IS 'Total discounts';
COMMENT ON COLUMN invoices.tax_cents IS 'Total tax';
COMMENT ON COLUMN invoices.total_cents IS 'Total after discounts and tax';
COMMENT ON COLUMN invoices.amount_paid_cents IS 'Amount paid';
COMMENT ON COLUMN invoices.amount_due_cents IS 'Amount due';
COMMENT ON COLUMN invoices.attempt_count IS 'Payment attempts so far';
COMMENT ON COLUMN invoices.period_start IS 'Invoice period start';
COMMENT ON COLUMN invoices.period_end IS 'Invoice period end';
COMMENT ON COLUMN invoices.created_at IS 'When the invoice was created';
COMMENT ON COLUMN invoices.created_date IS 'Day of created_at (UTC); the partition column';
COMMENT ON COLUMN invoices.paid_at IS 'When it was paid';

CREATE TABLE IF NOT EXISTS invoice_lines (
  line_id VARCHAR NOT NULL,
  invoice_id VARCHAR NOT NULL,
  customer_id VARCHAR NOT NULL,
  subscription_id VARCHAR,
  subscription_item_id VARCHAR,
  price_id VARCHAR,
  line_type VARCHAR NOT NULL,
  quantity BIGINT,
  amount_cents BIGINT NOT NULL,
  discount_cents BIGINT NOT NULL,
  tax_cents BIGINT NOT NULL,
  currency VARCHAR NOT NULL,
  is_proration BOOLEAN NOT NULL,
  period_start TIMESTAMP,
  period_end TIMESTAMP,
  invoice_created_date DATE NOT NULL
);
COMMENT ON TABLE invoice_lines IS 'Stripe invoice line items: what invoice-driven MRR is computed from. Grain: one invoice line item.';
COMMENT ON COLUMN invoice_lines.line_id IS 'Stripe invoice line item id (il_...)';
COMMENT ON COLUMN invoice_lines.invoice_id IS 'Invoice the line belongs to';
COMMENT ON COLUMN invoice_lines.customer_id IS 'Stripe customer id';
COMMENT ON COLUMN invoice_lines.subscription_id IS 'Subscription the line bills';
COMMENT ON COLUMN invoice_lines.subscription_item_id IS 'Subscription item the line bills';
COMMENT ON COLUMN invoice_lines.price_id IS 'Price billed';
COMMENT ON COLUMN invoice_lines.line_type IS 'subscription or invoiceitem (one-off)';
COMMENT ON COLUMN invoice_lines.quantity IS 'Quantity billed';
COMMENT ON COLUMN invoice_lines.amount_cents IS 'Line amount before discounts and tax';
COMMENT ON COLUMN invoice_lines.discount_cents IS 'Discounts applied to the line';
COMMENT ON COLUMN invoice_lines.tax_cents IS 'Tax on the line';
COMMENT ON COLUMN invoice_lines.currency IS 'ISO 4217, lower-case';
COMMENT ON COLUMN invoice_lines.is_proration IS 'Whether the line is a proration for a mid-period change';
COMMENT ON COLUMN invoice_lines.period_start IS 'Service period start';
COMMENT ON COLUMN invoice_lines.period_end IS 'Service period end';
COMMENT ON COLUMN invoice_lines.invoice_created_date IS 'Day the invoice was created (UTC); the partition column';

CREATE TABLE IF NOT EXISTS payments (
  payment_id VARCHAR NOT NULL,
  invoice_id VARCHAR,
  customer_id VARCHAR,
  amount_cents BIGINT NOT NULL,
  amount_refunded_cents BIGINT NOT NULL,
  currency VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  failure_code VARCHAR,
  attempted_at TIMESTAMP NOT NULL,
  attempted_date DATE NOT NULL
);
COMMENT ON TABLE payments IS 'Stripe charges: every payment attempt, failed ones included. Grain: one charge attempt.';
COMMENT ON COLUMN payments.payment_id IS 'Stripe charge id (ch_...)';
COMMENT ON COLUMN payments.invoice_id IS 'Invoice paid, if any';
COMMENT ON COLUMN payments.customer_id IS 'Stripe customer id';
COMMENT ON COLUMN payments.amount_cents IS 'Amount attempted';
COMMENT ON COLUMN payments.amount_refunded_cents IS 'Amount refunded';
COMMENT ON COLUMN payments.currency IS 'ISO 4217, lower-case';
COMMENT ON COLUMN payments.status IS 'succeeded, pending or failed';
COMMENT ON COLUMN payments.failure_code IS 'Stripe failure code for failed attempts';
COMMENT ON COLUMN payments.attempted_at IS 'When the charge was attempted';
COMMENT ON COLUMN payments.attempted_date IS 'Day of attempted_at (UTC); the partition column';

CREATE TABLE IF NOT EXISTS chartmogul_customers (
  chartmogul_customer_id VARCHAR NOT NULL,
  external_id VARCHAR,
  name VARCHAR,
  email VARCHAR,
  status VARCHAR,
  mrr_cents BIGINT,
  currency VARCHAR,
  customer_since TIMESTAMP
);
COMMENT ON TABLE chartmogul_customers IS 'ChartMogul customers. Grain: one ChartMogul customer.';
COMMENT ON COLUMN chartmogul_customers.chartmogul_customer_id IS 'ChartMogul customer uuid (cus_...)';
COMMENT ON COLUMN chartmogul_customers.external_id IS 'Id in the billing system (the Stripe customer id)';
COMMENT ON COLUMN chartmogul_customers.name IS 'Customer name';
COMMENT ON COLUMN chartmogul_customers.email IS 'Email, trimmed and lower-cased';
COMMENT ON COLUMN chartmogul_customers.status IS 'ChartMogul status (Active, Past Due, Cancelled, Lead, ...)';
COMMENT ON COLUMN chartmogul_customers.mrr_cents IS 'ChartMogul''s current MRR';
COMMENT ON COLUMN chartmogul_customers.currency IS 'ISO 4217';
COMMENT ON COLUMN chartmogul_customers.customer_since IS 'First paid date per ChartMogul';

CREATE TABLE IF NOT EXISTS chartmogul_activities (
  activity_id VARCHAR NOT NULL,
  activity_at TIMESTAMP NOT NULL,
  activity_date DATE NOT NULL,
  activity_type VARCHAR NOT NULL,
  mrr_movement_cents BIGINT NOT NULL,
  mrr_cents BIGINT,
  arr_cents BIGINT,
  currency VARCHAR,
  chartmogul_customer_id VARCHAR,
  customer_external_id VARCHAR,
  subscription_external_id VARCHAR,
  plan_external_id VARCHAR,
  description VARCHAR
);
COMMENT ON TABLE chartmogul_activities IS 'ChartMogul MRR movements (activities). Grain: one ChartMogul activity.';
COMMENT ON COLUMN chartmogul_activities.activity_id IS 'Activity uuid';
COMMENT ON COLUMN chartmogul_activities.activity_at IS 'When the movement happened';
COMMENT ON COLUMN chartmogul_activities.activity_date IS 'Day of activity_at; the partition column';
COMMENT ON COLUMN chartmogul_activities.activity_type IS 'new_biz, expansion, contraction, churn or reactivation';
COMMENT ON COLUMN chartmogul_activities.mrr_movement_cents IS 'MRR change';
COMMENT ON COLUMN chartmogul_activities.mrr_cents IS 'MRR after the movement';
COMMENT ON COLUMN chartmogul_activities.arr_cents IS 'ARR after the movement';
COMMENT ON COLUMN chartmogul_activities.currency IS 'ISO 4217';
COMMENT ON COLUMN chartmogul_activities.chartmogul_customer_id IS 'Customer uuid';
COMMENT ON COLUMN chartmogul_activities.customer_external_id IS 'Customer id in the billing system';
COMMENT ON COLUMN chartmogul_activities.subscription_external_id IS 'Subscription id in the billing system';
COMMENT ON COLUMN chartmogul_activities.plan_external_id IS 'Plan id in the billing system';
COMMENT ON COLUMN chartmogul_activities.description IS 'ChartMogul''s description';

CREATE TABLE IF NOT EXISTS identity_map (
  identifier_type VARCHAR NOT NULL,
  identifier_value VARCHAR NOT NULL,
  person_id VARCHAR,
  company_id VARCHAR
);
COMMENT ON TABLE identity_map IS 'Every known identifier with the person and company it resolves to. Grain: one identifier.';
COMMENT ON COLUMN identity_map.identifier_type IS 'ga_pseudo_id, user_id, email, lead_id, stripe_customer, chartmogul_customer, account_id or domain';
COMMENT ON COLUMN identity_map.identifier_value IS 'The identifier, normalised (emails trimmed and lower-cased)';
COMMENT ON COLUMN identity_map.person_id IS 'Resolved person (null for company-only identifiers such as domains)';
COMMENT ON COLUMN identity_map.company_id IS 'Resolved company (null for a person with no company)';

CREATE TABLE IF NOT EXISTS dim_company (
  company_id VARCHAR NOT NULL,
  account_id VARCHAR,
  name VARCHAR,
  domain VARCHAR,
  country VARCHAR,
  segment VARCHAR,
  is_customer BOOLEAN NOT NULL,
  mrr_cents BIGINT,
  created_at TIMESTAMP
);
COMMENT ON TABLE dim_company IS 'One row per resolved company, with its account and billing state. Grain: one company.';
COMMENT ON COLUMN dim_company.company_id IS 'Resolved company id';
COMMENT ON COLUMN dim_company.account_id IS 'Backend account id';
COMMENT ON COLUMN dim_company.name IS 'Company name';
COMMENT ON COLUMN dim_company.domain IS 'Business domain';
COMMENT ON COLUMN dim_company.country IS 'ISO 3166-1 alpha-2';
COMMENT ON COLUMN dim_company.segment IS 'Customer segment';
COMMENT ON COLUMN dim_company.is_customer IS 'Has ever paid';
COMMENT ON COLUMN dim_company.mrr_cents IS 'Current MRR in reporting-currency cents';
COMMENT ON COLUMN dim_company.created_at IS 'First seen (account created)';

CREATE TABLE IF NOT EXISTS dim_customer (
  customer_id VARCHAR NOT NULL,
  company_id VARCHAR,
  first_touch_channel VARCHAR,
  first_touch_campaign VARCHAR,
  lead_id VARCHAR,
  first_lead_score DOUBLE,
  trial_started_at TIMESTAMP,
  activated_at TIMESTAMP,
  first_paid_at TIMESTAMP,
  current_plan VARCHAR,
  mrr_cents BIGINT NOT NULL,
  status VARCHAR NOT NULL,
  churned_at TIMESTAMP
);
COMMENT ON TABLE dim_customer IS 'The customer journey in one row: first touch, lead, trial, activation, first payment, plan, MRR, churn. Grain: one paying customer.';
COMMENT ON COLUMN dim_customer.customer_id IS 'Stripe customer id';
COMMENT ON COLUMN dim_customer.company_id IS 'Resolved company';
COMMENT ON COLUMN dim_customer.first_touch_channel IS 'Channel of the first GA4 session (through identity)';
COMMENT ON COLUMN dim_customer.first_touch_campaign IS 'Campaign of the first GA4 session';
COMMENT ON COLUMN dim_customer.lead_id IS 'Lead id';
COMMENT ON COLUMN dim_customer.first_lead_score IS 'First score the lead received';
COMMENT ON COLUMN dim_customer.trial_started_at IS 'Trial start';
COMMENT ON COLUMN dim_customer.activated_at IS 'When the trial activated';
COMMENT ON COLUMN dim_customer.first_paid_at IS 'First successful payment';
COMMENT ON COLUMN dim_customer.current_plan IS 'Current plan (price id)';
COMMENT ON COLUMN dim_customer.mrr_cents IS 'Current MRR in reporting-currency cents';
COMMENT ON COLUMN dim_customer.status IS 'active, past_due, churned';
COMMENT ON COLUMN dim_customer.churned_at IS 'When the customer churned';

CREATE TABLE IF NOT EXISTS dim_user (
  user_id VARCHAR NOT NULL,
  person_id VARCHAR,
  company_id VARCHAR,
  email VARCHAR,
  role VARCHAR,
  created_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE dim_user IS 'Backend users with their resolved person and company. Grain: one backend user.';
COMMENT ON COLUMN dim_user.user_id IS 'Backend user id';
COMMENT ON COLUMN dim_user.person_id IS 'Resolved person';
COMMENT ON COLUMN dim_user.company_id IS 'Resolved company';
COMMENT ON COLUMN dim_user.email IS 'Normalised email';
COMMENT ON COLUMN dim_user.role IS 'Role in the account';
COMMENT ON COLUMN dim_user.created_at IS 'When the user was created';

CREATE TABLE IF NOT EXISTS fact_subscription (
  subscription_id VARCHAR NOT NULL,
  date DATE NOT NULL,
  customer_id VARCHAR NOT NULL,
  company_id VARCHAR,
  status VARCHAR NOT NULL,
  mrr_cents BIGINT NOT NULL
);
COMMENT ON TABLE fact_subscription IS 'Each subscription on each day it is live, with its MRR. Grain: subscription x day it is live.';
COMMENT ON COLUMN fact_subscription.subscription_id IS 'Stripe subscription id';
COMMENT ON COLUMN fact_subscription.date IS 'The day; the partition column';
COMMENT ON COLUMN fact_subscription.customer_id IS 'Stripe customer id';
COMMENT ON COLUMN fact_subscription.company_id IS 'Resolved company';
COMMENT ON COLUMN fact_subscription.status IS 'Status on that day';
COMMENT ON COLUMN fact_subscription.mrr_cents IS 'MRR that day in reporting-currency cents';

CREATE TABLE IF NOT EXISTS fact_revenue (
  movement_id VARCHAR NOT NULL,
  customer_id VARCHAR NOT NULL,
  company_id VARCHAR,
  movement_date DATE NOT NULL,
  movement_type VARCHAR NOT NULL,
  mrr_before_cents BIGINT NOT NULL,
  mrr_after_cents BIGINT NOT NULL,
  mrr_delta_cents BIGINT NOT NULL
);
COMMENT ON TABLE fact_revenue IS 'MRR movements, invoice-driven as ChartMogul computes them. Grain: one MRR movement.';
COMMENT ON COLUMN fact_revenue.movement_id IS 'Stable hash of customer, date and type';
COMMENT ON COLUMN fact_revenue.customer_id IS 'Stripe customer id';
COMMENT ON COLUMN fact_revenue.company_id IS 'Resolved company';
COMMENT ON COLUMN fact_revenue.movement_date IS 'Day of the movement; the partition column';
COMMENT ON COLUMN fact_revenue.movement_type IS 'new, expansion, contraction, churn or reactivation';
COMMENT ON COLUMN fact_revenue.mrr_before_cents IS 'Customer MRR before';
COMMENT ON COLUMN fact_revenue.mrr_after_cents IS 'Customer MRR after';
COMMENT ON COLUMN fact_revenue.mrr_delta_cents IS 'mrr_after - mrr_before';

CREATE TABLE IF NOT EXISTS fact_usage (
  company_id VARCHAR NOT NULL,
  feature VARCHAR NOT NULL,
  date DATE NOT NULL,
  events BIGINT NOT NULL,
  active_users BIGINT NOT NULL
);
COMMENT ON TABLE fact_usage IS 'Product usage per company, feature and day. Grain: company x feature x day.';
COMMENT ON COLUMN fact_usage.company_id IS 'Resolved company';
COMMENT ON COLUMN fact_usage.feature IS 'Product feature';
COMMENT ON COLUMN fact_usage.date IS 'The day; the partition column';
COMMENT ON COLUMN fact_usage.events IS 'Product events';
COMMENT ON COLUMN fact_usage.active_users IS 'Distinct users with an event';

CREATE TABLE IF NOT EXISTS fact_web_visitors (
  month DATE NOT NULL,
  channel VARCHAR NOT NULL,
  visitors BIGINT NOT NULL
);
COMMENT ON TABLE fact_web_visitors IS 'Web visitors per month and acquisition channel: each GA4 visitor (user_pseudo_id) counts once a month, under the channel of its first session_start that month. The funnel''s first stage, so the dashboard reads channels the marts classified instead of classifying events itself. Grain: month x channel.';
COMMENT ON COLUMN fact_web_visitors.month IS 'First day of the month (UTC event date)';
COMMENT ON COLUMN fact_web_visitors.channel IS 'Acquisition channel of the visitor''s first session that month, as fact_lead''s';
COMMENT ON COLUMN fact_web_visitors.visitors IS 'Distinct visitors';

CREATE TABLE IF NOT EXISTS fact_trial (
  trial_id VARCHAR NOT NULL,
  company_id VARCHAR NOT NULL,
  started_at TIMESTAMP NOT NULL,
  account_id VARCHAR,
  trial_ends_at TIMESTAMP NOT NULL,
  activated_at TIMESTAMP,
  converted_at TIMESTAMP,
  lead_id VARCHAR,
  lead_score DOUBLE,
  channel VARCHAR
);
COMMENT ON TABLE fact_trial IS 'Every trial with its activation and conversion, and the lead-quality inputs. Grain: one trial.';
COMMENT ON COLUMN fact_trial.trial_id IS 'Stable id of the trial (company and start)';
COMMENT ON COLUMN fact_trial.company_id IS 'Resolved company';
COMMENT ON COLUMN fact_trial.started_at IS 'Trial start';
COMMENT ON COLUMN fact_trial.account_id IS 'Backend account that ran the trial';
COMMENT ON COLUMN fact_trial.trial_ends_at IS 'When the trial ends / ended';
COMMENT ON COLUMN fact_trial.activated_at IS 'When the company reached activation in the trial (dictionary: activation)';
COMMENT ON COLUMN fact_trial.converted_at IS 'First payment within the conversion window (trial end + 30 days)';
COMMENT ON COLUMN fact_trial.lead_id IS 'Lead behind the trial';
COMMENT ON COLUMN fact_trial.lead_score IS 'Lead score at trial start (LQI input)';
COMMENT ON COLUMN fact_trial.channel IS 'Acquisition channel';

CREATE TABLE IF NOT EXISTS fact_lead (
  lead_id VARCHAR NOT NULL,
  person_id VARCHAR,
  company_id VARCHAR,
  created_at TIMESTAMP NOT NULL,
  source VARCHAR,
  channel VARCHAR,
  first_score DOUBLE,
  first_scored_at TIMESTAMP,
  is_qualified BOOLEAN NOT NULL,
  converted_at TIMESTAMP
);
COMMENT ON TABLE fact_lead IS 'Every lead with its first score and outcome: the Lead Quality Index inputs. Grain: one lead.';
COMMENT ON COLUMN fact_lead.lead_id IS 'Lead id';
COMMENT ON COLUMN fact_lead.person_id IS 'Resolved person';
COMMENT ON COLUMN fact_lead.company_id IS 'Resolved company (null for a free-mail lead never matched)';
COMMENT ON COLUMN fact_lead.created_at IS 'When the lead was created';
COMMENT ON COLUMN fact_lead.source IS 'Lead source';
COMMENT ON COLUMN fact_lead.channel IS 'Acquisition channel from the lead''s UTM source / medium';
COMMENT ON COLUMN fact_lead.first_score IS 'Score of the first scoring run after creation (re-scoring never rewrites it)';
COMMENT ON COLUMN fact_lead.first_scored_at IS 'When the first score was computed';
COMMENT ON COLUMN fact_lead.is_qualified IS 'first_score >= the dictionary''s qualification threshold';
COMMENT ON COLUMN fact_lead.converted_at IS 'First payment of the lead''s company, if it ever paid';

CREATE TABLE IF NOT EXISTS fact_cohort_retention (
  cohort_month DATE NOT NULL,
  months_since_first_payment BIGINT NOT NULL,
  cohort_customers BIGINT NOT NULL,
  cohort_mrr_cents BIGINT NOT NULL,
  customers_retained BIGINT NOT NULL,
  mrr_retained_cents BIGINT NOT NULL
);
COMMENT ON TABLE fact_cohort_retention IS 'Customer and MRR retention by cohort (month of first payment) and months since first payment. Grain: cohort month x months since first payment.';
COMMENT ON COLUMN fact_cohort_retention.cohort_month IS 'First day of the month of the customers'' first payment';
COMMENT ON COLUMN fact_cohort_retention.months_since_first_payment IS '0 for the cohort month itself';
COMMENT ON COLUMN fact_cohort_retention.cohort_customers IS 'Customers in the cohort';
COMMENT ON COLUMN fact_cohort_retention.cohort_mrr_cents IS 'The cohort''s MRR at the end of its first month';
COMMENT ON COLUMN fact_cohort_retention.customers_retained IS 'Cohort customers paying at the end of that month';
COMMENT ON COLUMN fact_cohort_retention.mrr_retained_cents IS 'The cohort''s MRR at the end of that month (expansion included)';

CREATE TABLE IF NOT EXISTS metric_daily (
  metric VARCHAR NOT NULL,
  date DATE NOT NULL,
  dimension VARCHAR NOT NULL,
  value DOUBLE NOT NULL
);
COMMENT ON TABLE metric_daily IS 'The dictionary''s metrics per day. Rates are fractions in [0, 1]; money in reporting-currency cents. Grain: metric x day (x dimension).';
COMMENT ON COLUMN metric_daily.metric IS 'Metric name from the metrics dictionary';
COMMENT ON COLUMN metric_daily.date IS 'The day; the partition column';
COMMENT ON COLUMN metric_daily.dimension IS 'Dimension value (feature, channel) or ''all''';
COMMENT ON COLUMN metric_daily.value IS 'Metric value';

CREATE TABLE IF NOT EXISTS metric_monthly (
  metric VARCHAR NOT NULL,
  month DATE NOT NULL,
  dimension VARCHAR NOT NULL,
  value DOUBLE NOT NULL
);
COMMENT ON TABLE metric_monthly IS 'The dictionary''s metrics per month. Grain: metric x month (x dimension).';
COMMENT ON COLUMN metric_monthly.metric IS 'Metric name from the metrics dictionary';
COMMENT ON COLUMN metric_monthly.month IS 'First day of the month; the partition column';
COMMENT ON COLUMN metric_monthly.dimension IS 'Dimension value (feature, channel) or ''all''';
COMMENT ON COLUMN metric_monthly.value IS 'Metric value';

CREATE TABLE IF NOT EXISTS metric_xmr (
  metric VARCHAR NOT NULL,
  period DATE NOT NULL,
  value DOUBLE NOT NULL,
  centre DOUBLE NOT NULL,
  lower_limit DOUBLE NOT NULL,
  upper_limit DOUBLE NOT NULL,
  moving_range DOUBLE,
  upper_range_limit DOUBLE NOT NULL,
  signal VARCHAR NOT NULL
);
COMMENT ON TABLE metric_xmr IS 'XmR (process behaviour) chart per metric: natural process limits and signals (Wheeler). Grain: metric x period.';
COMMENT ON COLUMN metric_xmr.metric IS 'Metric name';
COMMENT ON COLUMN metric_xmr.period IS 'Period start (day or month)';
COMMENT ON COLUMN metric_xmr.value IS 'Metric value';
COMMENT ON COLUMN metric_xmr.centre IS 'Centre line: mean of the baseline values';
COMMENT ON COLUMN metric_xmr.lower_limit IS 'Lower natural process limit: centre - 2.66 x average moving range';
COMMENT ON COLUMN metric_xmr.upper_limit IS 'Upper natural process limit: centre + 2.66 x average moving range';
COMMENT ON COLUMN metric_xmr.moving_range IS '|value - previous value| (null for the first point)';
COMMENT ON COLUMN metric_xmr.upper_range_limit IS '3.268 x average moving range';
COMMENT ON COLUMN metric_xmr.signal IS 'none, beyond_limits, run_of_8, three_of_four or range_above_limit';

CREATE TABLE IF NOT EXISTS reconciliation (
  check_name VARCHAR NOT NULL,
  customer_id VARCHAR NOT NULL,
  company_id VARCHAR,
  month DATE NOT NULL,
  source_a VARCHAR NOT NULL,
  value_a VARCHAR,
  source_b VARCHAR NOT NULL,
  value_b VARCHAR,
  difference DOUBLE,
  likely_cause VARCHAR NOT NULL
);
COMMENT ON TABLE reconciliation IS 'Where two sources disagree about a customer''s month (MRR, paying state, plan), with the likely cause. Grain: check x customer x month.';
COMMENT ON COLUMN reconciliation.check_name IS 'Which comparison, e.g. stripe_vs_chartmogul_mrr';
COMMENT ON COLUMN reconciliation.customer_id IS 'Stripe customer id';
COMMENT ON COLUMN reconciliation.company_id IS 'Resolved company';
COMMENT ON COLUMN reconciliation.month IS 'First day of the month compared';
COMMENT ON COLUMN reconciliation.source_a IS 'First source (e.g. stripe)';
COMMENT ON COLUMN reconciliation.value_a IS 'First source''s value';
COMMENT ON COLUMN reconciliation.source_b IS 'Second source (e.g. chartmogul, backend)';
COMMENT ON COLUMN reconciliation.value_b IS 'Second source''s value';
COMMENT ON COLUMN reconciliation.difference IS 'value_a - value_b where both are numbers';
COMMENT ON COLUMN reconciliation.likely_cause IS 'Most likely cause, in words';
