"""Reads a result folder's ``summary.csv`` and ``raw.jsonl`` into pandas DataFrames.

Everything about the files comes from the machine-readable schema (``data/result-schema.json``,
generated from the Java declarations in results/RawFields and results/SummaryColumns, the same file
as docs/result-schema.json): the columns, their order and types, the value a field a file does
not have reads as, and which fields the seed harness wrote, which is how a row without
``format_version`` is told to be the seed's (0) or format 1. The schema's ``rules`` are followed
as the Java readers follow them: fields by name, unknown ones kept after the schema's columns,
a repeated CSV header skipped, a torn last line (no newline, does not parse) skipped.

Values are as the files hold them; in the seed's own files (format_version 0) ``error_rate`` is
a percentage, as the seed wrote it.
"""

from __future__ import annotations

import csv
import io
import json
import math
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

# Schema type -> pandas dtype. Nullable dtypes, because any measure may be unknown (empty).
DTYPES = {"integer": "Int64", "number": "float64", "string": "string", "boolean": "boolean"}


class Results(NamedTuple):
    """A result folder: one row per cell (``summary``) and one per session (``raw``)."""

    summary: pd.DataFrame
    raw: pd.DataFrame


@cache
def schema() -> dict[str, Any]:
    """The result files' schema (docs/result-schema.json), as shipped in this package."""
    text = resources.files(__package__).joinpath("data/result-schema.json").read_text("utf-8")
    return json.loads(text)


def _fields(file: str) -> list[dict[str, Any]]:
    for entry in schema()["files"]:
        if entry["file"] == file:
            return entry["fields"]
    raise KeyError(f"the schema has no {file}")


def load(path: str | Path, raw: bool = False) -> pd.DataFrame | Results:
    """The rows of the result folder ``path``.

    :param raw: also read raw.jsonl (one row per session, can be large)
    :returns: the summary.csv rows as a DataFrame, or with ``raw=True`` a :class:`Results` of
        both; columns in the schema's order, typed by it (Int64, float64, string, boolean)
    :raises FileNotFoundError: the folder or one of its files is missing
    :raises ValueError: a row is not of the schema (names the file and line), or was written by
        a newer openenv-bench than the schema shipped here
    """
    folder = Path(path)
    summary_file = folder / "summary.csv"
    if not summary_file.is_file():
        raise FileNotFoundError(f"{summary_file}: no such file (is {folder} a result folder?)")
    summary = _frame(_read_csv(summary_file), _fields("summary.csv"))
    if not raw:
        return summary
    raw_file = folder / "raw.jsonl"
    if not raw_file.is_file():
        raise FileNotFoundError(f"{raw_file}: no such file")
    return Results(summary, _frame(_read_jsonl(raw_file), _fields("raw.jsonl")))


class _Row(NamedTuple):
    values: dict[str, Any]
    line: int


def _lines(file: Path) -> tuple[list[str], bool]:
    """The file's lines and whether the last one ended with a newline."""
    text = file.read_text("utf-8-sig")
    return text.splitlines(), text.endswith("\n") or not text


def _read_csv(file: Path) -> tuple[Path, list[_Row]]:
    lines, terminated = _lines(file)
    types = {f["name"]: f["type"] for f in _fields("summary.csv")}
    header: list[str] | None = None
    rows: list[_Row] = []
    for number, line in enumerate(lines, start=1):
        if header is None:
            header = [c.strip() for c in next(csv.reader([line]))]
            continue
        if not line.strip() or line == lines[0]:
            continue
        cells = next(csv.reader(io.StringIO(line)))
        try:
            if len(cells) != len(header):
                raise ValueError(f"{len(cells)} cells, but the header has {len(header)} columns")
            values = {}
            for name, cell in zip(header, cells):
                kind = types.get(name)
                values[name] = cell if kind is None else _parse_cell(name, kind, cell)
        except ValueError as e:
            if number == len(lines) and not terminated:
                break  # a torn last line: a write cut short
            raise ValueError(f"{file}:{number}: {e}") from None
        rows.append(_Row(values, number))
    return file, rows


def _parse_cell(name: str, kind: str, cell: str) -> Any:
    """A CSV cell's value, as results/Kind.parse reads it: empty (and nan/none) is unknown."""
    c = cell.strip()
    lower = c.lower()
    if not c or (kind in ("integer", "number") and lower in ("nan", "none")):
        return None
    try:
        if kind == "integer":
            number = float(c)
            if not number.is_integer():
                raise ValueError(f"expected an integer, got {c}")
            return int(number)
        if kind == "number":
            return float(c)
        if kind == "boolean":
            if lower in ("true", "1", "yes"):
                return True
            if lower in ("false", "0", "no"):
                return False
            raise ValueError(f"not true or false: {c}")
        return c
    except ValueError as e:
        raise ValueError(f"column {name}: {e}") from None


def _read_jsonl(file: Path) -> tuple[Path, list[_Row]]:
    lines, terminated = _lines(file)
    types = {f["name"]: f["type"] for f in _fields("raw.jsonl")}
    rows: list[_Row] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("not a JSON object")
            values = {k: _check_json(k, types[k], v) if k in types else v for k, v in obj.items()}
        except ValueError as e:
            if number == len(lines) and not terminated:
                break
            raise ValueError(f"{file}:{number}: {e}") from None
        rows.append(_Row(values, number))
    return file, rows


def _check_json(name: str, kind: str, value: Any) -> Any:
    ok = (
        value is None
        or (kind == "string" and isinstance(value, str))
        or (kind == "boolean" and isinstance(value, bool))
        or (kind == "number" and isinstance(value, (int, float)) and not isinstance(value, bool))
        or (
            kind == "integer"
            and isinstance(value, (int, float))
            and not isinstance(value, bool)
            and math.isfinite(value)
            and float(value).is_integer()
        )
    )
    if not ok:
        raise ValueError(f"field {name}: expected {kind}, got {json.dumps(value)[:40]}")
    return int(value) if kind == "integer" and value is not None else value


def _frame(read: tuple[Path, list[_Row]], fields: list[dict[str, Any]]) -> pd.DataFrame:
    """The rows as a DataFrame: every schema column (absent ones filled), then unknown ones."""
    file, rows = read
    current = schema()["format_version"]
    seed = {f["name"] for f in fields if f["seed"]}
    known = [f["name"] for f in fields]
    for row in rows:
        _fill(row, fields, seed, current, file)
    extra = sorted({k for row in rows for k in row.values} - set(known))
    columns = {}
    for f in fields:
        columns[f["name"]] = pd.array([r.values[f["name"]] for r in rows], dtype=DTYPES[f["type"]])
    for name in extra:
        columns[name] = pd.array([r.values.get(name) for r in rows], dtype=object)
    return pd.DataFrame(columns, index=pd.RangeIndex(len(rows)))


def _fill(row: _Row, fields, seed: set[str], current: int, file: Path) -> None:
    """Fills the fields the row does not have, and its format_version (the schema's rules)."""
    written = row.values.get("format_version")
    if written is None:
        # "A row without format_version is the seed's (version 0) when it has only seed fields,
        # else version 1": fields of the schema, that is; other tools' keys do not count.
        later_than_seed = any(f["name"] in row.values and f["name"] not in seed for f in fields)
        row.values["format_version"] = 1 if later_than_seed else 0
    elif written > current:
        raise ValueError(
            f"{file}:{row.line}: format_version {written} was written by a newer openenv-bench "
            f"(this one reads up to {current}); update this one"
        )
    for f in fields:
        row.values.setdefault(f["name"], f["absent"])

