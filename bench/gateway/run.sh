#!/usr/bin/env bash
# Gateway vs nginx vs a bare YARP proxy in front of the same backend, measured with wrk.
#
#   bench/gateway/run.sh                 # build, start backend + nginx + bare YARP + gateway on loopback, measure, stop
#   DURATION=30s CONNECTIONS=128 ROUNDS=5 bench/gateway/run.sh
#   BACKEND_URL=http://127.0.0.1:5002 TARGET_PATH=/api/restaurants bench/gateway/run.sh
#       # a real service route: nginx, the bare proxy and a gateway of this build all put in front of a
#       # running platform's service (./brigade up --detach)
#   BEFORE_BIN=/path/to/other/build/bin/Brigade.Gateway/release bench/gateway/run.sh
#       # also measures another build of the gateway (e.g. an earlier commit) in the same rounds
#   GATEWAY_URL=http://127.0.0.1:5000 … # measure an already running gateway instead of starting one
#
# Each round measures the backend directly, through nginx (proxy_pass, upstream keepalive, HTTP/1.1),
# through a bare YARP proxy (bench/gateway/BareYarp: one catch-all route, YARP's defaults, the gateway's host
# settings) and through the gateway, one after the other, so background load hits all of them alike.
# The gateway runs with every edge feature on: access log, security and forwarded headers, request ids,
# active and passive health, metrics, and rate limits (with budgets no bench exhausts, so they are counted,
# not hit). Reported per target: requests/s, p50/p99 latency, proxy CPU per request, the whole machine's CPU
# per request (proxy, wrk and backend together: a proxy that wakes its neighbours more often makes them
# cost more per request too) and the proxies' memory; then gateway/YARP and gateway/nginx ratios (medians
# over the rounds).
# Warm-up: the first round drives each target for WARMUP (15 s) before measuring, later rounds for
# WARMUP_NEXT (3 s). The gateway's JIT keeps recompiling hot code with profile data for about 12 s under
# load; measuring before that measures the compiler, not the gateway.
# Latency is reported twice: under the saturating load above (where p50 is mostly queueing, about
# connections / throughput) and with one connection (LATENCY_DURATION), which is the latency a proxy adds
# to a request when nothing waits in line; the "added p50" goal is read there.
# PIN=1 puts wrk and the backend on CPU 0 and the proxy under test (nginx with one worker, or the gateway,
# which then sees one processor) on CPU 1. On a shared 2-core machine the load generator's and backend's
# wake-ups preempt the proxy on nearly every response; pinned, the ratio is each proxy's own cost per core.
# AUTH=1 makes the bench route Authenticated and sends an ES256 access token (minted here with openssl, its
# key trusted through Security__Jwks) with every request to every target: the gateway then validates a
# token per request, which nginx does not, so the ratio is the price of edge authentication, not the goal.
# Needs nginx and wrk (apt-get install -y nginx wrk). Everything started is stopped by its recorded pid.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
ROUNDS="${ROUNDS:-3}"
WARMUP="${WARMUP:-15s}"
WARMUP_NEXT="${WARMUP_NEXT:-3s}"
LATENCY_DURATION="${LATENCY_DURATION:-5s}"
BACKEND_PORT="${BACKEND_PORT:-18180}"
NGINX_PORT="${NGINX_PORT:-18181}"
GATEWAY_PORT="${GATEWAY_PORT:-18182}"
YARP_PORT="${YARP_PORT:-18183}"
BEFORE_PORT="${BEFORE_PORT:-18184}"
BEFORE_BIN="${BEFORE_BIN:-}"
TARGET_PATH="${TARGET_PATH:-/api/bench/hello}"
ARTIFACTS="${ARTIFACTS:-$repo/artifacts}"
PIN="${PIN:-0}"
AUTH="${AUTH:-0}"
work="$(mktemp -d /tmp/brigade-bench-gateway.XXXXXX)"
pids=()

load_cpu=() proxy_cpu=() proxy_workers=auto
if [[ "$PIN" == 1 ]]; then
  [[ $(nproc) -ge 2 ]] || { echo "PIN=1 needs two CPUs" >&2; exit 2; }
  load_cpu=(taskset -c 0) proxy_cpu=(taskset -c 1) proxy_workers=1
