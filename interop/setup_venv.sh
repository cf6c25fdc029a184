#!/usr/bin/env bash
# Makes one virtual environment per matrix entry and installs the pinned OpenEnv package into it.
# The matrix is the list in MATRIX below: the newest `openenv` and the newest `openenv-core` 0.3.x
# (looked up with `pip index versions ...` on 2026-11-27). Test tools are pinned too so that a
# failure means a wire change, not a tool upgrade.
#
# Usage: interop/setup_venv.sh [ENTRY...]     (default: every entry)
# Venvs go to $INTEROP_VENV_ROOT (default interop/.venv/<entry>); an existing venv whose stamp
# matches the pins is reused.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

# entry name -> pip requirement of the OpenEnv package under test
declare -A MATRIX=(
  [openenv]="openenv==0.10.0"
  [openenv-core]="openenv-core==0.3.0"
)
TOOLS=(pytest==8.4.2 uvicorn==0.38.0 websockets==15.0.1 httpx==0.28.1)

venv_root=${INTEROP_VENV_ROOT:-$here/.venv}
python=${PYTHON:-python3}

entries=("$@")
[[ ${#entries[@]} -gt 0 ]] || entries=(openenv openenv-core)

for entry in "${entries[@]}"; do
  req=${MATRIX[$entry]:-}
  if [[ -z $req ]]; then
    echo "setup_venv: unknown matrix entry '$entry' (known: ${!MATRIX[*]})" >&2
    exit 2
  fi
  venv=$venv_root/$entry
  stamp="$req ${TOOLS[*]}"
  if [[ -x $venv/bin/python && -f $venv/.pins && $(cat "$venv/.pins") == "$stamp" ]]; then
    echo "setup_venv: $entry up to date ($req) in $venv" >&2
    continue
  fi
  echo "setup_venv: creating $venv with $req" >&2
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "$req" "${TOOLS[@]}"
  echo "$stamp" > "$venv/.pins"
done
