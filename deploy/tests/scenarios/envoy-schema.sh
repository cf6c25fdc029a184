#!/usr/bin/env bash
# The Envoy template and a generated config pass Envoy's v3 schema (Java test; the Envoy binary
# itself is not available here, so nothing runs Envoy).
# shellcheck source=deploy/tests/lib/all.sh
. "$(dirname "$0")/../lib/all.sh"
./mvnw -B -q test -Dtest=EnvoyConfigTest -Dsurefire.failIfNoSpecifiedTests=false
grep -q 'Tests run: 4, Failures: 0, Errors: 0, Skipped: 0' \
  target/surefire-reports/dev.openenvbench.deploy.EnvoyConfigTest.txt || fail "EnvoyConfigTest did not run 4 passing tests"
say "EnvoyConfigTest: 4 tests passed"