fi

for tool in nginx wrk $([[ "$AUTH" == 1 ]] && echo openssl); do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install -y nginx wrk" >&2; exit 2; }
done

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in $([[ -z "${BACKEND_URL:-}" ]] && echo "$BACKEND_PORT") "$NGINX_PORT" "$YARP_PORT" $([[ -n "$BEFORE_BIN" ]] && echo "$BEFORE_PORT") \
    $([[ -z "${GATEWAY_URL:-}" ]] && echo "$GATEWAY_PORT $((GATEWAY_PORT + 90))"); do
  if port_busy "$port"; then
    echo "port $port is in use: something else would be measured (set BACKEND_PORT, NGINX_PORT, YARP_PORT, GATEWAY_PORT, BEFORE_PORT)" >&2
    exit 2
  fi
done

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
hex_bytes() { printf "$(sed 's/../\\x&/g')"; } # hex on stdin → bytes

# An ES256 access token (RFC 7515) and the JWK Set that trusts its key, with openssl alone.
mint_token() { # dir → sets token, jwks
  local dir=$1 now x y r s
  openssl ecparam -name prime256v1 -genkey -noout -out "$dir/bench-key.pem" 2>/dev/null
  # The public key's DER ends with the uncompressed point: 0x04, X (32 bytes), Y (32 bytes).
  x=$(openssl ec -in "$dir/bench-key.pem" -pubout -outform DER 2>/dev/null | tail -c 64 | head -c 32 | b64url)
  y=$(openssl ec -in "$dir/bench-key.pem" -pubout -outform DER 2>/dev/null | tail -c 32 | b64url)
  jwks="{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"bench\",\"use\":\"sig\",\"alg\":\"ES256\",\"x\":\"$x\",\"y\":\"$y\"}]}"
  now=$(date +%s)
  local input
  input="$(printf '%s' '{"alg":"ES256","kid":"bench","typ":"JWT"}' | b64url).$(printf '%s' "{\"iss\":\"brigade\",\"aud\":\"brigade\",\"sub\":\"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\",\"jti\":\"bench-$now\",\"iat\":$now,\"nbf\":$now,\"exp\":$((now + 3600)),\"roles\":[\"diner\"]}" | b64url)"
  # openssl signs in DER (SEQUENCE of two INTEGERs); JWS wants r and s as 32 bytes each.
  read -r r s < <(printf '%s' "$input" | openssl dgst -sha256 -sign "$dir/bench-key.pem" -binary | openssl asn1parse -inform DER 2>/dev/null \
    | awk -F: '/INTEGER/ { printf "%s ", $NF } END { print "" }')
  r=$(printf '%064s' "${r: -64}" | tr ' ' 0); s=$(printf '%064s' "${s: -64}" | tr ' ' 0)
  token="$input.$(printf '%s%s' "$r" "$s" | hex_bytes | b64url)"
}

cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

wait_for() { # url
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "not answering: $1" >&2
  exit 1
}

start_nginx() { # name workers config-body [cpu pinning…]
  local dir="$work/$1"
  mkdir -p "$dir/logs" "$dir/tmp"
  cat >"$dir/nginx.conf" <<EOF
worker_processes ${2};
daemon off;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log $dir/logs/access.log;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  keepalive_requests 1000000;
  $3
}
EOF
  "${@:4}" nginx -c "$dir/nginx.conf" -p "$dir" >"$dir/logs/stdout.log" 2>&1 &
  last_pid=$!
  pids+=("$last_pid")
}

token="" jwks="" access=Public wrk_auth=()
if [[ "$AUTH" == 1 ]]; then
  mint_token "$work"
  access=Authenticated wrk_auth=(-H "Authorization: Bearer $token")
fi

