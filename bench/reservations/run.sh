#!/usr/bin/env bash
# Booking and availability benchmark against the PostgreSQL and RabbitMQ named by BRIGADE_TEST_POSTGRES /
# BRIGADE_TEST_RABBITMQ (read from .brigade/infra.env when unset). Replicas are in-process hosts sharing one
# database. Arguments: --clients 64 --requests 2000.
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
artifacts="${BRIGADE_BENCH_ARTIFACTS:-$root/artifacts}"
dotnet build "$root/bench/reservations/Brigade.Bench.Reservations.csproj" -c Release -p:ArtifactsPath="$artifacts" -nologo -v quiet
exec dotnet "$artifacts/bin/Brigade.Bench.Reservations/release/Brigade.Bench.Reservations.dll" "$@"
