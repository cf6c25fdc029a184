#!/usr/bin/env bash
# SLURM batch job: one openenv-bench server on one node, WORKERS processes sharing PORT.
#
#   sbatch deploy/slurm/serve_single.sh            (submit from the openenv-bench checkout)
#   sbatch --cpus-per-task=32 --partition=P --time=4:00:00 deploy/slurm/serve_single.sh
#
# The #SBATCH lines are defaults; sbatch options on the command line override them. No
# partition or account is set here: pass --partition/--account (or SBATCH_PARTITION, ...).
#
# Environment (exported to the job by sbatch):
#   PORT                 server port (default 8000; 0 picks a free one)
#   HOST                 bind address (default 0.0.0.0, reachable from other nodes)
#   WORKERS              server processes (default: SLURM_CPUS_PER_TASK, else 1)
#   MAX_CONCURRENT_ENVS  WebSocket sessions per worker (default 100)
#   OPENENV_BENCH        launcher (default: $SLURM_SUBMIT_DIR/bin/openenv-bench, else on PATH)
#   CONNECTION_FILE      where to write OPENENV_URL=... once healthy
#                        (default: $SLURM_SUBMIT_DIR/openenv-server-$SLURM_JOB_ID.env)
#   ADVERTISE_HOST       host name put in the URL (default: this node's hostname)
#SBATCH --job-name=openenv-serve
#SBATCH --nodes=1
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=8
#SBATCH --time=02:00:00
#SBATCH --output=openenv-serve-%j.out
set -euo pipefail
submit_dir=${SLURM_SUBMIT_DIR:-$PWD}
job=${SLURM_JOB_ID:-local}
if [[ -n ${OPENENV_BENCH:-} ]]; then
  launcher=$OPENENV_BENCH
elif [[ -x $submit_dir/bin/openenv-bench ]]; then
  launcher=$submit_dir/bin/openenv-bench
else
  launcher=openenv-bench
fi
connection=${CONNECTION_FILE:-$submit_dir/openenv-server-$job.env}
advertise=${ADVERTISE_HOST:-$(hostname)}
ready_log=$(mktemp)

"$launcher" serve --host "${HOST:-0.0.0.0}" --port "${PORT:-8000}" \
  --workers "${WORKERS:-${SLURM_CPUS_PER_TASK:-1}}" \
  --max-concurrent-envs "${MAX_CONCURRENT_ENVS:-100}" >"$ready_log" &
server=$!
# scancel/timeout send SIGTERM: stop the server gracefully and leave nothing behind.
trap 'kill -TERM "$server" 2>/dev/null; wait "$server"; rm -f "$ready_log" "$connection"' TERM INT

port=""
while [[ -z $port ]]; do
  if ! kill -0 "$server" 2>/dev/null; then
    echo "serve_single: the server exited before it was ready" >&2
    exit 1
  fi
  port=$(sed -n 's|^openenv-bench serve: listening on http://.*:\([0-9]*\)$|\1|p' "$ready_log")
  [[ -n $port ]] || sleep 0.2
done
url="http://$advertise:$port"
printf 'OPENENV_URL=%s\nSLURM_JOB_ID=%s\n' "$url" "$job" >"$connection"
echo "serve_single: job $job serving $url (connection file $connection)"
wait "$server"
