#!/usr/bin/env bash
# deploy/local/run_server.sh starts the server; a WS and an HTTP batch pass; SIGTERM stops it.
# shellcheck source=deploy/tests/lib/all.sh
. "$(dirname "$0")/../lib/all.sh"
need python3:python3 curl:curl
log=$OE_WORK/local.out
PORT=0 WORKERS=2 MAX_CONCURRENT_ENVS=50 start_bg "$log" deploy/local/run_server.sh
server=$BG_PID
listening() { grep -qs 'listening on http://' "$log"; }
wait_for 60 "run_server.sh to print its URL" listening
url=$(sed -n 's|^openenv-bench serve: listening on \(http://[^ ]*\)$|\1|p' "$log" | head -n 1)
say "server at $url"
batch "$url" ws 20 0.5 1
batch "$url" http 10 0.2 1
kill -TERM "$server"
status=0
wait "$server" || status=$?
[[ $status == 0 ]] || fail "server exited with $status after SIGTERM, expected 0"
is_healthy "$url" && fail "server still answers after SIGTERM"
say "SIGTERM: exit 0, port closed"
