#!/usr/bin/env bash
# Writes an Envoy config for a list of servers to stdout, from envoy-config-template.yaml.
#
#   render-envoy-config.sh HOST:PORT [HOST:PORT ...] > envoy.yaml
#
# Environment: LB_PORT (listener port, default 8000), LB_ADDRESS (listener address, 0.0.0.0),
# ENVOY_ADMIN_ADDRESS (127.0.0.1), ENVOY_ADMIN_PORT (9901), ENVOY_TEMPLATE (the template path).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
template=${ENVOY_TEMPLATE:-$here/envoy-config-template.yaml}

if (($# == 0)); then
  echo "usage: $0 HOST:PORT [HOST:PORT ...]" >&2
  exit 2
fi
for backend in "$@"; do
  if [[ ! $backend =~ ^[A-Za-z0-9._-]+:[0-9]+$ ]]; then
    echo "render-envoy-config: '$backend' is not HOST:PORT" >&2
    exit 2
  fi
done

awk -v listen_addr="${LB_ADDRESS:-0.0.0.0}" -v listen_port="${LB_PORT:-8000}" \
  -v admin_addr="${ENVOY_ADMIN_ADDRESS:-127.0.0.1}" -v admin_port="${ENVOY_ADMIN_PORT:-9901}" \
  -v backends="$*" '
  function put(line, addr, port) {
    sub(/address: [A-Za-z0-9._-]+,/, "address: " addr ",", line)
    sub(/port_value: [0-9]+/, "port_value: " port, line)
    sub(/ *# @[A-Z]+$/, "", line)
    return line
  }
  /# @LISTEN$/ { print put($0, listen_addr, listen_port); next }
  /# @ADMIN$/ { print put($0, admin_addr, admin_port); next }
  /# @BACKEND$/ {
    n = split(backends, list, " ")
    for (i = 1; i <= n; i++) {
      split(list[i], hp, ":")
      print put($0, hp[1], hp[2])
    }
    next
  }
  { print }
' "$template"
