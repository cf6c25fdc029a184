#!/usr/bin/env bash
# Runs the openenv-bench server image in Docker, publishing it on this machine.
#
# Environment:
#   IMAGE                image to run (default openenv-bench:latest; built by
#                        deploy/docker/build-image.sh when missing and BUILD=auto)
#   BUILD                auto (default): build when IMAGE is missing; always; never
#   PORT                 port published on the host (default 8000; 0 lets Docker pick one)
#   PUBLISH_ADDRESS      host address the port is published on (default 127.0.0.1)
#   WORKERS              server processes in the container (default 1)
#   MAX_CONCURRENT_ENVS  WebSocket sessions per worker (default 100)
#   CONTAINER_NAME       container name (default openenv-bench-<host port>)
#   NOFILE               open-files limit inside the container (default 20000)
#   DETACH               1: run in the background, wait until healthy, print the URL, exit
#   HEALTH_TIMEOUT_SECONDS  how long DETACH=1 waits for "healthy" (default 60)
# Extra arguments are passed to `docker run` before the image name.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
image=${IMAGE:-openenv-bench:latest}
port=${PORT:-8000}
publish=${PUBLISH_ADDRESS:-127.0.0.1}
name=${CONTAINER_NAME:-openenv-bench-$port}

case ${BUILD:-auto} in
  always) IMAGE=$image "$here/../docker/build-image.sh" ;;
  auto) docker image inspect "$image" >/dev/null 2>&1 || IMAGE=$image "$here/../docker/build-image.sh" ;;
  never) ;;
  *) echo "run_docker: BUILD must be auto, always or never" >&2; exit 2 ;;
esac

# PORT=0: let Docker pick the host port (printed below).
if [[ $port == 0 ]]; then published="$publish::8000"; else published="$publish:$port:8000"; fi
run_args=(--name "$name" --init
  -p "$published"
  -e PORT=8000 -e HOST=0.0.0.0
  -e "WORKERS=${WORKERS:-1}" -e "MAX_CONCURRENT_ENVS=${MAX_CONCURRENT_ENVS:-100}"
  --ulimit "nofile=${NOFILE:-20000}:${NOFILE:-20000}")
if [[ ${DETACH:-0} != 1 ]]; then
  echo "run_docker: serving on http://$publish:$port (Ctrl-C stops the container)" >&2
  exec docker run --rm "${run_args[@]}" "$@" "$image"
fi

docker run -d "${run_args[@]}" "$@" "$image" >/dev/null
deadline=$((SECONDS + ${HEALTH_TIMEOUT_SECONDS:-60}))
until [[ $(docker inspect -f '{{.State.Health.Status}}' "$name") == healthy ]]; do
  if ((SECONDS > deadline)) || [[ $(docker inspect -f '{{.State.Running}}' "$name") != true ]]; then
    echo "run_docker: $name did not become healthy; its log:" >&2
    docker logs --tail 50 "$name" >&2 || true
    exit 1
  fi
  sleep 1
done
host_port=$(docker port "$name" 8000/tcp | head -n 1)
echo "run_docker: container $name healthy" >&2
echo "http://$publish:${host_port##*:}"
