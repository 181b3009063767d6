"""The sample's pipeline-run workspace, read-only, and a migrated store on each backend."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from tessera.settings import Settings
from tessera.store.operational import OperationalStore


@pytest.fixture(scope="module")
def workspace(sample_pipeline: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(sample_pipeline.workspace_path), read_only=True)
    yield con
    con.close()


@pytest.fixture
def store(store_url: str) -> Iterator[OperationalStore]:
    migrated = OperationalStore(store_url)
    migrated.migrate()
    yield migrated
    migrated.dispose()
