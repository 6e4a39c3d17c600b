#!/usr/bin/env bash
# Deploys the Intelligence Suite to Google Cloud: builds the lean Dataflow jar and the one launcher
# image, pushes it to Artifact Registry, builds one flex template per pipeline into
# gs://BUCKET/templates/NAME.json, deploys the launch workflow (templates/workflows/launch.yaml, which
# names each job suite-NAME-YYYYMMDD-HHMMSS) and the daily workflow (templates/workflows/daily.yaml:
# sources in parallel, then identity, marts, check and reconcile, each once what it reads succeeded),
# creates or updates the Cloud Scheduler jobs (suite-daily, and one per pipeline with a cron of its own,
# the hourly ones) with the bodies of templates/scheduler/NAME.json, the config's values filled in, and
# an alert policy on failed executions of the daily workflow.
#
#   templates/deploy.sh [--config=FILE] [--dry-run] [--out=DIR]        deploy everything
#   templates/deploy.sh [--config=FILE] [--dry-run] launch NAME [--param=value ...]
#                       launch one pipeline now through the same workflow (same body as its schedule,
#                       plus the given parameters), e.g. to rerun a window: launch ga4 --startDate=... --endDate=...
#
# Every GCP name comes from the config file (default templates/deploy.env; see deploy.env.example).
# --dry-run prints every command instead of running it (and still renders the bodies, locally).
# The metadata and scheduler bodies are generated from the pipelines' options and checked in; after
# changing an option, regenerate them (see templates/README.md) before deploying.
set -euo pipefail
# bash 5.2 would expand '&' in a ${var//pattern/replacement} replacement (a JDBC URL's query string).
shopt -u patsub_replacement 2>/dev/null || true

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
config="$here/deploy.env"
dry_run=false
out=""
command="deploy"
launch_pipeline=""
launch_extra=()

die() { echo "deploy.sh: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --config=*) config="${1#--config=}" ;;
    --dry-run) dry_run=true ;;
    --out=*) out="${1#--out=}" ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    launch)
      command="launch"
      [[ $# -ge 2 ]] || die "launch needs a pipeline name: launch NAME [--param=value ...]"
      launch_pipeline="$2"; shift
      ;;
    --*=*)
      [[ "$command" == "launch" ]] || die "unknown option $1 (parameters go after: launch NAME --param=value)"
      launch_extra+=("$1")
      ;;
    *) die "unknown argument '$1'; see --help" ;;
  esac
  shift
done

