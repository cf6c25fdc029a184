#!/usr/bin/env bash
# Builds the openenv-bench image without pulling a JDK image: packages the jar with the local
# JDK, jlinks a small Java runtime from it, and hands both to deploy/docker/Dockerfile in a
# small build context. Only BASE_IMAGE (a slim glibc Linux, default debian:bookworm-slim) is
# needed, and it may be a locally imported image.
#
# Environment:
#   IMAGE         tag to build (default openenv-bench:latest)
#   BASE_IMAGE    runtime base (default debian:bookworm-slim)
#   JAVA_HOME     JDK 21+ used for the build and for jlink (default: bin/find-java.sh's choice)
#   SKIP_PACKAGE  1: reuse an existing target/openenv-bench.jar
#   CONTEXT_DIR   where to stage the build context (default: a temp dir, removed afterwards)
# Extra arguments go to `docker build`.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
image=${IMAGE:-openenv-bench:latest}
base=${BASE_IMAGE:-debian:bookworm-slim}
# shellcheck source=bin/find-java.sh
. "$root/bin/find-java.sh"
JAVA_HOME=$(find_java_home) || exit 4
export JAVA_HOME

if [[ ${SKIP_PACKAGE:-0} != 1 || ! -f $root/target/openenv-bench.jar ]]; then
  (cd "$root" && ./mvnw -B -q -DskipTests package)
fi

if [[ -n ${CONTEXT_DIR:-} ]]; then
  context=$CONTEXT_DIR
  mkdir -p "$context"
else
  context=$(mktemp -d)
  trap 'rm -rf "$context"' EXIT
fi
rm -rf "$context/prebuilt" "$context/deploy"
mkdir -p "$context/prebuilt" "$context/deploy/docker"
cp "$root/target/openenv-bench.jar" "$context/prebuilt/"
cp "$root"/deploy/docker/{Dockerfile,healthcheck.sh,jlink-modules.txt} "$context/deploy/docker/"
"$JAVA_HOME/bin/jlink" --add-modules "$(cat "$root/deploy/docker/jlink-modules.txt")" \
  --strip-debug --no-man-pages --no-header-files --output "$context/prebuilt/runtime"

docker build -f "$context/deploy/docker/Dockerfile" --build-arg "BASE_IMAGE=$base" \
  --build-arg "BUILD_IMAGE=$base" -t "$image" "$@" "$context"
echo "build-image: built $image (base $base)" >&2
