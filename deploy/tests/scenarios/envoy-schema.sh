#!/usr/bin/env bash
# The Envoy template and a generated config pass Envoy's v3 schema (Java test; the Envoy binary
# itself is not available here, so nothing runs Envoy).
# shellcheck source=deploy/tests/lib/all.sh
. "$(dirname "$0")/../lib/all.sh"
rm -f target/surefire-reports/dev.openenvbench.deploy.EnvoyConfigTest.txt
./mvnw -B -q test -Dtest=EnvoyConfigTest -Dsurefire.failIfNoSpecifiedTests=false
grep -Eq 'Tests run: [1-9][0-9]*, Failures: 0, Errors: 0, Skipped: 0' \
  target/surefire-reports/dev.openenvbench.deploy.EnvoyConfigTest.txt || fail "EnvoyConfigTest had failures, errors or skips"
say "EnvoyConfigTest: $(grep -o 'Tests run: [0-9]*' target/surefire-reports/dev.openenvbench.deploy.EnvoyConfigTest.txt), all passed"
