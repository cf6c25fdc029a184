"""The differential request table: every route, a normal episode, every error case of the spec.

Each case has a name (the test id), one line saying what it exercises, and the request. HTTP
cases are (method, path, body, content-type); WS cases are a list of frames sent on one fresh
connection. Frames are text unless given as bytes.
"""

from dataclasses import dataclass

JSON = "application/json"


@dataclass(frozen=True)
class HttpCase:
    name: str
    meaning: str
    method: str
    path: str
    body: object = None
    content_type: str = None


@dataclass(frozen=True)
class WsCase:
    name: str
    meaning: str
    frames: tuple


def post(name, meaning, path, body, content_type=JSON):
    return HttpCase(name, meaning, "POST", path, body, content_type)


HTTP_CASES = [
    HttpCase("health", "constant health document", "GET", "/health"),
    HttpCase("metadata", "all six metadata keys, nulls included", "GET", "/metadata"),
    HttpCase("schema", "JSON schemas of action, observation, base state", "GET", "/schema"),
    HttpCase("state", "fresh env state: new uuid, step 0", "GET", "/state"),
    HttpCase("reset-no-body", "the seed client's reset: no body, no content-type", "POST", "/reset"),
    post("reset-empty-object", "reset with {}", "/reset", "{}"),
    post("reset-extras", "seed, episode_id and unknown keys are accepted and dropped", "/reset",
         '{"seed":1,"episode_id":"ep-1","foo":[1,2]}'),
    post("reset-negative-seed", "seed must be >= 0", "/reset", '{"seed":-1}'),
    post("reset-seed-string", "seed must be an int", "/reset", '{"seed":"x"}'),
    post("reset-malformed-json", "body is not JSON", "/reset", '{"seed":'),
    post("reset-array-body", "body is JSON but not an object", "/reset", "[1,2]"),
    post("step", "normal step", "/step", '{"action":{"wait_seconds":0.05}}'),
    post("step-int-wait", "int coerced to float", "/step", '{"action":{"wait_seconds":0}}'),
    post("step-string-wait", "numeric string coerced (lax mode)", "/step",
         '{"action":{"wait_seconds":"0.02"}}'),
    post("step-metadata", "action metadata is always allowed", "/step",
         '{"action":{"wait_seconds":0.01,"metadata":{"k":"v"}}}'),
    post("step-extras", "timeout_s, request_id and extra keys next to action are accepted",
         "/step", '{"action":{"wait_seconds":0.01},"timeout_s":5,"request_id":"r1","x":1}'),
    post("step-default-wait", "empty action uses the default wait 0.0", "/step", '{"action":{}}'),
    post("step-extra-action-key", "action has extra=forbid", "/step",
         '{"action":{"wait_seconds":0.01,"foo":1}}'),
    post("step-bare-action", "action must be nested under 'action'", "/step",
         '{"wait_seconds":0.01}'),
    post("step-null-wait", "null is not a float", "/step", '{"action":{"wait_seconds":null}}'),
    post("step-bad-string-wait", "unparsable string", "/step",
         '{"action":{"wait_seconds":"abc"}}'),
    post("step-list-wait", "list is not a float", "/step", '{"action":{"wait_seconds":[1]}}'),
    post("step-action-not-object", "action must be an object", "/step", '{"action":5}'),
    post("step-malformed-json", "body is not JSON", "/step", "{"),
    HttpCase("step-no-body", "step body is required", "POST", "/step"),
    post("mcp-empty-object", "JSON-RPC invalid request", "/mcp", "{}"),
    post("mcp-malformed-json", "JSON-RPC parse error", "/mcp", "not json"),
    post("mcp-tools-list", "non-MCP env: internal error", "/mcp",
         '{"jsonrpc":"2.0","method":"tools/list","id":1}'),
    post("mcp-unknown-method", "method not found", "/mcp",
         '{"jsonrpc":"2.0","method":"nope","id":2}'),
    post("mcp-params-not-object", "invalid params", "/mcp",
         '{"jsonrpc":"2.0","method":"tools/list","params":[1],"id":3}'),
    post("mcp-extra-key", "JsonRpcRequest forbids extra keys", "/mcp",
         '{"jsonrpc":"2.0","method":"tools/list","id":4,"x":1}'),
    post("mcp-wrong-version", "jsonrpc must be the string 2.0", "/mcp",
         '{"jsonrpc":"1.0","method":"tools/list","id":5}'),
    post("mcp-null-params", "params null is not an object", "/mcp",
         '{"jsonrpc":"2.0","method":"tools/list","params":null,"id":6}'),
    post("mcp-string-id", "string ids are echoed", "/mcp",
         '{"jsonrpc":"2.0","method":"nope","id":"abc"}'),
    post("step-tiny-wait", "float formatting of 1e-05 on HTTP", "/step",
         '{"action":{"wait_seconds":1e-05}}'),
    post("step-negative-wait", "env raises (sleep length): 500 text/plain", "/step",
         '{"action":{"wait_seconds":-1}}'),
    post("step-nan-wait", "'nan' parses to NaN, env raises: 500", "/step",
         '{"action":{"wait_seconds":"nan"}}'),
    post("reset-empty-json-body", "content-type JSON with an empty body", "/reset", ""),
    post("reset-text-plain", "non-JSON content-type with a JSON body", "/reset", "{}",
         "text/plain"),
    HttpCase("reset-body-no-content-type", "a JSON body without content-type", "POST", "/reset",
             '{"seed":-1}'),
    post("step-non-ascii-input", "error input echoed unescaped (UTF-8)", "/step",
         '{"action":{"wait_seconds":"é"}}'),
    HttpCase("metrics", "Prometheus metrics (our extension)", "GET", "/metrics"),
    HttpCase("head-health", "HEAD on a GET route", "HEAD", "/health"),
    HttpCase("unknown-path", "404 Not Found", "GET", "/nope"),
    HttpCase("wrong-method-health", "405 with allow header", "POST", "/health"),
    HttpCase("wrong-method-reset", "405 with allow header", "GET", "/reset"),
    HttpCase("plain-get-ws", "no HTTP route at /ws", "GET", "/ws"),
    # The Task API (openenv 0.5+; on 0.3 every one of these is a 404 on both servers).
    HttpCase("list-environments", "Task API: the one env name", "GET", "/list_environments"),
    HttpCase("task-splits", "no task methods: 501", "GET", "/benchmark/splits"),
    HttpCase("task-splits-case", "env name matched case-insensitively", "GET", "/BENCHMARK/splits"),
    HttpCase("task-unknown-env", "404 with the name's repr", "GET", "/nope/splits"),
    HttpCase("task-splits-wrong-method", "405 with allow header", "POST", "/benchmark/splits"),
    HttpCase("task-unknown-operation", "not a Task API route", "GET", "/benchmark/nope"),
    post("task-tasks", "list_tasks: 501", "/benchmark/tasks", '{"split":"train"}'),
    post("task-tasks-missing-split", "split is required: 422", "/benchmark/tasks", "{}"),
    HttpCase("task-tasks-no-body", "a body is required: 422", "POST", "/benchmark/tasks"),
    post("task-num-tasks", "num_tasks: 501", "/benchmark/num_tasks", '{"split":"test"}'),
    post("task-task", "get_task: 501", "/benchmark/task", '{"split":"train","index":"3"}'),
    post("task-task-errors", "str, int, then extra keys (extra=forbid)", "/benchmark/task",
         '{"split":1,"index":1.5,"x":[1],"y":null}'),
    post("task-range", "get_task_range with null and int bounds: 501", "/benchmark/task_range",
         '{"split":"train","start":0,"stop":null}'),
    post("task-range-errors", "bad optional bound, index is not a field", "/benchmark/task_range",
         '{"split":"a","stop":"x","index":0}'),
    post("task-unknown-env-post", "body valid, name unknown: 404", "/Nope/num_tasks",
         '{"split":"x"}'),
    post("task-unknown-env-bad-body", "body checked before the name: 422", "/nope/num_tasks", "{}"),
]

