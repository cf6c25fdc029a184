"""Runs the whole differential table against one server and returns normalised records.

Also runnable by hand to see what a server answers:
`python interop/tests/differential.py http://127.0.0.1:PORT MAX_CONCURRENT_ENVS`.
"""

import json
import sys
import time
from contextlib import ExitStack

from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from cases import HTTP_CASES, WS_CASES
from wire import canonical, http_exchange, normalise, parse_body, ws_exchange

OPENAPI_PROJECTION = "openapi"
CAPACITY = "ws-capacity"
ATTACH = "ws-attach-session"
WS_PATHS = {"ws-unknown-path": "/wsx", "ws-query-string": "/ws?foo=1"}
# The paths of /openapi.json that are compared: the simulation routes, then the Task API (0.5+).
OPENAPI_PATHS = ("/reset", "/step", "/state", "/health", "/metadata", "/schema", "/mcp",
                 "/list_environments", "/{env_name}/splits", "/{env_name}/tasks",
                 "/{env_name}/num_tasks", "/{env_name}/task", "/{env_name}/task_range")


def record_http(url: str, case) -> dict:
    return normalise(http_exchange(url, case.method, case.path, case.body, case.content_type))


def record_ws(url: str, case) -> list:
    return normalise(ws_exchange(url, list(case.frames)))


def record_openapi(url: str) -> dict:
    """The parts of /openapi.json that `openenv validate` reads; the rest is FastAPI's own."""
    record = http_exchange(url, "GET", "/openapi.json")
    body = record["body"] if isinstance(record["body"], dict) else {}
    info = body.get("info", {})
    return {"status": record["status"], "content_type": record["content_type"],
            "title": info.get("title"), "version": info.get("version"),
            "paths": sorted(p for p in body.get("paths", {})
                                       if p in OPENAPI_PATHS)}


def record_ws_path(url: str, path: str):
    """Handshake on another path: the HTTP status of a refusal, or the reply to one reset."""
    try:
        with connect(url.replace("http://", "ws://") + path, open_timeout=10) as ws:
            ws.send('{"type":"reset","data":{}}')
            return normalise(parse_body(ws.recv(timeout=10))[0])
    except InvalidStatus as refused:
        return {"handshake_status": refused.response.status_code}


def record_capacity(url: str, max_sessions: int) -> list:
    """Fills the session table of a one-worker server, then opens one connection too many."""
    ws_url = url.replace("http://", "ws://") + "/ws"
    with ExitStack() as stack:
        for _ in range(max_sessions):
            ws = stack.enter_context(connect(ws_url, open_timeout=10))
            ws.send('{"type":"reset","data":{}}')  # proves the session exists before the next
            ws.recv(timeout=10)
        return normalise(ws_exchange(url, ['{"type":"reset","data":{}}'], read_first=True))


def _mcp(url: str, method: str, params=None) -> dict:
    body = {"jsonrpc": "2.0", "method": method, "id": 1}
    if params is not None:
        body["params"] = params
    return http_exchange(url, "POST", "/mcp", json.dumps(body), "application/json")


def record_attach(url: str) -> list:
    """The 0.5+ attach flow, as their client's production mode uses it: an MCP session, a /ws
    attached to it (an episode), a second socket on the same session, close while attached
    ({"closed":false,"closing":true}), the socket leaving (the session goes with it), an unknown
    id. On 0.3 the query string is ignored: each socket is a session of its own."""
    created = _mcp(url, "openenv/session/create")
    session_id = created["body"]["result"]["session_id"]
    ws_url = url.replace("http://", "ws://") + "/ws?session_id=" + session_id
    steps = [created]
    with connect(ws_url, open_timeout=10) as first:
        for frame in ('{"type":"reset","data":{}}', '{"type":"step","data":{"wait_seconds":0.01}}',
                      '{"type":"state"}'):
            first.send(frame)
            steps.append(parse_body(first.recv(timeout=10))[0])
        steps.append(ws_exchange(url, ['{"type":"reset","data":{}}'], read_first=True,
                                 path="/ws?session_id=" + session_id))
        steps.append(_mcp(url, "openenv/session/close", {"session_id": session_id}))
        steps.append(_mcp(url, "openenv/session/close", {}))
    # The session ends once the socket has detached; poll (bounded) until the close says unknown.
    deadline = time.monotonic() + 5
    while True:
        again = _mcp(url, "openenv/session/close", {"session_id": session_id})
        if "error" in again["body"] or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    steps.append(again)
    steps.append(ws_exchange(url, ['{"type":"reset","data":{}}'], read_first=True,
                             path="/ws?session_id=no-such-session"))
    return normalise(json.loads(json.dumps(steps).replace(session_id, "<session_id>")))


def record_all(url: str, max_sessions: int) -> dict:
    records = {f"http-{c.name}": record_http(url, c) for c in HTTP_CASES}
    records.update({f"ws-{c.name}": record_ws(url, c) for c in WS_CASES})
    records.update({name: record_ws_path(url, path) for name, path in WS_PATHS.items()})
    records[OPENAPI_PROJECTION] = record_openapi(url)
    records[CAPACITY] = record_capacity(url, max_sessions)
    records[ATTACH] = record_attach(url)
    return records


if __name__ == "__main__":
    for name, value in record_all(sys.argv[1], int(sys.argv[2])).items():
        print(f"{name}: {canonical(value)}")