# --- config: KEY=VALUE lines, read as data (never sourced) --------------------------------------
declare -A cfg=()
[[ -f "$config" ]] || die "no config at $config: copy templates/deploy.env.example to templates/deploy.env and fill it in"
while IFS= read -r line || [[ -n "$line" ]]; do
  line="${line%$'\r'}"
  [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
  [[ "$line" =~ ^([A-Z][A-Z0-9_]*)=(.*)$ ]] || die "$config: cannot read '$line' (expected KEY=VALUE)"
  key="${BASH_REMATCH[1]}"; value="${BASH_REMATCH[2]}"
  if [[ "$value" =~ ^\"(.*)\"$ || "$value" =~ ^\'(.*)\'$ ]]; then value="${BASH_REMATCH[1]}"; fi
  cfg["$key"]="$value"
done < "$config"

need() {
  local key="$1"
  [[ -n "${cfg[$key]:-}" ]] || die "$config does not set $key"
  printf '%s' "${cfg[$key]}"
}

PROJECT="$(need PROJECT)"
REGION="$(need REGION)"
BUCKET="$(need BUCKET)"
AR_REPO="$(need AR_REPO)"
WORKER_SERVICE_ACCOUNT="$(need WORKER_SERVICE_ACCOUNT)"
SCHEDULER_SERVICE_ACCOUNT="$(need SCHEDULER_SERVICE_ACCOUNT)"
IMAGE_NAME="${cfg[IMAGE_NAME]:-suite-dataflow}"
IMAGE_TAG="${cfg[IMAGE_TAG]:-$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || date -u +%Y%m%d%H%M%S)}"
SCHEDULER_REGION="${cfg[SCHEDULER_REGION]:-$REGION}"
WORKFLOW_REGION="${cfg[WORKFLOW_REGION]:-$REGION}"
SCHEDULE_TIME_ZONE="${cfg[SCHEDULE_TIME_ZONE]:-Etc/UTC}"
BUILDER="${cfg[BUILDER]:-cloudbuild}"
IMAGE="${REGION}-docker.pkg.dev/${PROJECT}/${AR_REPO}/${IMAGE_NAME}:${IMAGE_TAG}"
JAR="$root/templates/target/suite-dataflow.jar"
WORKFLOW="suite-launch"
EXECUTIONS_URI="https://workflowexecutions.googleapis.com/v1/projects/${PROJECT}/locations/${WORKFLOW_REGION}/workflows/${WORKFLOW}/executions"
DAILY_WORKFLOW="suite-daily"
DAILY_EXECUTIONS_URI="https://workflowexecutions.googleapis.com/v1/projects/${PROJECT}/locations/${WORKFLOW_REGION}/workflows/${DAILY_WORKFLOW}/executions"
DAILY_SCHEDULE="${cfg[DAILY_SCHEDULE]:-0 6 * * *}"
ON_SOURCE_FAILURE="${cfg[ON_SOURCE_FAILURE]:-fail}"
[[ "$ON_SOURCE_FAILURE" == "fail" || "$ON_SOURCE_FAILURE" == "run_on_yesterday" ]] \
  || die "$config: ON_SOURCE_FAILURE=$ON_SOURCE_FAILURE; use fail or run_on_yesterday"
ALERT_NOTIFICATION_CHANNELS="${cfg[ALERT_NOTIFICATION_CHANNELS]:-}"
DATASET="$(need DATASET)"
# BigQuery location of the warehouse dataset; default REGION (its jobs must run where the data is).
BQ_LOCATION="${cfg[BQ_LOCATION]:-$REGION}"
# Written by the schemas build (step 1) from the registry: bq schema files and one line per table.
BQ_SCHEMAS="$root/schemas/target/generated-schemas/bq"

if [[ -z "$out" ]]; then
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"

# --- running or printing commands ----------------------------------------------------------------
# Prints a command so that it can be pasted into a shell: plain words as they are, others quoted.
show() {
  local arg quoted=()
  for arg in "$@"; do
    if [[ "$arg" =~ ^[A-Za-z0-9_./:=@,+%-]+$ ]]; then
      quoted+=("$arg")
    else
      quoted+=("'${arg//\'/\'\\\'\'}'")
    fi
  done
  echo "${quoted[*]}"
}

run() {
  if $dry_run; then
    show "$@"
  else
    echo "+ $(show "$@")" >&2
    "$@"
  fi
}

# --- scheduler bodies ----------------------------------------------------------------------------
json_escape() {
  local s="$1"
  s="${s//\\/\\\\}"; s="${s//\"/\\\"}"
  printf '%s' "$s"
}

config_value() {
  case "$1" in
    PROJECT|REGION|BUCKET|WORKER_SERVICE_ACCOUNT) printf '%s' "${!1}" ;;
    *) printf '%s' "${cfg[$1]:-}" ;;
  esac
}

# Fills the placeholders of templates/scheduler/NAME.json from the config (and the derived names
# above): ${VARIABLE} must be set (fails naming every variable the config lacks); a line holding
# ${VARIABLE:-} is left out when the config does not set it, so the pipeline's default applies (the
# generator puts "pipeline" last, so no line left out carries the object's last value).
render_body() {
  local name="$1" target="$2" line rendered var value missing=() lines=()
  local placeholder='\$\{([A-Z][A-Z0-9_]*)(:-)?\}'
  [[ "$name" != "enrichment" ]] || check_enrichment_config
  [[ "$name" != "spend" || -n "${cfg[GOOGLE_ADS_CUSTOMER_IDS]:-}" || -n "${cfg[SPEND_CSV_FILES]:-}" ]] \
    || die "$config sets neither GOOGLE_ADS_CUSTOMER_IDS nor SPEND_CSV_FILES (the spend schedule reads one or both)"
  while IFS= read -r line || [[ -n "$line" ]]; do
    rendered=""
    while [[ "$line" =~ $placeholder ]]; do
      rendered+="${line%%"${BASH_REMATCH[0]}"*}"
      line="${line#*"${BASH_REMATCH[0]}"}"
      var="${BASH_REMATCH[1]}"
      value="$(config_value "$var")"
      if [[ -z "$value" && -n "${BASH_REMATCH[2]}" ]]; then
        continue 2
      elif [[ -z "$value" ]]; then
        missing+=("$var")
      fi
      rendered+="$(json_escape "$value")"
    done
    lines+=("$rendered$line")
  done < "$here/scheduler/$name.json"
  [[ ${#missing[@]} -eq 0 ]] || die "$config does not set ${missing[*]} (needed by the $name schedule)"
  printf '%s\n' "${lines[@]}" > "$target"
}

# The enrichment schedule reads files, endpoints or both; an endpoint's key comes from Secret Manager
# only, since a Dataflow launch has no PROVIDER_API_KEY environment variable to fall back on.
check_enrichment_config() {
  local api="${cfg[ENRICHMENT_API]:-}" secrets="${cfg[ENRICHMENT_API_KEY_SECRETS]:-}" pair provider pairs=()
  [[ -n "${cfg[ENRICHMENT_FILES]:-}" || -n "$api" ]] \
    || die "$config sets neither ENRICHMENT_FILES nor ENRICHMENT_API (the enrichment schedule reads one or both)"
  IFS=',' read -ra pairs <<< "${api// /}"
  for pair in "${pairs[@]+"${pairs[@]}"}"; do
    provider="${pair%%=*}"
    [[ ",${secrets// /}" == *",${provider}="* ]] || die "$config: ENRICHMENT_API reads $provider but" \
      "ENRICHMENT_API_KEY_SECRETS has no $provider=projects/P/secrets/S/versions/V (on Dataflow the key comes from Secret Manager only)"
  done
}

# What Cloud Scheduler POSTs to the Executions API: the rendered launch request as the workflow's
# argument, which the API takes as one JSON string. Lines are joined (no JSON value spans lines).
execution_body() {
  local launch="$1" target="$2" line compact=""
  while IFS= read -r line; do
    compact+="${line#"${line%%[![:space:]]*}"}"
  done < "$launch"
  printf '{"argument": "%s"}\n' "$(json_escape "$compact")" > "$target"
}

pipelines() {
  grep -v '^#' "$here/scheduler/jobs.tsv" | cut -f1
}

# The stages of the daily workflow: the pipelines jobs.tsv marks "daily" (the sources, identity,
# marts, check and reconcile; workflows/daily.yaml orders them).
daily_stages() {
  grep -v '^#' "$here/scheduler/jobs.tsv" | awk -F'\t' '$2 == "daily" { print $1 }'
}

# A stage's launch request: its generated scheduler body, rendered with this deployment's config.
stage_body() {
  local name="$1" target="$2"
  [[ -f "$here/scheduler/$name.json" ]] \
    || die "no launch body scheduler/$name.json for the daily workflow's stage $name; regenerate the template files"
  render_body "$name" "$target"
}

# The daily workflow's argument: every stage's launch request by name, and the source-failure policy.
daily_argument() {
  local target="$1" name line compact sep=""
  printf '{"onSourceFailure": "%s", "launches": {' "$ON_SOURCE_FAILURE" > "$target"
  for name in $(daily_stages); do
    stage_body "$name" "$out/daily/${name}.launch.json"
    compact=""
    while IFS= read -r line; do
      compact+="${line#"${line%%[![:space:]]*}"}"
    done < "$out/daily/${name}.launch.json"
    printf '%s"%s": %s' "$sep" "$name" "$compact" >> "$target"
    sep=", "
  done
  printf '}}\n' >> "$target"
}

# The Cloud Monitoring alert policy: any failed execution of the daily workflow.
alert_policy() {
  local target="$1" channels="" channel sep=""
  local -a list=()
  IFS=',' read -ra list <<< "${ALERT_NOTIFICATION_CHANNELS// /}"
  for channel in "${list[@]+"${list[@]}"}"; do
    [[ "$channel" =~ ^projects/[^/]+/notificationChannels/[^/]+$ ]] \
      || die "$config: ALERT_NOTIFICATION_CHANNELS has '$channel'; expected projects/PROJECT/notificationChannels/ID"
    channels+="$sep\"$channel\""; sep=", "
  done
  cat > "$target" <<JSON
{
  "displayName": "${DAILY_WORKFLOW} failed",
  "documentation": {
    "mimeType": "text/markdown",
    "content": "An execution of the ${DAILY_WORKFLOW} workflow failed: a source, identity, marts, check or reconcile job failed, was refused or was skipped. The execution's error names each stage and its final state; its log (Workflows > ${DAILY_WORKFLOW} > Executions) says why a stage was skipped or ran on yesterday's data. Rerun a pipeline with templates/deploy.sh launch NAME."
  },
  "combiner": "OR",
  "conditions": [
    {
      "displayName": "${DAILY_WORKFLOW} execution failed",
      "conditionThreshold": {
        "filter": "resource.type = \"workflows.googleapis.com/Workflow\" AND resource.labels.workflow_id = \"${DAILY_WORKFLOW}\" AND metric.type = \"workflows.googleapis.com/finished_execution_count\" AND metric.labels.status = \"FAILED\"",
        "aggregations": [{"alignmentPeriod": "300s", "perSeriesAligner": "ALIGN_SUM"}],
        "comparison": "COMPARISON_GT",
        "thresholdValue": 0,
        "duration": "0s",
        "trigger": {"count": 1}
      }
    }
  ],
  "notificationChannels": [${channels}]
}
JSON
}

# --- deploy --------------------------------------------------------------------------------------
deploy() {
  echo "# 1. the lean Dataflow jar (profile dataflow: no embedded databases, no Flink, no DuckDB)"
  run mvn -B -q -f "$root/pom.xml" -pl templates -am package -DskipTests
  echo "# 2. the launcher image, built once for every template"
  local context="$out/image"
  mkdir -p "$context"
  cp "$here/Dockerfile" "$context/"
  if ! $dry_run; then cp "$JAR" "$context/suite-dataflow.jar"; fi
  if [[ "$BUILDER" == "docker" ]]; then
    run docker build --tag "$IMAGE" "$context"
    run docker push "$IMAGE"
  else
    run gcloud builds submit "$context" --project="$PROJECT" --region="$REGION" --tag="$IMAGE"
  fi
  echo "# 2b. the warehouse: dataset $DATASET and every registry table (schema with column descriptions, day"
  echo "#     partitioning, clustering, description) from schemas/target/generated-schemas/bq; an existing table"
  echo "#     is updated (bq update adds new columns and descriptions, and refuses a schema that drops a column)"
  warehouse
  echo "# 3. one flex template per pipeline"
  local name
  for name in $(pipelines); do
    run gcloud dataflow flex-template build "gs://${BUCKET}/templates/${name}.json" \
      --project="$PROJECT" --image="$IMAGE" --sdk-language=JAVA \
      --metadata-file="$here/metadata/${name}.json" \
      --temp-location="gs://${BUCKET}/temp" --staging-location="gs://${BUCKET}/staging" \
      --service-account-email="$WORKER_SERVICE_ACCOUNT" \
      --additional-user-labels="pipeline=${name}"
  done
  echo "# 4. the launch workflow: adds the dated job name Cloud Scheduler cannot, then calls flexTemplates.launch"
  run gcloud workflows deploy "$WORKFLOW" --project="$PROJECT" --location="$WORKFLOW_REGION" \
    --source="$here/workflows/launch.yaml" --service-account="$SCHEDULER_SERVICE_ACCOUNT" \
    --set-env-vars="DATAFLOW_REGION=${REGION}" --call-log-level=log-errors-only \
    --description="Launches an Intelligence Suite flex template as suite-PIPELINE-YYYYMMDD-HHMMSS"
  echo "# 4b. the daily workflow: sources in parallel, then identity, marts, check, reconcile, each once its inputs succeeded"
  run gcloud workflows deploy "$DAILY_WORKFLOW" --project="$PROJECT" --location="$WORKFLOW_REGION" \
    --source="$here/workflows/daily.yaml" --service-account="$SCHEDULER_SERVICE_ACCOUNT" \
    --set-env-vars="DATAFLOW_REGION=${REGION}" --call-log-level=log-errors-only \
    --description="The Intelligence Suite's daily run: sources, identity, marts, check, reconcile"
  if $dry_run; then
    echo "# suite-daily runs (from workflows/daily.yaml):"
    awk '/^main:/ { m = 1; next } /^[a-z_]+:/ { m = 0 }
      m && /^ +in: \[/ { sub(/^ +in: /, ""); print "#   sources in parallel: " $0 }
      m && /^ +name: [a-z]/ { sub(/^ +name: /, ""); stage = $0 }
      m && /^ +needs: / { sub(/^ +needs: /, ""); print "#   then " stage ", once these succeeded: " $0 }' \
      "$here/workflows/daily.yaml"
  fi
  echo "# 5. Cloud Scheduler jobs (created, or updated when they exist): one for the daily workflow, one per"
  echo "#    pipeline with a cron of its own; every pipeline's execution body is also kept for launch NAME"
  local cron why body
  mkdir -p "$out/scheduler" "$out/daily"
  daily_argument "$out/daily/argument.json"
  if $dry_run; then
    echo "# suite-daily's argument ($out/daily/argument.json): onSourceFailure=${ON_SOURCE_FAILURE}, and one launch per stage:"
    for name in $(daily_stages); do
      echo "#   $name: $(grep -o '"containerSpecGcsPath": "[^"]*"' "$out/daily/${name}.launch.json" | cut -d'"' -f4)"
    done
  fi
  execution_body "$out/daily/argument.json" "$out/scheduler/daily.json"
  schedule_job "suite-daily" "$DAILY_SCHEDULE" "$DAILY_EXECUTIONS_URI" "$out/scheduler/daily.json" \
    "The daily run (${DAILY_WORKFLOW}): sources in parallel, then identity, marts, check, reconcile"
  while IFS=$'\t' read -r name cron why; do
    [[ "$name" == \#* ]] && continue
    body="$out/scheduler/${name}.json"
    render_body "$name" "$out/scheduler/${name}.launch.json"
    execution_body "$out/scheduler/${name}.launch.json" "$body"
    [[ "$cron" == "daily" ]] && continue
    schedule_job "suite-${name}" "$cron" "$EXECUTIONS_URI" "$body" "$why"
  done < "$here/scheduler/jobs.tsv"
  echo "# 6. the alert: a Cloud Monitoring policy on failed executions of ${DAILY_WORKFLOW}"
  alert_policy "$out/alert-policy.json"
  if $dry_run; then
    echo "# alert policy ($out/alert-policy.json):"; sed 's/^/#   /' "$out/alert-policy.json"
    echo "# created, or, when 'gcloud monitoring policies list --project=$PROJECT --filter=displayName=\"${DAILY_WORKFLOW} failed\"' finds it, updated with the same file"
    run gcloud monitoring policies create --project="$PROJECT" --policy-from-file="$out/alert-policy.json"
  else
    local policy
    policy="$(gcloud monitoring policies list --project="$PROJECT" \
      --filter="displayName=\"${DAILY_WORKFLOW} failed\"" --format='value(name)' | head -1)"
    if [[ -n "$policy" ]]; then
      run gcloud monitoring policies update "$policy" --project="$PROJECT" --policy-from-file="$out/alert-policy.json"
    else
      run gcloud monitoring policies create --project="$PROJECT" --policy-from-file="$out/alert-policy.json"
    fi
  fi
}

# Creates the dataset and every registry table when missing, updates them when present. A column the
# registry no longer has, or a type change, makes bq update fail, as the sinks refuse it at run time.
warehouse() {
  [[ -f "$BQ_SCHEMAS/tables.tsv" ]] \
    || die "no $BQ_SCHEMAS/tables.tsv: build the schemas module first (mvn -pl schemas process-classes)"
  local dataset="${PROJECT}:${DATASET}" name partition clustering description ref
  create_or_update "$dataset" \
    "bq --project_id=$PROJECT --location=$BQ_LOCATION mk --dataset" \
    "bq --project_id=$PROJECT update" \
    --description="Intelligence Suite warehouse: staging, marts and ops tables (see docs/tables.md)"
  while IFS=$'\t' read -r name partition clustering description; do
    [[ "$name" == \#* ]] && continue
    ref="${dataset}.${name}"
    local mk_flags=() both=(--description="$description" --schema="$BQ_SCHEMAS/${name}.schema.json")
    [[ "$partition" == "-" ]] || mk_flags+=(--time_partitioning_field="$partition" --time_partitioning_type=DAY)
    [[ "$clustering" == "-" ]] || mk_flags+=(--clustering_fields="$clustering")
    create_or_update "$ref" "bq --project_id=$PROJECT mk --table ${mk_flags[*]}" \
      "bq --project_id=$PROJECT update" "${both[@]}"
  done < "$BQ_SCHEMAS/tables.tsv"
}

# create_or_update REF "MK COMMAND" "UPDATE COMMAND" FLAGS...: bq mk when bq show does not find REF,
# else bq update, both with FLAGS then REF (the commands' own words never hold spaces).
create_or_update() {
  local ref="$1" mk update
  read -ra mk <<< "$2"
  read -ra update <<< "$3"
  shift 3
  if $dry_run; then
    echo "# $ref: bq update if 'bq show $ref' finds it, else bq mk"
    run "${update[@]}" "$@" "$ref"
    run "${mk[@]}" "$@" "$ref"
  elif bq --project_id="$PROJECT" show "$ref" >/dev/null 2>&1; then
    run "${update[@]}" "$@" "$ref"
  else
    run "${mk[@]}" "$@" "$ref"
  fi
}

# Creates or updates one Cloud Scheduler job that POSTs BODY to a workflow's executions URI.
schedule_job() {
  local job="$1" cron="$2" uri="$3" body="$4" why="$5"
  local common=(--project="$PROJECT" --location="$SCHEDULER_REGION" --schedule="$cron"
    --time-zone="$SCHEDULE_TIME_ZONE" --uri="$uri" --http-method=POST
    --message-body-from-file="$body" --description="$why"
    --oauth-service-account-email="$SCHEDULER_SERVICE_ACCOUNT"
    --oauth-token-scope=https://www.googleapis.com/auth/cloud-platform)
  if $dry_run; then
    echo "# $job: update it if 'gcloud scheduler jobs describe $job --project=$PROJECT --location=$SCHEDULER_REGION' finds it, else create it"
    run gcloud scheduler jobs update http "$job" "${common[@]}" --update-headers=Content-Type=application/json
    run gcloud scheduler jobs create http "$job" "${common[@]}" --headers=Content-Type=application/json
  elif gcloud scheduler jobs describe "$job" --project="$PROJECT" --location="$SCHEDULER_REGION" >/dev/null 2>&1; then
    run gcloud scheduler jobs update http "$job" "${common[@]}" --update-headers=Content-Type=application/json
  else
    run gcloud scheduler jobs create http "$job" "${common[@]}" --headers=Content-Type=application/json
  fi
}

# --- launch one pipeline now ---------------------------------------------------------------------
launch() {
  local name="$1"
  pipelines | grep -qx -- "$name" || die "unknown pipeline '$name'; pipelines: $(pipelines | tr '\n' ' ')"
  local file="$out/launch-${name}.json" body extra key value params=""
  render_body "$name" "$file"
  for extra in "${launch_extra[@]+"${launch_extra[@]}"}"; do
    key="${extra%%=*}"; key="${key#--}"; value="${extra#*=}"
    [[ "$key" =~ ^[a-zA-Z][a-zA-Z0-9]*$ ]] || die "bad parameter '$extra' (expected --name=value)"
    ! grep -q "^      \"${key}\": " "$file" || die "$key is set by the $name schedule; change it in $config instead"
    params+=$'\n'"      \"${key}\": \"$(json_escape "$value")\","
  done
  # The scheduled body with a manual trigger label and the extra parameters first; the workflow names
  # the job, as it does for the schedule.
  body="$(<"$file")"
  body="${body/\"trigger\": \"scheduler\"/\"trigger\": \"manual\"}"
  body="${body/\"parameters\": \{/\"parameters\": \{${params}}"
  printf '%s\n' "$body" > "$file"
  local run_workflow=(gcloud workflows run "$WORKFLOW" --project="$PROJECT" --location="$WORKFLOW_REGION")
  # Printed with a command substitution for the body, so that it can be pasted.
  local shown_data
  # shellcheck disable=SC2016  # printed, not run: the reader's shell expands it
  shown_data='--data="$(cat '"$(show "$file")"')"'
  if $dry_run; then
    echo "# launch body (the workflow adds jobName suite-${name}-YYYYMMDD-HHMMSS):"; sed 's/^/#   /' "$file"
    echo "$(show "${run_workflow[@]}") $shown_data"
  else
    echo "+ $(show "${run_workflow[@]}") $shown_data" >&2
    "${run_workflow[@]}" --data="$(<"$file")"
  fi
}

if [[ "$command" == "launch" ]]; then
  launch "$launch_pipeline"
else
  deploy
fi
