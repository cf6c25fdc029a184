#!/usr/bin/env bash
# Multi-node deployment inside a SLURM allocation: node 0 runs the load balancer (Envoy, or
# HAProxy with LB=haproxy), every other node runs one openenv-bench server. Generates the load
# balancer config from the allocation's node list, waits until the servers and the balancer
# answer /health, writes a connection file with the URL, then holds the deployment until it is
# interrupted (Ctrl-C / SIGTERM / end of the allocation), stopping everything it started.
#
#   deploy/slurm/alloc.sh deploy/slurm/serve_multi.sh     (heterogeneous: LB group + servers)
#   salloc --nodes=3 deploy/slurm/serve_multi.sh          (plain: first node = LB)
#   LOAD_NODES=2 deploy/slurm/alloc.sh deploy/slurm/serve_multi.sh
#       (plus a load group, left free for deploy/slurm/run_loadgen.sh; in a plain allocation
#       LOAD_NODES=2 keeps the last 2 nodes free instead)
#
# Environment:
#   LB                   envoy (default) or haproxy
#   ENVOY_BIN / HAPROXY_BIN   balancer binaries (default: envoy / haproxy on the nodes' PATH)
#   PORT                 server port on each server node (default 8000)
#   LB_PORT              balancer port on node 0 (default 8000)
#   WORKERS              server processes per node (default: the server step's CPUs, else 1)
#   MAX_CONCURRENT_ENVS  WebSocket sessions per worker (default 100)
#   OPENENV_BENCH        launcher (default: bin/openenv-bench of this checkout; must be on a
#                        file system the nodes share)
#   OUTPUT_DIR           configs and logs (default: ./openenv-multi-$SLURM_JOB_ID; shared FS)
#   CONNECTION_FILE      (default: $OUTPUT_DIR/connection.env) OPENENV_URL=..., the servers
#                        and the load nodes (OPENENV_LOAD_NODES, read by run_loadgen.sh)
#   LOAD_NODES           plain allocation: how many of its last nodes to leave to the load
#                        generator (default 0); a heterogeneous one has them as its group 2
#   HEALTH_TIMEOUT_SECONDS   how long to wait for health (default 180)
#   ENVOY_ADMIN_PORT, LB_ADMIN_PORT, LB_MAXCONN, ...: see deploy/envoy and deploy/haproxy
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
launcher=${OPENENV_BENCH:-$root/bin/openenv-bench}
lb=${LB:-envoy}
port=${PORT:-8000}
lb_port=${LB_PORT:-8000}
: "${SLURM_JOB_ID:?serve_multi: run me inside a SLURM allocation (see deploy/slurm/alloc.sh)}"
out=${OUTPUT_DIR:-$PWD/openenv-multi-$SLURM_JOB_ID}
connection=${CONNECTION_FILE:-$out/connection.env}
mkdir -p "$out"

log() { echo "serve_multi: $*" >&2; }

if [[ -n ${SLURM_JOB_NODELIST_HET_GROUP_0:-} && -n ${SLURM_JOB_NODELIST_HET_GROUP_1:-} ]]; then
  lb_node=$(scontrol show hostnames "$SLURM_JOB_NODELIST_HET_GROUP_0" | head -n 1)
  mapfile -t server_nodes < <(scontrol show hostnames "$SLURM_JOB_NODELIST_HET_GROUP_1")
  lb_step=(--het-group=0)
  server_step=(--het-group=1)
  server_cpus=${SLURM_CPUS_PER_TASK_HET_GROUP_1:-1}
  load_nodes=${SLURM_JOB_NODELIST_HET_GROUP_2:-}
  load_group=${load_nodes:+2}
