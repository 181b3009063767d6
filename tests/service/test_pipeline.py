"""The service records every ingest run, successful or not, in the operational store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tessera.feeds import FeedFormatError
from tessera.service.operational import open_operational_store
from tessera.service.pipeline import run_pipeline
from tessera.settings import Settings


def test_a_pipeline_run_is_recorded_with_its_counts(sample_drop: Path, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    stages: list[str] = []
    report = run_pipeline(settings, sample_drop, on_stage=stages.append)
    assert stages == ["ingest", "person records", "identity", "status", "rules", "publish"]
    assert stages == list(report.stages) and report.findings > 0
    assert report.person_records == sum(
        f.rows_stored
        for f in report.ingest.feeds
        if f.feed not in ("calls", "transfers", "lost_stolen")
    )
    [run] = open_operational_store(settings).ingest_runs()
    assert (run.id, run.status) == (report.run_id, "succeeded")
    assert {f.feed: f.rows_quarantined for f in run.feeds} == {
        f.feed: f.rows_quarantined for f in report.ingest.feeds
    }
    assert run.as_of.isoformat() == json.loads((sample_drop / "manifest.json").read_text())["as_of"]


def test_a_failed_run_is_recorded_as_failed(sample_drop: Path, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    shutil.copytree(sample_drop, drop, ignore=shutil.ignore_patterns("truth"))
    (drop / "calls.csv").write_text("duration_s,caller\n1,2\n")  # no record id column
    settings = Settings(data_dir=tmp_path / "data")
    with pytest.raises(FeedFormatError, match="call_id"):
        run_pipeline(settings, drop)
    [run] = open_operational_store(settings).ingest_runs()
    assert run.status == "failed" and run.message and "call_id" in run.message
