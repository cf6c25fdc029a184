#!/usr/bin/env bash
# ≥50,000 concurrent WS sessions from `run --processes 3` against `serve --workers 4` on one
# 2-core machine (each process stays under the 20,000 open-files limit; loopback connections are
# spread over 127.0.0.x automatically). --barrier holds sessions per harness process.
# N, WAIT, TIMEOUT (default 600), PROCESSES (default 3) and WORKERS (default 4) change the shape: N=100000 PROCESSES=6
# WORKERS=6 WAIT=240 is the 100,000-session attempt (each process then holds ~16,700 sockets).
# OPEN_WINDOW=W passes --open-window W (at most W sessions opening at once, each process its share;
# the 100,000-session run used OPEN_WINDOW=32, docs/benchmarks.md).
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=bench/harness/lib.sh
. "$root/bench/harness/lib.sh"
n=${N:-50000}
out=$(mktemp -d)
machine
workers=${WORKERS:-4}
start_server --workers "$workers" --max-concurrent-envs $((n / workers + 4000))
trap stop_server EXIT
bench run --url "$SERVER_URL" -n "$n" -w "${WAIT:-120}" --barrier --processes "${PROCESSES:-3}" --timeout "${TIMEOUT:-600}" \
  ${OPEN_WINDOW:+--open-window "$OPEN_WINDOW"} --no-progress -o "$out" | tail -25
for col in successful failed peak_concurrency open_rate connect_p99 step_p50 step_p99 total_wall_time harness_cpu_seconds harness_loop_lag_max_ms harness_saturated errors; do
  printf '%-24s %s\n' "$col" "$(csv_col "$out/summary.csv" "$col")"
done
echo "files: $out"
