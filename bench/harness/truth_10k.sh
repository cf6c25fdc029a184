#!/usr/bin/env bash
# Truth at 10,000 (issue #15): `run -n 10000 -w 1 --warmup 0` with the seed's default semantics
# (no --barrier, no ramp, no --open-window given) against one `serve --workers 2
# --max-concurrent-envs 20000`, this jar (OPENENV_BENCH_JAR) and OLD_JAR alternating, which goes
# first swapped each round. Each row: step_overhead p50 / p99, connect p50 (from the cell start),
# peak concurrency, open rate, wall time, harness CPU-s and the harness's saturation flag.
#
#   OPENENV_BENCH_JAR=new.jar OLD_JAR=old.jar ROUNDS=3 bench/harness/truth_10k.sh
# EXTRA="--open-window 8" adds options to both (N changes the size).
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=bench/harness/lib.sh
. "$root/bench/harness/lib.sh"
: "${OLD_JAR:?set OLD_JAR to the jar to compare against}"
ulimit -n 20000
out=$(mktemp -d)
machine
start_server --workers 2 --max-concurrent-envs 20000
trap stop_server EXIT
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
old_cmd=("$java" -XX:+UseSerialGC -Xss512k --enable-native-access=ALL-UNNAMED -jar "$OLD_JAR")

one() { # label round command...
  local label=$1 round=$2 dir=$out/$1-$2
  shift 2
  # shellcheck disable=SC2086  # EXTRA is a list of options
  "$@" run --url "$SERVER_URL" -n "${N:-10000}" -w 1 --warmup 0 --no-progress ${EXTRA:-} -o "$dir" >/dev/null 2>&1 || true
  local f=$dir/summary.csv
  printf '%-4s %d %8.1f %8.1f %8.2f %6s %8.0f %7.1f %6.1f %s\n' "$label" "$round" \
    "$(echo "$(csv_col "$f" step_overhead_p50) * 1000" | bc -l)" "$(echo "$(csv_col "$f" step_overhead_p99) * 1000" | bc -l)" \
    "$(csv_col "$f" connect_p50)" "$(csv_col "$f" peak_concurrency)" "$(csv_col "$f" open_rate)" \
    "$(csv_col "$f" total_wall_time)" "$(csv_col "$f" harness_cpu_seconds)" "$(csv_col "$f" harness_saturated)"
}

echo "jar  round  ovhd_p50_ms  ovhd_p99_ms  connect_p50_s  peak  open_rate  wall_s  cpu_s  saturated"
for round in $(seq "${ROUNDS:-3}"); do
  if ((round % 2 == 1)); then
    one new "$round" "${bench_cmd[@]}"; sleep 2; one old "$round" "${old_cmd[@]}"
  else
    one old "$round" "${old_cmd[@]}"; sleep 2; one new "$round" "${bench_cmd[@]}"
  fi
  sleep 2
done
echo "files: $out"
