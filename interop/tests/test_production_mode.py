"""Production mode (openenv 0.7+, OPENENV_MODE=production): both servers drop /reset, /step and
/state over HTTP and keep the rest; compared case by case like the differential table.

Where the installed release has a production mode (the `openenv` entry) our server is started
with `--mode production` and the installed release's `--openenv-version`; on an older release (the
`openenv-core` entry) the test is that our server refuses production mode for that version.
"""

import json
import re
import subprocess

import pytest
from openenv.core import GenericEnvClient
from openenv.core.mcp_client import MCPClientBase

from cases import HTTP_CASES, WS_CASES
from conftest import DIFF_MAX_CONCURRENT_ENVS, matching_serve_version, release_at_least
from differential import record_http, record_openapi, record_ws
from expected_differences import erase_all
from servers import LAUNCHER, start_java_server, start_python_server
from wire import canonical, http_exchange, ws_exchange

UUID_TEXT = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

HTTP = {c.name: c for c in HTTP_CASES}
# The dropped routes (and their 405 neighbours), routes that stay, and a WS episode (kept).
HTTP_NAMES = ["reset-no-body", "step", "state", "wrong-method-reset", "health", "metadata",
              "schema", "mcp-tools-list", "list-environments", "task-splits"]
WS_NAMES = ["episode"]


def _records(server) -> dict:
    records = {f"http-{name}": record_http(server.url, HTTP[name]) for name in HTTP_NAMES}
    records.update({f"ws-{c.name}": record_ws(server.url, c) for c in WS_CASES
                    if c.name in WS_NAMES})
    records["openapi"] = record_openapi(server.url)
    return records


if not release_at_least(7):
    def test_production_mode_is_refused_below_0_7():
        """Below 0.7 `serve --mode production` is a bad argument (exit 2) with a one-line reason; from
        0.7 the comparisons below run instead (each set is defined only where it applies, so nothing
        is skipped)."""
        done = subprocess.run([str(LAUNCHER), "serve", "--port", "0", "--mode", "production",
                               "--openenv-version", matching_serve_version()],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 2, done.stderr
        assert "production mode needs OpenEnv 0.7 or newer" in done.stderr


# Only releases with a production mode have a reference to compare with.
if release_at_least(7):
    @pytest.fixture(scope="module")
    def production_servers():
        """Both servers in production mode (python: OPENENV_MODE=production; ours: --mode)."""
        python = start_python_server(1, DIFF_MAX_CONCURRENT_ENVS, mode="production")
        try:
            java = start_java_server(DIFF_MAX_CONCURRENT_ENVS, openenv_version=matching_serve_version(),
                                     mode="production")
            try:
                yield {"python": python, "java": java}
            finally:
                java.stop()
        finally:
            python.stop()


    @pytest.fixture(scope="module")
    def production_records(production_servers):
        return _records(production_servers["python"]), _records(production_servers["java"])


    PRODUCTION_CASES = [f"http-{n}" for n in HTTP_NAMES] + [f"ws-{n}" for n in WS_NAMES] + ["openapi"]


    @pytest.mark.parametrize("case", PRODUCTION_CASES)
    def test_same_response_in_production_mode(case, production_records, openenv_release):
        python_records, java_records = production_records
        python = canonical(erase_all(case, openenv_release, python_records[case]))
        java = canonical(erase_all(case, openenv_release, java_records[case]))
        assert java == python, f"\n{case} (production mode)\npython:  {python}\njava:    {java}"


    def test_reference_is_in_production_mode(production_records):
        python_records, _ = production_records
        assert python_records["http-reset-no-body"]["status"] == 404  # proves the reference mode
        assert "/reset" not in python_records["openapi"]["paths"]


    class AttachedBenchmarkClient(MCPClientBase):
        """Their MCP client base, which in production mode creates an MCP session over HTTP and
        attaches its /ws to it (`/ws?session_id=`); actions sent as plain dicts, like GenericEnvClient."""

        def _step_payload(self, action):
            return dict(action)


    ENTRIES = ["python", "java"]


    @pytest.mark.parametrize("entry", ENTRIES)
    def test_generic_client_in_production_mode(entry, production_servers):
        """GenericEnvClient(mode="production") drives an episode over /ws while /reset is gone."""
        server = production_servers[entry]
        assert record_http(server.url, HTTP["reset-no-body"])["status"] == 404
        with GenericEnvClient(base_url=server.url, mode="production").sync() as env:
            first = env.reset()
            assert first.observation["step_count"] == 0 and first.done is False
            stepped = env.step({"wait_seconds": 0.02})
            assert stepped.observation["waited_seconds"] == 0.02
            assert stepped.observation["session_hash"] == first.observation["session_hash"]
            assert env.state()["step_count"] == 1


    @pytest.mark.parametrize("entry", ENTRIES)
    def test_attached_client_in_production_mode(entry, production_servers):
        """Their production client: MCP session + /ws?session_id, one socket per session, and the
        session gone once the client closed (it detaches, then asks session/close)."""
        server = production_servers[entry]
        client = AttachedBenchmarkClient(base_url=server.url, mode="production")
        with client.sync() as env:
            session_id = env._async._production_session_id
            assert UUID_TEXT.match(session_id), session_id
            first = env.reset()
            assert first.observation.step_count == 0
            stepped = env.step({"wait_seconds": 0.02})
            assert stepped.observation.waited_seconds == 0.02
            assert stepped.observation.session_hash == first.observation.session_hash
            assert env.state().step_count == 1
            second = ws_exchange(server.url, ['{"type":"reset","data":{}}'], read_first=True,
                                 path="/ws?session_id=" + session_id)
            assert second[0] == {"type": "error", "data": {
                "message": f"Session {session_id} already has an attached WebSocket",
                "code": "SESSION_ERROR"}}, second
        closed = http_exchange(server.url, "POST", "/mcp", json.dumps(
            {"jsonrpc": "2.0", "method": "openenv/session/close", "params": {"session_id": session_id},
             "id": 9}), "application/json")
        assert closed["body"]["error"]["message"] == f"Unknown session_id: {session_id}", closed
