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
