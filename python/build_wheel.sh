#!/usr/bin/env bash
# Builds the Python wheel of openenv-bench into python/dist/: builds the runnable jar with the
# Maven Wrapper (bin/mvn, on a JDK 21+), copies into the package what the build made (the jar,
# the result schema the build generates, the version from pom.xml via the jar's version file),
# then builds the wheel with `python -m build` in a venv of its own (python/.build-venv).
#
# Usage: python/build_wheel.sh        prints the wheel's path on its last line
# PYTHON picks the interpreter (default python3, 3.10+).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
python=${PYTHON:-python3}
data=$here/src/openenv_bench/data

echo "build_wheel: building the jar (bin/mvn package, tests skipped: 'bin/mvn -B verify' runs them)" >&2
# No formatting check here, as in bin/openenv-bench: the wheel of an edited tree still builds.
"$root/bin/mvn" -B -q -DskipTests -Dspotless.check.skip=true -f "$root/pom.xml" package >&2

classes=$root/target/classes
version=$(sed -n 's/^version=//p' "$classes/openenv-bench-version.properties")
if [[ ! $version =~ ^[0-9]+(\.[0-9]+)*$ ]]; then
  # Maven's X.Y.Z-SNAPSHOT is PEP 440's X.Y.Z.dev0; anything else needs a rule here first.
  if [[ $version =~ ^([0-9]+(\.[0-9]+)*)-SNAPSHOT$ ]]; then
    version=${BASH_REMATCH[1]}.dev0
  else
    echo "build_wheel: pom.xml's version '$version' has no Python equivalent here" >&2
    exit 2
  fi
fi
mkdir -p "$data"
cp "$root/target/openenv-bench.jar" "$data/openenv-bench.jar"
# The start-up cache's one implementation, which the Python launcher runs too.
cp "$root/bin/aot-cache.sh" "$data/aot-cache.sh"
cp "$classes/dev/openenvbench/results/result-schema.json" "$data/result-schema.json"
printf '%s\n' "$version" > "$data/VERSION"

venv=$here/.build-venv
if [[ ! -x $venv/bin/python ]] || ! "$venv/bin/python" -c 'import build' 2>/dev/null; then
  echo "build_wheel: creating $venv" >&2
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check build==1.6.1
fi
rm -rf "$here/dist" "$here/build"
"$venv/bin/python" -m build --wheel --outdir "$here/dist" "$here" >&2
rm -rf "$here/build" "$here"/src/*.egg-info
wheel=$(ls "$here"/dist/*.whl)
echo "build_wheel: $(du -h "$wheel" | cut -f1) $wheel" >&2
printf '%s\n' "$wheel"
