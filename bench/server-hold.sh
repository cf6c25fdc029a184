#!/usr/bin/env bash
# Benchmark 1: one worker holds SESSIONS concurrent /ws sessions all sleeping in step.
# Load: LOADERS processes (each under the 20,000 open-files limit) on 127.0.0.1..3.
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

machine_facts
compile_load
ovf_before=$(listen_overflows)
start_server "$SERVER_XMX" --max-concurrent-envs 20000 --max-wait-seconds 600
sleep 2
echo "server_rss_kib_idle=$(rss_kib "$SERVER_PID")"
per=$((SESSIONS / LOADERS))
for i in $(seq 0 $((LOADERS - 1))); do
  n=$per; ((i == LOADERS - 1)) && n=$((SESSIONS - per * (LOADERS - 1)))
  sample=0; ((i == 0)) && sample=250
  start_load "$i" "127.0.0.$((i % 3 + 1))" "$LOAD_XMX" -n "$n" --wait "$WAIT" \
    --ramp "$(awk -v r="$RAMP" -v l="$LOADERS" 'BEGIN {print r / l}')" --sample-ms "$sample"
done
log "$LOADERS load processes, $SESSIONS sessions, ramp $RAMP/s, wait $WAIT s"
await_all_stepping $((SESSIONS * 3 / RAMP + 120)) || true
sleep 3
curl -s "$URL/metrics" | grep -E '^openenv_(sessions_active|steps_in_flight)' | sed 's/^/plateau_gauge: /'
measure_window 10
echo "loadavg_plateau=$(cut -d' ' -f1-3 /proc/loadavg)"
rc=0
await_load $((WAIT + 180)) || rc=1
echo "sessions=$SESSIONS"
echo "successes=$(sum_key successes)"
echo "failures=$(sum_key failures)"
failure_causes
echo "listen_overflows_during_run=$(($(listen_overflows) - ovf_before))"
echo "open_rate_per_s_total=$(cat "$WORK"/load-*.out | awk -F= '$1 == "open_rate_per_s" {s += $2} END {print s}')"
server_gauges
(($(sum_key successes) == SESSIONS)) || rc=1
exit $rc
