"""Part (c): the same requests to the Python reference and to our server, compared field by field.

Both servers run one worker with a session table of 2. Records are normalised (pid, session_hash,
host_url, episode_id, the pydantic version in error URLs) and then compared in order-preserving
text form, so key order and int-vs-float count. The only accepted differences are the named ones
in expected_differences.py; each must still be needed by at least one case.
"""

import pytest

from cases import HTTP_CASES, WS_CASES
from conftest import DIFF_MAX_CONCURRENT_ENVS, installed_openenv
from differential import ATTACH, CAPACITY, OPENAPI_PROJECTION, WS_PATHS, record_all
from expected_differences import EXPECTED_DIFFERENCES, applicable, erase_all
from wire import canonical

CASES = {f"http-{c.name}": c for c in HTTP_CASES}
CASES.update({f"ws-{c.name}": c for c in WS_CASES})
CASES.update({name: f"WebSocket handshake + reset on {path}" for name, path in WS_PATHS.items()})
CASES[OPENAPI_PROJECTION] = "GET /openapi.json (title, version, API paths)"
CASES[CAPACITY] = f"{DIFF_MAX_CONCURRENT_ENVS} open sessions, then one more /ws connection"
CASES[ATTACH] = ("MCP session/create, /ws?session_id= episode, a second socket, session/close "
                 "while attached, detach, unknown session_id")


@pytest.fixture(scope="session")
def python_records(python_server):
    return record_all(python_server.url, DIFF_MAX_CONCURRENT_ENVS)


@pytest.fixture(scope="session")
def java_records(java_server):
    return record_all(java_server.url, DIFF_MAX_CONCURRENT_ENVS)


@pytest.mark.parametrize("case", list(CASES))
def test_same_response(case, python_records, java_records, openenv_release):
    python = canonical(erase_all(case, openenv_release, python_records[case]))
    java = canonical(erase_all(case, openenv_release, java_records[case]))
    accepted = [d.name for d in applicable(case, openenv_release)]
    assert java == python, (f"\nrequest: {CASES[case]}\npython:  {python}\njava:    {java}\n"
                            f"(expected differences applied: {accepted or 'none'})")


# Only the differences that apply to the installed release (the others have no case to check).
IN_FORCE = [d for d in EXPECTED_DIFFERENCES
            if any(d.applies(case, installed_openenv()) for case in CASES)]


@pytest.mark.parametrize("difference", IN_FORCE, ids=lambda d: d.name)
def test_expected_difference_is_still_needed(difference, python_records, java_records,
                                             openenv_release):
    used = [case for case in CASES if difference.applies(case, openenv_release)
            and canonical(python_records[case]) != canonical(java_records[case])
            and canonical(difference.erase(python_records[case]))
            != canonical(python_records[case])]
    assert used, f"{difference.name} no longer hides any difference: remove it and its doc entry"