# --- backend: a small JSON answer, plus the readiness path the gateway probes
backend_url="${BACKEND_URL:-}"
if [[ -z "$backend_url" ]]; then
  start_nginx backend 1 "server {
    listen 127.0.0.1:$BACKEND_PORT;
    access_log off;
    location = /health/ready { return 200 '{\"status\":\"Healthy\"}'; }
    location / { default_type application/json; return 200 '{\"id\":\"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\",\"name\":\"Brigade bench\",\"ok\":true}'; }
  }" "${load_cpu[@]}"
  backend_url="http://127.0.0.1:$BACKEND_PORT"
  wait_for "$backend_url/health/ready"
fi

# --- nginx as the reference reverse proxy
start_nginx proxy "$proxy_workers" "upstream backend { server ${backend_url#http://}; keepalive 128; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
      proxy_set_header Host \$proxy_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }" "${proxy_cpu[@]}"
nginx_pid=$last_pid
nginx_url="http://127.0.0.1:$NGINX_PORT"
wait_for "$nginx_url$TARGET_PATH"

# --- the bare YARP proxy
echo "building the gateway and the bare YARP proxy (Release, $ARTIFACTS)…"
for project in "$here/BareYarp/Brigade.Bench.BareYarp.csproj" "$repo/src/Gateway/Brigade.Gateway.csproj"; do
  dotnet build "$project" -c Release -p:ArtifactsPath="$ARTIFACTS" -v quiet -nologo >"$work/build.log" 2>&1 \
    || { cat "$work/build.log"; exit 1; }
done
(
  cd "$ARTIFACTS/bin/Brigade.Bench.BareYarp/release"
  ASPNETCORE_URLS="http://127.0.0.1:$YARP_PORT" BACKEND_URL="$backend_url" \
    exec "${proxy_cpu[@]}" dotnet Brigade.Bench.BareYarp.dll >"$work/yarp.log" 2>&1
) &
yarp_pid=$!
pids+=("$yarp_pid")
yarp_url="http://127.0.0.1:$YARP_PORT"
wait_for "$yarp_url$TARGET_PATH"

# --- the gateway, every edge feature on
prefix="/$(echo "$TARGET_PATH" | cut -d/ -f2-3)"
# Run from a directory of its own, so the shipped appsettings.json (whose route table would claim the
# target path for a cluster without destinations) is not loaded; its log levels are given here instead.
mkdir -p "$work/gateway-root"
start_gateway() { # bin-dir port log → last_pid
  (
    cd "$work/gateway-root"
    # env: some of these names have dots, which a shell assignment cannot.
    exec env \
      ASPNETCORE_URLS="http://127.0.0.1:$2" \
      ASPNETCORE_ENVIRONMENT=Production \
      Logging__LogLevel__Default=Warning \
      Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics=None \
      Logging__LogLevel__Brigade.Gateway.AccessLog=Information \
      Gateway__RateLimits__Enabled=true \
      Gateway__RateLimits__PerAddress__TokenLimit=1000000000 \
      Gateway__RateLimits__PerAddress__TokensPerPeriod=1000000000 \
      Gateway__RateLimits__PerUser__TokenLimit=1000000000 \
      Gateway__RateLimits__PerUser__TokensPerPeriod=1000000000 \
      Gateway__Routes__bench__Prefix="$prefix" \
      Gateway__Routes__bench__Cluster=bench \
      Gateway__Routes__bench__Access="$access" \
      Security__Jwks="$jwks" \
      Services__bench__0="$backend_url" \
      "${proxy_cpu[@]}" dotnet "$1/Brigade.Gateway.dll" >"$3" 2>&1
  ) &
  last_pid=$!
  pids+=("$last_pid")
}

gateway_url="${GATEWAY_URL:-}"
gateway_pid=""
if [[ -z "$gateway_url" ]]; then
  start_gateway "$ARTIFACTS/bin/Brigade.Gateway/release" "$GATEWAY_PORT" "$work/gateway.log"
  gateway_pid=$last_pid
  gateway_url="http://127.0.0.1:$GATEWAY_PORT"
  wait_for "$gateway_url/health"
