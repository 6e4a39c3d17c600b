#!/usr/bin/env bash
# Offline check of the lean Dataflow jar (build it first: mvn -B -Pdataflow -Dsuite.cliJar.skip=true
# -pl templates -am package -DskipTests). No Google Cloud is contacted:
#  1. the jar holds none of the local-only code or libraries (demo, CLI, embedded databases, Flink, DuckDB);
#  2. for the pipelines whose launch needs no source system (ga4 from files, enrichment), the jar's
#     FlexTemplateMain builds the pipeline and the DataflowRunner translates it into a job spec, written
#     to a local file (--templateLocation) instead of being submitted: every class the launcher loads
#     up to submission is in the jar. Credentials are a no-op factory and staging is a local folder.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="${1:-$here/target/suite-dataflow.jar}"
[[ -f "$jar" ]] || { echo "no jar at $jar; build it with the dataflow profile first" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "jar: $jar ($(( $(stat -c %s "$jar") / 1024 / 1024 )) MB)"
forbidden='^(org/duckdb/|org/apache/flink/|ch/vorburger/|io/zonky/|org/apache/beam/runners/flink/|org/apache/beam/runners/direct/|io/intelligencesuite/pipelines/(demo|local|cli|bench)/)'
if unzip -Z1 "$jar" | grep -Eq "$forbidden"; then
  echo "FAIL: local-only classes in the lean jar:" >&2
  unzip -Z1 "$jar" | grep -E "$forbidden" | cut -d/ -f1-4 | sort -u | head >&2
  exit 1
fi
echo "ok: no demo, CLI, embedded-database, Flink, direct-runner or DuckDB classes"

printf '%s\n' '{"event_date":"20261001","event_timestamp":"1790000000000000","event_name":"page_view","user_pseudo_id":"1.2"}' \
  > "$work/events_20261001.ndjson"
printf '%s\n' '{"id":"s1"}' > "$work/swanai.ndjson"
translate() {
  local name="$1"; shift
  mkdir -p "$work/staging-$name"
  GOOGLE_APPLICATION_CREDENTIALS=/nonexistent/no-credentials.json java -jar "$jar" --pipeline="$name" \
    --warehouse=bigquery:offline-check.analytics --project=offline-check --region=europe-west1 \
    --tempLocation=gs://offline-check/tmp --gcpTempLocation=gs://offline-check/tmp \
    --stagingLocation="$work/staging-$name" --templateLocation="$work/$name-job.json" \
    --pathValidatorClass=org.apache.beam.sdk.extensions.gcp.storage.NoopPathValidator \
    --credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory \
    "$@" > "$work/$name.log" 2>&1 || { echo "FAIL: $name did not translate; log:" >&2; tail -40 "$work/$name.log" >&2; exit 1; }
  local steps
  steps="$(grep -o '"user_name"' "$work/$name-job.json" | wc -l)"
  [[ "$steps" -gt 0 ]] || { echo "FAIL: $name job spec has no steps" >&2; exit 1; }
  echo "ok: $name translated for Dataflow offline ($steps steps)"
}
translate ga4 --ga4ExportFiles="$work/events_*.ndjson" --startDate=2026-10-01 --endDate=2026-10-01
translate enrichment --enrichmentFiles="swanai=$work/swanai.ndjson"
