"""Shared fixtures: the OpenEnv package under test and the servers, one of each per pytest run.

pytest must run under the venv of one matrix entry (interop/run.sh does that); the Python
reference server then runs on the same interpreter, so client and server are the same release.
"""

import importlib.metadata
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import start_java_server, start_python_server  # noqa: E402

# Small session tables so that capacity is reachable with a handful of connections.
DIFF_MAX_CONCURRENT_ENVS = 2


def installed_openenv() -> tuple:
    """(distribution name, version) of the OpenEnv package in this interpreter."""
    for name in ("openenv", "openenv-core"):
        try:
            return name, importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    raise RuntimeError("neither 'openenv' nor 'openenv-core' is installed: run interop/setup_venv.sh "
                       "and run pytest with interop/.venv/<entry>/bin/python")


@pytest.fixture(scope="session")
def openenv_release() -> tuple:
    return installed_openenv()


def matching_serve_version() -> str:
    """The `serve --openenv-version` that speaks the installed package's wire: the `openenv`
    release itself, or 0.3.1 for `openenv-core` 0.3.x (openenv-core 0.3.0 is openenv 0.3.1's
    server)."""
    name, version = installed_openenv()
    return version if name == "openenv" else "0.3.1"


def release_at_least(minor: int) -> bool:
    """Whether the installed package is openenv 0.<minor> or newer (openenv-core is 0.3)."""
    name, version = installed_openenv()
    return name == "openenv" and int(version.split(".")[1]) >= minor


def pytest_report_header(config):
    name, version = installed_openenv()
    return (f"interop: OpenEnv package under test: {name}=={version}; "
            f"serve --openenv-version {matching_serve_version()}")


def _served(start):
    server = start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def python_server():
    """Reference server, one uvicorn worker, MAX_CONCURRENT_ENVS=2."""
    yield from _served(lambda: start_python_server(1, DIFF_MAX_CONCURRENT_ENVS))


@pytest.fixture(scope="session")
def java_server():
    """`openenv-bench serve`, one worker, --max-concurrent-envs 2, the installed release's wire."""
    yield from _served(lambda: start_java_server(DIFF_MAX_CONCURRENT_ENVS,
                                                 openenv_version=matching_serve_version()))


@pytest.fixture(params=["python", "java"])
def server(request):
    """Either server: client tests run against both, the Python one proving the test itself."""
    return request.getfixturevalue(f"{request.param}_server")
