#!/usr/bin/env bash
# bench/web/run.sh [--runs 5]: bundle sizes per route of web/dist, and time to interactive of the restaurant page
# and of the booking flow in Debian's headless Chromium, against a running platform (./brigade up; the gateway
# at BRIGADE_WEB_URL or 127.0.0.1:5000+BRIGADE_PORT_OFFSET). Prints numbers; asserts nothing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[[ -f "$root/web/dist/index.html" ]] || (cd "$root/web" && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
exec node "$root/bench/web/bench.mjs" "$@"
