"""A typed client for the benchmark environment, written against OpenEnv's `EnvClient` base class.

This is what an environment author ships next to their server (the seed's `BenchmarkEnv`): it
turns a typed action into the step payload and the server's `data` back into typed values. It is
strict on purpose: a missing observation or state field raises KeyError instead of defaulting, so
a server that drops a field fails the test.
"""

from dataclasses import dataclass
from typing import Any, Dict, Optional

from openenv.core import EnvClient
from openenv.core.client_types import StepResult

OBSERVATION_FIELDS = ("waited_seconds", "pid", "session_hash", "host_url", "step_count")


@dataclass(frozen=True)
class BenchmarkAction:
    wait_seconds: float


@dataclass(frozen=True)
class BenchmarkObservation:
    waited_seconds: float
    pid: int
    session_hash: str
    host_url: str
    step_count: int


@dataclass(frozen=True)
class BenchmarkState:
    episode_id: Optional[str]
    step_count: int


class BenchmarkClient(EnvClient[BenchmarkAction, BenchmarkObservation, BenchmarkState]):
    def _step_payload(self, action: BenchmarkAction) -> Dict[str, Any]:
        return {"wait_seconds": action.wait_seconds}

    def _parse_result(self, payload: Dict[str, Any]) -> StepResult[BenchmarkObservation]:
        observation = payload["observation"]
        return StepResult(
            observation=BenchmarkObservation(**{k: observation[k] for k in OBSERVATION_FIELDS}),
            reward=payload["reward"],
            done=payload["done"],
        )

    def _parse_state(self, payload: Dict[str, Any]) -> BenchmarkState:
        return BenchmarkState(episode_id=payload["episode_id"], step_count=payload["step_count"])
