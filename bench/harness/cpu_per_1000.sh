#!/usr/bin/env bash
# Harness CPU cost: N=5000 WS sessions, wait 1 s, against `serve` (one worker); prints the
# harness's CPU-seconds per 1,000 sessions (harness_cpu_seconds / 5) and the cell's figures.
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=bench/harness/lib.sh
. "$root/bench/harness/lib.sh"
n=${N:-5000}
out=$(mktemp -d)
machine
start_server --max-concurrent-envs $((n + 100))
trap stop_server EXIT
bench run --url "$SERVER_URL" -n "$n" -w 1 --reps "${REPS:-3}" --no-progress -o "$out" >/dev/null
for col in successful failed harness_cpu_seconds step_p50 step_p99 connect_p99 peak_concurrency open_rate harness_loop_lag_max_ms harness_saturated; do
  printf '%-24s %s\n' "$col" "$(csv_col "$out/summary.csv" "$col" | tr '\n' ' ')"
done
echo "CPU-seconds per 1,000 sessions: $(csv_col "$out/summary.csv" harness_cpu_seconds | awk -v n="$n" '{printf "%.3f ", $1 / (n / 1000)}')"
echo "files: $out"
