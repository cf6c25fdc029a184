"""The Python anchor of bench/harness/client_cost.sh: N sessions driven the way an OpenEnv user
would write it instead of using openenv-bench, with OpenEnv's own async client (openenv 0.10.0's
GenericEnvClient over /ws): every session connects, resets, takes one step of {"wait_seconds": W}
and closes, all at once under asyncio.gather, as the seed's tests/test_scaling.py does.

Prints one JSON line: sessions, successes, the batch's wall time, step round-trip p50/p99, this
process's CPU seconds (user + system, interpreter start-up included) and its peak RSS.

    python python_anchor.py URL N WAIT
"""

import asyncio
import json
import resource
import sys
import time

from openenv.core import GenericEnvClient


async def session(url: str, wait: float, steps: list) -> bool:
    client = GenericEnvClient(base_url=url, message_timeout_s=600, connect_timeout_s=600)
    try:
        await client.connect()
        await client.reset()
        sent = time.perf_counter()
        await client.step({"wait_seconds": wait})
        steps.append(time.perf_counter() - sent)
        return True
    except Exception:  # a failed session is counted, as the seed's script counts it
        return False
    finally:
        try:
            await client.close()
        except Exception:
            pass


def percentile(values: list, p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


async def main(url: str, n: int, wait: float) -> dict:
    steps: list = []
    start = time.perf_counter()
    results = await asyncio.gather(*(session(url, wait, steps) for _ in range(n)))
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "sessions": n,
        "successful": sum(results),
        "wall_seconds": round(wall, 3),
        "step_p50": round(percentile(steps, 50), 4),
        "step_p99": round(percentile(steps, 99), 4),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "max_rss_mb": round(usage.ru_maxrss / 1024, 1),
    }


if __name__ == "__main__":
    url, n, wait = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    print(json.dumps(asyncio.run(main(url, n, wait))))
