#!/usr/bin/env bash
# Sourced by every scenario: strict mode plus all helpers.
set -eEuo pipefail
# A command that fails under set -e names itself instead of ending the scenario silently.
trap 'echo "[ERR] ${BASH_SOURCE[0]}:$LINENO: \"$BASH_COMMAND\" exited $?" >&2' ERR
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=deploy/tests/lib/common.sh
. "$here/common.sh"
# shellcheck source=deploy/tests/lib/docker.sh
. "$here/docker.sh"
# shellcheck source=deploy/tests/lib/slurm.sh
. "$here/slurm.sh"
# shellcheck source=deploy/tests/lib/netns.sh
. "$here/netns.sh"
# shellcheck source=deploy/tests/lib/teardown.sh
. "$here/teardown.sh"
: "${OE_WORK:?run the scenarios through deploy/tests/run_all.sh}"
cd "$OE_ROOT"
