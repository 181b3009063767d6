"""The sample drop, end to end: every row accounted for, broken rows exactly quarantined."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb

from tessera.feeds import LAYOUTS, DropLoad, quarantined_rows


def _truth_rows(drop: Path, name: str) -> list[dict[str, str]]:
    with (drop / "truth" / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_quarantine_holds_exactly_the_broken_rows(
    sample_drop: Path, sample_workspace: tuple[duckdb.DuckDBPyConnection, DropLoad]
) -> None:
    con, _ = sample_workspace
    expected = {(r["feed"], int(r["line"])) for r in _truth_rows(sample_drop, "broken_rows.csv")}
    got = {(r.feed, r.line) for r in quarantined_rows(con)}
    assert got == expected


def test_quarantined_rows_keep_raw_text_and_a_reason(
    sample_drop: Path, sample_workspace: tuple[duckdb.DuckDBPyConnection, DropLoad]
) -> None:
    con, _ = sample_workspace
    kinds = {
        (r["feed"], int(r["line"])): r["kind"] for r in _truth_rows(sample_drop, "broken_rows.csv")
    }
    for row in quarantined_rows(con):
        assert row.reason and row.raw_text
        assert row.raw_text == _line_of(sample_drop, row.feed, row.line)
        assert row.kind == kinds[(row.feed, row.line)]


def _line_of(drop: Path, feed: str, line: int) -> str:
    files = json.loads((drop / "manifest.json").read_text())["feeds"]
    with (drop / files[feed]).open(encoding="utf-8", newline="") as handle:
        for number, text in enumerate(handle, start=1):
            if number == line:
                return text.rstrip("\r\n")
    raise AssertionError(f"{feed} has no line {line}")


def test_every_person_row_is_stored_or_quarantined(
    sample_drop: Path, sample_workspace: tuple[duckdb.DuckDBPyConnection, DropLoad]
) -> None:
    con, load = sample_workspace
    links = _truth_rows(sample_drop, "links.csv")
    broken = {(r["feed"], r["record_id"]) for r in _truth_rows(sample_drop, "broken_rows.csv")}
    for feed in {r["feed"] for r in links}:
        expected = {r["record_id"] for r in links if r["feed"] == feed} - {
            rid for f, rid in broken if f == feed
        }
        stored = {str(r[0]) for r in con.execute(f"SELECT record_id FROM src_{feed}").fetchall()}
        assert stored == expected, feed
    for feed_load in load.feeds:
        assert feed_load.rows_read == feed_load.rows_stored + feed_load.rows_quarantined


def test_all_fourteen_feeds_are_loaded(
    sample_workspace: tuple[duckdb.DuckDBPyConnection, DropLoad],
) -> None:
    _, load = sample_workspace
    assert [f.feed for f in load.feeds] == list(LAYOUTS)
    assert all(f.rows_stored > 0 for f in load.feeds)


def test_unknown_extra_columns_are_kept(
    sample_workspace: tuple[duckdb.DuckDBPyConnection, DropLoad],
) -> None:
    con, _ = sample_workspace
    carriers = con.execute(
        "SELECT count(*) FROM src_arrivals WHERE extras->>'carrier' IS NOT NULL"
    ).fetchone()
    assert carriers is not None and carriers[0] > 0


def test_nested_events_are_child_rows(
    sample_workspace: tuple[duckdb.DuckDBPyConnection, DropLoad],
) -> None:
    con, _ = sample_workspace
    orphans = con.execute(
        "SELECT count(*) FROM src_court__events e ANTI JOIN src_court c USING (record_id)"
    ).fetchone()
    finals = con.execute(
        "SELECT count(*) FROM src_court__events WHERE type = 'ORDER' AND detail IS NOT NULL"
    ).fetchone()
    assert orphans == (0,)
    assert finals is not None and finals[0] > 0
