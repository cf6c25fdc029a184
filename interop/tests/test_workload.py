"""Our harness's workload options against the real OpenEnv server (create_app under uvicorn):
an environment with its own action schema (reference/echo_server.py) driven with a custom reset
payload and action on both modes, an episode it ends with done: true, and a bearer-token check in
front of it that refuses the harness without the header and lets it through with it.
"""

import csv
import json
import subprocess

import pytest

from servers import LAUNCHER, start_echo_server

TOKEN = "interop-token-3f9c"


def run_harness(url, out_dir, *args, env=None):
    argv = [str(LAUNCHER), "run", "--url", url, "--output-dir", str(out_dir), "--no-progress",
            "--warmup", "0", *args]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=300, env=env)
    print(f"$ {' '.join(argv)}\n{done.stdout}\n{done.stderr}")
    return done


def rows(out_dir):
    return [json.loads(l) for l in (out_dir / "raw.jsonl").read_text().splitlines() if l]


def summary(out_dir):
    with open(out_dir / "summary.csv", newline="") as f:
        return list(csv.DictReader(f))


def logged(log):
    return [json.loads(l) for l in log.read_text().splitlines() if l] if log.exists() else []


@pytest.fixture
def echo(tmp_path):
    log = tmp_path / "echo.jsonl"
    server = start_echo_server({"ECHO_LOG": str(log), "ECHO_TOKEN": TOKEN})
    server.log = log
    yield server
    server.stop()


def test_a_custom_reset_and_action_drive_an_environment_with_its_own_schema(echo, tmp_path):
    import os
    env = dict(os.environ, ECHO_TOKEN=TOKEN)
    out = tmp_path / "out"
    done = run_harness(echo.url, out, "--compare", "-n", "3", "--steps", "2",
                       "--reset-json", '{"task": "t-42"}',
                       "--action-json", '{"message": "hi", "repeat": 2}',
                       "--hf-token-env", "ECHO_TOKEN", env=env)
    assert done.returncode == 0, done.stderr
    got = rows(out)
    assert len(got) == 6
    for r in got:
        assert r["success"], r["error_message"]
        assert r["steps_completed"] == 2
        assert r["step_overhead"] is None, "the action asks no wait: no overhead to tell"
        assert r["episode_done"] is False
    for s in summary(out):
        assert (s["successful"], s["failed"], s["step_overhead_p50"]) == ("3", "0", "")
    # 6 sessions and one pre-flight session per mode: their resets and 2 steps each, exactly.
    entries = logged(echo.log)
    assert entries.count({"reset": {"task": "t-42"}}) == 8
    assert entries.count({"step": {"message": "hi", "repeat": 2}}) == 16
    assert len(entries) == 24
    for f in out.rglob("*"):
        if f.is_file():
            assert TOKEN not in f.read_text(errors="replace"), f
    assert TOKEN not in done.stdout + done.stderr


def test_done_true_ends_the_episode_as_a_success(echo, tmp_path):
    import os
    env = dict(os.environ, ECHO_TOKEN=TOKEN)
    out = tmp_path / "out"
    done = run_harness(echo.url, out, "--compare", "-n", "2", "--steps", "3",
                       "--action-json", '{"message": "bye"}', "--hf-token-env", "ECHO_TOKEN",
                       env=env)
    assert done.returncode == 0, done.stderr
    for r in rows(out):
        assert r["success"] and r["episode_done"], r
        assert (r["steps"], r["steps_completed"]) == (3, 1)
    assert [s["episodes_done"] for s in summary(out)] == ["2", "2"]


def test_the_bearer_check_refuses_the_harness_without_the_header(echo, tmp_path):
    import os
    env = {k: v for k, v in os.environ.items() if k not in ("ECHO_TOKEN", "HF_TOKEN")}
    out = tmp_path / "out"
    done = run_harness(echo.url, out, "-n", "2", "--action-json", '{"message": "hi"}', env=env)
    assert done.returncode == 2, "refused by the pre-flight check, before any load"
    assert "/health answered 401" in done.stderr
    assert logged(echo.log) == []
    # A wrong token is refused as well, and never printed.
    wrong = run_harness(echo.url, out, "-n", "2", "--action-json", '{"message": "hi"}',
                        "--header", "Authorization: Bearer not-the-token", env=env)
    assert wrong.returncode == 2
    assert "not-the-token" not in wrong.stdout + wrong.stderr
    # The WebSocket upgrade is checked too: the header passes it, its absence does not.
    import websockets.sync.client as ws
    with pytest.raises(Exception):
        ws.connect(echo.url.replace("http", "ws") + "/ws", open_timeout=10).close()
    ws.connect(echo.url.replace("http", "ws") + "/ws", open_timeout=10,
               additional_headers={"Authorization": f"Bearer {TOKEN}"}).close()
