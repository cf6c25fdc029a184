#!/usr/bin/env python3
"""Writes the seed-format fixture next to this script, as the seed's Python harness writes its
files: raw.jsonl with json.dumps (", " and ": " separators, the 17 fields of the seed README's
example) and summary.csv with csv.DictWriter (its 33 columns, "\\r\\n" line endings, error_rate
as a percentage as the seed README describes it). Two cells: ws N=2 (both succeed) and http N=2
(one refused). Re-run only to change the fixture on purpose."""
import csv
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
COLUMNS = [
    "mode", "url", "num_requests", "batch_size", "wait_seconds", "repetition", "timestamp",
    "hardware", "successful", "failed", "error_rate", "total_wall_time", "connect_p50",
    "connect_p95", "connect_p99", "reset_p50", "reset_p95", "reset_p99", "step_p50", "step_p95",
    "step_p99", "total_min", "total_max", "total_avg", "total_p50", "total_p90", "total_p95",
    "total_p99", "requests_per_second", "effective_concurrency", "unique_pids",
    "unique_sessions", "unique_hosts"]


def session(i, mode, ok):
    return {
        "request_id": i, "mode": mode, "timestamp": "2025-01-09T12:00:00Z",
        "wait_requested": 1.0, "connect_latency": 0.012 if ok else None,
        "reset_latency": 0.005 if ok else None, "step_latency": 1.023 if ok else None,
        "total_latency": 1.045 if ok else 0.02, "waited_seconds": 1.0 if ok else None,
        "pid": 12345 if ok else None, "session_hash": "abc12%d" % i if ok else None,
        "host_url": "localhost:8000" if ok else None, "success": ok,
        "error_type": None if ok else "RuntimeError",
        "error_message": None if ok else "Reset error: Server at capacity: 1/1 sessions active.",
    }


def cell(mode, ok, failed):
    row = {c: "" for c in COLUMNS}
    row.update({
        "mode": mode, "url": "http://localhost:8000", "num_requests": 2, "batch_size": 2,
        "wait_seconds": 1.0, "repetition": 1, "timestamp": "2025-01-09T12:00:00Z",
        "hardware": "seed-laptop", "successful": ok, "failed": failed,
        "error_rate": 100.0 * failed / (ok + failed), "total_wall_time": 1.06,
        "requests_per_second": round(ok / 1.06, 4), "effective_concurrency": round(2 / 1.06, 4),
        "unique_pids": 1, "unique_sessions": ok, "unique_hosts": 1,
    })
    for phase, v in (("connect", 0.012), ("reset", 0.005), ("step", 1.023)):
        for p in ("p50", "p95", "p99"):
            row[phase + "_" + p] = v
    for p in ("min", "max", "avg", "p50", "p90", "p95", "p99"):
        row["total_" + p] = 1.045
    return row


with open(os.path.join(HERE, "raw.jsonl"), "w") as f:
    for s in [session(0, "ws", True), session(1, "ws", True),
              session(0, "http", True), session(1, "http", False)]:
        f.write(json.dumps(s) + "\n")
with open(os.path.join(HERE, "summary.csv"), "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=COLUMNS)
    w.writeheader()
    w.writerow(cell("ws", 2, 0))
    w.writerow(cell("http", 1, 1))
