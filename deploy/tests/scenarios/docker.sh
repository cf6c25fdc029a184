#!/usr/bin/env bash
# The image builds from a locally debootstrapped base, run_docker.sh runs it on 127.0.0.1, it
# becomes healthy, runs as uid 1000, and WS + HTTP batches pass through the published port.
# shellcheck source=deploy/tests/lib/all.sh
. "$(dirname "$0")/../lib/all.sh"
need docker:docker.io dockerd:docker.io debootstrap:debootstrap ip:iproute2 python3:python3
docker_up
docker_base_image
image=oe-test-openenv:ci
IMAGE=$image BASE_IMAGE=$OE_BASE_IMAGE SKIP_PACKAGE=1 deploy/docker/build-image.sh -q >/dev/null
say "image $image: $(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}')"

url=$(IMAGE=$image BUILD=never PORT=0 DETACH=1 CONTAINER_NAME=oe-test-docker WORKERS=2 \
  HEALTH_TIMEOUT_SECONDS=90 deploy/local/run_docker.sh)
[[ $url == http://127.0.0.1:* ]] || fail "run_docker.sh printed '$url', expected http://127.0.0.1:PORT"
[[ $(docker inspect -f '{{.State.Health.Status}}' oe-test-docker) == healthy ]] || fail "container not healthy"
say "container healthy at $url"

[[ $(docker exec oe-test-docker id -u) == 1000 ]] || fail "container user is not uid 1000"
uids=$(docker top oe-test-docker -eo pid,uid | awk 'NR > 1 {print $2}' | sort -u | paste -sd, -)
[[ $uids == 1000 ]] || fail "processes in the container run as uid(s) $uids, expected only 1000"
say "every process in the container runs as uid 1000"

batch "$url" ws 20 0.5 1
batch "$url" http 10 0.2 1

# The image's start-up cache, made at build time, is in the entrypoint's argument file and is one
# this runtime maps (AOTMode=on refuses to start otherwise); the image's own `run` drives the
# server with it.
docker run --rm --entrypoint cat "$image" /opt/openenv-bench/jvm-options 2>>"$OE_WORK/aot-check.err" | grep -q -- '-XX:AOTCache=' ||
  fail "the image's jvm-options do not load a start-up cache"
jvm=(/opt/java/bin/java @/opt/openenv-bench/jvm-options -XX:AOTMode=on
  -XX:+UseSerialGC -Xss512k --enable-native-access=ALL-UNNAMED -jar /opt/openenv-bench/openenv-bench.jar)
docker run --rm --entrypoint "${jvm[0]}" "$image" "${jvm[@]:1}" --version >/dev/null 2>"$OE_WORK/aot-check.err" ||
  fail "the image's start-up cache does not load"
started=$(date +%s%N)
docker run --rm --network host "$image" run --url "$url" -n 1 -w 0.1 --warmup 0 --no-progress \
  >"$OE_WORK/image-run.out" 2>&1 || fail "the image's run: $(tail -n 5 "$OE_WORK/image-run.out")"
grep -q "1 successful, 0 failed" "$OE_WORK/image-run.out" ||
  fail "the image's run did not succeed: $(tail -n 10 "$OE_WORK/image-run.out")"
say "the image's start-up cache loads; its run -n 1 -w 0.1 took $((($(date +%s%N) - started) / 1000000)) ms (docker run included)"
docker rm -f oe-test-docker >/dev/null
