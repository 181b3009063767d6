"""The command line as a person meets it: help, summaries, and one-line errors."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tessera.service.synthetic import generate_world


def tessera(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tessera.cli.app", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "TESSERA_DATA_DIR": str(data_dir), "COLUMNS": "200"},
        timeout=600,
    )


def test_help_lists_every_command(tmp_path: Path) -> None:
    result = tessera("--help", data_dir=tmp_path)
    assert result.returncode == 0
    for command in ("generate", "ingest", "run", "quarantine", "runs"):
        assert command in result.stdout


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        (lambda d: None, "not a directory"),
        (lambda d: d.mkdir(), "cannot read the manifest"),
        (
            lambda d: (
                d.mkdir(),
                (d / "manifest.json").write_text(
                    json.dumps({"as_of": "2026-01-01", "feeds": {"visas": "v.csv"}})
                ),
            ),
            "unknown feed 'visas'",
        ),
    ],
)
def test_drop_problems_are_one_line_and_exit_2(
    tmp_path: Path, setup: object, expected: str
) -> None:
    drop = tmp_path / "drop"
    setup(drop)  # type: ignore[operator]
    result = tessera("ingest", str(drop), data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_ingest_prints_a_summary_and_quarantine_csv_matches_truth(
    sample_drop: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    result = tessera("ingest", str(sample_drop), data_dir=data)
    assert result.returncode == 0, result.stderr
    for feed in ("arrivals", "watchlist", "total"):
        assert feed in result.stdout
    listing = tessera("quarantine", "--format", "csv", data_dir=data)
    assert listing.returncode == 0
    lines = listing.stdout.strip().splitlines()
    assert lines[0] == "feed,line,reason"
    truth = (sample_drop / "truth" / "broken_rows.csv").read_text().strip().splitlines()
    got = sorted(tuple(line.split(",")[:2]) for line in lines[1:])
    assert got == sorted(tuple(line.split(",")[:2]) for line in truth[1:])
    runs = tessera("runs", data_dir=data)
    assert runs.returncode == 0 and "succeeded" in runs.stdout


def _people(entities: Path) -> set[frozenset[tuple[str, str]]]:
    by_entity: dict[str, set[tuple[str, str]]] = {}
    with entities.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            by_entity.setdefault(row["entity_id"], set()).add((row["feed"], row["record_id"]))
    return {frozenset(records) for records in by_entity.values()}


def test_export_eval_answers_for_its_drop_alone_whatever_ran_before(tmp_path: Path) -> None:
    # Two drops whose systems reuse record ids for other people: exported one after the
    # other without --data-dir, the second answer is what the second drop alone gives.
    first, second = tmp_path / "first", tmp_path / "second"
    generate_world(first, people=150, seed=3)
    generate_world(second, people=150, seed=4)
    configured = tmp_path / "configured"
    for drop in (first, second):
        result = tessera(
            "export-eval", str(drop), str(tmp_path / f"out-{drop.name}"), data_dir=configured
        )
        assert result.returncode == 0, result.stderr
    alone = tessera(
        "export-eval",
        str(second),
        str(tmp_path / "out-alone"),
        "--data-dir",
        str(tmp_path / "fresh"),
        data_dir=configured,
    )
    assert alone.returncode == 0, alone.stderr
    assert not configured.exists()  # nothing was left in the configured data directory
    assert _people(tmp_path / "out-second" / "entities.csv") == _people(
        tmp_path / "out-alone" / "entities.csv"
    )
