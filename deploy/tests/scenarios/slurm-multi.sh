#!/usr/bin/env bash
# Three emulated nodes (network namespaces, one slurmd each): alloc.sh + serve_multi.sh with
# LB=haproxy put the balancer on one node and servers on the two others; batches through the
# balancer reach both hosts; killing one backend mid-batch gives failures, not a hang, and the
# next batch is routed to the surviving server.
# shellcheck source=deploy/tests/lib/all.sh
. "$(dirname "$0")/../lib/all.sh"
need slurmctld:slurmctld slurmd:slurmd salloc:slurm-client haproxy:haproxy ip:iproute2 nsenter:util-linux ss:iproute2 python3:python3 curl:curl
slurm_cluster_up 3

serve_multi_up "$OE_WORK/multi"
connection=$SERVE_MULTI_CONNECTION
salloc_pid=$SERVE_MULTI_PID
url=$(sed -n 's/^OPENENV_URL=//p' "$connection")
servers=$(sed -n 's/^OPENENV_SERVERS=//p' "$connection")

batch "$url" ws 20 0.5 2
batch "$url" http 20 0.2 2

# Kill one backend while sessions are open on it.
victim=${servers%%,*}
victim=${victim%%:*}
victim_ns=oesn${victim#oe-n}
kill_dir=$(mktemp -d "$OE_WORK/kill-batch.XXXXXX")
"$OE_ROOT/bin/openenv-bench" run --url "$url" --mode ws -n 20 --wait 6 --timeout 60 --warmup 0 \
  --no-progress --output-dir "$kill_dir" >"$OE_WORK/kill-batch.out" 2>&1 &
checker=$!
# The kill must come after the cell has started: the pre-flight's one session (which steps for the
# full --wait) may land on the victim too, and killing it then is a refused pre-flight (exit 2, no
# files), not the mid-batch failure this step is about.
cell_started() {
  grep -q '^openenv-bench run: \[ws N=20 .*\] started' "$OE_WORK/kill-batch.out" ||
    ! kill -0 "$checker" 2>/dev/null
}
wait_for 30 "the kill batch's cell to start" cell_started
kill -0 "$checker" 2>/dev/null ||
  fail "the kill batch ended before its cell started: $(tail -n 30 "$OE_WORK/kill-batch.out")"
sessions_open() {
  curl -s -m 3 "http://$victim:8000/metrics" | awk '/^openenv_sessions_active/ {s += $NF} END {exit !(s > 0)}'
}
wait_for 30 "sessions open on $victim" sessions_open
mapfile -t victim_pids < <(nsenter --net="/run/netns/$victim_ns" ss -Hltnp 'sport = :8000' |
  grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u)
((${#victim_pids[@]} > 0)) || fail "no server process listens on $victim:8000"
say "killing the server on $victim (pids ${victim_pids[*]}) mid-batch"
kill -KILL "${victim_pids[@]}"
finished() { ! kill -0 "$checker" 2>/dev/null; }
wait_for 90 "the batch to finish after the kill (a hang would stop here)" finished
kill_status=0
wait "$checker" || kill_status=$?
[[ -f $kill_dir/summary.csv ]] ||
  fail "the batch during the kill (exit $kill_status) left no summary.csv: $(tail -n 30 "$OE_WORK/kill-batch.out")"
kill_ok=$(summary_field "$kill_dir" successful)
kill_failed=$(summary_field "$kill_dir" failed)
say "batch during the kill: $kill_ok ok, $kill_failed failed; causes: $(grep -A3 'Failures by cause' "$OE_WORK/kill-batch.out" | tr '\n' ' ')"
((kill_ok > 0 && kill_failed > 0)) ||
  fail "expected some sessions to fail (killed backend) and others to succeed: $(tail -n 30 "$OE_WORK/kill-batch.out")"
batch "$url" ws 10 0.2 1
batch "$url" http 10 0.2 1
say "after the kill every session was routed to the surviving server"

# Stop the deployment the way a user would (Ctrl-C on serve_multi.sh), then check the nodes.
serve_multi=$(pgrep -P "$salloc_pid" | head -n 1)
[[ -n $serve_multi ]] || fail "serve_multi.sh not found under salloc $salloc_pid"
kill -INT "$serve_multi"
ended() { ! kill -0 "$salloc_pid" 2>/dev/null; }
wait_for 60 "the allocation to end" ended
wait_for 30 "every job process on the nodes to end" slurm_nodes_quiet 1 2 3
say "deployment stopped: only slurmd left on the nodes"

# The Envoy path: the config is generated from the node list; with no Envoy binary (none can be
# installed here) serve_multi.sh must say so and exit, not wait for the health timeout.
envoy_out=$OE_WORK/multi-envoy
status=0
LB=envoy ENVOY_BIN=envoy-not-installed SERVER_NODES=2 SERVER_CPUS=1 LB_CPUS=1 TIME=00:05:00 \
  OUTPUT_DIR=$envoy_out HEALTH_TIMEOUT_SECONDS=120 timeout 90 \
  deploy/slurm/alloc.sh deploy/slurm/serve_multi.sh >"$OE_WORK/multi-envoy.out" 2>&1 || status=$?
((status != 0 && status != 124)) || fail "serve_multi.sh with a missing Envoy: exit $status (124 = hung)"
grep -q 'envoy on .* exited before it was healthy' "$OE_WORK/multi-envoy.out" ||
  fail "serve_multi.sh did not report the missing Envoy: $(tail -n 5 "$OE_WORK/multi-envoy.out")"
for server in ${servers//,/ }; do
  grep -q "address: ${server%%:*}, port_value: 8000" "$envoy_out/envoy.yaml" ||
    fail "generated envoy.yaml lacks $server"
done
say "LB=envoy: envoy.yaml generated for $servers; missing binary reported, exit $status"
