#!/usr/bin/env bash
# Client cost, openenv-bench against the Python anchor, back to back on one `serve --workers 2`:
# for each N (default 100 1000 2000 5000 10000), wait 1 s, WebSocket, `run --url -n N --warmup 0`
# and bench/harness/python_anchor.py (openenv 0.10.0's GenericEnvClient under asyncio.gather, in
# the interop venv), alternating which goes first. Each row: wall time, CPU seconds of the whole
# process (JVM or interpreter start-up included, from /usr/bin/time), peak RSS, CPU-ms and RSS-KB
# per session, and the step p50 / p99 each measured.
#
#   NS="100 1000" REPS=2 bench/harness/client_cost.sh
# OLD_JAR=path adds a third client, that jar's `run` with the same options, after the other two in
# each round: `java -jar` with this launcher's GC, stack and native-access flags and no start-up
# cache (how a jar older than bin/aot-cache.sh ran).
# Needs /usr/bin/time and the interop venv: INTEROP_VENV_ROOT=... interop/setup_venv.sh openenv
# (VENV picks it, default interop/.venv/openenv).
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=bench/harness/lib.sh
. "$root/bench/harness/lib.sh"
venv=${VENV:-$root/interop/.venv/openenv}
[[ -x $venv/bin/python ]] || { echo "no interop venv at $venv (interop/setup_venv.sh openenv)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
ulimit -n 20000
out=$(mktemp -d)
machine
start_server --workers 2 --max-concurrent-envs 20000
trap stop_server EXIT

ours() { # n rep [label command...]; the command is this checkout's unless given
  local n=$1 rep=$2 label=openenv-bench cmd=("${bench_cmd[@]}")
  if (($# > 2)); then label=$3 cmd=("${@:4}"); fi
  local dir=$out/$label-$n-$rep
  /usr/bin/time -f '%e %U %S %M' -o "$dir.time" \
    "${cmd[@]}" run --url "$SERVER_URL" -n "$n" -w 1 --warmup 0 --no-progress -o "$dir" >/dev/null 2>&1
  read -r wall user sys rss <"$dir.time"
  printf '%-13s %6d %7.2f %7.2f %8.0f %7.3f %8.1f %s %s\n' "$label" "$n" "$wall" "$(echo "$user + $sys" | bc)" \
    "$((rss / 1024))" "$(echo "($user + $sys) * 1000 / $n" | bc -l)" "$(echo "$rss / $n" | bc -l)" \
    "$(csv_col "$dir/summary.csv" step_p50)" "$(csv_col "$dir/summary.csv" step_p99)"
}

python_anchor() { # n rep
  local f=$out/python-$1-$2
  /usr/bin/time -f '%e %U %S %M' -o "$f.time" \
    "$venv/bin/python" "$root/bench/harness/python_anchor.py" "$SERVER_URL" "$1" 1 >"$f.json" 2>/dev/null
  read -r wall user sys rss <"$f.time"
  printf 'python-anchor %6d %7.2f %7.2f %8.0f %7.3f %8.1f %s %s   (%s of %s succeeded)\n' "$1" "$wall" \
    "$(echo "$user + $sys" | bc)" "$((rss / 1024))" "$(echo "($user + $sys) * 1000 / $1" | bc -l)" \
    "$(echo "$rss / $1" | bc -l)" \
    "$(sed 's/.*"step_p50": \([^,]*\).*/\1/' "$f.json")" "$(sed 's/.*"step_p99": \([^,]*\).*/\1/' "$f.json")" \
    "$(sed 's/.*"successful": \([0-9]*\).*/\1/' "$f.json")" "$1"
}

echo "client            N  wall_s   cpu_s   rss_MB  cpu_ms/session  rss_KB/session  step_p50 step_p99"
i=0
for n in ${NS:-100 1000 2000 5000 10000}; do
  for rep in $(seq "${REPS:-2}"); do
    if ((i++ % 2 == 0)); then ours "$n" "$rep"; python_anchor "$n" "$rep"; else python_anchor "$n" "$rep"; ours "$n" "$rep"; fi
    if [[ -n ${OLD_JAR:-} ]]; then
      ours "$n" "$rep" old-jar "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -XX:+UseSerialGC \
        -Xss512k --enable-native-access=ALL-UNNAMED -jar "$OLD_JAR"
    fi
    sleep 2
  done
done
echo "files: $out"
