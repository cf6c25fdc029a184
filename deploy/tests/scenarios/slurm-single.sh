#!/usr/bin/env bash
# A real one-node SLURM cluster: sbatch serve_single.sh, batches against the node, and scancel
# leaves no process of the job behind.
# shellcheck source=deploy/tests/lib/all.sh
. "$(dirname "$0")/../lib/all.sh"
need slurmctld:slurmctld slurmd:slurmd sbatch:slurm-client python3:python3 curl:curl
node=$(hostname)
slurm_write_conf 127.0.0.1 "NodeName=$node NodeAddr=127.0.0.1 CPUs=2 RealMemory=2000"
slurm_start_controller
start_bg "$OE_WORK/slurm/slurmd.out" slurmd -D -f "$SLURM_CONF"
slurm_wait_idle 1

connection=$OE_WORK/single.env
job=$(PORT=0 WORKERS=1 CONNECTION_FILE=$connection sbatch --parsable --cpus-per-task=1 \
  --time=00:10:00 --output="$OE_WORK/single-%j.out" deploy/slurm/serve_single.sh)
say "submitted job $job"
written() { [[ -s $connection ]]; }
wait_for 120 "serve_single.sh's connection file" written
url=$(sed -n 's/^OPENENV_URL=//p' "$connection")
say "job $job serves $url"
[[ $url == "http://$node:"* ]] || fail "connection file URL '$url' does not name node $node"

batch "$url" ws 10 0.5 1
batch "$url" http 10 0.2 1

mapfile -t pids < <(scontrol listpids "$job" | awk 'NR > 1 && $1 ~ /^[0-9]+$/ {print $1}')
((${#pids[@]} > 0)) || fail "scontrol listpids found no process for job $job"
printf '%s\n' "${pids[@]}" >>"$OE_WORK/all-pids"
say "job $job processes: ${pids[*]}"
scancel "$job"
gone() { [[ -z $(squeue -h -j "$job" 2>/dev/null) ]]; }
wait_for 60 "job $job to leave the queue" gone
none_alive() { local p; for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && return 1; done; return 0; }
wait_for 30 "job $job's processes to end after scancel" none_alive
is_healthy "$url" && fail "server still answers after scancel"
say "scancel: job gone, its ${#pids[@]} processes ended, port closed"
