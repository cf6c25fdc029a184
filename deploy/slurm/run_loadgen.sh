#!/usr/bin/env bash
# Load from several machines: one srun step of K harness tasks, task I running segment I/K of
# every cell of the same grid (openenv-bench run --segment), then one exact merge of their
# folders (openenv-bench merge). SLURM starts, places and bounds the tasks, and the segments
# agree on each cell's start and deadline through a folder on the shared file system: no
# coordinator and no daemon. A task that fails costs its own share (the merged cell says which
# segment it lacks), never the other tasks or a hang.
#
#   salloc --nodes=2 deploy/slurm/run_loadgen.sh --url http://LB:8000 -n 20000 --wait 1
#   sbatch --nodes=4 --exclusive deploy/slurm/run_loadgen.sh --url http://LB:8000 --requests-grid 5000,20000
#   CONNECTION_FILE=openenv-multi-123/connection.env deploy/slurm/run_loadgen.sh -n 20000
#       (a step in serve_multi.sh's allocation, on the load nodes it left free: allocate it with
#       LOAD_NODES=K deploy/slurm/alloc.sh deploy/slurm/serve_multi.sh)
#
# Arguments: `openenv-bench run` options, the same for every segment (target, grid, mode, wait,
# timeout, ...). This script sets --segment, --run-id, --schedule-dir, --output-dir and
# --no-progress itself.
#
# Environment:
#   OPENENV_URL          the target when the arguments name none (default: CONNECTION_FILE's)
#   CONNECTION_FILE      serve_multi.sh's connection.env: its URL, its job and its load nodes
#   LOAD_NODELIST        nodes for the load tasks (default: the load nodes of CONNECTION_FILE's
#                        job when the step runs in that job, else every node of this allocation)
#   TASKS_PER_NODE       harness processes per node (default 1)
#   SOURCE_ADDRESSES_PER_TASK  one comma-separated --source-addresses list per task, separated by
#                        spaces, task 0 first (with SLURM's default block distribution, task I
#                        runs on node I / TASKS_PER_NODE); default: the system picks
#   LOAD_CPUS            CPUs per task (srun --cpus-per-task; default: SLURM's)
#   RUN_ID               the run id all segments share (default: loadgen-<job>-<UTC time>)
#   OUTPUT_DIR           shared FS (default: ./openenv-loadgen-$RUN_ID): seg-I/ per segment,
#                        schedule/, logs/segment-I.log, merged/ (the result)
#   TASK_GRACE_SECONDS   once the first task has ended, how long the others may still run before
#                        srun ends them (srun --wait; default 600, above the default cell
#                        deadline of one step with --timeout 120: keep it above one
#                        --cell-deadline-seconds, and above what the rest of the grid takes if
#                        the others should finish it after one task died)
#   STEP_TIME            time limit of the load step (srun --time, e.g. 30:00; default: the job's)
#   OPENENV_BENCH        launcher (default: bin/openenv-bench of this checkout; shared FS)
#   SRUN_EXTRA           more srun options for the load step (word-split)
# Exit code: merge's (0 when every segment of every cell is whole, 3 when a segment was lost; see
# docs/merge.md); 2 for bad arguments; when no segment wrote a folder, the tasks' own code (srun's,
# e.g. 2 when they all refused an option), else 5 (nothing ran).
set -euo pipefail
script=$(readlink -f "${BASH_SOURCE[0]}")
root=$(cd "$(dirname "$script")/../.." && pwd)
launcher=${OPENENV_BENCH:-$root/bin/openenv-bench}

log() { echo "run_loadgen: $*" >&2; }
bad() {
  log "$*"
  exit 2
}

# One task of the step (srun runs this script again with OPENENV_LOADGEN_TASK=1): its segment is
# its rank, so the command line is the same for every task and SLURM alone hands out the shares.
if [[ ${OPENENV_LOADGEN_TASK:-} == 1 ]]; then
  i=$SLURM_PROCID
  args=(run --segment "$i/$SLURM_NTASKS" --run-id "$OPENENV_LOADGEN_RUN_ID"
    --schedule-dir "$OPENENV_LOADGEN_DIR/schedule" --output-dir "$OPENENV_LOADGEN_DIR/seg-$i")
  if [[ -n ${SOURCE_ADDRESSES_PER_TASK:-} ]]; then
    read -r -a per_task <<<"$SOURCE_ADDRESSES_PER_TASK"
    args+=(--source-addresses "${per_task[$i]}")
  fi
  log "segment $i/$SLURM_NTASKS on $(hostname)"
  exec "$launcher" "${args[@]}" "$@"
fi

run_options=("$@")
has_target=0 has_progress=0
for arg in "${run_options[@]}"; do
  case $arg in
    --segment* | --run-id* | --schedule-dir* | --output-dir* | -o*)
      bad "'$arg': this script sets --segment, --run-id, --schedule-dir and --output-dir (see OUTPUT_DIR, RUN_ID)" ;;
    --processes*) bad "'$arg': one segment per task here; more tasks per node with TASKS_PER_NODE" ;;
    -u* | --url | --url=* | --urls | --urls=*) has_target=1 ;;
    --no-progress) has_progress=1 ;;
  esac
done
((has_progress)) || run_options+=(--no-progress)

connection_value() { # key: its value in CONNECTION_FILE, empty without one
  [[ -n ${CONNECTION_FILE:-} ]] || return 0
  sed -n "s/^$1=//p" "$CONNECTION_FILE" | tail -n 1
}
if [[ -n ${CONNECTION_FILE:-} && ! -r $CONNECTION_FILE ]]; then
  bad "CONNECTION_FILE '$CONNECTION_FILE' is not readable"
