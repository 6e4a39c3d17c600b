-- The GA4 job as a data engineer would write it in DuckDB SQL: the bench's peer for the GA4
-- pipeline (./suite bench; Ga4SqlPeer). It reads the same export files, keeps the same rows and
-- writes the same events_web columns; the bench compares both tables row for row (EXCEPT ALL both
-- ways), so a difference here shows in every bench report.
--
-- Each rule mirrors Ga4EventParser (sources/ga4), which stays the one home of the rules; this is
-- a copy kept honest by that comparison:
-- - only the needed columns are read; INT64 arrives as a JSON number or a string of digits, so it
--   is read as text and cast; stream_id is a string or an integer, anything else dead-letters it;
--   other text fields are taken as DuckDB casts them (the pipeline rejects, say, a numeric
--   event_name; the demo has none);
-- - a row the pipeline dead-letters is dropped (malformed JSON, no date or timestamp, timestamp
--   out of range or more than a day from event_date, blank event name or pseudo id, a date or time
--   from 2100 on, params over 1 MiB characters: StorableValues). What is not
--   mirrored, because the demo and the bench never hold it: a param key repeated in one row (the
--   pipeline keeps the last), a float or double param (Java and DuckDB print doubles differently,
--   e.g. 1.0E7 against 10000000.0, so its event_id would differ);
-- - params become one JSON object sorted by key with the one typed slot that is set, and the
--   event id is the first 16 bytes (32 hex digits) of SHA-256 over the pipeline's key fields
--   joined by U+001F (a null written as 'null', as Java's String.valueOf does);
-- - the latest row per event_id is kept. Rows sharing an event_id share its timestamp, so the
--   pipeline's tie-break (RowCoder bytes) decides between them; here the larger row by columns
--   does. The two agree for exact duplicates, the only kind in the demo.
-- The files placeholder (two braces around "files") is the glob of export files, as a SQL string literal.
CREATE TABLE events_web AS
WITH raw AS (
  SELECT * FROM read_ndjson({{files}},
    columns = {
      event_date: 'VARCHAR', event_timestamp: 'VARCHAR', event_name: 'VARCHAR',
      user_pseudo_id: 'VARCHAR', user_id: 'VARCHAR', stream_id: 'JSON',
      event_params: 'STRUCT(key VARCHAR, value STRUCT(string_value VARCHAR, int_value VARCHAR, float_value DOUBLE, double_value DOUBLE))[]',
      device: 'STRUCT(category VARCHAR)',
      geo: 'STRUCT(country VARCHAR)',
      collected_traffic_source: 'STRUCT(manual_source VARCHAR, manual_medium VARCHAR, manual_campaign_name VARCHAR, gclid VARCHAR)',
      batch_page_id: 'VARCHAR', batch_ordering_id: 'VARCHAR', batch_event_index: 'VARCHAR'},
    ignore_errors = true)
), typed AS (
  SELECT * REPLACE (stream_id ->> '$' AS stream_id),
    coalesce(json_type(stream_id) IN ('VARCHAR', 'BIGINT', 'UBIGINT', 'NULL'), true) AS stream_id_ok,
    try_strptime(event_date, '%Y%m%d')::DATE AS day,
    TRY_CAST(event_timestamp AS BIGINT) AS micros,
    -- k: key; j: the value as JSON (for params); t: the value as text (for lookups)
    list_transform(event_params, lambda p: struct_pack(
      k := p.key,
      j := CASE WHEN p.value.string_value IS NOT NULL THEN to_json(p.value.string_value)
                WHEN p.value.int_value IS NOT NULL THEN CAST(CAST(p.value.int_value AS BIGINT) AS VARCHAR)
                WHEN p.value.double_value IS NOT NULL THEN CAST(p.value.double_value AS VARCHAR)
                WHEN p.value.float_value IS NOT NULL THEN CAST(p.value.float_value AS VARCHAR)
                ELSE 'null' END,
      t := coalesce(p.value.string_value, CAST(CAST(p.value.int_value AS BIGINT) AS VARCHAR)))) AS ps
  FROM raw
), flat AS (
  SELECT *,
    '{' || array_to_string(list_transform(list_sort(ps), lambda x: to_json(x.k) || ':' || x.j), ',') || '}' AS params,
    map_from_entries(list_transform(ps, lambda x: struct_pack(k := x.k, v := x.t))) AS pm
  FROM typed
  WHERE stream_id_ok AND day IS NOT NULL AND micros > 0 AND micros <= 7258118400000000
    AND abs(day - CAST(make_timestamp(micros) AS DATE)) <= 1
    AND trim(event_name) <> '' AND trim(user_pseudo_id) <> ''
    AND day < DATE '2100-01-01' AND micros < 4102444800000000
), storable AS (
  SELECT * FROM flat WHERE length(params) <= 1048576
), sessions AS (
  SELECT *,
    CASE WHEN pm['ga_session_id'] IS NOT NULL THEN user_pseudo_id || '.' || pm['ga_session_id'] END AS session_id
  FROM storable
)
SELECT
  substr(sha256(concat_ws(chr(31), CAST(day AS VARCHAR), coalesce(stream_id, 'null'), user_pseudo_id,
      coalesce(session_id, 'null'), event_name, CAST(micros AS VARCHAR), params,
      coalesce(CAST(CAST(batch_page_id AS BIGINT) AS VARCHAR), 'null'),
      coalesce(CAST(CAST(batch_ordering_id AS BIGINT) AS VARCHAR), 'null'),
      coalesce(CAST(CAST(batch_event_index AS BIGINT) AS VARCHAR), 'null'))), 1, 32) AS event_id,
  make_timestamp(micros // 1000 * 1000) AS event_ts,
  day AS event_date,
  event_name,
  user_pseudo_id,
  user_id,
  session_id,
  CAST(pm['ga_session_number'] AS BIGINT) AS ga_session_number,
  stream_id,
  pm['page_location'] AS page_location,
  pm['page_referrer'] AS page_referrer,
  pm['page_title'] AS page_title,
  coalesce(collected_traffic_source.manual_source, pm['source']) AS utm_source,
  coalesce(collected_traffic_source.manual_medium, pm['medium']) AS utm_medium,
  coalesce(collected_traffic_source.manual_campaign_name, pm['campaign']) AS utm_campaign,
  device.category AS device_category,
  geo.country AS country,
  params,
  coalesce(collected_traffic_source.gclid, pm['gclid']) AS gclid,
  CASE WHEN pm['session_engaged'] IS NOT NULL OR pm['engaged_session_event'] IS NOT NULL
    THEN coalesce(pm['session_engaged'] = '1', false) OR coalesce(pm['engaged_session_event'] = '1', false)
  END AS session_engaged
FROM sessions
QUALIFY row_number() OVER (
  PARTITION BY event_id
  ORDER BY event_ts DESC, user_id DESC, utm_source DESC, utm_medium DESC, utm_campaign DESC,
           device_category DESC, country DESC) = 1
