# Shared by the bench/*/run.sh scripts that measure against real PostgreSQL and RabbitMQ:
#   source "$(dirname "$0")/../bench.sh"; run_bench Events "$@"
# Infrastructure comes from BRIGADE_TEST_POSTGRES / BRIGADE_TEST_RABBITMQ / BRIGADE_TEST_REDIS, or from .brigade/infra.env
# (written by ./brigade infra up). BRIGADE_BENCH_ARTIFACTS builds elsewhere than artifacts/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [[ -z "${BRIGADE_TEST_POSTGRES:-}" || -z "${BRIGADE_TEST_RABBITMQ:-}" || -z "${BRIGADE_TEST_REDIS:-}" ]]; then
  env_file="${BRIGADE_STATE_DIR:-$root/.brigade}/infra.env"
  if [[ ! -f "$env_file" ]]; then
    echo "Set BRIGADE_TEST_POSTGRES, BRIGADE_TEST_RABBITMQ and BRIGADE_TEST_REDIS, or run ./brigade infra up first ($env_file is missing)." >&2
    exit 2
  fi
  set -a
  # shellcheck disable=SC1090
  source "$env_file"
  set +a
fi

# run_bench <Name> [args...]: builds bench/<name>/Brigade.Bench.<Name>.csproj (Release) and runs it with the args.
run_bench() {
  local name="$1"; shift
  local artifacts="${BRIGADE_BENCH_ARTIFACTS:-$root/artifacts}"
  dotnet build "$root/bench/${name,,}/Brigade.Bench.$name.csproj" -c Release -p:ArtifactsPath="$artifacts" -nologo -v quiet
  exec dotnet "$artifacts/bin/Brigade.Bench.$name/release/Brigade.Bench.$name.dll" "$@"
}
