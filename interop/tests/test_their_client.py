"""Part (a): the real OpenEnv Python client and validator drive a server.

Every test runs against both servers: against the Python reference it proves the test itself,
against `openenv-bench serve` it proves our server. The servers hold 2 sessions each.
"""

import dataclasses
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from openenv.core import GenericEnvClient

from benchmark_client import BenchmarkAction, BenchmarkClient, OBSERVATION_FIELDS
from conftest import DIFF_MAX_CONCURRENT_ENVS

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
HOST_URL = re.compile(r"^[^:/\s]+:\d+$")
VALIDATOR_CHECKS = ("openapi_version_available", "health_endpoint", "metadata_endpoint",
                    "schema_endpoint", "mcp_endpoint", "mode_endpoint_consistency")


def check_observation(obs: dict, waited: float, step_count: int) -> None:
    """Every field of a benchmark observation, by value and by JSON type."""
    assert set(obs) - {"metadata"} == set(OBSERVATION_FIELDS), obs  # 0.4+ adds metadata {}
    assert obs.get("metadata", {}) == {}
    assert type(obs["waited_seconds"]) is float and obs["waited_seconds"] == waited
    assert type(obs["pid"]) is int and obs["pid"] > 0
    assert re.fullmatch(r"[0-9a-f]{12}", obs["session_hash"]), obs
    assert HOST_URL.match(obs["host_url"]), obs
    assert type(obs["step_count"]) is int and obs["step_count"] == step_count


def test_generic_client_drives_an_episode(server):
    with GenericEnvClient(base_url=server.url).sync() as env:
        first = env.reset()
        check_observation(first.observation, 0.0, 0)
        assert first.reward is None and first.done is False
        session = first.observation["session_hash"]

        stepped = env.step({"wait_seconds": 0.05})
        check_observation(stepped.observation, 0.05, 1)
        assert stepped.reward is None and stepped.done is False
        assert (stepped.observation["session_hash"], stepped.observation["pid"]) == \
               (session, first.observation["pid"]), "one env per connection"

        state = env.state()
        assert set(state) == {"episode_id", "step_count"}, state
        assert UUID.match(state["episode_id"]) and state["step_count"] == 1
        # session_hash is the first 12 hex chars of SHA-256 of the episode id
        assert hashlib.sha256(state["episode_id"].encode()).hexdigest()[:12] == session

        check_observation(env.step({"wait_seconds": 0}).observation, 0.0, 2)
        again = env.reset()
        check_observation(again.observation, 0.0, 0)
        assert again.observation["session_hash"] == session, "reset keeps the env and its id"
        assert env.state() == {"episode_id": state["episode_id"], "step_count": 0}


def test_generic_client_sessions_are_isolated_and_close_frees_the_slot(server):
    """More sequential sessions than the table holds: each close must free its slot."""
    hashes = set()
    for _ in range(DIFF_MAX_CONCURRENT_ENVS + 2):
        with GenericEnvClient(base_url=server.url).sync() as env:
            result = env.step({"wait_seconds": 0.01})
            check_observation(result.observation, 0.01, 1)
            hashes.add(result.observation["session_hash"])
    assert len(hashes) == DIFF_MAX_CONCURRENT_ENVS + 2


def test_generic_client_sees_capacity_reached(server):
    clients = [GenericEnvClient(base_url=server.url).sync() for _ in range(DIFF_MAX_CONCURRENT_ENVS)]
    try:
        for client in clients:
            client.connect()
            client.reset()
        extra = GenericEnvClient(base_url=server.url).sync()
        with pytest.raises(Exception) as refused:
            extra.connect()
            extra.reset()
        text = f"{type(refused.value).__name__}: {refused.value}"
        # The client raises RuntimeError(... code: CAPACITY_REACHED) or, if the close frame
        # won the race, websockets' ConnectionClosedOK (docs/protocol.md §6).
        assert "CAPACITY_REACHED" in text or "ConnectionClosed" in text, text
        if "CAPACITY_REACHED" in text:
            assert (f"Server at capacity: {DIFF_MAX_CONCURRENT_ENVS}/{DIFF_MAX_CONCURRENT_ENVS} "
                    "sessions active. Cannot accept new connections.") in text
        extra.close()
    finally:
        for client in clients:
            client.close()


def test_typed_client_drives_an_episode(server):
    with BenchmarkClient(base_url=server.url).sync() as env:
        first = env.reset()
        assert first.reward is None and first.done is False
        check_observation(dataclasses.asdict(first.observation), 0.0, 0)
        stepped = env.step(BenchmarkAction(wait_seconds=0.05))
        obs = stepped.observation
        check_observation(dataclasses.asdict(obs), 0.05, 1)
        assert (obs.pid, obs.session_hash, obs.host_url) == \
               (first.observation.pid, first.observation.session_hash, first.observation.host_url)
        assert stepped.reward is None and stepped.done is False
        state = env.state()
        assert state.step_count == 1
        assert hashlib.sha256(state.episode_id.encode()).hexdigest()[:12] == obs.session_hash
        assert env.step(BenchmarkAction(wait_seconds=0.0)).observation.step_count == 2
        assert env.state().step_count == 2


def test_openenv_validate_passes(server):
    cli = Path(sys.executable).with_name("openenv")
    assert cli.exists(), f"{cli} missing: the OpenEnv package installs the 'openenv' CLI"
    done = subprocess.run([str(cli), "validate", "--url", server.url], capture_output=True,
                          text=True, timeout=120)
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert "Verdict: PASS" in out or '"passed": true' in out, out
    for check in VALIDATOR_CHECKS:
        assert check in out, f"validator did not run {check}:\n{out}"
