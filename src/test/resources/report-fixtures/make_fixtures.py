#!/usr/bin/env python3
"""Writes the report test fixtures (result folders) next to this script.

The numbers are chosen so each folder exercises known cases; ReportNumbersTest states the
expected results. Re-run only to change the fixtures on purpose: python3 make_fixtures.py
"""
import csv
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SEED_COLUMNS = [
    "mode", "url", "num_requests", "batch_size", "wait_seconds", "repetition", "timestamp",
    "hardware", "successful", "failed", "error_rate", "total_wall_time", "connect_p50",
    "connect_p95", "connect_p99", "reset_p50", "reset_p95", "reset_p99", "step_p50", "step_p95",
    "step_p99", "total_min", "total_max", "total_avg", "total_p50", "total_p90", "total_p95",
    "total_p99", "requests_per_second", "effective_concurrency", "unique_pids",
    "unique_sessions", "unique_hosts"]
OUR_COLUMNS = SEED_COLUMNS + [
    "peak_concurrency", "step_overhead_p50", "step_overhead_p99", "harness_saturated",
    "incomplete"]


def default_cell(mode, wait, n, rep):
    """A healthy cell: every session succeeded, latency a little above the wait."""
    return {
        "successful": n, "failed": 0, "incomplete": "false",
        "connect_p50": round(0.002 + 0.0001 * n, 6), "reset_p50": 0.003,
        "step_p50": round(wait + 0.004, 6), "total_p50": round(wait + 0.01, 6),
        "total_p95": round(wait + 0.015 + 0.0005 * n, 6),
        "total_p99": round(wait + 0.02 + 0.001 * n, 6),
        "step_overhead_p99": 0.006, "harness_saturated": "false",
    }


def summary_row(url, mode, wait, n, rep, cell, pids, hosts):
    ok, failed = cell["successful"], cell["failed"]
    wall = cell["total_p99"] + 0.05
    row = {
        "mode": mode, "url": url, "num_requests": n, "batch_size": n, "wait_seconds": wait,
        "repetition": rep, "timestamp": "2026-11-27T12:00:00Z", "hardware": "fixture",
        "successful": ok, "failed": failed, "error_rate": round(failed / n, 6),
        "total_wall_time": round(wall, 6), "connect_p95": cell["connect_p50"],
        "connect_p99": cell["connect_p50"], "reset_p95": cell["reset_p50"],
        "reset_p99": cell["reset_p50"], "step_p95": cell["step_p50"], "step_p99": cell["step_p50"],
        "total_min": cell["total_p50"], "total_max": cell["total_p99"],
        "total_avg": cell["total_p50"], "total_p90": cell["total_p95"],
        "requests_per_second": round(ok / wall, 3),
        "effective_concurrency": round(n * wait / wall, 3),
        "unique_pids": pids, "unique_sessions": ok, "unique_hosts": hosts,
        "peak_concurrency": n, "step_overhead_p50": 0.003,
    }
    row.update({k: v for k, v in cell.items() if k in OUR_COLUMNS})
    return row


def raw_line(mode, wait, n, rep, i, ok, host, pid, ours):
    step = wait + 0.002 + 0.0001 * (i % 7)
    line = {
        "request_id": i, "mode": mode, "timestamp": "2026-11-27T12:00:00Z",
        "wait_requested": wait, "connect_latency": 0.002, "reset_latency": 0.003,
        "step_latency": round(step, 6) if ok else None,
        "total_latency": round(step + 0.006, 6) if ok else None,
        "waited_seconds": wait if ok else None, "pid": pid, "session_hash": f"s{rep}-{n}-{i}",
        "host_url": host, "success": ok, "error_type": None if ok else "CAPACITY_REACHED",
        "error_message": None if ok else "capacity reached",
    }
    if ours:
        line["batch_size"] = n
        line["hardware"] = "fixture"
        line["repetition"] = rep
        line["step_overhead"] = round(step - wait, 6) if ok else None
    return line


