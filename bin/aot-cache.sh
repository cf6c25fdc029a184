#!/usr/bin/env bash
# The start-up cache of the JVM (JDK 25+: JEP 483's ahead-of-time class loading and linking, JEP
# 514's one-step cache, JEP 515's method profiles): a run that loads it starts in about half the
# time. Sourced by bin/openenv-bench.
#
# A cache belongs to one JVM build, one jar and one set of JVM options, so its file is named by
# hashes of them, in $OPENENV_BENCH_CACHE_DIR (default ${XDG_CACHE_HOME:-~/.cache}/openenv-bench). The
# first launch without one trains it before running the user's command: a small run of a local
# server (--compare: ws and http, a few sessions, into a temporary folder, all output discarded) whose JVM
# writes the cache when it exits, a few seconds once. It is written under a temporary name and
# renamed when complete, so no run maps half a cache; a training that fails leaves a marker so that
# later launches do not pay for it again. Nothing here runs for a JDK without JEP 514 (21 to 24),
# with OPENENV_BENCH_AOT=0, or when the cache folder cannot be written.
#
# aot_options JAVA_HOME JAR JVM_OPTION...  sets the array AOT_OPTIONS to the options that load the
# cache (empty without one).

# shellcheck disable=SC2034  # AOT_OPTIONS is read by the script that sources this one
aot_options() {
  local java_home=$1 jar=$2
  shift 2
  AOT_OPTIONS=()
  [[ ${OPENENV_BENCH_AOT:-1} == 0 ]] && return 0
  [[ -r $java_home/release ]] || return 0
  local major
  major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_home/release" 2>/dev/null)
  [[ $major =~ ^[0-9]+$ ]] && ((major >= 25)) || return 0
  local dir=${OPENENV_BENCH_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/openenv-bench}
  mkdir -p "$dir" 2>/dev/null && [[ -w $dir ]] || return 0
  local jvm jar_path key
  jvm=$(sha256sum <"$java_home/release" | cut -c1-12)
  # jvm-<JDK build>-<which jar>-<that jar's build and the JVM options>.aot: each checkout keeps its
  # own, and only its own older ones are removed when its jar is rebuilt.
  jar_path=$(printf '%s\n' "$java_home" "$(readlink -f "$jar")" | sha256sum | cut -c1-8)
  key=$(printf '%s\n' "$(stat -c '%s %Y' "$jar")" "$@" | sha256sum | cut -c1-16)
  local cache=$dir/jvm-$jvm-$jar_path-$key.aot
  if [[ ! -f $cache && ! -e $cache.failed ]]; then
    # Launches started together (srun's tasks sharing a home) train one cache, not one each: the
    # others wait for the lock and find it made.
    local lock
    exec {lock}>"$dir/.training.lock"
    if command -v flock >/dev/null; then flock "$lock"; fi
    if [[ ! -f $cache && ! -e $cache.failed ]]; then
      aot_train "$java_home" "$jar" "$cache" "$@"
    fi
    exec {lock}>&-
  fi
  # Errors about a cache that does not fit (it cannot, by its name) would only be noise: the JVM
  # then starts without it. Before the user's options, so that their -Xlog:aot=info shows them.
  [[ -f $cache ]] && AOT_OPTIONS=("-XX:AOTCache=$cache" "-Xlog:aot*=off")
  return 0
}

aot_train() {
  local java_home=$1 jar=$2 cache=$3
  shift 3
  local tmp=$cache.$$.tmp work
  work=$(mktemp -d "${TMPDIR:-/tmp}/openenv-bench-aot.XXXXXX") || return 0
  echo "openenv-bench: making the JVM's start-up cache (once for this jar and JDK, a few seconds;" \
    "OPENENV_BENCH_AOT=0 skips it) ..." >&2
  # Caches of this jar's earlier builds on this JVM are of no use any more.
  rm -f "${cache%-*}"-*.aot "${cache%-*}"-*.aot.failed 2>/dev/null
  # In the background so that a signal reaches the trap at once (a foreground child would be waited
  # for first). Ctrl-C or SIGTERM while training: the training stops, no cache and no failure marker
  # (the next launch trains), and the user's command does not run.
  local training
  "$java_home/bin/java" "-XX:AOTCacheOutput=$tmp" "-Xlog:aot*=off" "$@" -jar "$jar" \
    run --compare -n 4 -w 0 --warmup 0 --no-progress --output-dir "$work/results" \
    >"$work/out.txt" 2>&1 &
  training=$!
  # SIGKILL: a JVM told to stop would still spend seconds writing the cache at its exit. Its local
  # server (a child JVM) stops when its parent is gone (launch.ParentWatch).
  # shellcheck disable=SC2064  # the values now: the trap may run after this function returned
  trap "{ kill -KILL $training; wait $training; } 2>/dev/null || true; rm -rf '$work' '$tmp' '$tmp.config'; exit 130" INT TERM
  if wait "$training" && [[ -s $tmp && ! -e $tmp.config ]]; then
    mv -f "$tmp" "$cache"
  else
    echo "openenv-bench: could not make the start-up cache (starting without it from now on):" \
      "$(tail -n 1 "$work/out.txt" 2>/dev/null)" >&2
    : >"$cache.failed"
  fi
  rm -rf "$work" "$tmp" "$tmp.config"
  trap - INT TERM
}
