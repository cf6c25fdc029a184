"""An echo environment on the real OpenEnv `create_app`, with an action schema unlike the
benchmark's (interop tests of `run --reset-json/--action-json/--header` only).

The action is `{"message": str, "repeat": int}` (no `wait_seconds`; extra keys are refused, as
OpenEnv's `Action` does); the observation echoes it; `"message": "bye"` ends the episode
(`done: true`). `reset(task=...)` takes one option. Every reset and step is appended to the JSONL
file `$ECHO_LOG`, so a test sees exactly what the harness sent.

With `$ECHO_TOKEN` set, a small ASGI middleware in front of the app refuses every HTTP request
(401) and WebSocket upgrade (403) without `Authorization: Bearer $ECHO_TOKEN`, the way a private
Hugging Face Space does.

Run: `uvicorn echo_server:app --app-dir interop/reference --port P`.
"""

import json
import os
import uuid
from typing import Optional

from openenv.core.env_server import Action, Environment, Observation, State, create_app


class EchoAction(Action):
    message: str
    repeat: int = 1


class EchoObservation(Observation):
    echoed: str = ""
    task: Optional[str] = None
    step_count: int = 0


def _log(entry: dict) -> None:
    path = os.environ.get("ECHO_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry, sort_keys=True) + "\n")


class EchoEnvironment(Environment):
    SUPPORTS_CONCURRENT_SESSIONS = True

    def __init__(self):
        super().__init__()
        self._state = State(episode_id=str(uuid.uuid4()), step_count=0)
        self._task = None

    def reset(self, task: Optional[str] = None) -> EchoObservation:
        _log({"reset": {"task": task}})
        self._task = task
        self._state.step_count = 0
        return EchoObservation(task=task)

    def step(self, action: EchoAction) -> EchoObservation:
        _log({"step": action.model_dump(exclude={"metadata"})})
        self._state.step_count += 1
        return EchoObservation(
            echoed=action.message * action.repeat,
            task=self._task,
            step_count=self._state.step_count,
            done=action.message == "bye",
        )

    @property
    def state(self) -> State:
        return self._state


def bearer_required(app, token: str):
    """ASGI middleware: the request must carry `Authorization: Bearer <token>`."""
    expected = f"Bearer {token}".encode()

    async def guarded(scope, receive, send):
        if scope["type"] in ("http", "websocket"):
            if dict(scope.get("headers") or []).get(b"authorization") != expected:
                if scope["type"] == "websocket":
                    await send({"type": "websocket.close", "code": 1008})
                    return
                await send({"type": "http.response.start", "status": 401,
                            "headers": [(b"content-type", b"application/json")]})
                await send({"type": "http.response.body",
                            "body": b'{"detail":"missing or wrong bearer token"}'})
                return
        await app(scope, receive, send)

    return guarded


app = create_app(EchoEnvironment, EchoAction, EchoObservation, env_name="echo",
                 max_concurrent_envs=int(os.environ.get("MAX_CONCURRENT_ENVS", "100")))
if os.environ.get("ECHO_TOKEN"):
    app = bearer_required(app, os.environ["ECHO_TOKEN"])
