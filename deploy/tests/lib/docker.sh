#!/usr/bin/env bash
# A private Docker engine for the tests: its own socket, data root and bridge (oedock0), no
# iptables rules and no IP forwarding (ports are published on 127.0.0.1 by docker-proxy).

OE_DOCKER_BRIDGE=oedock0
OE_BASE_IMAGE=oe-test-base:bookworm
OE_CACHE=${DEPLOY_TEST_CACHE:-/var/cache/openenv-bench-deploy-tests}

docker_up() {
  [[ -S $OE_WORK/docker.sock ]] && return 0
  ip link add "$OE_DOCKER_BRIDGE" type bridge
  echo "$OE_DOCKER_BRIDGE" >>"$OE_WORK/links"
  ip addr add 172.31.251.1/24 dev "$OE_DOCKER_BRIDGE"
  ip link set "$OE_DOCKER_BRIDGE" up
  export DOCKER_HOST=unix://$OE_WORK/docker.sock
  start_bg "$OE_WORK/dockerd.log" dockerd --host "$DOCKER_HOST" \
    --data-root "$OE_WORK/docker-data" --exec-root "$OE_WORK/docker-exec" \
    --pidfile "$OE_WORK/docker.pid" --bridge "$OE_DOCKER_BRIDGE" \
    --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false \
    --default-ulimit nofile=20000:20000 --default-ulimit nproc=4096:4096
  engine_up() { docker info --format '{{.ServerVersion}}' >/dev/null 2>&1; }
  wait_for 60 "the Docker engine (log: $OE_WORK/dockerd.log.err)" engine_up
}

# The runtime base: Debian bookworm minbase made with debootstrap (nothing can be pulled here),
# cached as a tarball between runs.
docker_base_image() {
  docker image inspect "$OE_BASE_IMAGE" >/dev/null 2>&1 && return 0
  local tarball=$OE_CACHE/bookworm-minbase.tar
  if [[ ! -s $tarball ]]; then
    local mirror
    # The machine's own Debian mirror (one-line or deb822 sources), never a security suite.
    mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null |
      awk '/^URIs:/ {print $2} /^deb / {for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; break}}' |
      grep -v security | sed -n 1p || true)
    say "debootstrap bookworm minbase from ${mirror:-http://deb.debian.org/debian}"
    mkdir -p "$OE_CACHE"
    debootstrap --variant=minbase bookworm "$OE_WORK/rootfs" "${mirror:-http://deb.debian.org/debian}" \
      >"$OE_WORK/debootstrap.log" 2>&1 || fail "debootstrap failed; see $OE_WORK/debootstrap.log"
    # Package caches and docs are not needed at run time: ~80 MB less per image.
    tar -C "$OE_WORK/rootfs" -cf "$tarball.tmp" --exclude=./var/cache/apt/archives/*.deb \
      --exclude=./var/lib/apt/lists/* --exclude=./usr/share/doc/* --exclude=./usr/share/man/* \
      --exclude=./usr/share/locale/* . && mv "$tarball.tmp" "$tarball"
    rm -rf "$OE_WORK/rootfs"
  fi
  docker import "$tarball" "$OE_BASE_IMAGE" >/dev/null
}

docker_down() {
  [[ -S $OE_WORK/docker.sock ]] || return 0
  local ids
  ids=$(docker ps -aq 2>/dev/null)
  # shellcheck disable=SC2086  # a list of container ids
  [[ -n $ids ]] && docker rm -f $ids >/dev/null 2>&1
  local pid
  pid=$(cat "$OE_WORK/docker.pid" 2>/dev/null)
  if [[ -n $pid ]]; then
    kill -TERM "$pid" 2>/dev/null
    local deadline=$((SECONDS + 20))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.3; done
  fi
  rm -f "$OE_WORK/docker.sock"
}