RESET = '{"type":"reset","data":{}}'
CLOSE = '{"type":"close"}'
STATE = '{"type":"state"}'


def step(wait):
    return '{"type":"step","data":{"wait_seconds":%s}}' % wait


WS_CASES = [
    WsCase("episode", "reset, steps, state, reset again (same env), close",
           (RESET, step(0.05), STATE, step(0.01), STATE, RESET, STATE, CLOSE)),
    WsCase("python-client-spacing", "frames as json.dumps writes them, with spaces",
           ('{"type": "reset", "data": {}}', '{"type": "step", "data": {"wait_seconds": 0.01}}',
            '{"type": "state"}', '{"type": "close"}')),
    WsCase("step-before-reset", "reset is not required before step", (step(0.01), STATE, CLOSE)),
    WsCase("reset-without-data", "data is optional on reset", ('{"type":"reset"}', CLOSE)),
    WsCase("reset-kwargs", "reset data keys are dropped, no seed check on WS",
           ('{"type":"reset","data":{"seed":-1,"foo":1}}', CLOSE)),
    WsCase("step-coercions", "int and numeric-string waits, metadata allowed",
           (step(0), step('"0.01"'), '{"type":"step","data":{"wait_seconds":0,"metadata":{}}}',
            '{"type":"step","data":{}}', STATE, CLOSE)),
    WsCase("invalid-json", "INVALID_JSON, connection stays open",
           ("{", "not json", '{"type":', RESET, CLOSE)),
    WsCase("unknown-type", "UNKNOWN_TYPE for unknown, missing, non-string, wrong-case type",
           ('{"type":"jump"}', "{}", '{"type":1}', '{"type":"RESET"}', '{"data":{}}', STATE, CLOSE)),
    WsCase("envelope-errors", "VALIDATION_ERROR: extra keys, state/close with data, bad data",
           ('{"type":"reset","data":{},"x":1}', '{"type":"state","data":{}}',
            '{"type":"close","data":{}}', '{"type":"reset","data":5}', '{"type":"step"}',
            '{"type":"step","data":5}', '{"type":"step","data":null}', STATE, CLOSE)),
    WsCase("action-errors", "VALIDATION_ERROR for action fields",
           (step('"abc"'), step("null"), step("[1]"), step('{"a":1}'),
            '{"type":"step","data":{"wait_seconds":0.01,"foo":1}}', STATE, CLOSE)),
    WsCase("float-formatting", "1e-05 and 1e-07 as pydantic writes them on WS",
           (step("1e-05"), step("1e-07"), CLOSE)),
    WsCase("execution-errors", "env raises: EXECUTION_ERROR, connection stays open",
           (step(-1), step('"nan"'), STATE, CLOSE)),
    WsCase("nested-action", "a client that nests the action under 'action' on WS",
           ('{"type":"step","data":{"action":{"wait_seconds":0.01}}}', '{"type":"reset","data":null}',
            CLOSE)),
    WsCase("mcp-message", "mcp over /ws on a non-MCP env",
           ('{"type":"mcp","data":{"jsonrpc":"2.0","method":"tools/list","id":1}}',
            '{"type":"mcp","data":{}}', CLOSE)),
    WsCase("top-level-array", "non-object JSON: SESSION_ERROR and close", ("[1]", STATE)),
    WsCase("top-level-string", "JSON string: SESSION_ERROR and close", ('"reset"', STATE)),
    WsCase("binary-frame", "binary frame: SESSION_ERROR and close", (RESET.encode(), STATE)),
]
