"""Line numbers are the lines of the files as delivered, even when DuckDB reads in parallel."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tessera.feeds import ingest_drop, quarantined_rows
from tessera.feeds.lines import check_file
from tests.feeds.dropkit import ARRIVAL, write_drop


def test_line_numbers_hold_across_a_large_file(tmp_path: Path) -> None:
    header = ",".join(ARRIVAL)
    body = []
    for line in range(2, 300_002):
        values = dict(ARRIVAL, event_id=f"L{line}")
        if line % 9_973 == 0:
            values["event_date"] = "20211345"  # broken on purpose, at known lines
        body.append(",".join(values.values()))
    drop = write_drop(tmp_path / "drop", {"arrivals": header + "\n" + "\n".join(body) + "\n"})
    con = duckdb.connect(str(tmp_path / "ws.duckdb"))
    ingest_drop(con, drop, tmp_path / "scratch")
    wrong = con.execute(
        "SELECT count(*) FROM src_arrivals WHERE record_id <> 'L' || line"
    ).fetchone()
    assert wrong == (0,)
    broken = [r.line for r in quarantined_rows(con)]
    assert broken == [n for n in range(2, 300_002) if n % 9_973 == 0]


def test_blank_lines_and_crlf_keep_numbering(tmp_path: Path) -> None:
    header = ",".join(ARRIVAL)
    rows = [",".join(dict(ARRIVAL, event_id=f"L{n}").values()) for n in (2, 4, 5)]
    text = "\r\n".join([header, rows[0], "", rows[1], rows[2]]) + "\r\n"
    drop = write_drop(tmp_path / "drop", {"arrivals": text})
    con = duckdb.connect(str(tmp_path / "ws.duckdb"))
    load = ingest_drop(con, drop, tmp_path / "scratch").feeds[0]
    got = con.execute("SELECT record_id, line FROM src_arrivals ORDER BY line").fetchall()
    assert got == [("L2", 2), ("L4", 4), ("L5", 5)]
    assert (load.rows_read, load.rows_quarantined) == (3, 0)


def test_check_file_counts_lines_without_a_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(b"a,b\n1,2\n3,4")
    checked = check_file(path, tmp_path / "scratch")
    assert (checked.line_count, checked.problems, checked.path) == (3, [], path)
