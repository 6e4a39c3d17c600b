-- The backend corpus: loose text columns (as a messy replica would have) so bad values can exist;
-- occurred_at is a real DATETIME because the product-event read is partitioned on it. corpus_case
-- says what each row exercises ('good' rows are the control set).
CREATE TABLE accounts (
  account_id TEXT, name TEXT, domain TEXT, country TEXT, segment TEXT, plan TEXT, status TEXT,
  stripe_customer_id TEXT, created_at TEXT, trial_ends_at TEXT, updated_at TEXT, corpus_case TEXT
) DEFAULT CHARSET = utf8mb4;
CREATE TABLE users (
  user_id TEXT, account_id TEXT, email TEXT, role LONGTEXT, created_at TEXT, corpus_case TEXT
) DEFAULT CHARSET = utf8mb4;
CREATE TABLE product_events (
  event_id BIGINT, user_id TEXT, account_id TEXT, event_name TEXT, feature TEXT, occurred_at DATETIME NULL,
  properties TEXT, corpus_case TEXT
) DEFAULT CHARSET = utf8mb4;
