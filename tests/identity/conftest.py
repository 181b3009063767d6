"""The sample drop resolved once (ingest, person records, identity) for identity tests.

Tests that change the workspace work on a copy (``resolved_copy``)."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tessera.feeds import ingest_drop
from tessera.identity import Resolution, build_person_records, resolve


@dataclass(frozen=True)
class Resolved:
    workspace: Path
    model: Path
    resolution: Resolution

    def trained(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.model.read_text())
        return loaded


@pytest.fixture(scope="session")
def resolved_sample(sample_drop: Path, tmp_path_factory: pytest.TempPathFactory) -> Resolved:
    base = tmp_path_factory.mktemp("resolved-sample")
    con = duckdb.connect(str(base / "workspace.duckdb"))
    try:
        ingest_drop(con, sample_drop, base / "scratch")
        build_person_records(con)
        resolution = resolve(con, model_path=base / "model.json")
    finally:
        con.close()
    return Resolved(base / "workspace.duckdb", base / "model.json", resolution)


@pytest.fixture
def resolved_copy(resolved_sample: Resolved, tmp_path: Path) -> Resolved:
    shutil.copy(resolved_sample.workspace, tmp_path / "workspace.duckdb")
    return Resolved(
        tmp_path / "workspace.duckdb", resolved_sample.model, resolved_sample.resolution
    )
