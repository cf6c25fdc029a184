"""openenv_bench.load on the fixture of every format version, checked against the files as a
plain csv/json reader sees them, and against the schema shipped in the wheel."""

import csv
import json
import math
import shutil
from pathlib import Path

import pandas as pd
import pytest

import openenv_bench

DTYPES = {"integer": "Int64", "number": "float64", "string": "string", "boolean": "boolean"}
# (folder, format_version its rows read as, summary rows, raw rows)
FIXTURES = [("seed", 0, 2, 4), ("v1", 1, 3, 8), ("v2", 2, 3, 8), ("v3", 3, 3, 8), ("v4", 4, 4, 13)]


def fields(file):
    return next(f for f in openenv_bench.schema()["files"] if f["file"] == file)["fields"]


def plain_csv(path: Path):
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def plain_jsonl(path: Path):
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def same(cell, expected):
    """A DataFrame cell against the file's own value (None/NA for unknown)."""
    if expected is None or expected == "":
        return pd.isna(cell)
    if isinstance(expected, bool):
        return bool(cell) is expected
    if isinstance(expected, (int, float)):
        return math.isclose(float(cell), float(expected), rel_tol=1e-12)
    if isinstance(cell, (bool,)) or str(cell) in ("True", "False"):
        return str(cell).lower() == expected.lower()
    try:
        return math.isclose(float(cell), float(expected), rel_tol=1e-12)
    except (TypeError, ValueError):
        return str(cell) == expected


@pytest.mark.parametrize("name,version,n_summary,n_raw", FIXTURES)
def test_every_format_version_loads_with_the_schemas_columns_and_dtypes(
    formats, name, version, n_summary, n_raw
):
    folder = formats / name
    summary, raw = openenv_bench.load(folder, raw=True)

    for frame, file, count in ((summary, "summary.csv", n_summary), (raw, "raw.jsonl", n_raw)):
        assert len(frame) == count
        assert list(frame.columns) == [f["name"] for f in fields(file)]
        for f in fields(file):
            assert str(frame[f["name"]].dtype) == DTYPES[f["type"]], f["name"]
        assert (frame["format_version"] == version).all()

    for i, row in enumerate(plain_csv(folder / "summary.csv")):
        for column, value in row.items():
            assert same(summary.at[i, column], value), (name, i, column, value)
    for i, obj in enumerate(plain_jsonl(folder / "raw.jsonl")):
        for key, value in obj.items():
            assert same(raw.at[i, key], value), (name, i, key, value)


def test_fields_a_file_does_not_have_read_as_the_schemas_absent_value(formats):
    summary, raw = openenv_bench.load(formats / "seed", raw=True)
    absent = {f["name"]: f["absent"] for f in fields("summary.csv")}
    assert absent["steps"] == 1 and absent["barrier"] is False
    assert (summary["steps"] == 1).all()
    assert (~summary["barrier"]).all()
    assert summary["run_id"].isna().all()
    assert (raw["repetition"] == 1).all()


def test_summary_alone_by_default(formats):
    summary = openenv_bench.load(formats / "v2")
    assert isinstance(summary, pd.DataFrame)
    assert set(summary["mode"]) == {"http", "ws"}


def test_a_torn_last_line_is_skipped_and_a_bad_line_elsewhere_is_an_error(formats, tmp_path):
    folder = tmp_path / "r"
    shutil.copytree(formats / "v2", folder)
    with (folder / "raw.jsonl").open("a") as f:
        f.write('{"request_id": 9, "mode": "w')
    with (folder / "summary.csv").open("a") as f:
        f.write("ws,http://x,3")
    summary, raw = openenv_bench.load(folder, raw=True)
    assert (len(summary), len(raw)) == (3, 8)

    with (folder / "raw.jsonl").open("a") as f:
        f.write("\n")  # the torn line now ends: it is a bad row, not a cut write
    with pytest.raises(ValueError, match=r"raw.jsonl:9: "):
        openenv_bench.load(folder, raw=True)


def test_a_newer_format_version_is_refused_with_what_to_do(formats, tmp_path):
    folder = tmp_path / "r"
    shutil.copytree(formats / "v2", folder)
    text = (folder / "summary.csv").read_text()
    newer = openenv_bench.schema()["format_version"] + 1
    lines = text.splitlines()
    lines[1] = lines[1].rsplit(",", 1)[0] + f",{newer}"
    (folder / "summary.csv").write_text("\n".join(lines) + "\n")
    with pytest.raises(ValueError, match="newer openenv-bench.*update"):
        openenv_bench.load(folder)


def test_a_folder_without_results_says_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="result folder"):
        openenv_bench.load(tmp_path)
