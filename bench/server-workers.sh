#!/usr/bin/env bash
# Benchmark 2: `serve --workers 3` holds SESSIONS concurrent /ws sessions sleeping in step.
# Each worker has its own 20,000 open-files budget; the load comes from LOADERS processes,
# each binding its own source address 127.0.0.1, 127.0.0.2, ... Not more than ~14,000 sockets per
# address: past half of the ephemeral range the kernel's port search in bind(addr, 0) (it tries
# the odd half first) becomes a scan, each bind takes milliseconds and the load process stalls.
# The peak is the server's own openenv_steps_in_flight summed over worker pids (see WsHold).
# Prints key=value figures; exits non-zero unless every session succeeded.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

SESSIONS=${SESSIONS:-50400}
WORKERS=${WORKERS:-3}
LOADERS=${LOADERS:-6}
RAMP=${RAMP:-250}
WAIT=${WAIT:-$((SESSIONS * 3 / RAMP / 2 + 45))}
SERVER_XMX=${SERVER_XMX:-2g}
LOAD_XMX=${LOAD_XMX:-1200m}

begin_run "$SERVER_XMX" --workers "$WORKERS" --max-concurrent-envs 20000 --max-wait-seconds 600
sleep 2
for p in $(worker_pids); do echo "worker_rss_kib_idle.$p=$(rss_kib "$p")"; done
start_loaders "$SESSIONS" "$LOADERS" "$RAMP" "$WAIT" "$LOAD_XMX" 200
log "$WORKERS workers, $LOADERS load processes, $SESSIONS sessions, ramp $RAMP/s, wait $WAIT s"
await_all_stepping $((SESSIONS * 3 / RAMP + 120)) || true
sleep 3
measure_window 10
echo "loadavg_plateau=$(cut -d' ' -f1-3 /proc/loadavg)"
finish_run "$SESSIONS" $((WAIT + 180))
