#!/usr/bin/env bash
# One harness process, ≥19,000 concurrent WS sessions against `serve --workers 2`:
#   1. --barrier, wait 10 s (all steps released together);
#   2. no barrier, wait $WAIT_NO_BARRIER (default 40 s) so the ~open phase fits inside the wait.
# Prints success, peak_concurrency (target ≥ 99% of N), open_rate (sessions/s) and step latency.
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=bench/harness/lib.sh
. "$root/bench/harness/lib.sh"
n=${N:-19000}
out=$(mktemp -d)
machine
start_server --workers 2 --max-concurrent-envs $((n / 2 + 1000))
trap stop_server EXIT
export OPENENV_BENCH_JAVA_OPTS="${OPENENV_BENCH_JAVA_OPTS:--Xmx4g}"
bench run --url "$SERVER_URL" -n "$n" -w 10 --barrier --timeout 300 --no-progress -o "$out/barrier" | tail -25
bench run --url "$SERVER_URL" -n "$n" -w "${WAIT_NO_BARRIER:-40}" --timeout 300 --no-progress -o "$out/storm" | tail -25
for d in barrier storm; do
  echo "== $d"
  for col in successful failed peak_concurrency open_rate connect_p99 step_p50 step_p99 step_overhead_p99 total_wall_time harness_cpu_seconds harness_loop_lag_max_ms harness_saturated errors; do
    printf '%-24s %s\n' "$col" "$(csv_col "$out/$d/summary.csv" "$col")"
  done
done
echo "files: $out"
