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
docker rm -f oe-test-docker >/dev/null
