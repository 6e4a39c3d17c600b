#!/usr/bin/env bash
# Offline check of the lean Dataflow jar (build it first: mvn -B
# -pl templates -am package -DskipTests). No Google Cloud is contacted:
#  1. the jar holds none of the local-only code or libraries (demo, CLI, embedded databases, Flink, DuckDB);
#  2. for the pipelines whose launch needs no source system (ga4 from files, enrichment, the API
#     sources stripe and chartmogul, which page through their APIs inside the pipeline, identity,
#     marts), the jar's FlexTemplateMain builds the pipeline and the DataflowRunner translates it into a job spec,
#     written to a local file (--templateLocation) instead of being submitted: every class the launcher
#     loads up to submission is in the jar. Credentials are a no-op factory, staging is a local folder,
#     and BigQuery is smoke/FakeBigQuery.java on a local port (--bigQueryEndpoint): it answers the
#     dataset and table lookups a launcher makes (BigQueryIO's validation, read-size estimates);
#  3. the pipelines that check their source at launch (backend, lead-scoring), pointed at
#     a closed local port, fail with their own "cannot connect" message: drivers and clients are there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="${1:-$here/target/suite-dataflow.jar}"
[[ -f "$jar" ]] || { echo "no jar at $jar; build it with the dataflow profile first" >&2; exit 2; }
work="$(mktemp -d)"
bq_pid=""
trap '[[ -z "$bq_pid" ]] || kill "$bq_pid" 2>/dev/null; rm -rf "$work"' EXIT

echo "jar: $jar ($(( $(stat -c %s "$jar") / 1024 / 1024 )) MB)"
forbidden='^(org/duckdb/|org/apache/flink/|ch/vorburger/|io/zonky/|org/apache/beam/runners/flink/|org/apache/beam/runners/direct/|io/intelligencesuite/local/)'
if unzip -Z1 "$jar" | grep -Eq "$forbidden"; then
  echo "FAIL: local-only classes in the lean jar:" >&2
  unzip -Z1 "$jar" | grep -E "$forbidden" | cut -d/ -f1-4 | sort -u | head >&2
  exit 1
fi
echo "ok: no demo, CLI, embedded-database, Flink, direct-runner or DuckDB classes"

# The fake BigQuery: a single-file Java program (no build), listening on a free local port.
java "$here/smoke/FakeBigQuery.java" "$work/bigquery.port" 2> "$work/bigquery.log" &
bq_pid=$!
for _ in $(seq 120); do [[ -s "$work/bigquery.port" ]] && break; sleep 0.5; done
[[ -s "$work/bigquery.port" ]] || { echo "FAIL: the fake BigQuery did not start:" >&2; cat "$work/bigquery.log" >&2; exit 1; }
bigquery="http://127.0.0.1:$(<"$work/bigquery.port")/"

printf '%s\n' '{"event_date":"20261001","event_timestamp":"1790000000000000","event_name":"page_view","user_pseudo_id":"1.2"}' \
  > "$work/events_20261001.ndjson"
printf '%s\n' '{"id":"s1"}' > "$work/swanai.ndjson"
launcher() {
  local name="$1"; shift
  mkdir -p "$work/staging-$name"
  GOOGLE_APPLICATION_CREDENTIALS=/nonexistent/no-credentials.json STRIPE_API_KEY=sk_test_offline \
  CHARTMOGUL_API_KEY=offline java -jar "$jar" --pipeline="$name" \
    --warehouse=bigquery:offline-check.analytics --project=offline-check --region=europe-west1 \
    --tempLocation=gs://offline-check/tmp --gcpTempLocation=gs://offline-check/tmp --bigQueryEndpoint="$bigquery" \
    --stagingLocation="$work/staging-$name" --templateLocation="$work/$name-job.json" \
    --pathValidatorClass=org.apache.beam.sdk.extensions.gcp.storage.NoopPathValidator \
    --credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory \
    "$@" > "$work/$name.log" 2>&1
}

fails_at_source() {
  local name="$1" expected="$2"; shift 2
  if launcher "$name" "$@"; then
    echo "FAIL: $name launched against a closed port" >&2; exit 1
  fi
  if grep -Eq 'NoClassDefFoundError|ClassNotFoundException' "$work/$name.log" || ! grep -q "$expected" "$work/$name.log"; then
    echo "FAIL: $name did not fail with '$expected'; log:" >&2; tail -40 "$work/$name.log" >&2; exit 1
  fi
  echo "ok: $name reaches its source at launch (fails with: $expected)"
}

translate() {
  local name="$1"; shift
  launcher "$name" "$@" || { echo "FAIL: $name did not translate; log:" >&2; tail -40 "$work/$name.log" >&2; exit 1; }
  # A graph too large to send inline (over 10 MB) is staged as a file the spec names (stepsLocation).
  local spec="$work/$name-job.json" steps_file steps
  steps_file="$(grep -o '"stepsLocation" *: *"[^"]*"' "$spec" | sed 's/.*: *"//; s/"$//')" || true
  steps="$(grep -o '"kind" *: *"[A-Za-z]*"' "${steps_file:-$spec}" | wc -l)"
  [[ "$steps" -gt 0 ]] || { echo "FAIL: $name job spec has no steps" >&2; exit 1; }
  echo "ok: $name translated for Dataflow offline ($steps steps$([[ -z "$steps_file" ]] || echo ", graph of $(( $(stat -c %s "$steps_file") / 1024 / 1024 )) MB staged"))"
}
translate ga4 --ga4ExportFiles="$work/events_*.ndjson" --startDate=2026-10-01 --endDate=2026-10-01
translate enrichment --enrichmentFiles="swanai=$work/swanai.ndjson"
translate stripe --stripeApiBase=http://127.0.0.1:9
translate chartmogul --chartmogulApiBase=http://127.0.0.1:9
translate identity
translate marts
echo "   BigQuery lookups at launch: $(grep -c '/datasets/[^/?]*?' "$work/bigquery.log") dataset, $(grep -c '/tables/' "$work/bigquery.log") table"
fails_at_source backend "Cannot connect to the backend database at 127.0.0.1:9" \
  --backendJdbcUrl=jdbc:mariadb://127.0.0.1:9/app --backendUser=offline
fails_at_source lead-scoring "Cannot connect to the lead-scoring database at 127.0.0.1:9" \
  --leadsJdbcUrl=jdbc:postgresql://127.0.0.1:9/postgres --leadsUser=offline
