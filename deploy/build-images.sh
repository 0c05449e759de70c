#!/usr/bin/env bash
# Builds one image per service listed in deploy/services.json with deploy/Dockerfile. Nothing is pushed from here.
#   deploy/build-images.sh [--tag TAG] [--registry REGISTRY] [service ...]
# TAG defaults to the current commit (git rev-parse --short HEAD), REGISTRY to services.json's image.registry.
# Then push them (docker push REGISTRY/<service>:TAG) and point an overlay at the tag (deploy/README.md).
# Needs BuildKit (docker buildx): it reads deploy/Dockerfile.dockerignore and builds the web stage only for the gateway.
set -euo pipefail

deploy="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$deploy")"
tag="$(git -C "$repo" rev-parse --short HEAD)"
registry=""
only=()
while (($#)); do
  case "$1" in
    --tag) tag="$2"; shift 2 ;;
    --registry) registry="$2"; shift 2 ;;
    -h | --help) sed -n '2,6p' "$0"; exit 0 ;;
    *) only+=("$1"); shift ;;
  esac
done

command -v docker >/dev/null || { echo "build-images: docker is not installed" >&2; exit 1; }
# name<TAB>project<TAB>assembly for every service, the gateway first.
table="$(node -e '
  const t = require(process.argv[1]);
  const cap = (n) => n[0].toUpperCase() + n.slice(1);
  for (const s of t.services) console.log([s.name, s.project ?? `src/Services/${cap(s.name)}`, s.assembly ?? `Brigade.${cap(s.name)}`, t.image.registry].join("\t"));
' "$deploy/services.json")"

built=0
while IFS=$'\t' read -r name project assembly default_registry; do
  if ((${#only[@]} > 0)) && [[ ! " ${only[*]} " == *" $name "* ]]; then continue; fi
  if [[ ! -f "$repo/$project/$assembly.csproj" ]]; then
    echo "skipping $name: $project/$assembly.csproj does not exist yet"
    continue
  fi
  target=service
  [[ "$name" == gateway ]] && target=gateway
  image="${registry:-$default_registry}/$name:$tag"
  echo "building $image ($project, target $target)"
  DOCKER_BUILDKIT=1 docker build -f "$deploy/Dockerfile" --target "$target" \
    --build-arg PROJECT="$project" --build-arg ASSEMBLY="$assembly" -t "$image" "$repo"
  built=$((built + 1))
done <<<"$table"
echo "built $built image(s) tagged $tag"
