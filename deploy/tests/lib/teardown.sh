#!/usr/bin/env bash
# Stops and removes everything the scenarios recorded under $OE_WORK. Idempotent: run_all.sh
# calls it from its EXIT trap and once more as the last checked scenario.

teardown_all() {
  local -
  set +e
  docker_down
  # SLURM jobs first (their processes are children of slurmd), then the daemons.
  slurm_cancel_all
  local pid
  if [[ -f $OE_WORK/pids ]]; then
    tac "$OE_WORK/pids" | while read -r pid; do
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    done
    local deadline=$((SECONDS + 15))
    while ((SECONDS < deadline)); do
      local alive=0
      while read -r pid; do kill -0 "$pid" 2>/dev/null && alive=1; done <"$OE_WORK/pids"
      ((alive)) || break
      sleep 0.3
    done
    while read -r pid; do
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
    done <"$OE_WORK/pids"
    : >"$OE_WORK/pids"
  fi
  if [[ -f $OE_WORK/netns ]]; then
    local ns
    while read -r ns; do
      ip netns pids "$ns" 2>/dev/null | xargs -r kill -KILL
      ip netns del "$ns" 2>/dev/null
    done <"$OE_WORK/netns"
    : >"$OE_WORK/netns"
  fi
  if [[ -f $OE_WORK/links ]]; then
    local link
    while read -r link; do ip link del "$link" 2>/dev/null; done <"$OE_WORK/links"
    : >"$OE_WORK/links"
  fi
  if [[ -f $OE_WORK/hosts-backup ]]; then
    cat "$(cat "$OE_WORK/hosts-backup")" >/etc/hosts
    rm -f "$OE_WORK/hosts-backup"
  fi
  if [[ -f $OE_WORK/ip_forward.orig ]]; then
    cat "$OE_WORK/ip_forward.orig" >/proc/sys/net/ipv4/ip_forward
  fi
  local mount
  findmnt -rn -o TARGET | grep "^$OE_WORK/" | sort -r | while read -r mount; do umount -l "$mount"; done
}

# Fails when anything the scenarios made is still there.
teardown_verify() {
  local problems=()
  local pid
  if [[ -f $OE_WORK/all-pids ]]; then
    while read -r pid; do
      kill -0 "$pid" 2>/dev/null && problems+=("process $pid still running: $(tr '\0' ' ' </proc/"$pid"/cmdline)")
    done <"$OE_WORK/all-pids"
  fi
  local ns
  for ns in $(ip netns list | awk '{print $1}'); do
    [[ $ns == oesn* ]] && problems+=("network namespace $ns left")
  done
  ip link show oebr0 >/dev/null 2>&1 && problems+=("bridge oebr0 left")
  ip link show oedock0 >/dev/null 2>&1 && problems+=("bridge oedock0 left")
  grep -q ' oe-n[0-9]' /etc/hosts && problems+=("/etc/hosts still lists oe-n* nodes")
  if [[ -f $OE_WORK/ip_forward.orig ]]; then
    [[ $(cat /proc/sys/net/ipv4/ip_forward) == "$(cat "$OE_WORK/ip_forward.orig")" ]] ||
      problems+=("ip_forward is $(cat /proc/sys/net/ipv4/ip_forward), was $(cat "$OE_WORK/ip_forward.orig")")
  fi
  [[ -S $OE_WORK/docker.sock ]] && problems+=("docker engine socket still there")
  netns_blackhole_present || problems+=("the blackhole route for $OE_NET.0/24 was gone before the suite ended")
  if ((${#problems[@]})); then
    printf 'teardown: %s\n' "${problems[@]}" >&2
    return 1
  fi
  say "teardown: no test process, namespace, bridge, container or hosts entry left; ip_forward $(cat /proc/sys/net/ipv4/ip_forward)"
}