else
  mapfile -t nodes < <(scontrol show hostnames "$SLURM_JOB_NODELIST")
  load_count=${LOAD_NODES:-0}
  if ((${#nodes[@]} - load_count < 2)); then
    log "needs at least 2 nodes (1 balancer + servers) besides LOAD_NODES=$load_count; got ${#nodes[@]}"
    exit 2
  fi
  lb_node=${nodes[0]}
  server_nodes=("${nodes[@]:1:${#nodes[@]}-1-load_count}")
  load_nodes=$(IFS=,; echo "${nodes[*]:${#nodes[@]}-load_count}")
  load_group=""
  lb_step=()
  server_step=()
  server_cpus=${SLURM_CPUS_PER_TASK:-1}
fi
workers=${WORKERS:-$server_cpus}
backends=()
for node in "${server_nodes[@]}"; do backends+=("$node:$port"); done
log "job $SLURM_JOB_ID: $lb on $lb_node:$lb_port, servers ${backends[*]}${load_nodes:+, load nodes $load_nodes left free}"

case $lb in
  envoy)
    lb_config=$out/envoy.yaml
    LB_PORT=$lb_port "$root/deploy/envoy/render-envoy-config.sh" "${backends[@]}" >"$lb_config"
    lb_command=("${ENVOY_BIN:-envoy}" -c "$lb_config" --log-level warn)
    ;;
  haproxy)
    lb_config=$out/haproxy.cfg
    LB_PORT=$lb_port "$root/deploy/haproxy/render-haproxy-config.sh" "${backends[@]}" >"$lb_config"
    lb_command=("${HAPROXY_BIN:-haproxy}" -db -f "$lb_config")
    ;;
  *) log "LB must be envoy or haproxy (got '$lb')"; exit 2 ;;
esac

# Build the jar once here, not concurrently on every node.
"$launcher" --version >/dev/null

pids=()
stop_all() {
  trap - EXIT INT TERM
  log "stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -f "$connection"
}
trap stop_all EXIT
trap 'exit 143' INT TERM

for node in "${server_nodes[@]}"; do
  srun "${server_step[@]}" --nodes=1 --ntasks=1 --nodelist="$node" --job-name=openenv-server \
    "$launcher" serve --host 0.0.0.0 --port "$port" --workers "$workers" \
    --max-concurrent-envs "${MAX_CONCURRENT_ENVS:-100}" >"$out/server-$node.log" 2>&1 &
  pids+=($!)
done

http_ok() { # host port: GET /health answers 200
  # shellcheck disable=SC2016  # the inner bash expands $0 and $1
  timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1" &&
    printf "GET /health HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n" "$0" >&3 &&
    IFS=" " read -r _ status _ <&3 && [ "$status" = 200 ]' "$1" "$2" 2>/dev/null
}
wait_healthy() { # what host port srun-pid log
  local deadline=$((SECONDS + ${HEALTH_TIMEOUT_SECONDS:-180}))
  until http_ok "$2" "$3"; do
    if ! kill -0 "$4" 2>/dev/null; then
      log "$1 on $2 exited before it was healthy; its log ($5):"
      tail -n 20 "$5" >&2
      exit 1
    fi
    if ((SECONDS > deadline)); then
      log "$1 at $2:$3 not healthy after ${HEALTH_TIMEOUT_SECONDS:-180}s; logs in $out"
      exit 1
    fi
    sleep 0.5
  done
  log "$1 at $2:$3 healthy"
}
for i in "${!server_nodes[@]}"; do
  node=${server_nodes[$i]}
  wait_healthy server "$node" "$port" "${pids[$i]}" "$out/server-$node.log"
done

srun "${lb_step[@]}" --nodes=1 --ntasks=1 --nodelist="$lb_node" --job-name=openenv-lb \
  "${lb_command[@]}" >"$out/lb.log" 2>&1 &
lb_pid=$!
pids+=("$lb_pid")
wait_healthy "$lb" "$lb_node" "$lb_port" "$lb_pid" "$out/lb.log"

url="http://$lb_node:$lb_port"
{
  echo "OPENENV_URL=$url"
  echo "OPENENV_LB=$lb"
  echo "OPENENV_SERVERS=$(IFS=,; echo "${backends[*]}")"
  echo "OPENENV_LOAD_NODES=$load_nodes"
  echo "OPENENV_LOAD_HET_GROUP=$load_group"
  echo "SLURM_JOB_ID=$SLURM_JOB_ID"
} >"$connection"
log "ready: $url (connection file $connection)"
echo "$url"

# Hold the deployment while the balancer runs; a lost server is the balancer's business.
wait "$lb_pid" || log "the balancer exited (status $?); see $out/lb.log"
