#!/usr/bin/env bash
# Five emulated nodes: serve_multi.sh (LB=haproxy) puts the balancer on oe-n1 and servers on
# oe-n2 and oe-n3, and leaves its allocation's load group (oe-n4, oe-n5) to run_loadgen.sh. One
# step of two harness tasks there drives the balancer; the merged result is exactly what the two
# segments add up to (counts, and percentiles equal to those over the union of their raw rows),
# came from both load hosts and was served by both servers. Then run_loadgen.sh as its own job
# on the same two nodes with one task killed -9 mid-cell: the merged cell is incomplete, names
# the lost segment, and the job ends within a bound instead of hanging.
# shellcheck source=deploy/tests/lib/all.sh
. "$(dirname "$0")/../lib/all.sh"
need slurmctld:slurmctld slurmd:slurmd salloc:slurm-client haproxy:haproxy ip:iproute2 nsenter:util-linux ss:iproute2 python3:python3
slurm_cluster_up 5
serve_multi_up "$OE_WORK/multi" LOAD_NODES=2 LOAD_CPUS=1
url=$(sed -n 's/^OPENENV_URL=//p' "$SERVE_MULTI_CONNECTION")
grep -qx 'OPENENV_LOAD_NODES=oe-n\[4-5\]' "$SERVE_MULTI_CONNECTION" ||
  fail "serve_multi.sh did not leave oe-n4 and oe-n5 for the load"

# A step in serve_multi.sh's allocation, started from outside it (the connection file names the
# job and its load group), as a user on the login node would.
exact=$OE_WORK/loadgen-exact
status=0
CONNECTION_FILE=$SERVE_MULTI_CONNECTION OUTPUT_DIR=$exact RUN_ID=ci-exact STEP_TIME=3 \
  timeout 240 deploy/slurm/run_loadgen.sh --mode ws --requests-grid 20,40 --wait 0.5 --warmup 0 \
  --timeout 30 >"$exact.out" 2>&1 || status=$?
((status == 0)) || fail "run_loadgen.sh in serve_multi's allocation: exit $status: $(tail -n 30 "$exact.out")"
say "run_loadgen.sh in job $(sed -n 's/^SLURM_JOB_ID=//p' "$SERVE_MULTI_CONNECTION")'s load group: exit 0"
python3 deploy/tests/lib/check_merge.py exact "$exact" --load-hosts oe-n4,oe-n5 --server-hosts 2
wait_for 30 "the load step's processes to end" slurm_nodes_quiet 4 5

# Its own job; segment 1/2's harness killed while its sessions wait on the servers.
lost=$OE_WORK/loadgen-lost
started=$SECONDS
RUN_ID=ci-lost OUTPUT_DIR=$lost STEP_TIME=4 TASK_GRACE_SECONDS=60 start_bg "$lost.out" \
  salloc --nodes=2 --nodelist=oe-n4,oe-n5 --ntasks-per-node=1 --cpus-per-task=1 --time=5 \
  deploy/slurm/run_loadgen.sh --url "$url" --mode ws -n 20 --wait 8 --warmup 0 --timeout 30
job=$BG_PID
victim=""
sessions_open() { # sets victim to segment 1/2's java once it holds sessions to the balancer
  local i pid
  for i in 4 5; do
    for pid in $(ip netns pids "oesn$i"); do
      [[ $(cat "/proc/$pid/comm" 2>/dev/null) == java ]] || continue
      tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- '--segment 1/2 ' || continue
      (($(in_node "$i" ss -Htn state established '( dport = :8000 )' | wc -l) >= 5)) || return 1
      victim=$pid
      victim_node=oe-n$i
      return 0
    done
  done
  return 1
}
wait_for 90 "segment 1/2's sessions to be open" sessions_open
say "killing segment 1/2 (java $victim on $victim_node) mid-cell"
kill -KILL "$victim"
killed_at=$SECONDS
ended() { ! kill -0 "$job" 2>/dev/null; }
wait_for 120 "run_loadgen.sh to end after the kill (a hang would stop here)" ended
status=0
wait "$job" || status=$?
say "run_loadgen.sh as its own job: exit $status, $((SECONDS - killed_at))s after the kill, $((SECONDS - started))s in all"
((status != 0)) || fail "a lost segment gave exit 0: $(tail -n 20 "$lost.out.err")"
[[ -d $lost/merged ]] || fail "no merged output after the kill: $(tail -n 20 "$lost.out.err")"
python3 deploy/tests/lib/check_merge.py lost "$lost" --segment 1/2
grep -q "1/2" "$lost.out" "$lost.out.err" || fail "the console does not name the lost segment 1/2"
wait_for 30 "the killed step's processes to end" slurm_nodes_quiet 4 5
say "the lost segment's job left no process on oe-n4 or oe-n5"