else
  # A running gateway: its CPU and memory are read from the process listening on its port, when ss may
  # name it (root, or the same user).
  gateway_port="${gateway_url##*:}"; gateway_port="${gateway_port%%/*}"
  gateway_pid=$(ss -Htlnp "sport = :$gateway_port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)
fi

before_url="" before_pid=""
if [[ -n "$BEFORE_BIN" ]]; then
  start_gateway "$BEFORE_BIN" "$BEFORE_PORT" "$work/before.log"
  before_pid=$last_pid
  before_url="http://127.0.0.1:$BEFORE_PORT"
  wait_for "$before_url/health"
fi

cpu_ticks() { # pid… → utime+stime of the processes and their children threads
  local total=0
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] || continue
    local fields
    fields=$(sed 's/^.*) //' "/proc/$pid/stat")
    total=$((total + $(echo "$fields" | awk '{print $12 + $13}')))
  done
  echo "$total"
}

machine_ticks() { # busy CPU time of the whole machine: user, nice, system, irq, softirq (not idle, iowait, steal)
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat
}

proc_tree() { # pid → pid and its descendants
  echo "$1"
  for child in $(pgrep -P "$1" 2>/dev/null); do proc_tree "$child"; done
}

measure() { # label url pid-or-empty warm-up
  local label=$1 url=$2 pid=${3:-} warmup=$4
  "${load_cpu[@]}" wrk "${wrk_auth[@]}" -t"$THREADS" -c"$CONNECTIONS" -d"$warmup" "$url" >/dev/null 2>&1 || true
  local procs=() before=0 after=0
  if [[ -n "$pid" ]]; then
    mapfile -t procs < <(proc_tree "$pid")
    before=$(cpu_ticks "${procs[@]}")
  fi
  local out machine_before machine_after
  machine_before=$(machine_ticks)
  out=$("${load_cpu[@]}" wrk "${wrk_auth[@]}" -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url")
  machine_after=$(machine_ticks)
  if [[ -n "$pid" ]]; then after=$(cpu_ticks "${procs[@]}"); fi
  local rps p50 p99 requests errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
  local cpu_us="-" machine_us="-" hz
  hz=$(getconf CLK_TCK)
  if [[ -n "$pid" && "$requests" -gt 0 ]]; then
    cpu_us=$(awk -v t=$((after - before)) -v hz="$hz" -v n="$requests" 'BEGIN { printf "%.1f", t * 1000000 / hz / n }')
  fi
  if [[ "$requests" -gt 0 ]]; then
    machine_us=$(awk -v t=$((machine_after - machine_before)) -v hz="$hz" -v n="$requests" 'BEGIN { printf "%.1f", t * 1000000 / hz / n }')
  fi
  echo "$label $rps $p50 $p99 $cpu_us $machine_us $errors" >>"$work/results"
  printf '  %-8s %10s req/s   p50 %8s   p99 %8s   cpu/req %6s us   machine/req %6s us %s\n' "$label" "$rps" "$p50" "$p99" "$cpu_us" "$machine_us" "$errors"
}

to_ms() { # wrk latency (123.45us, 1.23ms, 1.2s) → ms
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
  }'
}

echo "wrk: $THREADS threads, $CONNECTIONS connections, $DURATION per target, $ROUNDS round(s); $(nproc) cores$([[ "$PIN" == 1 ]] && echo "; wrk and backend on CPU 0, proxy on CPU 1")"
: >"$work/results"
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round"
  warmup=$([[ $round == 1 ]] && echo "$WARMUP" || echo "$WARMUP_NEXT")
  measure direct "$backend_url$TARGET_PATH" "" "$warmup"
  measure nginx "$nginx_url$TARGET_PATH" "$nginx_pid" "$warmup"
  measure yarp "$yarp_url$TARGET_PATH" "$yarp_pid" "$warmup"
  measure gateway "$gateway_url$TARGET_PATH" "$gateway_pid" "$warmup"
  if [[ -n "$before_url" ]]; then measure before "$before_url$TARGET_PATH" "$before_pid" "$warmup"; fi
done

