#!/usr/bin/env bash
# A throwaway SLURM cluster for the tests: slurmctld + one slurmd per node, auth/none, all
# state under $OE_WORK/slurm. Nodes are either this machine (single) or network namespaces.

slurm_write_conf() { # controller_addr node_lines...
  local dir=$OE_WORK/slurm addr=$1; shift
  rm -rf "$dir"
  mkdir -p "$dir/state"
  export SLURM_CONF=$dir/slurm.conf
  local ctld_port slurmd_port
  ctld_port=$(free_port)
  slurmd_port=$(free_port)
  while [[ $slurmd_port == "$ctld_port" ]]; do slurmd_port=$(free_port); done
  cat >"$SLURM_CONF" <<CONF
ClusterName=oetest
SlurmctldHost=$(hostname)($addr)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/none
CredType=cred/none
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool-%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd-%n.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd-%n.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerParameters=bf_interval=5
ReturnToService=2
MpiDefault=none
MailProg=/bin/true
KillWait=5
$(printf '%s\n' "$@")
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
}

slurm_start_controller() {
  start_bg "$OE_WORK/slurm/slurmctld.out" slurmctld -D -f "$SLURM_CONF"
}

slurm_wait_idle() { # node count
  local deadline=$((SECONDS + 60))
  until [[ $(sinfo -h -N -o %T 2>/dev/null | grep -c '^idle') -ge $1 ]]; do
    if ((SECONDS > deadline)); then
      sinfo -N -l >&2 || true
      tail -n 15 "$OE_WORK"/slurm/*.log "$OE_WORK"/slurm/*.err >&2 || true
      fail "timed out waiting for $1 idle SLURM node(s)"
    fi
    sleep 0.3
  done
}

# Cancels every job of the test cluster and waits until none is left.
slurm_cancel_all() {
  [[ -n ${SLURM_CONF:-} && -f $SLURM_CONF ]] || return 0
  # Without a live controller every SLURM command would wait for its timeout.
  kill -0 "$(cat "$OE_WORK/slurm/slurmctld.pid" 2>/dev/null)" 2>/dev/null || return 0
  scancel --full --quiet "$(squeue -h -o %i | paste -sd, -)" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  while [[ -n $(squeue -h -o %i 2>/dev/null) ]] && ((SECONDS < deadline)); do sleep 0.5; done
}

# An emulated cluster of COUNT nodes oe-n1..oe-nCOUNT (lib/netns.sh), CPUs=2 each, one slurmd per
# node in its network namespace with its own hostname; returns once every node is idle.
slurm_cluster_up() { # node count
  local i nodes=()
  netns_up "$1"
  for ((i = 1; i <= $1; i++)); do nodes+=("NodeName=oe-n$i NodeAddr=$OE_NET.1$i CPUs=2 RealMemory=2000"); done
  slurm_write_conf "$OE_NET.1" "${nodes[@]}"
  slurm_start_controller
  for ((i = 1; i <= $1; i++)); do
    start_bg "$OE_WORK/slurm/slurmd-n$i.out" nsenter --net="/run/netns/oesn$i" unshare --uts \
      sh -c "hostname oe-n$i && exec slurmd -D -N oe-n$i -f '$SLURM_CONF'"
  done
  slurm_wait_idle "$1"
}

# True when nothing but slurmd runs on the given nodes: every job process there has ended.
slurm_nodes_quiet() { # node number...
  local i pid
  for i in "$@"; do
    for pid in $(ip netns pids "oesn$i"); do
      [[ $(cat "/proc/$pid/comm" 2>/dev/null) == slurmd ]] || return 1
    done
  done
}

# Starts alloc.sh + serve_multi.sh in the background (LB=haproxy, 2 servers, 1 CPU per task,
# VAR=value settings override these) and waits for its connection file. Sets SERVE_MULTI_PID
# (salloc's pid: serve_multi.sh is its child) and SERVE_MULTI_CONNECTION.
serve_multi_up() { # output_dir [VAR=value ...]
  local out=$1; shift
  SERVE_MULTI_CONNECTION=$out/connection.env
  start_bg "$out.out" env LB=haproxy SERVER_NODES=2 SERVER_CPUS=1 LB_CPUS=1 TIME=00:15:00 \
    WORKERS=1 PORT=8000 LB_PORT=8000 OUTPUT_DIR="$out" HEALTH_TIMEOUT_SECONDS=120 "$@" \
    deploy/slurm/alloc.sh deploy/slurm/serve_multi.sh
  SERVE_MULTI_PID=$BG_PID
  written() {
    [[ -s $SERVE_MULTI_CONNECTION ]] && return 0
    kill -0 "$SERVE_MULTI_PID" 2>/dev/null || { cat "$out.out"* >&2; fail "alloc.sh/serve_multi.sh exited"; }
    return 1
  }
  wait_for 180 "serve_multi.sh's connection file" written
  cat "$SERVE_MULTI_CONNECTION" >&2
}
