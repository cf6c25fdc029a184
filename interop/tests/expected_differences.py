"""Named differences between the Python reference and our server that the differential test accepts.

Each one says why it exists (docs/compatibility.md has the same list), which cases and OpenEnv
releases it applies to, and how it is erased: `erase` is applied to the records of BOTH servers,
so it can only hide the one difference it names. A difference not listed here fails the test.
"""

import re
from dataclasses import dataclass
from typing import Callable

POSITION = r"line \d+ column \d+ \(char \d+\)"


@dataclass(frozen=True)
class ExpectedDifference:
    name: str
    reason: str
    applies: Callable[[str, tuple], bool]  # (case name, (package, version)) -> bool
    erase: Callable[[object], object]


def _rewrite(value, key: str, pattern: str, replacement: str):
    """Applies re.sub(pattern, replacement) to every string under `key`, at any depth."""
    if isinstance(value, list):
        return [_rewrite(v, key, pattern, replacement) for v in value]
    if not isinstance(value, dict):
        return value
    return {k: (re.sub(pattern, replacement, v) if k == key and isinstance(v, str)
                else _rewrite(v, key, pattern, replacement)) for k, v in value.items()}


def _decoder_text(record):
    # WS: "Invalid JSON: <decoder text>: line L column C (char N)": the position is still compared.
    record = _rewrite(record, "message", rf"^Invalid JSON: .*: ({POSITION})$",
                      r"Invalid JSON: <decoder text>: \1")
    # HTTP 422 json_invalid: ctx.error is the bare decoder text (no position, which is in loc).
    return _rewrite(record, "error", rf"^(?!.*{POSITION}$).*$", "<decoder text>")


def _metrics_route(record):
    """Python has no /metrics (404 Not Found); ours serves Prometheus text. Both become 'n/a'."""
    if record.get("status") == 404 and record.get("body") == {"detail": "Not Found"}:
        return "no comparable /metrics"
    body = record.get("body")
    if record.get("status") == 200 and record.get("content_type") == "text/plain" \
            and isinstance(body, str) and "openenv_sessions_active" in body:
        return "no comparable /metrics"
    return record


RANGE_REJECTED = "<wait_seconds out of range: rejected>"
PYTHON_SLEEP_ERRORS = ("sleep length must be non-negative", "Invalid value NaN (not a number)")
RANGE_ERROR_TYPES = {"finite_number", "greater_than_equal"}


def _range_rejection(value):
    """Python: the env's time.sleep raises (HTTP 500 / WS EXECUTION_ERROR); ours: validation."""
    if isinstance(value, list):
        return [_range_rejection(v) for v in value]
    if not isinstance(value, dict):
        return value
    if value.get("status") == 500 and value.get("body") == "Internal Server Error":
        return RANGE_REJECTED
    detail = value.get("body", {}).get("detail") if isinstance(value.get("body"), dict) else None
    if value.get("status") == 422 and isinstance(detail, list) \
            and {d.get("type") for d in detail} <= RANGE_ERROR_TYPES:
        return RANGE_REJECTED
    data = value.get("data") if value.get("type") == "error" else None
    if isinstance(data, dict) and (
            (data.get("code") == "EXECUTION_ERROR" and data.get("message") in PYTHON_SLEEP_ERRORS)
            or (data.get("code") == "VALIDATION_ERROR"
                and {e.get("type") for e in data.get("errors", [])} <= RANGE_ERROR_TYPES)):
        return RANGE_REJECTED
    return value


def _head_answered(record):
    """HEAD on a GET route: Python 405 (allow GET), ours 200; and ours lists HEAD in `allow`."""
    if record.get("allow") == "GET, HEAD":
        record = dict(record, allow="GET")
    if record.get("body") == "" and record.get("status") in (200, 405):
        return "<HEAD /health>"
    return record


EXPECTED_DIFFERENCES = [
    ExpectedDifference(
        name="wait-seconds-range",
        reason="ours validates wait_seconds (finite, >= 0, <= --max-wait-seconds) and answers "
               "422 / VALIDATION_ERROR with pydantic's own error types; the Python benchmark has "
               "no constraint, so its time.sleep raises: HTTP 500 text/plain, WS EXECUTION_ERROR. "
               "Deliberate (env/BenchmarkEnvironmentType.java): no session can be parked for a day "
               "or crash a step with NaN.",
        applies=lambda case, release: case in ("http-step-negative-wait", "http-step-nan-wait",
                                               "ws-execution-errors"),
        erase=_range_rejection,
    ),
    ExpectedDifference(
        name="head-on-get-routes",
        reason="ours answers HEAD like GET (server/HttpApi.java; load-balancer health checks may "
               "use HEAD) and so lists `GET, HEAD` in a 405's `allow`; FastAPI routes are GET "
               "only: HEAD is 405 and `allow: GET`.",
        applies=lambda case, release: case in ("http-head-health", "http-wrong-method-health",
                                               "http-task-splits-wrong-method"),
        erase=_head_answered,
    ),
    ExpectedDifference(
        name="metrics-extension",
        reason="GET /metrics (Prometheus text: sessions, steps, capacity rejections per worker) "
               "is our addition for measuring deployments; OpenEnv has no such route (404).",
        applies=lambda case, release: case == "http-metrics",
        erase=_metrics_route,
    ),
    ExpectedDifference(
        name="json-decoder-text",
        reason="the wording of a JSON syntax error is the parser's own (Python's json module: "
               "'Expecting value'; ours: Jackson's). The error code, HTTP status, `type`, `loc` "
               "and the WS position suffix 'line L column C (char N)' are still compared.",
        applies=lambda case, release: "malformed-json" in case or case == "ws-invalid-json",
        erase=_decoder_text,
    ),
    ExpectedDifference(
        name="pydantic-validation-text",
        reason="JSON-RPC -32600 messages embed str(pydantic.ValidationError), a multi-line text "
               "with the pydantic version in a URL; ours says what was wrong in one line. Code, "
               "id and data are still compared.",
        applies=lambda case, release: "mcp" in case,
        erase=lambda record: _rewrite(record, "message", r"(?s)^Invalid request: .*$",
                                      "Invalid request: <validation text>"),
    ),
    ExpectedDifference(
        name="binary-frame-message",
        reason="Python's SESSION_ERROR text for a binary frame is \"'text'\", the repr of a "
               "KeyError leaking from Starlette's receive_text(); ours names the problem. The "
               "code and the close (1000) are still compared.",
        applies=lambda case, release: case == "ws-binary-frame",
        erase=lambda record: _rewrite(record, "message", r"^.*$", "<session error text>"),
    ),
]


def applicable(case: str, release: tuple) -> list:
    return [d for d in EXPECTED_DIFFERENCES if d.applies(case, release)]


def erase_all(case: str, release: tuple, record):
    for difference in applicable(case, release):
        record = difference.erase(record)
    return record
