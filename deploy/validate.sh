#!/usr/bin/env bash
# Validates everything under deploy/ offline, with no cluster:
#   - the generated manifests are what deploy/tools/generate.mjs makes of deploy/services.json;
#   - every kustomization renders (`kubectl kustomize`: the overlays, data, observability);
#   - every rendered object validates against the Kubernetes API schemas (npm kubernetes-models) and our policy
#     (non-root, read-only root, resources, probes, a NetworkPolicy per workload, no secret values, only the gateway
#     exposed, every project in src/Services deployed, each service's network scope) — deploy/tools/validate.mjs,
#     which also proves on broken copies of the production overlay that these checks refuse what they should;
#   - the Prometheus rules pass `promtool check rules` and their unit tests `promtool test rules`;
#   - the image recipe runs as non-root, and the build script parses.
# Prints one line per check and a closing `N passed, N failed[, N skipped]`; exit 1 on any failure.
#   deploy/validate.sh [--junit FILE]     FILE: a JUnit XML report (./brigade test reads it)
# A missing kubectl, promtool or node is a skipped check with the reason, not a failure: ./brigade test installs
# Debian's kubernetes-client and prometheus when it runs as root.
set -uo pipefail

deploy="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
junit=""
while (($#)); do
  case "$1" in
    --junit) junit="$2"; shift 2 ;;
    *) echo "usage: deploy/validate.sh [--junit FILE]" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
results="$work/results.tsv" # status<TAB>name<TAB>message
: >"$results"

record() { # status name message
  printf '%s\t%s\t%s\n' "$1" "$2" "${3//$'\n'/ }" >>"$results"
  case "$1" in
    pass) echo "  ok    $2" ;;
    fail) echo "  FAIL  $2"; [[ -n "$3" ]] && printf '        %s\n' "$3" ;;
    skip) echo "  skip  $2 ($3)" ;;
  esac
}

# check NAME COMMAND...: passes when the command exits 0; its output is the failure message.
check() {
  local name="$1"; shift
  local out
  if out="$("$@" 2>&1)"; then record pass "$name" ""; else record fail "$name" "$(printf '%s' "$out" | tail -n 8)"; fi
}

have() { command -v "$1" >/dev/null 2>&1; }

echo "deploy validation"

# ---- tools ------------------------------------------------------------------------------------------------
node_ok=0
if have node && have npm; then
  node_ok=1
  # The validator's npm packages (kubernetes-models, yaml), installed once per package-lock.json.
  stamp="$deploy/tools/node_modules/.brigade-lock"
  if ! cmp -s "$deploy/tools/package-lock.json" "$stamp" 2>/dev/null; then
    if out="$(cd "$deploy/tools" && npm ci --no-audit --no-fund --loglevel=error 2>&1)"; then
      cp "$deploy/tools/package-lock.json" "$stamp"
      record pass "tools: npm ci in deploy/tools" ""
    else
      record fail "tools: npm ci in deploy/tools" "$(tail -n 5 <<<"$out")"
      node_ok=0
    fi
  else
    record pass "tools: npm ci in deploy/tools (up to date)" ""
  fi
else
  record skip "tools: node and npm" "not installed; the manifests cannot be generated or checked"
fi

# ---- generated files --------------------------------------------------------------------------------------
if ((node_ok)); then
  check "generated: deploy/k8s matches deploy/services.json (node deploy/tools/generate.mjs --check)" node "$deploy/tools/generate.mjs" --check
fi

# ---- render -----------------------------------------------------------------------------------------------
units=(overlays/development overlays/staging overlays/production data observability)
rendered=()
if have kubectl; then
  version="$(kubectl version --client 2>/dev/null | tr '\n' ' ')"
  echo "  using kubectl: ${version:-unknown version}"
  for unit in "${units[@]}"; do
    file="$work/$(tr / - <<<"$unit").yaml"
    if kubectl kustomize "$deploy/k8s/$unit" >"$file" 2>"$work/err" && [[ -s "$file" ]]; then
      record pass "render: kubectl kustomize deploy/k8s/$unit ($(grep -c '^kind:' "$file") objects)" ""
      rendered+=("$unit=$file")
    else
      record fail "render: kubectl kustomize deploy/k8s/$unit" "$(grep -v '^# Warning' "$work/err" | tail -n 5)"
    fi
  done
else
  for unit in "${units[@]}"; do
    record skip "render: deploy/k8s/$unit" "kubectl is not installed (apt-get install kubernetes-client)"
  done
fi

