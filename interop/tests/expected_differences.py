"""Named differences between the Python reference and our server that the differential test accepts.

Each one says why it exists (docs/compatibility.md has the same list), which cases and OpenEnv
releases it applies to, and how it is erased: `erase` is applied to the records of BOTH servers,
so it can only hide the one difference it names. A difference not listed here fails the test.
"""

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class ExpectedDifference:
    name: str
    reason: str
    applies: Callable[[str, tuple], bool]  # (case name, (package, version)) -> bool
    erase: Callable[[object], object]


def _newer_than_0_3(release: tuple) -> bool:
    name, version = release
    major, minor = (int(p) for p in version.split(".")[:2])
    return name == "openenv" and (major, minor) > (0, 3)


def _drop_observation_metadata(value):
    """Removes observation `metadata: {}` and the reply's top-level `metadata: null`."""
    if isinstance(value, list):
        return [_drop_observation_metadata(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        if key == "metadata" and item is None and "observation" in value:
            continue
        if key == "observation" and isinstance(item, dict) and item.get("metadata") == {}:
            item = {k: v for k, v in item.items() if k != "metadata"}
        out[key] = _drop_observation_metadata(item)
    return out


def _drop_schema_reset_observation(record):
    body = record.get("body")
    if isinstance(body, dict):
        record = dict(record, body={k: v for k, v in body.items() if k != "reset_observation"})
    return record


EXPECTED_DIFFERENCES = [
    ExpectedDifference(
        name="observation-metadata-since-0.4",
        reason="openenv 0.4+ sends the observation's `metadata: {}` inside `observation` and a "
               "top-level `metadata: null` on HTTP reset/step (PROTOCOL.md §8, PR #617); our "
               "server speaks the 0.2/0.3 wire, which drops metadata everywhere. Clients of "
               "both releases ignore the extra keys.",
        applies=lambda case, release: _newer_than_0_3(release),
        erase=_drop_observation_metadata,
    ),
    ExpectedDifference(
        name="schema-reset-observation-since-0.4",
        reason="openenv 0.4+ adds `reset_observation` (the reset observation's schema) to "
               "GET /schema; 0.3.x has only action/observation/state, as our server.",
        applies=lambda case, release: case == "http-schema" and _newer_than_0_3(release),
        erase=_drop_schema_reset_observation,
    ),
]


def applicable(case: str, release: tuple) -> list:
    return [d for d in EXPECTED_DIFFERENCES if d.applies(case, release)]


def erase_all(case: str, release: tuple, record):
    for difference in applicable(case, release):
        record = difference.erase(record)
    return record
