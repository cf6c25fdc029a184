#!/usr/bin/env bash
# ≥50,000 concurrent WS sessions from `run --processes 3` against `serve --workers 4` on one
# 2-core machine (each process stays under the 20,000 open-files limit; loopback connections are
# spread over 127.0.0.x automatically). --barrier holds sessions per harness process.
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=bench/harness/lib.sh
. "$root/bench/harness/lib.sh"
n=${N:-50000}
out=$(mktemp -d)
machine
start_server --workers 4 --max-concurrent-envs $((n / 4 + 4000))
trap stop_server EXIT
bench run --url "$SERVER_URL" -n "$n" -w "${WAIT:-120}" --barrier --processes 3 --timeout 600 --no-progress -o "$out" | tail -25
for col in successful failed peak_concurrency open_rate connect_p99 step_p50 step_p99 total_wall_time harness_cpu_seconds harness_loop_lag_max_ms harness_saturated errors; do
  printf '%-24s %s\n' "$col" "$(csv_col "$out/summary.csv" "$col")"
done
echo "files: $out"
