#!/usr/bin/env bash
# Splits the N=1 step overhead (wait 0.1 s, loopback) into the server's part and the harness's part
# by capturing the packets: the server's part runs from the step frame to the reply frame on the
# wire, minus the wait; the harness's part is the rest of step_overhead (sending, being woken,
# reading). Needs tcpdump (apt-get install tcpdump) and python3, and root to capture on lo.
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=bench/harness/lib.sh
. "$root/bench/harness/lib.sh"
command -v tcpdump >/dev/null || { echo "tcpdump is missing: apt-get install tcpdump" >&2; exit 1; }
reps=${REPS:-40}
out=$(mktemp -d)
machine
start_server --max-concurrent-envs 10
port=${SERVER_URL##*:}
tcpdump -i lo -nn -w "$out/lo.pcap" "tcp port $port and tcp[tcpflags] & tcp-push != 0" 2>/dev/null &
capture=$!
trap 'kill "$capture" 2>/dev/null; stop_server' EXIT
sleep 1 # tcpdump needs a moment before it captures
bench run --url "$SERVER_URL" -n 1 -w 0.1 --reps "$reps" --no-progress -o "$out" >"$out/run.log" 2>&1 \
  || { cat "$out/run.log" >&2; exit 1; }
sleep 0.5
kill "$capture"
wait "$capture" 2>/dev/null || true
tcpdump -r "$out/lo.pcap" -nn -tt 2>/dev/null >"$out/lo.txt"
python3 - "$out" <<'PY'
import json, re, statistics, sys
out = sys.argv[1]
flows = {}  # one WebSocket session per connection: its data packets' times, in order
for line in open(f"{out}/lo.txt"):
    m = re.match(r"(\S+) IP \S+\.(\d+) > \S+\.(\d+):", line)
    if m:
        flows.setdefault(frozenset((m[2], m[3])), []).append(float(m[1]))
# Packets: upgrade request, 101, reset, reset reply, step, step reply, close... The warm-up's
# sessions (wait 0) are skipped by asking for a step of about 0.1 s.
server = [(t[5] - t[4] - 0.1) * 1e3 for t in flows.values() if len(t) >= 6 and 0.09 < t[5] - t[4] < 0.2]
rows = [json.loads(l) for l in open(f"{out}/raw.jsonl")]
overhead = statistics.median(r["step_overhead"] * 1e3 for r in rows)
on_wire = statistics.median(server[-len(rows):])
print(f"sessions: {len(rows)} recorded, {len(server)} step flows captured")
print(f"median step_overhead (harness's view): {overhead:.3f} ms")
print(f"  server's part (step frame -> reply frame on the wire, minus 0.1 s): {on_wire:.3f} ms")
print(f"  harness's part (the rest): {overhead - on_wire:.3f} ms")
PY
echo "files: $out"
