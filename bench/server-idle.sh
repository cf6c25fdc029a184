#!/usr/bin/env bash
# Benchmark 3: CPU and memory of SESSIONS idle sessions on one worker: each is connected,
# reset, and sleeping in a long step. Measures the worker's CPU-seconds over WINDOW seconds at
# the plateau (should be near zero) and its RSS; per-session memory is
# (RSS at plateau - RSS before the load) / SESSIONS.
# Prints key=value figures; exits non-zero unless every session succeeded.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

SESSIONS=${SESSIONS:-10000}
RAMP=${RAMP:-300}
WINDOW=${WINDOW:-30}
WAIT=${WAIT:-$((SESSIONS * 2 / RAMP + WINDOW + 40))}
SERVER_XMX=${SERVER_XMX:-2g}
LOAD_XMX=${LOAD_XMX:-1500m}

begin_run "$SERVER_XMX" --max-concurrent-envs 20000 --max-wait-seconds 600
sleep 5
rss_before=$(rss_kib "$SERVER_PID")
echo "server_rss_kib_before=$rss_before"
start_load 0 127.0.0.1 "$LOAD_XMX" -n "$SESSIONS" --wait "$WAIT" --ramp "$RAMP" --sample-ms 1000
log "$SESSIONS sessions, ramp $RAMP/s, wait $WAIT s, window $WINDOW s"
await_all_stepping $((SESSIONS * 3 / RAMP + 120)) || true
sleep 5 # let the last replies and the JIT settle
curl -s "$URL/metrics" | grep -E '^openenv_(sessions_active|steps_in_flight)' | sed 's/^/plateau_gauge_start: /'
figures=$(measure_window "$WINDOW")
echo "$figures"
curl -s "$URL/metrics" | grep -E '^openenv_(sessions_active|steps_in_flight)' | sed 's/^/plateau_gauge_end: /'
rss=$(sed -n 's/^server_rss_kib=//p' <<<"$figures")
echo "per_session_rss_kib=$(awk -v a="$rss" -v b="$rss_before" -v n="$SESSIONS" 'BEGIN {printf "%.1f", (a - b) / n}')"
echo "loadavg_plateau=$(cut -d' ' -f1-3 /proc/loadavg)"
finish_run "$SESSIONS" $((WAIT + 180))