single() { # label url → p50 with one connection, appended to results as "<label>-1"
  local out p50 p99
  out=$("${load_cpu[@]}" wrk "${wrk_auth[@]}" -t1 -c1 -d"$LATENCY_DURATION" --latency "$2")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  echo "$1-1 $p50" >>"$work/results"
  printf '  %-8s p50 %8s   p99 %8s   (one connection)\n' "$1" "$p50" "$p99"
}
echo "one connection, $LATENCY_DURATION each"
single direct "$backend_url$TARGET_PATH"
single nginx "$nginx_url$TARGET_PATH"
single yarp "$yarp_url$TARGET_PATH"
single gateway "$gateway_url$TARGET_PATH"
if [[ -n "$before_url" ]]; then single before "$before_url$TARGET_PATH"; fi

rss() { awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }
echo "memory (RSS after the run): gateway $([[ -n "$gateway_pid" ]] && rss "$gateway_pid" || echo "?"), bare YARP $(rss "$yarp_pid")$([[ -n "$before_pid" ]] && echo ", before $(rss "$before_pid")")"

# Medians over rounds, then the ratios the goal is stated in.
summary() { # label column
  awk -v l="$1" -v c="$2" '$1 == l { print $c }' "$work/results" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
p50_of() { # label column → median p50 in ms
  awk -v l="$1" -v c="$2" '$1 == l { print $c }' "$work/results" | while read -r v; do to_ms "$v"; echo; done \
    | sort -g | awk 'NF { a[++n] = $1 } END { print a[int((n + 1) / 2)] }'
}
g_rps=$(summary gateway 2); n_rps=$(summary nginx 2); d_rps=$(summary direct 2); y_rps=$(summary yarp 2)
g_p50=$(p50_of gateway 3); n_p50=$(p50_of nginx 3); d_p50=$(p50_of direct 3); y_p50=$(p50_of yarp 3)
g_1=$(p50_of gateway-1 2); n_1=$(p50_of nginx-1 2); d_1=$(p50_of direct-1 2); y_1=$(p50_of yarp-1 2)
g_cpu=$(summary gateway 5); n_cpu=$(summary nginx 5); y_cpu=$(summary yarp 5)
g_m=$(summary gateway 6); n_m=$(summary nginx 6); y_m=$(summary yarp 6)
awk -v g="$g_rps" -v n="$n_rps" -v d="$d_rps" -v y="$y_rps" -v gp="$g_p50" -v np="$n_p50" -v dp="$d_p50" -v yp="$y_p50" \
    -v g1="$g_1" -v n1="$n_1" -v d1="$d_1" -v y1="$y_1" -v gc="$g_cpu" -v nc="$n_cpu" -v yc="$y_cpu" -v gm="$g_m" -v nm="$n_m" -v ym="$y_m" 'BEGIN {
  printf "throughput gateway/YARP = %.2f (goal >= 0.95)   gateway/nginx = %.2f (goal >= 0.80)   YARP/nginx = %.2f   gateway/direct = %.2f\n", g / y, g / n, y / n, g / d
  printf "p50 added over direct, one connection: gateway %.3f ms, bare YARP %.3f ms, nginx %.3f ms\n", g1 - d1, y1 - d1, n1 - d1
  printf "p50 added over direct, saturated: gateway %.3f ms, bare YARP %.3f ms, nginx %.3f ms  (mostly queueing)\n", gp - dp, yp - dp, np - dp
  printf "CPU per request: gateway %s us, bare YARP %s us, nginx %s us; whole machine: %s / %s / %s us\n", gc, yc, nc, gm, ym, nm
}'
if [[ -n "$before_url" ]]; then
  b_rps=$(summary before 2); b_cpu=$(summary before 5); b_m=$(summary before 6); b_1=$(p50_of before-1 2)
  awk -v b="$b_rps" -v g="$g_rps" -v n="$n_rps" -v y="$y_rps" -v b1="$b_1" -v d1="$d_1" -v bc="$b_cpu" -v bm="$b_m" 'BEGIN {
    printf "before: %.0f req/s = %.2f x YARP, %.2f x nginx; gateway/before = %.2f; p50 added (one connection) %.3f ms; CPU %s us, machine %s us\n", b, b / y, b / n, g / b, b1 - d1, bc, bm
  }'
fi
