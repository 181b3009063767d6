"""Re-runs are safe: same drop twice, a run killed half-way, a newer drop."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tessera.feeds import ingest_drop, quarantined_rows
from tests.feeds.dropkit import arrival, csv_text, write_drop

Snapshot = dict[str, list[tuple[object, ...]]]


def snapshot(path: Path) -> Snapshot:
    """Every workspace table's full content, in a canonical order."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [
            str(r[0])
            for r in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY 1"
            ).fetchall()
        ]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY ALL').fetchall() for t in tables}
    finally:
        con.close()


def ingest_once(drop: Path, workspace: Path) -> None:
    con = duckdb.connect(str(workspace))
    try:
        ingest_drop(con, drop, workspace.parent / "scratch")
    finally:
        con.close()


def test_ingesting_the_same_drop_twice_changes_nothing(sample_drop: Path, tmp_path: Path) -> None:
    workspace = tmp_path / "ws.duckdb"
    ingest_once(sample_drop, workspace)
    first = snapshot(workspace)
    ingest_once(sample_drop, workspace)
    assert snapshot(workspace) == first
    assert len(first["src_arrivals"]) == len({row[0] for row in first["src_arrivals"]})


INGEST = """
import sys, duckdb
from pathlib import Path
from tessera.feeds import ingest_drop
data = Path(sys.argv[2]); data.mkdir(parents=True, exist_ok=True)
con = duckdb.connect(str(data / "workspace.duckdb"))
ingest_drop(con, Path(sys.argv[1]), data / "scratch")
"""


def _cli(drop: Path, data_dir: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """Ingest in a separate process (that a test can kill)."""
    return subprocess.Popen(
        [sys.executable, "-c", INGEST, str(drop), str(data_dir)],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    "pause_at", ["before-commit:employment", "after-commit:benefits", "before-commit:arrivals"]
)
def test_a_run_killed_half_way_finishes_like_an_uninterrupted_one(
    sample_drop: Path, tmp_path: Path, pause_at: str
) -> None:
    clean_dir, killed_dir = tmp_path / "clean", tmp_path / "killed"
    assert _cli(sample_drop, clean_dir, {}).wait(timeout=300) == 0

    marker = tmp_path / "paused"
    proc = _cli(
        sample_drop, killed_dir, {"TESSERA_PAUSE_AT": pause_at, "TESSERA_PAUSE_MARKER": str(marker)}
    )
    deadline = time.monotonic() + 300
    while not marker.exists():
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline, "the run never reached the pause point"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL

    half = snapshot(killed_dir / "workspace.duckdb")
    clean = snapshot(clean_dir / "workspace.duckdb")
    assert half != clean  # really interrupted: some feed is missing or incomplete

    assert _cli(sample_drop, killed_dir, {}).wait(timeout=300) == 0
    assert snapshot(killed_dir / "workspace.duckdb") == clean


def test_a_newer_drop_updates_what_changed_and_keeps_the_rest(tmp_path: Path) -> None:
    first_rows = [arrival(event_id=f"E{i}", family_name=f"NAME{i}") for i in range(1, 6)]
    first = write_drop(tmp_path / "d1", {"arrivals": csv_text(first_rows)}, as_of="2026-01-31")
    second_rows = [dict(r) for r in first_rows[1:]]  # E1 no longer repeated
    second_rows[0]["family_name"] = "CORRECTED"  # E2 changed
    second_rows.append(arrival(event_id="E6"))  # new
    second = write_drop(tmp_path / "d2", {"arrivals": csv_text(second_rows)}, as_of="2026-02-28")

    con = duckdb.connect(str(tmp_path / "ws.duckdb"))
    ingest_drop(con, first, tmp_path / "scratch")
    load = ingest_drop(con, second, tmp_path / "scratch").feeds[0]
    assert (load.rows_new, load.rows_changed, load.rows_unchanged) == (1, 1, 3)
    rows = dict(con.execute("SELECT record_id, family_name FROM src_arrivals").fetchall())
    assert rows == {
        "E1": "NAME1",
        "E2": "CORRECTED",
        "E3": "NAME3",
        "E4": "NAME4",
        "E5": "NAME5",
        "E6": "KUZNETSOV",
    }
    assert con.execute("SELECT count(*) FROM src_arrivals").fetchone() == (6,)


def test_column_order_does_not_change_the_stored_rows(tmp_path: Path) -> None:
    rows = [arrival(event_id="E1"), arrival(event_id="E2", dob="000000")]
    shuffled = [dict(reversed(list(r.items()))) for r in rows]
    a = write_drop(tmp_path / "a", {"arrivals": csv_text(rows)})
    b = write_drop(tmp_path / "b", {"arrivals": csv_text(shuffled)})
    ingest_once(a, tmp_path / "a.duckdb")
    ingest_once(b, tmp_path / "b.duckdb")
    assert (
        snapshot(tmp_path / "a.duckdb")["src_arrivals"]
        == snapshot(tmp_path / "b.duckdb")["src_arrivals"]
    )


def test_undecodable_bytes_are_quarantined_and_line_numbers_hold(tmp_path: Path) -> None:
    text = csv_text([arrival(event_id=f"E{i}") for i in range(1, 5)]).encode()
    lines = text.split(b"\n")
    lines[2] = lines[2].replace(b"KUZNETSOV", b"KUZ\xffNETSOV")  # line 3 = E2
    drop = write_drop(tmp_path / "drop", {"arrivals": b"\n".join(lines)})
    con = duckdb.connect(str(tmp_path / "ws.duckdb"))
    load = ingest_drop(con, drop, tmp_path / "scratch").feeds[0]
    [bad] = quarantined_rows(con)
    assert (bad.line, bad.kind) == (3, "undecodable_bytes")
    assert "\\xff" in (bad.raw_text or "")
    assert (load.rows_read, load.rows_stored, load.rows_quarantined) == (4, 3, 1)
    got = con.execute("SELECT record_id, line FROM src_arrivals ORDER BY line").fetchall()
    assert got == [("E1", 2), ("E3", 4), ("E4", 5)]


def test_duplicate_record_ids_are_quarantined_not_merged(tmp_path: Path) -> None:
    rows = [arrival(event_id="E1"), arrival(event_id="E1", family_name="OTHER")]
    con = duckdb.connect(str(tmp_path / "ws.duckdb"))
    ingest_drop(con, write_drop(tmp_path / "d", {"arrivals": csv_text(rows)}), tmp_path / "s")
    [dup] = quarantined_rows(con)
    assert (dup.line, dup.kind) == (3, "duplicate_record_id")
    assert "line 2" in dup.reason
    assert con.execute("SELECT family_name FROM src_arrivals").fetchall() == [("KUZNETSOV",)]


def test_quarantine_csv_export_matches_sample_truth(sample_drop: Path, tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "ws.duckdb"))
    ingest_drop(con, sample_drop, tmp_path / "scratch")
    with (sample_drop / "truth" / "broken_rows.csv").open() as handle:
        truth = sorted((r["feed"], int(r["line"])) for r in csv.DictReader(handle))
    assert sorted((r.feed, r.line) for r in quarantined_rows(con)) == truth
