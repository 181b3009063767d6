"""A generated world resolved once, copies of its data directory for each test, and second
drops that add records to chosen people: what the identity service tests work on."""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from tessera.settings import Settings
from tests.feeds.dropkit import csv_text, write_drop


@dataclass(frozen=True)
class World:
    drop: Path
    data: Path

    def copy(self, to: Path) -> Settings:
        """A private copy of the resolved data directory, as settings."""
        shutil.copytree(self.data, to)
        return Settings(data_dir=to)


def registry(settings: Settings) -> dict[str, str]:
    """Record key -> person id, as the workspace holds it now."""
    con = duckdb.connect(str(settings.workspace_path), read_only=True)
    try:
        rows = con.execute("SELECT unique_id, person_id FROM person_registry").fetchall()
    finally:
        con.close()
    return {str(k): str(p) for k, p in rows}


def people(settings: Settings) -> dict[str, list[str]]:
    """Person id -> their record keys, sorted."""
    found: dict[str, list[str]] = {}
    for key, person in sorted(registry(settings).items()):
        found.setdefault(person, []).append(key)
    return found


def arrival_rows(drop: Path, record_ids: set[str]) -> list[dict[str, str]]:
    with (drop / "arrivals.csv").open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["event_id"] in record_ids]


def second_drop(path: Path, first: Path, copies: dict[str, str]) -> Path:
    """A later drop of arrivals only: for each ``old event id -> new event id``, the
    first drop's row again under the new id (the same traveller, another trip), and one
    traveller nobody has seen."""
    rows = []
    for row in arrival_rows(first, set(copies)):
        rows.append({**row, "event_id": copies[row["event_id"]], "event_date": "20260801"})
    stranger = {**rows[0], "event_id": "99900000001", "family_name": "QUIRINALE"}
    stranger.update(given_names="OTTAVIANO", dob="770707", passport_number="ZZ0000001", fin="")
    rows.append(stranger)
    return write_drop(path, {"arrivals": csv_text(rows)}, as_of="2026-09-30")
