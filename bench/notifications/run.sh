#!/usr/bin/env bash
# Hub benchmark against the PostgreSQL and RabbitMQ named by BRIGADE_TEST_POSTGRES / BRIGADE_TEST_RABBITMQ (read
# from .brigade/infra.env when unset). One in-process notifications instance on Kestrel; clients are real
# WebSockets speaking the SignalR JSON protocol. Arguments: --connections 10000 --rate 500 --seconds 20.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
if [[ -z "${BRIGADE_TEST_POSTGRES:-}" || -z "${BRIGADE_TEST_RABBITMQ:-}" ]]; then
  env_file="${BRIGADE_STATE_DIR:-$root/.brigade}/infra.env"
  if [[ ! -f "$env_file" ]]; then
    echo "Set BRIGADE_TEST_POSTGRES and BRIGADE_TEST_RABBITMQ, or run ./brigade infra up first ($env_file is missing)." >&2
    exit 2
  fi
  set -a
  # shellcheck disable=SC1090
  source "$env_file"
  set +a
fi
# Every connection holds two sockets in this process (client and server side).
ulimit -n 65536 2>/dev/null || true
artifacts="${BRIGADE_BENCH_ARTIFACTS:-$root/artifacts}"
dotnet build "$root/bench/notifications/Brigade.Bench.Notifications.csproj" -c Release -p:ArtifactsPath="$artifacts" -nologo -v quiet
exec dotnet "$artifacts/bin/Brigade.Bench.Notifications/release/Brigade.Bench.Notifications.dll" "$@"
