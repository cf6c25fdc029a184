#!/usr/bin/env bash
# The launcher's start-up cache (bin/aot-cache.sh) as a user meets it, on the JDK the launcher
# picks: the first launch makes the cache and says so, the next one loads it (the JVM's own log says
# "Using AOT-linked classes: true") without a word, OPENENV_BENCH_AOT=0 starts without it, and a
# SIGTERM during the making leaves neither a cache nor a failure marker. Skips the cache checks, and
# says so, when the JDK is older than 25 (no JEP 514): then only the plain start is checked.
#
# Usage: bin/tests/launcher.sh      (the jar is built on first use, as bin/openenv-bench does)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OPENENV_BENCH_CACHE_DIR=$work/cache
# Both runs must ask for the same JVM options: a cache belongs to one set of them.
export OPENENV_BENCH_JAVA_OPTS=-Xlog:aot=info:stderr
fail() { echo "launcher test: FAIL: $*" >&2; exit 1; }
launch() { # name args... -> $work/name.out, $work/name.err
  local name=$1
  shift
  "$root/bin/openenv-bench" "$@" >"$work/$name.out" 2>"$work/$name.err" || fail "$name: exit $? ($(tail -n 3 "$work/$name.err"))"
}

# shellcheck source=bin/find-java.sh
. "$root/bin/find-java.sh"
home=$(find_java_home)
if (($(java_major "$home") < 25)); then
  launch plain --version
  echo "launcher test: JDK $(java_major "$home") has no one-step AOT cache; plain start checked only" >&2
  exit 0
fi

launch first --version
grep -q "making the JVM's start-up cache" "$work/first.err" || fail "the first launch did not say it makes the cache"
grep -q '^openenv-bench ' "$work/first.out" || fail "the first launch did not run the command"
caches=("$OPENENV_BENCH_CACHE_DIR"/*.aot)
[[ ${#caches[@]} == 1 && -s ${caches[0]} ]] || fail "no cache file after the first launch: $(ls -A "$OPENENV_BENCH_CACHE_DIR")"
if compgen -G "$OPENENV_BENCH_CACHE_DIR/*.tmp*" >/dev/null || compgen -G "$OPENENV_BENCH_CACHE_DIR/*.failed" >/dev/null; then
  fail "left over in the cache folder: $(ls -A "$OPENENV_BENCH_CACHE_DIR")"
fi

launch second --version
grep -q "making the JVM's start-up cache" "$work/second.err" && fail "the second launch made the cache again"
grep -q 'Using AOT-linked classes: true' "$work/second.err" || fail "the second launch did not load the cache: $(grep aot "$work/second.err" | tail -n 3)"

OPENENV_BENCH_AOT=0 launch off --version
grep -q 'Using AOT-linked classes: true' "$work/off.err" && fail "OPENENV_BENCH_AOT=0 still used the cache"

# SIGTERM while the cache is being made (a fresh folder): exit 130, nothing left behind.
export OPENENV_BENCH_CACHE_DIR=$work/cache2
"$root/bin/openenv-bench" --version >"$work/term.out" 2>"$work/term.err" &
pid=$!
for _ in $(seq 100); do grep -q "making the JVM's start-up cache" "$work/term.err" && break; sleep 0.1; done
sleep 1
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
[[ $status == 130 ]] || fail "SIGTERM while making the cache: exit $status, expected 130"
# (The lock file the training is made under may stay: it holds nothing.)
left=$(find "$OPENENV_BENCH_CACHE_DIR" -mindepth 1 ! -name .training.lock -printf '%f ')
[[ -z $left ]] || fail "SIGTERM while making the cache left: $left"
grep -q '^openenv-bench ' "$work/term.out" && fail "the command ran after SIGTERM"
echo "launcher test: cache made once ($(du -m "${caches[0]}" | cut -f1) MB), loaded after, off with OPENENV_BENCH_AOT=0, SIGTERM leaves nothing" >&2
