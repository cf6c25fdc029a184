#!/usr/bin/env bash
# Runs the openenv-bench benchmark server on this machine (the seed's run_uvicorn.sh role).
#
# Environment (flags after the script name are passed to `openenv-bench serve` too):
#   HOST                 address to bind (default 127.0.0.1; 0.0.0.0 to serve other machines)
#   PORT                 port (default 8000; 0 picks a free one, printed when ready)
#   WORKERS              server processes sharing the port with SO_REUSEPORT (default 1)
#   MAX_CONCURRENT_ENVS  WebSocket sessions per worker before CAPACITY_REACHED (default 100)
#   MAX_WAIT_SECONDS     largest wait_seconds a step accepts (default: the server's, 600)
#   OPENENV_BENCH        the launcher to run (default: bin/openenv-bench of this checkout)
#   OPENENV_BENCH_JAVA_OPTS  extra JVM options
# Prints "openenv-bench serve: listening on http://HOST:PORT" when ready; Ctrl-C stops it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
launcher=${OPENENV_BENCH:-$root/bin/openenv-bench}

args=(serve
  --host "${HOST:-127.0.0.1}"
  --port "${PORT:-8000}"
  --workers "${WORKERS:-1}"
  --max-concurrent-envs "${MAX_CONCURRENT_ENVS:-100}")
if [[ -n ${MAX_WAIT_SECONDS:-} ]]; then
  args+=(--max-wait-seconds "$MAX_WAIT_SECONDS")
fi

echo "run_server: ${args[*]} $*" >&2
exec "$launcher" "${args[@]}" "$@"
