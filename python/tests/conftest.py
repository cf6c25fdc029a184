import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def formats() -> Path:
    """The result-file fixtures of every format version (src/test/resources/formats)."""
    repo = Path(os.environ.get("OPENENV_BENCH_REPO", Path(__file__).resolve().parents[2]))
    folder = repo / "src" / "test" / "resources" / "formats"
    assert folder.is_dir(), f"{folder} missing: set OPENENV_BENCH_REPO to the repository"
    return folder
