"""Write small feed drops for tests: exact rows, exact bytes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

FILES = {
    "arrivals": "arrivals.csv",
    "students": "students.jsonl",
    "registrations": "registrations.csv",
    "benefits": "benefits.csv",
    "court": "court.jsonl",
    "removals": "removals.csv",
    "custody": "custody.csv",
    "criminal_history": "criminal_history.jsonl",
    "wanted": "wanted.csv",
    "employment": "employment.csv",
    "lost_stolen": "lost_stolen.csv",
    "transfers": "transfers.csv",
    "calls": "calls.csv",
    "watchlist": "watchlist.csv",
}


def csv_text(rows: Sequence[Mapping[str, str]]) -> str:
    """RFC 4180 text with a header taken from the first row's keys (in their order)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def jsonl_text(rows: Sequence[Mapping[str, object]]) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


def write_drop(path: Path, contents: Mapping[str, str | bytes], as_of: str = "2026-06-30") -> Path:
    """A drop holding ``contents`` (feed name -> file text or bytes) and its manifest."""
    path.mkdir(parents=True, exist_ok=True)
    for feed, content in contents.items():
        target = path / FILES[feed]
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    manifest = {"as_of": as_of, "feeds": {f: FILES[f] for f in contents}, "seed": 0, "people": 0}
    (path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return path


ARRIVAL = {
    "event_id": "E1",
    "event_type": "ARRIVAL",
    "event_date": "20200115",
    "port": "JFK",
    "mode": "AIR",
    "family_name": "KUZNETSOV",
    "given_names": "IURII",
    "dob": "850312",
    "sex": "M",
    "nationality": "RUS",
    "passport_country": "RUS",
    "passport_number": "7512345 67",
    "fin": "FIN0123456789",
    "class_of_admission": "B2",
    "admit_until": "20200714",
    "i94_number": "12345678901",
}


def arrival(**changes: str) -> dict[str, str]:
    row = dict(ARRIVAL)
    row.update(changes)
    return row
