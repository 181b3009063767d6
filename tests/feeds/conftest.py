"""Fixtures for the feeds stage: fresh workspaces and private copies of the sample."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(tmp_path / "workspace.duckdb"))
    yield con
    con.close()


@pytest.fixture
def drop_copy(sample_drop: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the sample drop (without its answer key)."""
    target = tmp_path / "drop"
    shutil.copytree(sample_drop, target, ignore=shutil.ignore_patterns("truth"))
    return target
