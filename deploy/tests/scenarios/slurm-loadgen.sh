#!/usr/bin/env bash
# Five emulated nodes: serve_multi.sh (LB=haproxy) puts the balancer on oe-n1 and servers on
# oe-n2 and oe-n3, and leaves its allocation's load group (oe-n4, oe-n5) to run_loadgen.sh. One
# step of two harness tasks there drives the balancer; the merged result is exactly what the two
# segments add up to (counts, and percentiles equal to those over the union of their raw rows),
# came from both load hosts and was served by both servers. A capacity search whose probes are
# each one srun step of two tasks there (--srun-tasks 2) finds the servers' 80 sessions, every
# probe the exact merge of its step. Then run_loadgen.sh as its own job
# on the same two nodes, one task killed -9 mid-cell, then one frozen (SIGSTOP): the merged cells
# are incomplete and name the lost segment, and the job ends within a bound instead of hanging.
# shellcheck source=deploy/tests/lib/all.sh
. "$(dirname "$0")/../lib/all.sh"
need slurmctld:slurmctld slurmd:slurmd salloc:slurm-client haproxy:haproxy ip:iproute2 nsenter:util-linux ss:iproute2 python3:python3
refused() { # what-the-message-names command...: exit 2 with a one-line message
  local what=$1 out status=0
  shift
  out=$("$@" 2>&1) || status=$?
  if ((status != 2)) || ! grep -q -- "$what" <<<"$out"; then
    fail "$* gave exit $status, expected 2 naming '$what': $out"
  fi
}
refused "sets --segment" env -u SLURM_JOB_ID deploy/slurm/run_loadgen.sh --url http://x:1 -o "$OE_WORK/x"
refused "no target" env -u SLURM_JOB_ID -u OPENENV_URL deploy/slurm/run_loadgen.sh -n 10
refused "inside a SLURM allocation" env -u SLURM_JOB_ID deploy/slurm/run_loadgen.sh --url http://x:1
say "run_loadgen.sh refuses its own options, no target and no allocation (exit 2)"
slurm_cluster_up 5
# 40 sessions per server: the capacity search below finds the two servers' 80 behind the balancer.
serve_multi_up "$OE_WORK/multi" LOAD_NODES=2 LOAD_CPUS=1 MAX_CONCURRENT_ENVS=40
url=$(sed -n 's/^OPENENV_URL=//p' "$SERVE_MULTI_CONNECTION")
grep -qx 'OPENENV_LOAD_NODES=oe-n\[4-5\]' "$SERVE_MULTI_CONNECTION" ||
  fail "serve_multi.sh did not leave oe-n4 and oe-n5 for the load"

# A step in serve_multi.sh's allocation, started from outside it (the connection file names the
# job and its load group), as a user on the login node would; each task sends from its node's
# address (SOURCE_ADDRESSES_PER_TASK: tasks 0 and 1 on oe-n4 and oe-n5, SLURM's block order).
exact=$OE_WORK/loadgen-exact
status=0
CONNECTION_FILE=$SERVE_MULTI_CONNECTION OUTPUT_DIR=$exact RUN_ID=ci-exact STEP_TIME=3 \
  SOURCE_ADDRESSES_PER_TASK="$OE_NET.14 $OE_NET.15" \
  timeout 240 deploy/slurm/run_loadgen.sh --mode ws --requests-grid 20,40 --wait 0.5 --warmup 0 \
  --timeout 30 >"$exact.out" 2>&1 || status=$?
((status == 0)) || fail "run_loadgen.sh in serve_multi's allocation: exit $status: $(tail -n 30 "$exact.out")"
say "run_loadgen.sh in job $(sed -n 's/^SLURM_JOB_ID=//p' "$SERVE_MULTI_CONNECTION")'s load group: exit 0"
python3 deploy/tests/lib/check_merge.py exact "$exact" --load-hosts oe-n4,oe-n5 --server-hosts 2 \
  --source-address "oe-n4=$OE_NET.14" --source-address "oe-n5=$OE_NET.15"
wait_for 30 "the load step's processes to end" slurm_nodes_quiet 4 5
status=0
CONNECTION_FILE=$SERVE_MULTI_CONNECTION OUTPUT_DIR=$OE_WORK/loadgen-bad timeout 120 \
  deploy/slurm/run_loadgen.sh --mode bogus >"$OE_WORK/loadgen-bad.out" 2>&1 || status=$?
((status == 2)) || fail "segments refusing a bad option: exit $status, expected 2: $(tail -n 5 "$OE_WORK/loadgen-bad.out")"
say "segments that refuse their options: run_loadgen.sh exit 2"

victim="" node=""
sessions_open() { # sets victim and node: segment 1/2's java, once it holds sessions to the balancer
  local i pid
  for i in 4 5; do
    for pid in $(ip netns pids "oesn$i"); do
      [[ $(cat "/proc/$pid/comm" 2>/dev/null) == java ]] || continue
      tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- '--segment 1/2 ' || continue
      (($(in_node "$i" ss -Htn state established '( dport = :8000 )' | wc -l) >= 5)) || return 1
      victim=$pid node=oe-n$i
      return 0
    done
  done
  return 1
}

# capacity beyond one node: every probe is one srun step of 2 harness tasks on oe-n4 and oe-n5
# (capacity --srun-tasks 2, run from the login host inside an allocation of those nodes), merged
# exactly into the search's files. The two servers hold 40 sessions each, so the answer is at most
# 80 and every probe above it fails.
refused "inside a SLURM allocation" env -u SLURM_JOB_ID bin/openenv-bench capacity --url "$url" \
  --srun-tasks 2 --warmup 0 -o "$OE_WORK/capacity-refused"
