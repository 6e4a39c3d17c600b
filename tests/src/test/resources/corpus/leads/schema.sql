-- The lead-scoring corpus: text columns (a messy replica) so bad values can exist. corpus_case says
-- what each row exercises ('good' rows are the control set).
CREATE TABLE leads (lead_id text, email text, company_domain text, source text, utm_source text, utm_medium text,
  utm_campaign text, ga_client_id text, created_at text, updated_at text, status text, corpus_case text);
CREATE TABLE lead_scores (run_id text, lead_id text, scored_at text, score text, grade text, model_version text,
  corpus_case text);
