"""Small generated worlds, made once for the synth tests.

Chunks are shrunk to 1,000 people so that a 3,000-person world spans several chunks
(and worker processes): joining parts and numbering lines across chunks is tested.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from tessera.synth import SynthSummary, drop, generate
from tests.synth import rules

PEOPLE = 3000
SEED = 11


def small_world(out: Path, workers: int, **options: object) -> SynthSummary:
    """A world cut in chunks of 1,000 people (the drop's chunk size is an internal)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(drop, "CHUNK", 1000)
        return generate(out, workers=workers, **options)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> SynthSummary:
    out = tmp_path_factory.mktemp("world") / "drop"
    return small_world(out, 2, people=PEOPLE, seed=SEED)


@dataclass(frozen=True)
class Drop:
    """A generated drop read back: rows by key, and its answer key."""

    path: Path
    rows: dict[tuple[str, str], dict[str, object]]
    owner: dict[tuple[str, str], str]
    broken: dict[tuple[str, str], str]
    people: dict[str, dict[str, str]]
    findings: list[dict[str, str]]

    def of(self, person: str) -> list[tuple[str, str]]:
        return [k for k, p in self.owner.items() if p == person]


def truth(path: Path, name: str) -> list[dict[str, str]]:
    with (path / "truth" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_drop(path: Path) -> Drop:
    rows: dict[tuple[str, str], dict[str, object]] = {}
    for feed in rules.FEEDS:
        with rules.file_of(path, feed).open(encoding="utf-8", newline="") as handle:
            if feed in rules.JSON_FEEDS:
                for text in handle:
                    doc = json.loads(text)
                    rows[(feed, str(next(iter(doc.values()))))] = doc
            else:
                for row in csv.DictReader(handle):
                    rows[(feed, str(next(iter(row.values()))))] = dict(row)
    owner = {(r["feed"], r["record_id"]): r["person_id"] for r in truth(path, "links.csv")}
    broken = {(r["feed"], r["record_id"]): r["kind"] for r in truth(path, "broken_rows.csv")}
    people = {r["person_id"]: r for r in truth(path, "people.csv")}
    return Drop(path, rows, owner, broken, people, truth(path, "expected_findings.csv"))


@pytest.fixture(scope="session")
def read(world: SynthSummary) -> Drop:
    return read_drop(world.out_dir)
