"""Reference benchmark environment on the real OpenEnv `create_app` (interop tests only).

Mirrors the seed's benchmark environment (docs/protocol.md §3): the action is
`{"wait_seconds": float}`; the observation carries `waited_seconds, pid, session_hash, host_url,
step_count`; the state is `episode_id` (a UUID fixed at construction, kept by reset) and
`step_count`. Reward is always None and done always False.

Run: `uvicorn benchmark_server:app --app-dir interop/reference --workers 2 --port P`
with env vars PORT (used in host_url) and MAX_CONCURRENT_ENVS (per worker process, default 100).
"""

import hashlib
import os
import socket
import time
import uuid

from openenv.core.env_server import Action, Environment, Observation, State, create_app
from pydantic import Field


class BenchmarkAction(Action):
    """Action for the Benchmark environment - wait for a duration."""

    wait_seconds: float = 0.0


class BenchmarkObservation(Observation):
    """Observation from Benchmark environment - concurrency test metrics."""

    waited_seconds: float = 0.0
    pid: int = 0
    session_hash: str = ""
    host_url: str = ""
    step_count: int = 0


class BenchmarkEnvironment(Environment):
    """One instance per WebSocket session (or per HTTP request): sleeps for the requested time."""

    SUPPORTS_CONCURRENT_SESSIONS = True

    def __init__(self):
        super().__init__()
        self._state = State(episode_id=str(uuid.uuid4()), step_count=0)
        self._session_hash = hashlib.sha256(self._state.episode_id.encode()).hexdigest()[:12]
        self._host_url = f"{socket.gethostname()}:{os.environ.get('PORT', '8000')}"

    def _observation(self, waited_seconds: float) -> BenchmarkObservation:
        return BenchmarkObservation(
            waited_seconds=waited_seconds,
            pid=os.getpid(),
            session_hash=self._session_hash,
            host_url=self._host_url,
            step_count=self._state.step_count,
        )

    def reset(self) -> BenchmarkObservation:  # the seed's reset takes no arguments
        self._state.step_count = 0
        return self._observation(0.0)

    def step(self, action: BenchmarkAction) -> BenchmarkObservation:
        time.sleep(action.wait_seconds)
        self._state.step_count += 1
        return self._observation(action.wait_seconds)

    @property
    def state(self) -> State:
        return self._state


app = create_app(
    BenchmarkEnvironment,
    BenchmarkAction,
    BenchmarkObservation,
    env_name="benchmark",
    max_concurrent_envs=int(os.environ.get("MAX_CONCURRENT_ENVS", "100")),
)
