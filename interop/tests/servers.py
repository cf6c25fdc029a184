"""Start and stop the two servers under test as child processes on free loopback ports.

- The Python reference: `uvicorn benchmark_server:app --workers W` from the venv that runs pytest,
  so the OpenEnv package under test is the one of the current matrix entry.
- Ours: `bin/openenv-bench serve --port 0`, which prints
  `openenv-bench serve: listening on http://HOST:PORT` on stdout when ready.

Each server runs in its own process group and is stopped with SIGTERM (then SIGKILL) on that group.
"""

import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

INTEROP_DIR = Path(__file__).resolve().parent.parent
REPO_ROOT = INTEROP_DIR.parent
# OPENENV_BENCH points at another checkout's launcher (e.g. to try a branch not yet merged).
LAUNCHER = Path(os.environ.get("OPENENV_BENCH", REPO_ROOT / "bin" / "openenv-bench"))
STARTUP_TIMEOUT_SECONDS = float(os.environ.get("INTEROP_STARTUP_TIMEOUT", "240"))

UVICORN_READY = re.compile(r"Uvicorn running on (http://[\d.]+:\d+)")
UVICORN_WORKER_READY = "Application startup complete."
JAVA_READY = re.compile(r"openenv-bench serve: listening on (http://\S+:\d+)")


@dataclass
class ServerProcess:
    """A running server: its base URL, the process, and every line it printed so far."""

    name: str
    process: subprocess.Popen
    url: str = ""
    lines: list = field(default_factory=list)

    def worker_pids(self) -> set:
        """uvicorn's worker processes, from their 'Started server process [PID]' lines."""
        return {int(m.group(1)) for l in self.lines
                if (m := re.search(r"Started server process \[(\d+)\]", l))}

    def output(self) -> str:
        return "\n".join(self.lines)

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass


def _spawn(name: str, argv: list, env: dict) -> ServerProcess:
    """Starts argv with stdout+stderr merged into one line collector thread."""
    process = subprocess.Popen(
        argv, env=env, cwd=REPO_ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    server = ServerProcess(name=name, process=process)

    def collect():
        for line in process.stdout:
            server.lines.append(line.rstrip("\n"))

    threading.Thread(target=collect, daemon=True).start()
    return server


def _await(server: ServerProcess, ready, what: str) -> None:
    """Waits (polling the collected lines, bounded) until ready(lines) is true."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while not ready(server.lines):
        if server.process.poll() is not None:
            time.sleep(0.2)  # let the collector drain the last lines
            raise RuntimeError(f"{server.name} exited ({server.process.returncode}) before {what}:\n"
                               + server.output())
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"{server.name}: no {what} within {STARTUP_TIMEOUT_SECONDS}s:\n"
                               + server.output())
        time.sleep(0.1)


def start_python_server(workers: int, max_concurrent_envs: int, mode: str = None) -> ServerProcess:
    """The reference benchmark env on the real OpenEnv create_app, under uvicorn; `mode` is
    OPENENV_MODE (0.7+), unset by default."""
    env = dict(os.environ, MAX_CONCURRENT_ENVS=str(max_concurrent_envs), PORT="0")
    env.pop("OPENENV_MODE", None)
    if mode:
        env["OPENENV_MODE"] = mode
    argv = [sys.executable, "-m", "uvicorn", "benchmark_server:app",
            "--app-dir", str(INTEROP_DIR / "reference"), "--host", "127.0.0.1", "--port", "0",
            "--workers", str(workers), "--log-level", "info", "--no-access-log"]
    server = _spawn(f"uvicorn(workers={workers})", argv, env)
    # The parent binds the socket and prints the real port; each worker then logs its startup.
    _await(server, lambda lines: sum(UVICORN_WORKER_READY in l for l in lines) >= workers
           and any(UVICORN_READY.search(l) for l in lines), f"{workers} worker(s) started")
    server.url = next(m.group(1) for l in server.lines if (m := UVICORN_READY.search(l)))
    return server


def start_echo_server(env_vars: dict) -> ServerProcess:
    """The echo environment of reference/echo_server.py (another action schema than the
    benchmark's), one uvicorn worker; `env_vars` (ECHO_LOG, ECHO_TOKEN) configure it."""
    env = dict(os.environ, **env_vars)
    argv = [sys.executable, "-m", "uvicorn", "echo_server:app",
            "--app-dir", str(INTEROP_DIR / "reference"), "--host", "127.0.0.1", "--port", "0",
            "--log-level", "info", "--no-access-log"]
    server = _spawn("uvicorn(echo)", argv, env)
    _await(server, lambda lines: any(UVICORN_READY.search(l) for l in lines), "startup")
    server.url = next(m.group(1) for l in server.lines if (m := UVICORN_READY.search(l)))
    return server


def start_java_server(max_concurrent_envs: int, workers: int = 1, openenv_version: str = None,
                      mode: str = None) -> ServerProcess:
    """Our `openenv-bench serve` on a free port (the launcher builds the jar if needed), speaking
    the wire of `openenv_version` (default: serve's own default, the newest) in `mode`."""
    if not LAUNCHER.exists():
        raise RuntimeError(f"{LAUNCHER} is missing: run interop tests from the repository")
    argv = [str(LAUNCHER), "serve", "--host", "127.0.0.1", "--port", "0",
            "--workers", str(workers), "--max-concurrent-envs", str(max_concurrent_envs)]
    if openenv_version:
        argv += ["--openenv-version", openenv_version]
    if mode:
        argv += ["--mode", mode]
    server = _spawn(f"openenv-bench serve(workers={workers})", argv, dict(os.environ))
    _await(server, lambda lines: any(JAVA_READY.search(l) for l in lines), "listening line")
    server.url = next(m.group(1) for l in server.lines if (m := JAVA_READY.search(l)))
    return server
