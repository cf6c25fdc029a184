# shellcheck shell=bash
# Shared helpers for the bench/server-*.sh scripts (sourced, not run).
# Every process started here is remembered by pid and stopped by pid in cleanup.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
WORK=$(mktemp -d /tmp/openenv-bench.XXXXXX)
SERVER_PID=
LOAD_PIDS=()
CLK_TCK=$(getconf CLK_TCK)

cleanup() {
  local p
  for p in "${LOAD_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true # SIGTERM: graceful, workers follow their supervisor
    for _ in $(seq 150); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[$(date +%T)] $*" >&2; }

# Prints the machine facts docs/benchmarks.md records with every figure.
machine_facts() {
  echo "date=$(date -u +%FT%TZ)"
  echo "commit=$(git -C "$ROOT" rev-parse --short HEAD)"
  echo "server_commit=$(git -C "$ROOT" log -1 --format=%h -- src/main pom.xml)"
  echo "nproc=$(nproc)"
  echo "mem_total_kib=$(awk '/MemTotal/ {print $2}' /proc/meminfo)"
  echo "jdk=$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg)"
}

# Compiles the load generator once (the source launcher would recompile it in every process).
compile_load() {
  mkdir -p "$WORK/classes"
  "$JAVA_HOME/bin/javac" -d "$WORK/classes" "$BENCH_DIR"/*.java
}

# start_server XMX ARGS... : starts `serve --port 0 ARGS`, sets SERVER_PID and URL.
start_server() {
  local xmx=$1
  shift
  OPENENV_BENCH_JAVA_OPTS="-Xmx$xmx" "$ROOT/bin/openenv-bench" serve --port 0 "$@" \
    >"$WORK/server.out" 2>"$WORK/server.err" &
  SERVER_PID=$!
  for _ in $(seq 600); do
    URL=$(sed -n 's/^openenv-bench serve: listening on //p' "$WORK/server.out")
    [[ -n $URL ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.err" >&2; echo "server died" >&2; exit 1; }
    sleep 0.2
  done
  [[ -n $URL ]] || { echo "server not ready in 120 s" >&2; exit 1; }
  log "server pid $SERVER_PID at $URL"
}

# Pids that hold the sessions: the workers when the server is a supervisor, else the server.
worker_pids() {
  local children
  children=$(pgrep -P "$SERVER_PID" java || true)
  if [[ -n $children ]]; then echo "$children"; else echo "$SERVER_PID"; fi
}

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# start_load INDEX SOURCE_ADDR XMX ARGS... : one load process writing $WORK/load-INDEX.out.
start_load() {
  local i=$1 src=$2 xmx=$3
  shift 3
  "$JAVA_HOME/bin/java" "-Xmx$xmx" -Xss256k -XX:+UseSerialGC -cp "$WORK/classes" WsHold \
    --url "$URL" --source-address "$src" "$@" >"$WORK/load-$i.out" 2>"$WORK/load-$i.err" &
  LOAD_PIDS+=($!)
}

# Waits until every load process printed event=all-stepping (or TIMEOUT seconds pass).
await_all_stepping() {
  local timeout=$1 deadline=$((SECONDS + $1)) n=${#LOAD_PIDS[@]}
  while ((SECONDS < deadline)); do
    (($(cat "$WORK"/load-*.out 2>/dev/null | grep -c '^event=all-stepping') >= n)) && return 0
    sleep 1
  done
  log "not all load processes reached all-stepping within $timeout s"
  return 1
}

# Waits for the load processes to exit, bounded; returns non-zero if any failed or hung.
await_load() {
  local deadline=$((SECONDS + $1)) rc=0 p
  for p in "${LOAD_PIDS[@]}"; do
    while kill -0 "$p" 2>/dev/null && ((SECONDS < deadline)); do sleep 1; done
    if kill -0 "$p" 2>/dev/null; then kill "$p"; rc=1; else wait "$p" || rc=1; fi
  done
  LOAD_PIDS=()
  return $rc
}

# Sums key=value totals over all load outputs: sum_key KEY.
sum_key() { cat "$WORK"/load-*.out | awk -F= -v k="$1" '$1 == k {s += $2} END {print s + 0}'; }

# Prints every failure cause summed over load processes.
failure_causes() { cat "$WORK"/load-*.out | awk -F= '$1 ~ /^failure\./ {s[$1] += $2} END {for (k in s) print k "=" s[k]}'; }

# Prints the server-side figures measured by the load process that sampled /metrics.
server_gauges() {
  grep -h '^server_\|^metrics_' "$WORK"/load-*.out || true
  echo "client_max_loop_stall_ms=$(cat "$WORK"/load-*.out | awk -F= '$1 == "client_max_loop_stall_ms" && $2 > m {m = $2} END {print m + 0}')"
}

# measure_window SECONDS: RSS and CPU-seconds of the worker pids over a window (prints key=value).
measure_window() {
  local secs=$1 p before=0 after=0 rss=0
  for p in $(worker_pids); do before=$((before + $(cpu_ticks "$p"))); done
  sleep "$secs"
  for p in $(worker_pids); do
    after=$((after + $(cpu_ticks "$p")))
    rss=$((rss + $(rss_kib "$p")))
    echo "worker_rss_kib.$p=$(rss_kib "$p")"
  done
  echo "server_rss_kib=$rss"
  echo "server_cpu_seconds_window=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" 'BEGIN {printf "%.2f", t / hz}')"
  echo "window_seconds=$secs"
}

# Machine-wide count of connections dropped because a listen (accept) queue was full; the delta
# over a run shows whether the server fell behind the connect ramp (other agents' servers count too).
listen_overflows() {
  awk '/^TcpExt:/ { if (!h) { for (i = 1; i <= NF; i++) col[$i] = i; h = 1 } else print $col["ListenOverflows"] }' /proc/net/netstat
}

# begin_run XMX SERVE_ARGS...: prints the machine facts, compiles the load, starts the server.
begin_run() {
  machine_facts
  compile_load
  OVF_BEFORE=$(listen_overflows)
  start_server "$@"
}

# start_loaders SESSIONS LOADERS RAMP WAIT XMX SAMPLE_MS: splits the sessions over LOADERS
# processes, process i bound to 127.0.0.(i+1) (see server-workers.sh for why one address each);
# only process 0 samples /metrics.
start_loaders() {
  local sessions=$1 loaders=$2 ramp=$3 wait=$4 xmx=$5 sample_ms=$6 per i n sample
  per=$((sessions / loaders))
  for i in $(seq 0 $((loaders - 1))); do
    n=$per; ((i == loaders - 1)) && n=$((sessions - per * (loaders - 1)))
    sample=0; ((i == 0)) && sample=$sample_ms
    start_load "$i" "127.0.0.$((i + 1))" "$xmx" -n "$n" --wait "$wait" \
      --ramp "$(awk -v r="$ramp" -v l="$loaders" 'BEGIN {print r / l}')" --sample-ms "$sample"
  done
}

# finish_run SESSIONS TIMEOUT: waits for the load (bounded), prints the totals over all load
# processes; returns non-zero unless every session succeeded.
finish_run() {
  local sessions=$1 rc=0
  await_load "$2" || rc=1
  echo "sessions=$sessions"
  echo "successes=$(sum_key successes)"
  echo "failures=$(sum_key failures)"
  failure_causes
  echo "listen_overflows_during_run=$(($(listen_overflows) - OVF_BEFORE))"
  echo "open_rate_per_s_total=$(cat "$WORK"/load-*.out | awk -F= '$1 == "open_rate_per_s" {s += $2} END {print s}')"
  server_gauges
  (($(sum_key successes) == sessions)) || rc=1
  return $rc
}