fi
if ((!has_target)); then
  url=${OPENENV_URL:-$(connection_value OPENENV_URL)}
  [[ -n $url ]] || bad "no target: give --url, OPENENV_URL or CONNECTION_FILE (every segment drives the same server)"
  run_options+=(--url "$url")
fi

# Which job the step runs in, and on which of its nodes.
served_job=$(connection_value SLURM_JOB_ID)
step=()
job=${SLURM_JOB_ID:-$served_job}
[[ -n $job ]] || bad "run me inside a SLURM allocation (salloc/sbatch --nodes=K ...) or give serve_multi.sh's CONNECTION_FILE"
[[ -n ${SLURM_JOB_ID:-} ]] || step+=(--jobid="$job")
nodelist=${LOAD_NODELIST:-}
if [[ $job == "$served_job" ]]; then
  nodelist=${nodelist:-$(connection_value OPENENV_LOAD_NODES)}
  [[ -n $nodelist ]] || bad "job $job is serve_multi.sh's and left no node for the load: allocate it with LOAD_NODES=K, or set LOAD_NODELIST"
  group=$(connection_value OPENENV_LOAD_HET_GROUP)
  [[ -n $group ]] && step+=(--het-group="$group")
fi
nodelist=${nodelist:-${SLURM_JOB_NODELIST:-}}
[[ -n $nodelist ]] || bad "no nodes for the load: set LOAD_NODELIST"
mapfile -t nodes < <(scontrol show hostnames "$nodelist")
tasks_per_node=${TASKS_PER_NODE:-1}
[[ $tasks_per_node =~ ^[1-9][0-9]*$ ]] || bad "TASKS_PER_NODE must be a positive integer, not '$tasks_per_node'"
count=$((${#nodes[@]} * tasks_per_node))
if [[ -n ${SOURCE_ADDRESSES_PER_TASK:-} ]]; then
  read -r -a per_task <<<"$SOURCE_ADDRESSES_PER_TASK"
  ((${#per_task[@]} == count)) ||
    bad "SOURCE_ADDRESSES_PER_TASK has ${#per_task[@]} lists for $count tasks (${#nodes[@]} nodes x $tasks_per_node)"
fi

run_id=${RUN_ID:-loadgen-$job-$(date -u +%Y%m%dT%H%M%SZ)}
[[ $run_id =~ ^[A-Za-z0-9._-]+$ ]] || bad "RUN_ID '$run_id' may only hold letters, digits, '.', '_' and '-'"
out=${OUTPUT_DIR:-$PWD/openenv-loadgen-$run_id}
mkdir -p "$out"
out=$(cd "$out" && pwd)
compgen -G "$out/seg-*" >/dev/null && bad "$out already holds segments of a run: pick another OUTPUT_DIR"
mkdir -p "$out/schedule" "$out/logs"

# Build the jar once here, not concurrently on every node.
"$launcher" --version >/dev/null

srun_options=(${step[@]+"${step[@]}"} --nodes="${#nodes[@]}" --nodelist="$nodelist"
  --ntasks="$count" --ntasks-per-node="$tasks_per_node" --job-name=openenv-loadgen
  --export=ALL --output="$out/logs/segment-%t.log"
  # One failed task must neither end the others (the default kills the step on a bad exit) nor
  # hold the step: once one has ended, the rest get TASK_GRACE_SECONDS.
  --kill-on-bad-exit=0 --wait="${TASK_GRACE_SECONDS:-600}")
[[ -n ${STEP_TIME:-} ]] && srun_options+=(--time="$STEP_TIME")
[[ -n ${LOAD_CPUS:-} ]] && srun_options+=(--cpus-per-task="$LOAD_CPUS")
read -r -a extra <<<"${SRUN_EXTRA:-}"
log "run $run_id: $count segments on ${nodes[*]} (job $job); logs in $out/logs"
export OPENENV_LOADGEN_TASK=1 OPENENV_LOADGEN_RUN_ID=$run_id OPENENV_LOADGEN_DIR=$out
status=0
# ${a[@]+"${a[@]}"}: an empty array under set -u on bash < 4.4 (CentOS 7's 4.2) is "unbound".
srun "${srun_options[@]}" ${extra[@]+"${extra[@]}"} "$script" "${run_options[@]}" || status=$?
unset OPENENV_LOADGEN_TASK

# Only folders a segment got as far as its run manifest in: one that failed before (its server
# unreachable from that node, a bad option) ran no cell, and merge reports it as missing rather
# than refusing the whole merge for an empty folder.
segments=()
while IFS= read -r d; do
  if compgen -G "$d/runs/*/manifest.json" >/dev/null; then
    segments+=("$d")
  else
    log "$(basename "$d") wrote no run manifest (see $out/logs): merged as missing"
  fi
done < <(find "$out" -mindepth 1 -maxdepth 1 -type d -name 'seg-*' | sort -V)
if ((${#segments[@]} == 0)); then
  log "no segment wrote a folder (srun exit $status); see $out/logs"
  # srun exits with the tasks' highest code; one of the exit-code table's, or 128 + a signal.
  ((status >= 1 && status <= 6)) && exit "$status"
  exit 5
fi
log "load step ended (srun exit $status); merging ${#segments[@]} of $count segments"
status=0
"$launcher" merge "${segments[@]}" -o "$out/merged" || status=$?
log "merged result in $out/merged (merge exit $status)"
echo "$out/merged"
exit "$status"
