#!/usr/bin/env bash
# Measurement overhead: N=1, wait 0.1 s on loopback, 30 repetitions; prints the median over the
# repetitions of step_overhead_p50 (step round trip minus the requested wait). Target: ≤ 1 ms.
# MODE=http measures HTTP instead of WebSocket. WARMUP (default 1,000 sessions, one at a time) warms
# both JVMs first: against a --url, run warms nothing by default since 2026-12-02.
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=bench/harness/lib.sh
. "$root/bench/harness/lib.sh"
out=$(mktemp -d)
machine
start_server --max-concurrent-envs 10
trap stop_server EXIT
bench run --url "$SERVER_URL" --mode "${MODE:-ws}" -n 1 -w 0.1 --reps 30 --warmup "${WARMUP:-1000}" --no-progress -o "$out" >/dev/null
echo "step_overhead_p50 per repetition (s):"
csv_col "$out/summary.csv" step_overhead_p50 | tr '\n' ' '; echo
echo "median over repetitions (s): $(csv_col "$out/summary.csv" step_overhead_p50 | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
echo "harness_saturated: $(csv_col "$out/summary.csv" harness_saturated | sort | uniq -c | tr '\n' ' ')"
echo "files: $out"
