#!/usr/bin/env bash
# Shared helpers for the deployment scenarios. Sourced by run_all.sh and every scenario.
# Everything a scenario starts is recorded under $OE_WORK so teardown.sh can stop exactly that.

OE_ROOT=${OE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}
OE_TESTS=$OE_ROOT/deploy/tests
OE_CHECK=$OE_TESTS/oe_check.py
BG_PID=""

say() { echo "[$(date +%H:%M:%S)] $*" >&2; }
fail() { say "FAIL: $*"; exit 1; }

# Remember a process (and its process group, when it leads one) for teardown.
track_pid() { echo "$1" >>"$OE_WORK/pids"; echo "$1" >>"$OE_WORK/all-pids"; }

# Runs a command in the background in its own session (so teardown can stop its whole process
# group); sets BG_PID. The caller's shell is its parent, so `wait "$BG_PID"` gives its status.
# Its stdout goes to LOGFILE, its stderr to LOGFILE.err.
start_bg() { # logfile command...
  local log=$1; shift
  setsid "$@" >"$log" 2>"$log.err" </dev/null &
  BG_PID=$!
  track_pid "$BG_PID"
}

# A port for daemons that need a fixed number in their config (slurmctld, slurmd). Chosen below
# the ephemeral range (32768+), where outgoing connections on a busy machine could take it
# between this check and the daemon's bind.
free_port() {
  python3 - <<'PY'
import random, socket
for _ in range(200):
    port = random.randint(20000, 32000)
    with socket.socket() as s:
        try:
            s.bind(("0.0.0.0", port))
        except OSError:
            continue
    print(port)
    break
else:
    raise SystemExit("no free port in 20000-32000")
PY
}

# Polls a condition (a command) until it succeeds or the deadline passes.
wait_for() { # seconds description command...
  local limit=$1 what=$2; shift 2
  local deadline=$((SECONDS + limit))
  until "$@"; do
    ((SECONDS < deadline)) || fail "timed out after ${limit}s waiting for $what"
    sleep 0.3
  done
}

# Fails with what to install when a command a scenario needs is missing.
need() { # command:debian-package ... (npm:package for npm packages)
  local pair how
  for pair in "$@"; do
    how="apt-get install ${pair#*:}"
    [[ ${pair#*:} == npm:* ]] && how="npm install -g ${pair#*:npm:}"
    command -v "${pair%%:*}" >/dev/null ||
      fail "'${pair%%:*}' not found: $how (run_all.sh installs it unless DEPLOY_TEST_INSTALL=0)"
  done
}

http_status() { # url -> HTTP status code (000 when nothing answered)
  curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" || true
}
is_healthy() { [[ $(http_status "$1/health") == 200 ]]; }

# Runs oe_check.py and checks the JSON summary; prints the summary line.
batch() { # url mode n wait expect_hosts
  local out
  out=$(timeout 120 python3 "$OE_CHECK" --url "$1" --mode "$2" -n "$3" --wait "$4" \
    --expect-hosts "$5") || fail "batch $2 n=$3 against $1 failed: $out"
  say "batch $2 n=$3: $out"
}
