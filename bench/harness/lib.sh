#!/usr/bin/env bash
# Shared helpers for the harness benchmarks: start `serve` on a free port, stop it, read a CSV
# column. Source this file; it expects $root (the repository root).
set -euo pipefail

# OPENENV_BENCH_JAR runs a fixed jar (so editing sources during a benchmark does not rebuild it).
if [[ -n ${OPENENV_BENCH_JAR:-} ]]; then
  # shellcheck disable=SC2206  # OPENENV_BENCH_JAVA_OPTS is a list of options
  bench_cmd=("${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -XX:+UseSerialGC -Xss512k
    --enable-native-access=ALL-UNNAMED ${OPENENV_BENCH_JAVA_OPTS:-} -jar "$OPENENV_BENCH_JAR")
else
  bench_cmd=("${root:?set root to the repository root}/bin/openenv-bench")
fi
bench() { "${bench_cmd[@]}" "$@"; }

# start_server ARGS... : starts `serve --port 0 ARGS`, sets SERVER_PID and SERVER_URL.
start_server() {
  local log
  log=$(mktemp)
  "${bench_cmd[@]}" serve --host 127.0.0.1 --port 0 "$@" >"$log" 2>/dev/null &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    if grep -q 'listening on' "$log"; then
      export SERVER_URL
      SERVER_URL=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$log" | head -1)
      rm -f "$log"
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "serve exited early" >&2; return 1; }
    sleep 0.1
  done
  echo "serve did not start" >&2
  return 1
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
}

# csv_col FILE COLUMN : prints COLUMN of every data row of summary.csv FILE.
csv_col() {
  awk -F, -v col="$2" 'NR==1 {for (i=1;i<=NF;i++) if ($i==col) c=i; next} {print $c}' "$1"
}

machine() {
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  nproc: $(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "jdk: $("${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -version 2>&1 | head -1)"
  echo "commit: $(git -C "$root" rev-parse --short HEAD)"
}