# ---- schemas and policy -----------------------------------------------------------------------------------
# validate.mjs prints `PASS <check>` or `FAIL <check>: <why>` per check.
ingest() { # what-ran output
  while IFS= read -r line; do
    case "$line" in
      "PASS "*) record pass "${line#PASS }" "" ;;
      "FAIL "*) rest="${line#FAIL }"; record fail "${rest%%: *}" "${rest#*: }" ;;
      *) [[ -n "$line" ]] && record fail "$1" "$line" ;;
    esac
  done <<<"$2"
}
if ((node_ok)); then
  ingest "validate.mjs runs" "$(node "$deploy/tools/validate.mjs" "${rendered[@]}" 2>&1)"
  # The checks themselves: a copy of the production overlay broken one way at a time must be refused.
  production="$work/overlays-production.yaml"
  if [[ -s "$production" ]]; then
    ingest "validate.mjs --self-test runs" "$(node "$deploy/tools/validate.mjs" --self-test "$production" 2>&1)"
  fi
fi

# ---- Prometheus rules -------------------------------------------------------------------------------------
if have promtool; then
  check "prometheus: promtool check rules rules.yml" promtool check rules "$deploy/monitoring/prometheus/rules.yml"
  check "prometheus: promtool test rules rules.test.yml (alert unit tests)" bash -c "cd '$deploy/monitoring/prometheus' && promtool test rules rules.test.yml"
  # Debian's Prometheus is built without Kubernetes discovery, so the scrape configuration is checked with each
  # kubernetes_sd_configs swapped for a static target (relabelling, rule files and the rest as written).
  if ((node_ok)); then
    static_config() {
      node --input-type=module -e '
        import { readFileSync, writeFileSync, copyFileSync } from "node:fs";
        import YAML from "'"$deploy"'/tools/node_modules/yaml/dist/index.js";
        const [src, dir] = process.argv.slice(1);
        const config = YAML.parse(readFileSync(src + "/prometheus.yml", "utf8"));
        for (const job of config.scrape_configs) {
          if (job.kubernetes_sd_configs) { delete job.kubernetes_sd_configs; job.static_configs = [{ targets: ["127.0.0.1:8080"] }]; }
        }
        writeFileSync(dir + "/prometheus.yml", YAML.stringify(config));
        copyFileSync(src + "/rules.yml", dir + "/rules.yml");
      ' "$deploy/monitoring/prometheus" "$work" && promtool check config "$work/prometheus.yml"
    }
    check "prometheus: promtool check config prometheus.yml (discovery swapped for a static target)" static_config
  fi
  # Every alert has a unit test that expects it to fire.
  missing=""
  for alert in $(grep -oP '^\s*- alert: \K\S+' "$deploy/monitoring/prometheus/rules.yml"); do
    grep -Eq "alertname: $alert\$" "$deploy/monitoring/prometheus/rules.test.yml" || missing+=" $alert"
  done
  if [[ -z "$missing" ]]; then record pass "prometheus: every alert has a unit test" ""; else record fail "prometheus: every alert has a unit test" "untested:$missing"; fi
else
  record skip "prometheus: promtool check rules / test rules" "promtool is not installed (apt-get install prometheus)"
fi

# ---- image recipe and build script ------------------------------------------------------------------------
image_policy() {
  local f="$deploy/Dockerfile" problems=""
  [[ "$(grep -c '^FROM ' "$f")" -ge 2 ]] || problems+=" not multi-stage;"
  grep -Eq '^USER [1-9][0-9]*$' "$f" || problems+=" no numeric non-root USER (runAsNonRoot needs a numeric user);"
  grep -q 'ASPNETCORE_URLS=http://+:8080' "$f" || problems+=" the port the manifests probe (8080) is not set;"
  [[ -z "$problems" ]] || { echo "deploy/Dockerfile:$problems"; return 1; }
}
check "image: deploy/Dockerfile is multi-stage, non-root, serves 8080" image_policy
check "image: deploy/build-images.sh parses (bash -n)" bash -n "$deploy/build-images.sh"

# ---- summary ----------------------------------------------------------------------------------------------
passed=$(grep -c '^pass' "$results")
failed=$(grep -c '^fail' "$results")
skipped=$(grep -c '^skip' "$results")

if [[ -n "$junit" ]]; then
  xml() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' <<<"$1"; }
  {
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo "<testsuites name=\"deploy\" tests=\"$((passed + failed + skipped))\" failures=\"$failed\" skipped=\"$skipped\">"
    echo "  <testsuite name=\"deploy/validate.sh\" tests=\"$((passed + failed + skipped))\" failures=\"$failed\" skipped=\"$skipped\">"
    while IFS=$'\t' read -r status name message; do
      case "$status" in
        pass) echo "    <testcase classname=\"deploy\" name=\"$(xml "$name")\"/>" ;;
        fail) echo "    <testcase classname=\"deploy\" name=\"$(xml "$name")\"><failure message=\"$(xml "$message")\"/></testcase>" ;;
        skip) echo "    <testcase classname=\"deploy\" name=\"$(xml "$name")\"><skipped message=\"$(xml "$message")\"/></testcase>" ;;
      esac
    done <"$results"
    echo "  </testsuite>"
    echo "</testsuites>"
  } >"$junit"
fi

echo "$passed passed, $failed failed$( ((skipped > 0)) && echo ", $skipped skipped")"
((failed == 0))
