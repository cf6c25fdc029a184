#!/usr/bin/env bash
# Exercises every deployment type for real on this machine (as root): installs what it needs,
# runs each scenario, always tears down, and ends with the line "N passed, N failed".
#
#   deploy/tests/run_all.sh [scenario ...]     (default: all, in order)
#
# Scenarios: lint envoy-schema local docker hf-space slurm-single slurm-multi slurm-loadgen, then
# teardown.
# The emulated nodes' subnet (10.231.0.0/24) is blackholed from the install step until after the
# last teardown, so that no packet for it can leave the machine (lib/netns.sh).
# Environment: DEPLOY_TEST_INSTALL=0 skips apt/npm installs; DEPLOY_TEST_CACHE caches the
# debootstrapped base (default /var/cache/openenv-bench-deploy-tests); KEEP_WORK=1 keeps logs.
set -uo pipefail
if [[ $EUID != 0 ]]; then
  echo "run_all.sh: needs root (apt-get, network namespaces, dockerd, slurmd)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
OE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export OE_ROOT
OE_WORK=$(mktemp -d /tmp/oe-deploy-tests.XXXXXX)
export OE_WORK
export DOCKER_HOST=unix://$OE_WORK/docker.sock
export SLURM_CONF=$OE_WORK/slurm/slurm.conf
# shellcheck source=deploy/tests/lib/all.sh
. "$OE_ROOT/deploy/tests/lib/all.sh"
set +eE
trap - ERR
cat /proc/sys/net/ipv4/ip_forward >"$OE_WORK/ip_forward.orig"
# shellcheck source=bin/find-java.sh
. "$OE_ROOT/bin/find-java.sh"
JAVA_HOME=$(find_java_home) && export JAVA_HOME

finish() {
  teardown_all
  netns_blackhole_down # last: nothing for the nodes' subnet may leave the machine before
  if [[ ${KEEP_WORK:-0} == 1 ]]; then say "logs kept in $OE_WORK"; else rm -rf "$OE_WORK"; fi
}
trap finish EXIT
trap 'exit 130' INT TERM

install_tools() {
  [[ ${DEPLOY_TEST_INSTALL:-1} == 1 ]] || return 0
  local packages=(slurm-wlm docker.io haproxy debootstrap shellcheck iproute2 curl util-linux python3)
  if ! dpkg -s "${packages[@]}" >/dev/null 2>&1; then
    say "installing ${packages[*]}"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      -o DPkg::Lock::Timeout=300 "${packages[@]}"; } >"$OE_WORK/apt.log" 2>&1; then
      cat "$OE_WORK/apt.log" >&2
      return 1
    fi
  fi
  if ! command -v dockerfilelint >/dev/null; then
    say "installing dockerfilelint (npm)"
    npm install -g --silent dockerfilelint >"$OE_WORK/npm.log" 2>&1 || { cat "$OE_WORK/npm.log" >&2; return 1; }
  fi
}

scenarios=("$@")
((${#scenarios[@]})) || scenarios=(lint envoy-schema local docker hf-space slurm-single slurm-multi slurm-loadgen)
passed=0 failed=0 failures=()
record() { # name status
  if (($2 == 0)); then passed=$((passed + 1)); say "PASS $1"; else
    failed=$((failed + 1)); failures+=("$1"); say "FAIL $1"; fi
}

{ install_tools && netns_blackhole_up; }; record install $?
if ((failed == 0)); then
  say "building target/openenv-bench.jar"
  (cd "$OE_ROOT" && bin/openenv-bench --version >/dev/null); record build $?
fi
for name in "${scenarios[@]}"; do
  if ((failed > 0)) && [[ $name != lint ]] && [[ " ${failures[*]} " == *" install "* || " ${failures[*]} " == *" build "* ]]; then
    record "$name" 1
    continue
  fi
  say "=== $name"
  started=$SECONDS
  bash "$OE_ROOT/deploy/tests/scenarios/$name.sh" 2>&1 | sed "s/^/  [$name] /" >&2
  status=${PIPESTATUS[0]}
  teardown_all
  say "$name took $((SECONDS - started))s"
  record "$name" "$status"
done
teardown_all
teardown_verify; record teardown $?

((failed == 0)) || say "failed: ${failures[*]}"
echo "$passed passed, $failed failed"
((failed == 0))
