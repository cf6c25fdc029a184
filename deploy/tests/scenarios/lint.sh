#!/usr/bin/env bash
# Every deploy script passes shellcheck; the Dockerfile passes dockerfilelint.
# shellcheck source=deploy/tests/lib/all.sh
. "$(dirname "$0")/../lib/all.sh"
need shellcheck:shellcheck dockerfilelint:npm:dockerfilelint
mapfile -t scripts < <(find deploy bin -type f \( -name '*.sh' -o -name openenv-bench \) | sort)
say "shellcheck ${#scripts[@]} scripts"
shellcheck -x "${scripts[@]}"
say "dockerfilelint deploy/docker/Dockerfile (rules: deploy/docker/.dockerfilelintrc)"
dockerfilelint -c deploy/docker deploy/docker/Dockerfile