def write_folder(name, modes, waits, ns, reps, overrides, ours=True, placement=None, raw=True):
    folder = os.path.join(HERE, name)
    os.makedirs(folder, exist_ok=True)
    columns = OUR_COLUMNS if ours else SEED_COLUMNS
    placement = placement or (lambda i: ("localhost:8000", 4242))
    with open(os.path.join(folder, "summary.csv"), "w", newline="") as s, \
            open(os.path.join(folder, "raw.jsonl"), "w") as r:
        w = csv.DictWriter(s, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        for mode in modes:
            for wait in waits:
                for n in ns:
                    for rep in range(1, reps + 1):
                        cell = default_cell(mode, wait, n, rep)
                        cell.update(overrides.get((mode, wait, n), {}).get(rep, {}))
                        places = [placement(i) for i in range(n)]
                        w.writerow(summary_row(f"http://{name}:8000", mode, wait, n, rep, cell,
                                               len({p[1] for p in places}),
                                               len({p[0] for p in places})))
                        if raw:
                            for i in range(n):
                                host, pid = places[i]
                                r.write(json.dumps(raw_line(mode, wait, n, rep, i,
                                                            i < cell["successful"], host, pid,
                                                            ours)) + "\n")
    if not raw:
        os.remove(os.path.join(folder, "raw.jsonl"))


def reps(*cells):
    return {i + 1: c for i, c in enumerate(cells)}


def local():
    # ws 1.0: max 16 (N=32 mean 0.90625). ws 0.1: every N passes (limit not reached).
    # http 1.0: N=8 p99 3.2 > SLO 3.0 (max 4; 8 without the SLO); N=16 success 0.5.
    # http 0.1: N=4 mean 11/12 < 0.95, max 2.
    o = {
        ("ws", 1.0, 16): reps(
            {"connect_p50": 0.010, "reset_p50": 0.004, "step_p50": 1.004, "total_p99": 1.05,
             "step_overhead_p99": 0.008},
            {"connect_p50": 0.012, "reset_p50": 0.006, "step_p50": 1.006, "total_p99": 1.07,
             "step_overhead_p99": 0.012},
            {"connect_p50": 0.011, "reset_p50": 0.005, "step_p50": 1.005, "total_p99": 1.06,
             "step_overhead_p99": 0.010}),
        ("ws", 1.0, 32): reps({"successful": 30, "failed": 2}, {"successful": 29, "failed": 3},
                              {"successful": 28, "failed": 4}),
        ("http", 1.0, 8): reps({"total_p99": 2.5}, {"total_p99": 3.2}, {"total_p99": 2.8}),
        ("http", 1.0, 16): reps(*[{"successful": 8, "failed": 8}] * 3),
        ("http", 1.0, 32): reps(*[{"successful": 8, "failed": 24}] * 3),
        ("http", 0.1, 4): reps({}, {}, {"successful": 3, "failed": 1}),
        ("http", 0.1, 8): reps(*[{"successful": 4, "failed": 4}] * 3),
        ("http", 0.1, 16): reps(*[{"successful": 4, "failed": 12}] * 3),
        ("http", 0.1, 32): reps(*[{"successful": 4, "failed": 28}] * 3),
    }
    write_folder("local", ["ws", "http"], [0.1, 1.0], [1, 2, 4, 8, 16, 32], 3, o)


def docker():
    # ws 1.0 max 8; ws 0.1 max 16 (N=32 harness saturated); http 1.0 max 8 (tie); http 0.1 max 4.
    fail = lambda ok, n: reps(*[{"successful": ok, "failed": n - ok}] * 3)
    o = {
        ("ws", 1.0, 16): fail(12, 16), ("ws", 1.0, 32): fail(8, 32),
        ("ws", 0.1, 32): reps(*[{"successful": 27, "failed": 5, "harness_saturated": "true"}] * 3),
        ("http", 1.0, 16): reps({"successful": 11, "failed": 5}, {"successful": 12, "failed": 4},
                                {"successful": 10, "failed": 6}),
        ("http", 1.0, 32): fail(8, 32),
        ("http", 0.1, 8): fail(6, 8), ("http", 0.1, 16): fail(6, 16), ("http", 0.1, 32): fail(6, 32),
    }
    write_folder("docker", ["ws", "http"], [0.1, 1.0], [1, 2, 4, 8, 16, 32], 3, o)


def slurm_multi():
    # One repetition, ws only, 2 hosts x 2 processes, round robin; N=64 half fail: max 32.
    o = {("ws", 1.0, 64): reps({"successful": 32, "failed": 32})}
    place = lambda i: (f"node{(i % 4) // 2 + 1}:8000", 1000 + i % 4)
    write_folder("slurm-multi", ["ws"], [1.0], [1, 2, 4, 8, 16, 32, 64], 1, o, placement=place)


def seed_python():
    # The seed's own columns and raw fields only; a 4x grid: the limit is poorly located.
    o = {
        ("ws", 1.0, 16): reps({"successful": 12, "failed": 4}, {"successful": 12, "failed": 4}),
        ("ws", 1.0, 64): reps({"successful": 16, "failed": 48}, {"successful": 16, "failed": 48}),
        ("http", 1.0, 4): reps({"successful": 2, "failed": 2}, {"successful": 3, "failed": 1}),
        ("http", 1.0, 16): reps({"successful": 4, "failed": 12}, {"successful": 4, "failed": 12}),
        ("http", 1.0, 64): reps({"successful": 4, "failed": 60}, {"successful": 4, "failed": 60}),
    }
    write_folder("seed-python", ["ws", "http"], [1.0], [1, 4, 16, 64], 2, o, ours=False)


def edges():
    # ws 1.0 (SLO 3.0): N=20 mean exactly 0.95 with p99 exactly 3.0 passes; N=40 p99 3.001
    # fails on latency only; N=80 fails on success. ws 0.1: N=10 fails below the max of 20;
    # N=40 has 4 sessions that never finished: the run stopped in it (incomplete), so it
    # decides nothing. http: nothing passes.
    o = {
        ("ws", 1.0, 10): reps(*[{"total_p99": 2.0}] * 3),
        ("ws", 1.0, 20): reps({"successful": 19, "failed": 1, "total_p99": 3.0},
                              {"successful": 20, "failed": 0, "total_p99": 2.9},
                              {"successful": 18, "failed": 2, "total_p99": 2.95}),
        ("ws", 1.0, 40): reps(*[{"total_p99": 3.001}] * 3),
        ("ws", 1.0, 80): reps(*[{"successful": 72, "failed": 8}] * 3),
        ("ws", 0.1, 10): reps(*[{"successful": 9, "failed": 1}] * 3),
        ("ws", 0.1, 40): reps(*[{"successful": 36, "failed": 0, "incomplete": "true"}] * 3),
        ("ws", 0.1, 80): reps(*[{"successful": 40, "failed": 40}] * 3),
        ("http", 1.0, 10): reps({"successful": 5, "failed": 5}),
        ("http", 1.0, 20): reps({"successful": 5, "failed": 15}),
    }
    write_folder("edges", ["ws"], [0.1, 1.0], [10, 20, 40, 80], 3, o, raw=False)
    # http ran once, at two Ns only: append its rows to the same summary (header once).
    path = os.path.join(HERE, "edges", "summary.csv")
    with open(path, "a", newline="") as s:
        w = csv.DictWriter(s, fieldnames=OUR_COLUMNS, extrasaction="ignore")
        for n in (10, 20):
            cell = default_cell("http", 1.0, n, 1)
            cell.update(o[("http", 1.0, n)][1])
            w.writerow(summary_row("http://edges:8000", "http", 1.0, n, 1, cell, 1, 1))


if __name__ == "__main__":
    local()
    docker()
    slurm_multi()
    seed_python()
    edges()
