"""Raw exchanges with a server, recorded as comparable values, and the normalisation rules.

A recorded HTTP response is `{"status", "content_type", "body", "compact"}` (plus `allow` when the
server sent one); a recorded WebSocket exchange is the list of what came back after each frame:
a parsed JSON reply, `{"closed": code}` or `"no reply"`. `compact` says the body is byte-identical
to Python's compact re-encoding of its own parse (catches spaces, `1.0E-5`, escaped non-ASCII).
"""

import json
import re

import httpx
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

NO_REPLY = "no reply"
REPLY_TIMEOUT_SECONDS = 3.0
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
HEX12 = re.compile(r"^[0-9a-f]{12}$")
PYDANTIC_URL = re.compile(r"^https://errors\.pydantic\.dev/[0-9.]+/v/")


def parse_body(text: str):
    """(parsed JSON or the raw text, compact?) for one body or frame."""
    try:
        value = json.loads(text)
    except ValueError:
        return text, False
    return value, json.dumps(value, separators=(",", ":"), ensure_ascii=False) == text


def http_exchange(base_url: str, method: str, path: str, body=None, content_type=None) -> dict:
    headers = {"content-type": content_type} if content_type else {}
    content = body.encode() if isinstance(body, str) else body
    response = httpx.request(method, base_url + path, content=content, headers=headers, timeout=30)
    value, compact = parse_body(response.text)
    record = {"status": response.status_code,
              "content_type": response.headers.get("content-type", "").split(";")[0].strip(),
              "body": value, "compact": compact}
    if "allow" in response.headers:
        record["allow"] = response.headers["allow"]
    return record


def _receive(ws):
    try:
        text = ws.recv(timeout=REPLY_TIMEOUT_SECONDS)
    except TimeoutError:
        return NO_REPLY
    except ConnectionClosed as closed:
        return {"closed": closed.rcvd.code if closed.rcvd else None}
    if isinstance(text, bytes):
        return {"binary": text.hex()}
    value, compact = parse_body(text)
    return value if compact else {"not_compact": value}


def ws_exchange(base_url: str, frames: list, read_first: bool = False, path: str = "/ws") -> list:
    """Sends each frame (str → text frame, bytes → binary) and records what comes back after it.

    read_first records a frame the server sends before the client says anything (capacity).
    A frame sent after the server closed is recorded as {"closed": code} without sending.
    """
    replies = []
    with connect(base_url.replace("http://", "ws://") + path, open_timeout=10) as ws:
        if read_first:
            replies.append(_receive(ws))
        for frame in frames:
            if replies and isinstance(replies[-1], dict) and "closed" in replies[-1]:
                replies.append(replies[-1])
                continue
            try:
                ws.send(frame)
            except ConnectionClosed as closed:
                replies.append({"closed": closed.rcvd.code if closed.rcvd else None})
                continue
            replies.append(_receive(ws))
    return replies


def normalise(value):
    """Replaces the fields that must differ between two servers by their shape."""
    if isinstance(value, dict):
        return {k: _normalise_field(k, v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    return value


def _normalise_field(key, value):
    if key == "pid" and isinstance(value, int) and value > 0:
        return "<pid>"
    if key == "session_hash" and isinstance(value, str) and HEX12.match(value):
        return "<session_hash>"
    if key == "host_url" and isinstance(value, str) and re.match(r"^[^:]+:\d+$", value):
        return "<host:port>"
    if key in ("episode_id", "session_id") and isinstance(value, str) and UUID.match(value):
        return "<uuid>"
    if key == "url" and isinstance(value, str) and PYDANTIC_URL.match(value):
        return PYDANTIC_URL.sub("https://errors.pydantic.dev/<ver>/v/", value)
    return normalise(value)


def canonical(value) -> str:
    """Order-preserving text form: key order, int vs float and nesting all count."""
    return json.dumps(value, ensure_ascii=False)
