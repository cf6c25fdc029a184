#!/usr/bin/env bash
# Shared helpers for the deployment scenarios. Sourced by run_all.sh and every scenario.
# Everything a scenario starts is recorded under $OE_WORK so teardown.sh can stop exactly that.

OE_ROOT=${OE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}
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

# The value of COLUMN in the last row of DIR/summary.csv (columns found by header name).
summary_field() { # dir column
  awk -F, -v col="$2" 'NR == 1 {for (i = 1; i <= NF; i++) if ($i == col) c = i; next} {v = $c} END {print v}' \
    "$1/summary.csv"
}

# Runs one batch with the harness (openenv-bench run) and requires every session to succeed on
# at least EXPECT_HOSTS distinct hosts (--require-hosts); prints the counts.
batch() { # url mode n wait expect_hosts
  local dir out ok failed hosts
  dir=$(mktemp -d "$OE_WORK/batch.XXXXXX")
  out=$(timeout 180 "$OE_ROOT/bin/openenv-bench" run --url "$1" --mode "$2" -n "$3" --wait "$4" \
    --expected-hosts "$5" --require-hosts --warmup 0 --no-progress --output-dir "$dir" 2>&1) ||
    fail "batch $2 n=$3 against $1 failed (openenv-bench run exit $?): $(tail -n 25 <<<"$out")"
  ok=$(summary_field "$dir" successful)
  failed=$(summary_field "$dir" failed)
  hosts=$(summary_field "$dir" unique_hosts)
  [[ $ok == "$3" && $failed == 0 ]] || fail "batch $2 n=$3 against $1: $ok ok, $failed failed: $(tail -n 25 <<<"$out")"
  say "batch $2 n=$3: $ok ok, $failed failed, $hosts host(s) (openenv-bench run)"
}
