#!/usr/bin/env bash
# Builds and runs the end-to-end events benchmark against the PostgreSQL and RabbitMQ named by
# BRIGADE_TEST_POSTGRES / BRIGADE_TEST_RABBITMQ, read from .brigade/infra.env when unset
# (./brigade infra up writes it). Extra arguments go to the benchmark: --rate 1000 --seconds 20
# --burst 20000 --writers 16 [--no-reset-on-close]. Messaging settings can be changed with environment variables such as
# Messaging__Concurrency=8 or Messaging__Prefetch=64.
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
dotnet build "$root/bench/events/Brigade.Bench.Events.csproj" -c Release -p:ArtifactsPath="$artifacts" -nologo -v quiet
exec dotnet "$artifacts/bin/Brigade.Bench.Events/release/Brigade.Bench.Events.dll" "$@"