cap=$OE_WORK/capacity-srun
status=0
timeout 600 salloc --nodes=2 --nodelist=oe-n4,oe-n5 --ntasks-per-node=1 --cpus-per-task=1 \
  --time=10 bin/openenv-bench capacity --url "$url" --srun-tasks 2 -m ws -w 0.5 --timeout 20 \
  --start 10 --max-sessions 160 --resolution 0.25 --boundary-runs 1 --confirm-runs 1 --warmup 0 \
  --no-progress -o "$cap" >"$cap.out" 2>"$cap.err" || status=$?
((status == 0)) || fail "capacity --srun-tasks 2: exit $status: $(tail -n 30 "$cap.err")"
say "capacity --srun-tasks 2: $(grep -m1 -i 'capacity' "$cap.out")"
python3 deploy/tests/lib/check_merge.py capacity "$cap" --load-hosts oe-n4,oe-n5 --server-hosts 2 --most 80
wait_for 30 "the probes' processes to end" slurm_nodes_quiet 4 5

# A probe that loses a task (killed mid-probe) is incomplete, names the lost segment, and stops
# the search (exit 3, capacity.json says why) instead of judging N on half its load or asking
# for the same N again for as long as the node stays down.
cap_lost=$OE_WORK/capacity-lost
status=0
start_bg "$cap_lost.out" salloc --nodes=2 --nodelist=oe-n4,oe-n5 --ntasks-per-node=1 \
  --cpus-per-task=1 --time=5 bin/openenv-bench capacity --url "$url" --srun-tasks 2 -m ws -w 6 \
  --timeout 10 --start 20 --max-sessions 40 --warmup 0 --no-progress -o "$cap_lost"
cap_job=$BG_PID
wait_for 90 "the probe's segment 1/2 to hold sessions" sessions_open
kill -KILL "$victim"
say "SIGKILL to the probe's segment 1/2 (java $victim on $node)"
cap_ended() { ! kill -0 "$cap_job" 2>/dev/null; }
wait_for 120 "capacity to end after losing a task (a hang would stop here)" cap_ended
wait "$cap_job" || status=$?
((status == 3)) || fail "capacity after a lost task: exit $status, expected 3: $(tail -n 20 "$cap_lost.out.err")"
grep -q "segment 1/2" "$cap_lost.out.err" || fail "capacity's console does not name segment 1/2: $(tail -n 20 "$cap_lost.out.err")"
python3 - "$cap_lost/capacity.json" <<'PY' || fail "capacity.json does not say the search stopped at the lost probe"
import json, sys
searches = json.load(open(sys.argv[1]))["searches"]
assert searches and all(s["limiting_factor"]["kind"] == "stopped"
                       and "lost part of its load" in s["limiting_factor"]["text"] for s in searches), searches
PY
say "capacity after a lost task: exit 3, $(grep -m1 'stopped:' "$cap_lost.out.err")"
wait_for 30 "the lost probe's processes to end" slurm_nodes_quiet 4 5

# Its own job on the same two nodes (a job of its own may share them: 1 CPU each is free), a
# 2-cell grid, and segment 1/2's harness lost mid-cell 1: killed (a crashed task), or stopped (a
# frozen node: the task lives on and never ends; srun --wait must end it). The other segment
# finishes both cells (cell 2 after cell 1's deadline); the merged cells are incomplete, name the
# lost segment, and the job ends within a bound.
lose_segment() { # signal grace_seconds
  local out=$OE_WORK/loadgen-lost-$1 started=$SECONDS status=0
  RUN_ID=ci-lost-$1 OUTPUT_DIR=$out TASK_GRACE_SECONDS=$2 STEP_TIME=4 start_bg "$out.out" \
    salloc --nodes=2 --nodelist=oe-n4,oe-n5 --ntasks-per-node=1 --cpus-per-task=1 --time=5 \
    deploy/slurm/run_loadgen.sh --url "$url" --mode ws -n 20 --wait-grid 6,1 --warmup 0 \
    --timeout 10 --cell-deadline-seconds 15
  local job=$BG_PID
  wait_for 90 "segment 1/2's sessions to be open" sessions_open
  say "SIG$1 to segment 1/2 (java $victim on $node) mid-cell"
  kill "-$1" "$victim"
  local lost_at=$SECONDS
  ended() { ! kill -0 "$job" 2>/dev/null; }
  wait_for 120 "run_loadgen.sh to end after SIG$1 (a hang would stop here)" ended
  wait "$job" || status=$?
  say "run_loadgen.sh after SIG$1: exit $status, $((SECONDS - lost_at))s after it, $((SECONDS - started))s in all"
  ((status != 0)) || fail "a lost segment gave exit 0: $(tail -n 20 "$out.out.err")"
  [[ -d $out/merged ]] || fail "no merged output after SIG$1: $(tail -n 20 "$out.out.err")"
  python3 deploy/tests/lib/check_merge.py lost "$out" --segment 1/2
  grep -q '1/2' "$out.out" "$out.out.err" || fail "the console does not name the lost segment 1/2"
  wait_for 30 "the step's processes to end after SIG$1" slurm_nodes_quiet 4 5
  say "SIG$1: the job left no process on oe-n4 or oe-n5"
}
lose_segment KILL 60
lose_segment STOP 10
