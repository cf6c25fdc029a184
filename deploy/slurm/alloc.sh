#!/usr/bin/env bash
# Gets a heterogeneous SLURM allocation for serve_multi.sh: component 0 is one node for the
# load balancer, component 1 is SERVER_NODES nodes for the env servers, and with LOAD_NODES > 0
# component 2 is that many nodes for the load generator (run_loadgen.sh runs its step there).
#
#   deploy/slurm/alloc.sh                                  (then run serve_multi.sh in the shell)
#   deploy/slurm/alloc.sh deploy/slurm/serve_multi.sh     (run it directly in the allocation)
#
# Environment:
#   SERVER_NODES   env-server nodes (default 2)
#   SERVER_CPUS    CPUs per server node (default 16)
#   LB_CPUS        CPUs for the load balancer node (default 4)
#   LOAD_NODES     load-generator nodes (default 0: none; the load comes from elsewhere)
#   LOAD_CPUS      CPUs per load-generator node (default 8)
#   TIME           time limit (default 02:00:00)
#   PARTITION, LB_PARTITION, LOAD_PARTITION, ACCOUNT, QOS   optional; LB_PARTITION and
#                  LOAD_PARTITION default to PARTITION
#   JOB_NAME       (default openenv-multi)
#   SALLOC_EXTRA   extra salloc options for both components (word-split)
# Arguments are the command salloc runs (default: your shell).
set -euo pipefail

common=(--time "${TIME:-02:00:00}" --job-name "${JOB_NAME:-openenv-multi}")
[[ -n ${ACCOUNT:-} ]] && common+=(--account "$ACCOUNT")
[[ -n ${QOS:-} ]] && common+=(--qos "$QOS")
read -r -a extra <<<"${SALLOC_EXTRA:-}"

lb=(--nodes 1 --ntasks 1 --cpus-per-task "${LB_CPUS:-4}")
servers=(--nodes "${SERVER_NODES:-2}" --ntasks-per-node 1 --cpus-per-task "${SERVER_CPUS:-16}")
lb_partition=${LB_PARTITION:-${PARTITION:-}}
[[ -n $lb_partition ]] && lb+=(--partition "$lb_partition")
[[ -n ${PARTITION:-} ]] && servers+=(--partition "$PARTITION")
components=("${lb[@]}" : "${servers[@]}")
if ((${LOAD_NODES:-0} > 0)); then
  load=(--nodes "$LOAD_NODES" --ntasks-per-node 1 --cpus-per-task "${LOAD_CPUS:-8}")
  load_partition=${LOAD_PARTITION:-${PARTITION:-}}
  [[ -n $load_partition ]] && load+=(--partition "$load_partition")
  components+=(: "${load[@]}")
fi

echo "alloc: salloc ${common[*]} ${extra[*]} ${components[*]} $*" >&2
exec salloc "${common[@]}" "${extra[@]}" "${components[@]}" "$@"
