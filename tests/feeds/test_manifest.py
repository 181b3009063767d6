"""The manifest: clear one-line errors, ignored files named, fingerprints stable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tessera.feeds import ManifestError, load_manifest
from tests.feeds.dropkit import arrival, csv_text, write_drop


def _drop(tmp_path: Path) -> Path:
    return write_drop(tmp_path / "drop", {"arrivals": csv_text([arrival()])})


def test_a_valid_manifest_names_its_feeds_and_ignored_files(tmp_path: Path) -> None:
    drop = _drop(tmp_path)
    (drop / "notes.txt").write_text("hello")
    manifest = load_manifest(drop)
    assert list(manifest.feeds) == ["arrivals"]
    assert manifest.ignored_files == ("notes.txt",)
    assert manifest.drop_id.startswith("2026-06-30-")
    assert load_manifest(drop).fingerprint == manifest.fingerprint


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m.update(as_of="30/06/2026"), "is not a YYYY-MM-DD date"),
        (lambda m: m.pop("as_of"), "'as_of' is missing"),
        (lambda m: m.update(feeds={"passports": "x.csv"}), "unknown feed 'passports'"),
        (lambda m: m.update(feeds={"arrivals": "missing.csv"}), "the file is missing"),
        (lambda m: m.update(feeds={}), "'feeds' is missing or empty"),
    ],
)
def test_manifest_problems_are_one_clear_line(tmp_path: Path, change: object, message: str) -> None:
    drop = _drop(tmp_path)
    data = json.loads((drop / "manifest.json").read_text())
    change(data)  # type: ignore[operator]
    (drop / "manifest.json").write_text(json.dumps(data))
    with pytest.raises(ManifestError) as info:
        load_manifest(drop)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_or_broken_manifest(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="not a directory"):
        load_manifest(tmp_path / "nowhere")
    tmp_path.joinpath("manifest.json").write_text("{oops")
    with pytest.raises(ManifestError, match="not valid JSON"):
        load_manifest(tmp_path)
