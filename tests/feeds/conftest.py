"""Fixtures for the feeds stage: fresh workspaces and the sample drop ingested once."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tessera.feeds import DropLoad, ingest_drop


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(tmp_path / "workspace.duckdb"))
    yield con
    con.close()


@pytest.fixture(scope="session")
def sample_workspace(
    sample_drop: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[duckdb.DuckDBPyConnection, DropLoad]]:
    """The sample drop ingested once, shared read-only by many tests."""
    base = tmp_path_factory.mktemp("sample-workspace")
    con = duckdb.connect(str(base / "workspace.duckdb"))
    load = ingest_drop(con, sample_drop, base / "scratch")
    yield con, load
    con.close()


@pytest.fixture
def drop_copy(sample_drop: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the sample drop (without its answer key)."""
    target = tmp_path / "drop"
    shutil.copytree(sample_drop, target, ignore=shutil.ignore_patterns("truth"))
    return target
