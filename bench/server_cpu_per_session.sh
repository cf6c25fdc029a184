#!/usr/bin/env bash
# The server's CPU per WebSocket session (connect, upgrade, reset, one step of 0.1 s, close):
# `serve --workers 1` from JAR, then `run -n 5000 -w 0.1 --reps 4 --open-window 32` against it from
# HARNESS_JAR (default: JAR); prints server_cpu_seconds (the server's own /metrics, before and after
# each cell) / sessions, in ms, for each repetition: the first holds the server's JIT warm-up.
# usage: bench/server_cpu_per_session.sh JAR NAME [serve JVM options]
set -euo pipefail
JAR=$1; NAME=$2; SOPTS=${3:-}
HARNESS_JAR=${HARNESS_JAR:-$JAR}
ulimit -n 20000
J=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
$J -XX:+UseSerialGC -Xss512k ${SOPTS} --enable-native-access=ALL-UNNAMED -jar $JAR serve --port 18779 --workers 1 --max-concurrent-envs 20000 >/dev/null 2>&1 &
SP=$!
for i in $(seq 50); do curl -sf http://127.0.0.1:18779/health >/dev/null && break; sleep 0.2; done
D=$(mktemp -d)
$J -XX:+UseSerialGC -Xss512k --enable-native-access=ALL-UNNAMED -jar $HARNESS_JAR run --url http://127.0.0.1:18779 -n 5000 -w 0.1 --reps 4 --open-window 32 --warmup 0 --no-progress -o $D >/dev/null 2>&1 || echo "run exited $?"
kill $SP; wait $SP 2>/dev/null || true
printf "%-6s server ms/session by rep:" $NAME
awk -F, 'NR==1{for(i=1;i<=NF;i++){if($i=="server_cpu_seconds")c=i; if($i=="successful")s=i}; next}{printf " %.3f", $c*1000/$s}' $D/summary.csv; echo
