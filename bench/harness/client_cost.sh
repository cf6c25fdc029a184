#!/usr/bin/env bash
# Client cost, openenv-bench against the Python anchor, back to back on one `serve --workers 2`:
# for each N (default 100 1000 2000 5000 10000), wait 1 s, WebSocket, `run --url -n N --warmup 0`
# and bench/harness/python_anchor.py (openenv 0.10.0's GenericEnvClient under asyncio.gather, in
# the interop venv), alternating which goes first. Each row: wall time, CPU seconds of the whole
# process (JVM or interpreter start-up included, from /usr/bin/time), peak RSS, CPU-ms and RSS-KB
# per session, and the step p50 / p99 each measured.
#
#   NS="100 1000" REPS=2 bench/harness/client_cost.sh
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

ours() { # n rep
  local dir=$out/ours-$1-$2
  /usr/bin/time -f '%e %U %S %M' -o "$dir.time" \
    "${bench_cmd[@]}" run --url "$SERVER_URL" -n "$1" -w 1 --warmup 0 --no-progress -o "$dir" >/dev/null 2>&1
  read -r wall user sys rss <"$dir.time"
  printf 'openenv-bench %6d %7.2f %7.2f %8.0f %7.3f %8.1f %s %s\n' "$1" "$wall" "$(echo "$user + $sys" | bc)" \
    "$((rss / 1024))" "$(echo "($user + $sys) * 1000 / $1" | bc -l)" "$(echo "$rss / $1" | bc -l)" \
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
    sleep 2
  done
done
echo "files: $out"
