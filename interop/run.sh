#!/usr/bin/env bash
# Interop suite entry point (CI calls this): our server and harness against the real OpenEnv
# Python packages, once per matrix entry of setup_venv.sh.
#
#   interop/run.sh [ENTRY...]      default: openenv openenv-core
#
# Needs python3 (with venv) and a JDK 21+ (bin/find-java.sh finds it). Stops at the first entry
# that fails, so pytest's summary line of the failing (or last) entry is the closing line.
# Extra pytest arguments: PYTEST_ARGS="-k differential".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

entries=("$@")
[[ ${#entries[@]} -gt 0 ]] || entries=(openenv openenv-core)

"$here/setup_venv.sh" "${entries[@]}"

# Build the jar now (the launcher only builds when sources changed) so no test waits on Maven.
"$root/bin/openenv-bench" --version >&2

venv_root=${INTEROP_VENV_ROOT:-$here/.venv}
for entry in "${entries[@]}"; do
  echo "interop: running the suite against $entry" >&2
  # shellcheck disable=SC2086  # PYTEST_ARGS is a list of arguments
  (cd "$root" && "$venv_root/$entry/bin/python" -m pytest interop/tests -p no:cacheprovider \
      -q -rfE ${PYTEST_ARGS:-})
done
