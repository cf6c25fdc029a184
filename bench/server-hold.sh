#!/usr/bin/env bash
# Benchmark 1: one worker holds SESSIONS concurrent /ws sessions all sleeping in step.
# Load: LOADERS processes (each under the 20,000 open-files limit), one source address each.
# Prints key=value figures on stdout; exits non-zero unless every session succeeded.
# Bounded: about SESSIONS/RAMP + WAIT + 4 min at most.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

SESSIONS=${SESSIONS:-19000}
LOADERS=${LOADERS:-2}
RAMP=${RAMP:-250}                       # total new sessions per second, over all loaders
WAIT=${WAIT:-$((SESSIONS * 3 / RAMP / 2 + 45))} # every session stepping at once, even at 2/3 of the ramp
SERVER_XMX=${SERVER_XMX:-2g}
LOAD_XMX=${LOAD_XMX:-1500m}

begin_run "$SERVER_XMX" --max-concurrent-envs 20000 --max-wait-seconds 600
sleep 2
echo "server_rss_kib_idle=$(rss_kib "$SERVER_PID")"
start_loaders "$SESSIONS" "$LOADERS" "$RAMP" "$WAIT" "$LOAD_XMX" 250
log "$LOADERS load processes, $SESSIONS sessions, ramp $RAMP/s, wait $WAIT s"
await_all_stepping $((SESSIONS * 3 / RAMP + 120)) || true
sleep 3
curl -s "$URL/metrics" | grep -E '^openenv_(sessions_active|steps_in_flight)' | sed 's/^/plateau_gauge: /'
measure_window 10
echo "loadavg_plateau=$(cut -d' ' -f1-3 /proc/loadavg)"
finish_run "$SESSIONS" $((WAIT + 180))
