#!/usr/bin/env bash
# --barrier, N sessions (default 19,000), wait 10 s, against `serve --workers 2` (a fresh one per
# run), two jars in turn (OLD_JAR, NEW_JAR), ROUNDS rounds (default 2), alternating which goes
# first. Prints each run's step_overhead p50/p99, close p50, the harness's GC pauses and event-loop
# lag, wall time and CPU. JVM options of the harness: OPENENV_BENCH_JAVA_OPTS (default -Xmx4g).
root=$(cd "$(dirname "$0")/../.." && pwd)
: "${OLD_JAR:?set OLD_JAR and NEW_JAR to the two jars}" "${NEW_JAR:?set NEW_JAR}"
n=${N:-19000}
rounds=${ROUNDS:-2}
export OPENENV_BENCH_JAVA_OPTS="${OPENENV_BENCH_JAVA_OPTS:--Xmx4g}"
# shellcheck source=bench/harness/lib.sh
OPENENV_BENCH_JAR=$NEW_JAR . "$root/bench/harness/lib.sh"
machine
ulimit -n 20000
out=$(mktemp -d)
one() { # one NAME JAR
  start_server --workers 2 --max-concurrent-envs $((n / 2 + 1000))
  local dir=$out/$1-$round
  "${bench_cmd[@]/$NEW_JAR/$2}" run --url "$SERVER_URL" -n "$n" -w 10 --barrier --timeout 300 \
    --warmup 0 --no-progress -o "$dir" >/dev/null 2>&1 || echo "run exited $?"
  stop_server
  printf '%-4s %d' "$1" "$round"
  for col in successful step_overhead_p50 step_overhead_p99 close_p50 harness_gc_pause_ms \
    harness_loop_lag_max_ms total_wall_time harness_cpu_seconds; do
    printf '  %s=%s' "$col" "$(csv_col "$dir/summary.csv" "$col")"
  done
  echo
}
for round in $(seq 1 "$rounds"); do
  if ((round % 2)); then one old "$OLD_JAR"; one new "$NEW_JAR"; else one new "$NEW_JAR"; one old "$OLD_JAR"; fi
done
echo "files: $out"
